import NIOCore

/// Parses RESP2 and RESP3 replies incrementally: bytes may arrive in any split, and aggregates are built as
/// their elements complete, so a big array is read once, not re-parsed on every read.
struct RESPParser {
    private enum Aggregate { case array, set, map, push, attribute }

    private struct Frame {
        var kind: Aggregate
        var remaining: Int
        var elements: [RESPValue]
    }

    private enum Element {
        case value(RESPValue)
        case open(Aggregate, count: Int)
    }

    /// Longest accepted bulk string (Redis' own `proto-max-bulk-len` default).
    var maxBulkLength = 512 * 1024 * 1024
    /// Longest accepted line (simple string, error, number) before giving up on a malformed stream.
    var maxLineLength = 1024 * 1024
    /// Deepest accepted nesting of aggregates.
    var maxDepth = 128

    private var stack: [Frame] = []

    /// Returns the next complete reply, consuming its bytes, or nil when more bytes are needed.
    mutating func next(_ buffer: inout ByteBuffer) throws(RedisError) -> RESPValue? {
        while true {
            guard let element = try element(&buffer) else { return nil }
            var completed: RESPValue?
            switch element {
            case .value(let value):
                completed = value
            case .open(let kind, let count):
                if count == 0 {
                    completed = Self.finish(kind, [])
                } else {
                    guard stack.count < maxDepth else { throw .protocolError("aggregates nested deeper than \(maxDepth)") }
                    let slots = kind == .map || kind == .attribute ? count * 2 : count
                    var elements: [RESPValue] = []
                    elements.reserveCapacity(min(slots, 4096))
                    stack.append(Frame(kind: kind, remaining: slots, elements: elements))
                }
            }
            while let value = completed {
                guard !stack.isEmpty else { return value }
                let top = stack.count - 1
                stack[top].elements.append(value)
                stack[top].remaining -= 1
                guard stack[top].remaining == 0 else { break }
                let frame = stack.removeLast()
                completed = Self.finish(frame.kind, frame.elements)
            }
        }
    }

    /// Builds an aggregate; attributes are dropped (nil), the value that follows them is the reply.
    private static func finish(_ kind: Aggregate, _ elements: [RESPValue]) -> RESPValue? {
        switch kind {
        case .array: return .array(elements)
        case .set: return .set(elements)
        case .push: return .push(elements)
        case .attribute: return nil
        case .map:
            return .map(stride(from: 0, to: elements.count, by: 2).map { RESPMapEntry(key: elements[$0], value: elements[$0 + 1]) })
        }
    }

    /// Reads one scalar or aggregate header; nil (nothing consumed) when it is not complete yet.
    private func element(_ buffer: inout ByteBuffer) throws(RedisError) -> Element? {
        guard let marker = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return nil }
        guard let (line, afterLine) = try self.line(buffer) else { return nil }
        func consume(_ result: Element, upTo index: Int) -> Element {
            buffer.moveReaderIndex(to: index)
            return result
        }
        switch marker {
        case UInt8(ascii: "+"): return consume(.value(.simpleString(line)), upTo: afterLine)
        case UInt8(ascii: "-"): return consume(.value(.error(RedisServerError(line))), upTo: afterLine)
        case UInt8(ascii: ":"): return consume(.value(.integer(try Self.integer(line))), upTo: afterLine)
        case UInt8(ascii: "_"): return consume(.value(.null), upTo: afterLine)
        case UInt8(ascii: "("): return consume(.value(.bigNumber(line)), upTo: afterLine)
        case UInt8(ascii: "#"):
            guard line == "t" || line == "f" else { throw .protocolError("bad boolean \(line)") }
            return consume(.value(.boolean(line == "t")), upTo: afterLine)
        case UInt8(ascii: ","):
            guard let double = Double(line) else { throw .protocolError("bad double \(line)") }
            return consume(.value(.double(double)), upTo: afterLine)
        case UInt8(ascii: "$"), UInt8(ascii: "!"), UInt8(ascii: "="):
            let length = try Self.integer(line)
            if length == -1, marker == UInt8(ascii: "$") { return consume(.value(.null), upTo: afterLine) }
            guard length >= 0, length <= maxBulkLength else { throw .protocolError("bad bulk length \(line)") }
            let count = Int(length)
            guard buffer.writerIndex - afterLine >= count + 2 else { return nil }
            guard buffer.getInteger(at: afterLine + count, as: UInt16.self) == 0x0D0A else {
                throw .protocolError("bulk string not terminated by CRLF")
            }
            let bytes = buffer.getBytes(at: afterLine, length: count) ?? []
            let value: RESPValue
            switch marker {
            case UInt8(ascii: "!"): value = .error(RedisServerError(String(decoding: bytes, as: UTF8.self)))
            case UInt8(ascii: "="):
                guard bytes.count >= 4, bytes[3] == UInt8(ascii: ":") else { throw .protocolError("bad verbatim string") }
                value = .verbatimString(
                    format: String(decoding: bytes[0..<3], as: UTF8.self), text: String(decoding: bytes[4...], as: UTF8.self))
            default: value = .bulkString(bytes)
            }
            return consume(.value(value), upTo: afterLine + count + 2)
        case UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: "%"), UInt8(ascii: ">"), UInt8(ascii: "|"):
            let count = try Self.integer(line)
            if count == -1, marker == UInt8(ascii: "*") { return consume(.value(.null), upTo: afterLine) }
            guard count >= 0, count <= Int64(Int32.max) else { throw .protocolError("bad aggregate length \(line)") }
            let kind: Aggregate =
                switch marker {
                case UInt8(ascii: "~"): .set
                case UInt8(ascii: "%"): .map
                case UInt8(ascii: ">"): .push
                case UInt8(ascii: "|"): .attribute
                default: .array
                }
            return consume(.open(kind, count: Int(count)), upTo: afterLine)
        default:
            throw .protocolError("unknown type byte \(marker)")
        }
    }

    /// The text after the type byte up to CRLF, and the index after the CRLF; nil when no CRLF has arrived.
    private func line(_ buffer: ByteBuffer) throws(RedisError) -> (String, Int)? {
        let start = buffer.readerIndex + 1
        let view = buffer.readableBytesView.dropFirst()
        guard let cr = view.firstIndex(of: 0x0D) else {
            if view.count > maxLineLength { throw .protocolError("line longer than \(maxLineLength) bytes") }
            return nil
        }
        let offset = cr - view.startIndex
        guard let lf = buffer.getInteger(at: start + offset + 1, as: UInt8.self) else { return nil }
        guard lf == 0x0A else { throw .protocolError("CR not followed by LF") }
        return (buffer.getString(at: start, length: offset) ?? "", start + offset + 2)
    }

    private static func integer(_ text: String) throws(RedisError) -> Int64 {
        guard let value = Int64(text) else { throw .protocolError("bad integer \(text)") }
        return value
    }
}
