import AsyncHTTPClient
import Foundation
import Testing

/// `zapis serve` as an operator runs it with `ZAPIS_LOG_FORMAT=json`: every line it logs is one JSON object, and the
/// same process serves `/metrics`.
@Suite("Serve with JSON logs", .serialized)
struct ServeJSONLogTests {
    @Test func everyLogLineOfServeIsJSON() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zapis-jsonlog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("serve.log").path
        let port = try ServeProcess.freePort()
        let server = ServeProcess(
            environment: [
                "ZAPIS_LOG_FORMAT": "json", "ZAPIS_DATABASE_URL": directory.appendingPathComponent("zapis.sqlite").path,
                "ZAPIS_TELEGRAM_API_URL": "http://127.0.0.1:9",
                "ZAPIS_INFLIGHT_JOURNAL": directory.appendingPathComponent("j.inflight").path,
            ], port: port, logFile: log)
        try server.start()
        defer { server.kill() }
        try await server.waitUntilReady()
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/metrics"), timeout: .seconds(5))
        let metrics = try PrometheusText(String(buffer: try await response.body.collect(upTo: 1 << 20)))
        #expect(metrics.types["zapis_updates_total"] == "counter")
        server.kill()

        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(!lines.isEmpty)
        var messages: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
            #expect(Set(object.keys) == ["timestamp", "level", "label", "message", "metadata", "source"], "\(line)")
            messages.append(object["message"] as? String ?? "")
        }
        #expect(messages.contains("serving"))
    }
}
