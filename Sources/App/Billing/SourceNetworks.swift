import Foundation
import NIOCore

/// A list of networks (CIDRs or single addresses, IPv4 and IPv6) an address is checked against.
struct SourceNetworks: Sendable {
    private struct Network: Sendable {
        let bytes: [UInt8]
        let prefix: Int
    }

    private let networks: [Network]

    /// Parses `entries`; an entry that is not an address or a CIDR is skipped and returned in `rejected`.
    init(_ entries: [String]) {
        var parsed: [Network] = []
        for entry in entries {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = Self.bytes(of: parts[0]) else { continue }
            let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...(bytes.count * 8)).contains(prefix) else { continue }
            parsed.append(Network(bytes: bytes, prefix: prefix))
        }
        networks = parsed
    }

    /// Whether `address` (text) lies in one of the networks.
    func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return networks.contains { network in
            guard network.bytes.count == bytes.count else { return false }
            var remaining = network.prefix
            for index in 0..<bytes.count where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if bytes[index] & mask != network.bytes[index] & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    /// The 4 or 16 bytes of an IPv4 or IPv6 address (an IPv4-mapped IPv6 address as IPv4); nil when it is neither.
    static func bytes(of text: String) -> [UInt8]? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 64 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, trimmed, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, trimmed, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return Array(bytes[12..<16]) }
        return bytes
    }

    /// The address a notification came from: the connection's peer, or, when that peer is a trusted proxy, the last
    /// hop of its `X-Forwarded-For` (the address that proxy saw; earlier hops are the sender's own claims).
    static func source(peer: SocketAddress?, forwardedFor: String?, trustedProxies: SourceNetworks) -> String {
        let peerText = peer?.ipAddress ?? ""
        guard trustedProxies.contains(peerText), let forwardedFor,
            let last = forwardedFor.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        else { return peerText }
        return String(last.prefix(64))
    }
}
