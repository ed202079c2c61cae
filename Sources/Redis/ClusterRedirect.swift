/// A cluster redirect carried by an error reply.
enum ClusterRedirect: Hashable {
    /// `MOVED slot host:port`: the slot lives elsewhere for good.
    case moved(slot: Int, to: RedisEndpoint)
    /// `ASK slot host:port`: ask the other node once (slot migration in progress).
    case ask(slot: Int, to: RedisEndpoint)
    /// `TRYAGAIN`: a multi-key command during resharding; retry shortly.
    case tryAgain

    /// Reads a redirect from an error; `current` fills an empty host (`MOVED 3999 :6381`).
    init?(_ error: RedisError, current: RedisEndpoint) {
        guard case .server(let server) = error else { return nil }
        let words = server.message.split(separator: " ")
        switch server.code {
        case "TRYAGAIN":
            self = .tryAgain
        case "MOVED", "ASK":
            guard words.count >= 3, let slot = Int(words[1]) else { return nil }
            let address = words[2].hasPrefix(":") ? current.host + words[2] : String(words[2])
            guard let endpoint = RedisEndpoint(parsing: address) else { return nil }
            self = server.code == "MOVED" ? .moved(slot: slot, to: endpoint) : .ask(slot: slot, to: endpoint)
        default:
            return nil
        }
    }
}
