import AsyncHTTPClient
import Foundation
import Logging
import Payments
import YooKassaSandbox

/// Runs a YooKassa sandbox for the duration of `body`.
func withYooKassaSandbox<T: Sendable>(_ body: @Sendable (YooKassaSandbox) async throws -> T) async throws -> T {
    var logger = Logger(label: "yookassa-sandbox")
    // Cancelling the server at the end logs a harmless error.
    logger.logLevel = .critical
    let sandbox = YooKassaSandbox(logger: logger)
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            try await sandbox.run()
            return nil
        }
        defer { group.cancelAll() }
        try await sandbox.waitUntilRunning()
        return try await body(sandbox)
    }
}

extension YooKassaSandbox {
    /// A client of this sandbox with quick retries.
    func client(secretKey: String? = nil) -> YooKassaClient {
        YooKassaClient(httpClient: .shared, baseURL: apiURL, shopID: shopID, secretKey: secretKey ?? self.secretKey, backoff: .milliseconds(20))
    }
}
