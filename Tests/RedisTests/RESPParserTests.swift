import NIOCore
import Testing

@testable import Redis

@Suite("RESP parser", .timeLimit(.minutes(2)))
struct RESPParserTests {
    /// Feeds `wire` one byte at a time and in one piece; both must give `expected`.
    private func parse(_ wire: String, chunk: Int = 1) throws -> [RESPValue] {
        var parser = RESPParser()
        var buffer = ByteBuffer()
        var values: [RESPValue] = []
        let bytes = Array(wire.utf8)
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            buffer.writeBytes(bytes[start..<min(start + chunk, bytes.count)])
            while let value = try parser.next(&buffer) { values.append(value) }
        }
        #expect(buffer.readableBytes == 0)
        return values
    }

    @Test(arguments: [1, 3, 1000])
    func resp2Types(chunk: Int) throws {
        let wire = "+OK\r\n-ERR bad thing\r\n:-42\r\n$5\r\na\r\nbc\r\n$0\r\n\r\n$-1\r\n*-1\r\n*0\r\n*2\r\n*1\r\n:1\r\n$1\r\nx\r\n"
        #expect(
            try parse(wire, chunk: chunk) == [
                .simpleString("OK"), .error(RedisServerError("ERR bad thing")), .integer(-42), .bulkString(Array("a\r\nbc".utf8)),
                .bulkString([]), .null, .null, .array([]), .array([.array([.integer(1)]), .bulkString([UInt8(ascii: "x")])]),
            ])
    }

    @Test(arguments: [1, 7, 1000])
    func resp3Types(chunk: Int) throws {
        let wire =
            "_\r\n,3.25\r\n,inf\r\n,-inf\r\n#t\r\n#f\r\n(3492890328409238509324850943850943825024385\r\n"
            + "!21\r\nSYNTAX invalid syntax\r\n=15\r\ntxt:Some string\r\n%2\r\n+a\r\n:1\r\n+b\r\n~1\r\n:2\r\n~0\r\n"
            + ">3\r\n+invalidate\r\n*1\r\n$3\r\nkey\r\n:1\r\n|1\r\n+ttl\r\n:3600\r\n+after-attribute\r\n"
        let values = try parse(wire, chunk: chunk)
        #expect(
            values == [
                .null, .double(3.25), .double(.infinity), .double(-.infinity), .boolean(true), .boolean(false),
                .bigNumber("3492890328409238509324850943850943825024385"), .error(RedisServerError("SYNTAX invalid syntax")),
                .verbatimString(format: "txt", text: "Some string"),
                .map([
                    RESPMapEntry(key: .simpleString("a"), value: .integer(1)),
                    RESPMapEntry(key: .simpleString("b"), value: .set([.integer(2)])),
                ]),
                .set([]), .push([.simpleString("invalidate"), .array([.bulkString(Array("key".utf8))]), .integer(1)]),
                .simpleString("after-attribute"),
            ])
        let nan = try parse(",nan\r\n")
        if case .double(let value) = nan.first { #expect(value.isNaN) } else { Issue.record("expected a double, got \(nan)") }
    }

    @Test func bigNestedArrayArrivesInPieces() throws {
        var wire = "*10000\r\n"
        for index in 0..<10_000 { wire += index.isMultiple(of: 2) ? ":\(index)\r\n" : "*1\r\n$\(String(index).count)\r\n\(index)\r\n" }
        let values = try parse(wire, chunk: 4096)
        let elements = try #require(values.first?.array)
        #expect(elements.count == 10_000)
        #expect(elements[9_998] == .integer(9_998))
        #expect(elements[9_999] == .array([.bulkString(Array("9999".utf8))]))
    }

    @Test(arguments: ["?x\r\n", ":12a\r\n", "$3\r\nabcd\r\n", "#x\r\n", "*-2\r\n", "+OK\rX"])
    func malformedInputIsAProtocolError(wire: String) {
        #expect {
            _ = try parse(wire, chunk: 1000)
        } throws: { error in
            if case RedisError.protocolError = error { return true }
            return false
        }
    }

    @Test func serverErrorCodes() {
        #expect(RedisServerError("NOSCRIPT No matching script").code == "NOSCRIPT")
        #expect(RedisServerError("MOVED 3999 127.0.0.1:6381").code == "MOVED")
        #expect(RedisServerError("unknown failure").code == "ERR")
    }

    @Test func commandEncoding() {
        var buffer = ByteBuffer()
        RedisCommand("SET", ["k", .bytes([0, 13, 10])]).encode(into: &buffer)
        #expect(buffer.readString(length: buffer.readableBytes) == "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\n\0\r\n\r\n")
    }
}
