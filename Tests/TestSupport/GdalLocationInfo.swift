import Foundation

/// Runs `gdallocationinfo -valonly -geoloc` on many points at once (coordinates fed on stdin,
/// one "x y" line each, in the raster's CRS) and returns one output line per point: the value
/// as GDAL prints it ("%.15g"), or "" when the point is off the raster.
public enum GdalLocationInfo {
    public static func values(file: String, xs: [Double], ys: [Double], band: Int = 1) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try TestSupport.which("gdallocationinfo"))
        p.arguments = ["-valonly", "-geoloc", "-b", String(band), file]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Shortest round-trip decimal: CPLAtof reads back the identical double.
        let text = zip(xs, ys).map { "\($0) \($1)\n" }.joined()
        let writer = Thread { input.fileHandleForWriting.write(Data(text.utf8)); try? input.fileHandleForWriting.close() }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
