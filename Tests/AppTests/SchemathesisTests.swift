import App
import Foundation
import Testing

/// schemathesis (from PyPI) against the served OpenAPI document of a running service: it generates valid and invalid
/// requests for every operation and checks that none is answered 5xx and that every answer matches the document
/// (status, content type, headers, body schema). scripts/test installs it; under `CI=true` a missing tool fails.
@Suite("Operator API fuzzing")
struct SchemathesisTests {
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/schemathesis" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
    static let required = ProcessInfo.processInfo.environment["CI"] == "true"

    @Test(.enabled(if: executable != nil || required, "schemathesis is not installed: pip install schemathesis (scripts/test does)"))
    func noServerErrorAndNoResponseOutsideTheDocument() async throws {
        let executable = try #require(Self.executable, "schemathesis is required under CI=true (pip install schemathesis)")
        try await LocalStack.run(mode: .webhook) { stack in
            let secret = try await OperatorCredentials.create(
                name: "fuzz", actor: "cli:test", store: stack.dependencies.operatorTokens, now: Date())
            // ZAPIS_SCHEMATHESIS_REPORT keeps schemathesis's output there (it goes with the run's temporary folder otherwise).
            let report =
                ProcessInfo.processInfo.environment["ZAPIS_SCHEMATHESIS_REPORT"].map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("schemathesis-\(UUID().uuidString).txt")
            // Path ids are mostly the stack's tenants, so operations get past their 404s and change real tenants.
            let config = FileManager.default.temporaryDirectory.appendingPathComponent("schemathesis-\(UUID().uuidString).toml")
            try """
            [dictionaries.tenants]
            values = ["\(LocalStack.tenantB.rawValue)", "\(LocalStack.tenantA.rawValue)"]

            [parameters]
            "path.id" = { dictionary = "tenants", probability = 0.7 }
            """.write(to: config, atomically: true, encoding: .utf8)
            let (status, output) = try await Self.run(
                executable,
                [
                    "--config-file", config.path, "run", "http://127.0.0.1:\(stack.appPort)/api/v1/openapi.json", "--header",
                    "Authorization: Bearer \(secret)",
                    "--checks",
                    "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance",
                    "--max-examples", "6", "--seed", "19", "--workers", "1", "--rate-limit", "40/s", "--request-timeout", "10", "--max-time", "20",
                    "--no-color",
                ], output: report, timeout: .seconds(150))
            #expect(status == 0, "schemathesis found problems:\n\(output.suffix(6_000))")
        }
    }

    /// Runs a program to its end (or kills it after `timeout`); returns its exit status and what it printed.
    static func run(_ executable: String, _ arguments: [String], output: URL, timeout: Duration) async throws -> (Int32, String) {
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let (ended, endedSink) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { endedSink.yield($0.terminationStatus) }
        try process.run()
        let status = await withTaskGroup(of: Int32?.self) { group in
            group.addTask { await ended.first { _ in true } }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if status == nil { process.terminate() }
        let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return (status ?? -1, status == nil ? "timed out after \(timeout)\n" + printed : printed)
    }
}
