import Foundation
import GeoSupport

/// The parameters of one job (its varying parameters merged with the batch's fixed inputs).
public typealias JobParameters = [String: ParameterValue]

/// JSON coding of the store's text columns: sorted keys, non-finite numbers as "nan"/"inf"/"-inf".
enum StoreJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                nan: "nan")
        return String(decoding: try e.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                  nan: "nan")
        return try d.decode(type, from: Data(text.utf8))
    }
}
