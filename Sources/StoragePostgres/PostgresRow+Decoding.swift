import Foundation
import PostgresNIO
import Storage

extension PostgresRandomAccessRow {
    /// The named column decoded as `T`; a missing column is `StorageError.corrupt`, never a crash.
    func get<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard contains(name) else { throw StorageError.corrupt("missing column \(name)") }
        return try self[name].decode(T.self)
    }

    /// A JSON (jsonb) column decoded with Foundation's decoder, as the other backends store it.
    func json<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(try get(name, as: String.self).utf8))
    }
}

extension PostgresRow {
    /// The first column decoded as `T`.
    func first<T: PostgresDecodable>(as type: T.Type) throws -> T {
        try makeRandomAccess()[0].decode(T.self)
    }
}

/// JSON text of a value, for a `$n::jsonb` bind (sorted keys, like the SQLite backend).
func jsonText(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
