import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The server closes idle connections, also one whose request body stalls.
@Suite("HTTP hygiene", .serialized)
struct HTTPHygieneTests {
    /// A raw TCP connection to the app.
    static func connect(_ port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// Reads until the server closes the connection (or 10 s pass); returns what arrived and how long it took.
    static func readUntilClosed(_ fd: Int32) -> (text: String, after: Duration) {
        let started = ContinuousClock.now
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return (String(decoding: bytes, as: UTF8.self), ContinuousClock.now - started)
    }

    @Test func anIdleConnectionIsClosed() async throws {
        try await LocalStack.run(mode: .webhook, environment: ["ZAPIS_HTTP_IDLE_TIMEOUT": "1"]) { stack in
            let fd = try Self.connect(stack.appPort)
            defer { close(fd) }
            let (text, after) = Self.readUntilClosed(fd)
            #expect(text.isEmpty)
            #expect(after < .seconds(5), "closed after \(after)")
        }
    }

    /// Hummingbird's idle timer keeps running while a request's body is being read: a client that stops sending
    /// mid-body loses its connection after the idle timeout too.
    @Test func aStalledBodyLosesItsConnection() async throws {
        try await LocalStack.run(mode: .webhook, environment: ["ZAPIS_HTTP_IDLE_TIMEOUT": "1"]) { stack in
            let fd = try Self.connect(stack.appPort)
            defer { close(fd) }
            let head =
                "POST /telegram/\(LocalStack.tenantA) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n{\"upd"
            _ = head.withCString { send(fd, $0, strlen($0), 0) }
            let (_, after) = Self.readUntilClosed(fd)
            #expect(after < .seconds(5), "closed after \(after)")
        }
    }
}
