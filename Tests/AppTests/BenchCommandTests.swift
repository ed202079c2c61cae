import Foundation
import Testing

/// A short `zapis bench` through the built executable, so the load benchmark keeps working.
@Suite("zapis bench smoke", .serialized)
struct BenchCommandTests {
    @Test(arguments: ["webhook", "polling"])
    func shortBenchPasses(mode: String) async throws {
        let process = Process()
        process.executableURL = try DemoCommandTests.binary()
        process.arguments = [
            "bench", "--tenants", "20", "--customers", "40", "--duration", "6", "--warmup", "1", "--mode", mode,
        ]
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
        // Customers booked something and the server answered within the run.
        let booked = text.split(separator: "\n").first { $0.hasPrefix("bookings: ") }
        #expect(booked.map { !$0.hasPrefix("bookings: 0 ") } == true, "\(text)")
    }
}
