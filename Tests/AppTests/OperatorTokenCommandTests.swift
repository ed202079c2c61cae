import App
import BookingCore
import Foundation
import Testing

/// `zapis operator token create|list|revoke` (the functions the commands call, in this process, so no more children
/// race the crash tests' `zapis serve`) against `zapis serve` as a child process, on SQLite and PostgreSQL: the
/// printed token calls the API, the audit names it, and a revoked one is refused at once.
@Suite("Operator token command")
struct OperatorTokenCommandTests {
    @Test(arguments: ProcessStack.Database.available)
    func aCreatedTokenCallsTheAPIUntilRevoked(database: ProcessStack.Database) async throws {
        try await ProcessStack.run(database, tenants: 1) { stack in
            let configuration = stack.configuration
            let printed = try await Commands.createOperatorToken("ci", configuration: configuration)
            let secret = try #require(printed.first)
            #expect(secret.hasPrefix("zop_") && secret.count > 40)
            await #expect(throws: OperatorCredentials.Failure.duplicate("ci")) {
                try await Commands.createOperatorToken("ci", configuration: configuration)
            }
            await #expect(throws: OperatorCredentials.Failure.invalidName("bad name")) {
                try await Commands.createOperatorToken("bad name", configuration: configuration)
            }

            let server = try stack.server()
            try server.start()
            defer { server.kill() }
            try await server.waitUntilReady()
            let api = OperatorAPIClient(port: server.port, bearer: secret)
            let list = try await api.get("/tenants")
            #expect(list.status == 200 && list.json["total"] as? Int == 1)
            let edited = try await api.patch("/tenants/crash_000", #"{"contact": "+7 900 000-00-00"}"#)
            #expect(edited.status == 200)
            let entry = try await stack.withDatabase {
                try await $0.stores.tenants.operatorAudit(tenant: TenantID("crash_000"), limit: 1).first
            }
            #expect(entry?.actor == "api:ci" && entry?.action == "tenant.edit")

            let lines = try await Commands.listOperatorTokens(configuration: configuration)
            #expect(lines.count == 1 && lines[0].hasPrefix("ci\t") && lines[0].hasSuffix("valid") && !lines[0].contains(secret))
            _ = try await Commands.revokeOperatorToken("ci", configuration: configuration)
            #expect(try await api.get("/tenants").isProblem(401))
            await #expect(throws: OperatorCredentials.Failure.unknown("ci")) {
                try await Commands.revokeOperatorToken("ci", configuration: configuration)
            }
            #expect(try await Commands.listOperatorTokens(configuration: configuration).first?.contains("revoked") == true)
        }
    }
}
