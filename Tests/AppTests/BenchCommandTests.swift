import Foundation
import Testing

/// A short `zapis bench` through the built executable, so the load benchmark keeps working.
@Suite("zapis bench smoke", .serialized)
struct BenchCommandTests {
    /// SQLite in both modes; PostgreSQL (webhook) when a test server is configured, as under CI.
    static var runs: [(String, ProcessStack.Database)] {
        [("webhook", .sqlite), ("polling", .sqlite)] + (ProcessStack.Database.available.contains(.postgres) ? [("webhook", .postgres)] : [])
    }

    @Test(arguments: runs)
    func shortBenchPasses(mode: String, database: ProcessStack.Database) async throws {
        let process = Process()
        process.executableURL = try DemoCommandTests.binary()
        process.arguments = [
            "bench", "--tenants", "20", "--customers", "20", "--duration", "6", "--warmup", "1", "--mode", mode,
        ]
        if database == .postgres {
            // The bench creates and drops its own database on this server.
            process.arguments! += ["--postgres-url", try #require(ProcessInfo.processInfo.environment["ZAPIS_TEST_POSTGRES_URL"])]
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = try output.fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("bench: PASS"), "\(text)")
        #expect(text.contains("double bookings: 0"), "\(text)")
        #expect(text.contains("lost updates: 0 "), "\(text)")
        #expect(text.contains("database settled in"), "\(text)")
        // Customers booked something and the server answered within the run.
        let booked = text.split(separator: "\n").first { $0.hasPrefix("bookings: ") }
        #expect(booked.map { !$0.hasPrefix("bookings: 0 ") } == true, "\(text)")
    }
}
