import Foundation

/// Failures of a store that are not domain rules.
public enum StorageError: Error, Hashable, Sendable {
    /// A row with this key exists already.
    case duplicate(String)
    /// The row does not exist.
    case notFound(String)
    /// Stored data could not be read back.
    case corrupt(String)
}
