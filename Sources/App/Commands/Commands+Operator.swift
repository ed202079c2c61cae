import BookingCore
import Foundation

/// `zapis operator token create|revoke|list`: the operator API's bearer tokens.
extension Commands {
    /// `operator token create NAME`: the lines to print, the secret among them (shown this once only).
    public static func createOperatorToken(_ name: String, configuration: AppConfiguration) async throws -> [String] {
        try await LiveDependencies.withRunning(configuration, logger: LiveDependencies.logger(configuration)) { dependencies in
            let secret = try await OperatorCredentials.create(
                name: name, actor: cliActor(), store: dependencies.operatorTokens, now: dependencies.now())
            return [
                secret,
                "# token \(name) created; it is shown only now (only its SHA-256 is stored). Call the API with:",
                "#   curl -H 'Authorization: Bearer <token>' http://<host>:<port>/api/v1/tenants",
            ]
        }
    }

    /// `operator token revoke NAME`.
    public static func revokeOperatorToken(_ name: String, configuration: AppConfiguration) async throws -> String {
        try await LiveDependencies.withRunning(configuration, logger: LiveDependencies.logger(configuration)) { dependencies in
            try await OperatorCredentials.revoke(name: name, actor: cliActor(), store: dependencies.operatorTokens, now: dependencies.now())
            return "token \(name) revoked; the API refuses it from now on"
        }
    }

    /// `operator token list`: name, created, revoked (never a secret or a hash).
    public static func listOperatorTokens(configuration: AppConfiguration) async throws -> [String] {
        try await LiveDependencies.withRunning(configuration, logger: LiveDependencies.logger(configuration)) { dependencies in
            try await dependencies.operatorTokens.operatorTokens().map { token in
                "\(token.name)\tcreated \(token.createdAt)\t" + (token.revokedAt.map { "revoked \($0)" } ?? "valid")
            }
        }
    }
}
