import GDALShim

/// Calls `body` with a GDAL string list (`char**`, NULL-terminated, CSL-owned) built from `strings`.
func withCStringList<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> R) rethrows -> R {
    var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
    for s in strings { list = CSLAddString(list, s) }
    defer { CSLDestroy(list) }
    return try body(list)
}

/// Converts "KEY=VALUE" options given as a dictionary into GDAL's list form (sorted, deterministic).
func keyValueList(_ options: [String: String]) -> [String] {
    options.keys.sorted().map { "\($0)=\(options[$0]!)" }
}

/// Reads a GDAL string list (`char**`) into Swift strings.
func stringsFromCStringList(_ list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> [String] {
    guard let list else { return [] }
    var out: [String] = []
    var i = 0
    while let p = list[i] { out.append(String(cString: p)); i += 1 }
    return out
}

/// Splits "KEY=VALUE" strings into a dictionary (entries without "=" map to "").
func keyValueDictionary(_ items: [String]) -> [String: String] {
    var d: [String: String] = [:]
    for item in items {
        if let eq = item.firstIndex(of: "=") {
            d[String(item[..<eq])] = String(item[item.index(after: eq)...])
        } else {
            d[item] = ""
        }
    }
    return d
}

/// The `const char* const*` view of a GDAL string list, as some GDAL functions take it.
func constList(_ list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> UnsafePointer<UnsafePointer<CChar>?>? {
    list.map { UnsafePointer(OpaquePointer($0)) }
}
