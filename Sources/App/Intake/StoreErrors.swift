import Foundation
import PostgresNIO
import SQLiteNIO
import StoragePostgres

/// Tells failures that go away by themselves from those that will fail again the same way.
enum StoreErrors {
    /// True for a database that is unreachable, restarting, busy or out of space, and for cancellation: retried
    /// without limit. Anything else (a value the database refuses, a decoding error, a bug) fails the same way
    /// again, so it is capped and dead-lettered.
    static func isTransient(_ error: any Error) -> Bool {
        if error is CancellationError || error is PostgresConnectionClosed { return true }
        if let error = error as? PSQLError {
            if let state = error.serverInfo?[.sqlState] {
                // 08 connection, 40 serialization/deadlock, 53 resources, 57 operator intervention (shutdown), 58 system.
                return ["08", "40", "53", "57", "58"].contains(String(state.prefix(2)))
            }
            // No server answer: only a lost or closing connection is worth retrying; a decoding failure, a bad
            // command tag or too many parameters fail the same way again.
            let transientCodes: [PSQLError.Code] = [
                .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .queryCancelled, .poolClosed,
            ]
            return transientCodes.contains(error.code)
        }
        if let error = error as? SQLiteError {
            // Extended codes share their primary's prefix (busyTimeout, ioErrorFailedWrite, readonlyCantLock, …).
            let reason = "\(error.reason)"
            return ["busy", "locked", "ioError", "full", "cantOpen", "interrupt", "noMemory", "readonly"].contains { reason.hasPrefix($0) }
        }
        return false
    }
}
