import Foundation
import Logging
import SQLiteNIO

/// Reads the original's older layout: one SQLite file per bot, opened read-only in spirit (only SELECTs run).
public enum OriginalSQLiteReader {
    /// Reads every known table of the file at `path`.
    public static func read(path: String, logger: Logger = Logger(label: "zapis.import")) async throws -> OriginalTenantData {
        guard FileManager.default.fileExists(atPath: path) else { throw OriginalReadError.notAnOriginalBot(path) }
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            let present = Set(
                try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table'", []).compactMap {
                    $0.column("name")?.string
                })
            guard present.contains("bookings") else { throw OriginalReadError.notAnOriginalBot(path) }
            var tables: [String: [OriginalRow]] = [:]
            // Table names come from our constant list, never from the file.
            for table in OriginalTables.sqlite where present.contains(table) {
                tables[table] = try await connection.query("SELECT * FROM \"\(table)\"", []).map(row)
            }
            try await connection.close()
            return OriginalTenantData(source: "sqlite:\((path as NSString).lastPathComponent)", layout: .sqlite, tables: tables)
        } catch {
            try? await connection.close()
            throw error
        }
    }

    static func row(_ row: SQLiteRow) -> OriginalRow {
        var values: OriginalRow = [:]
        for column in row.columns {
            switch column.data {
            case .integer(let value): values[column.name] = String(value)
            case .float(let value): values[column.name] = String(value)
            case .text(let value): values[column.name] = value
            case .blob(let buffer): values[column.name] = String(decoding: buffer.readableBytesView, as: UTF8.self)
            case .null: break
            }
        }
        return values
    }
}
