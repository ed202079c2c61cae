/// Which master serves each hash slot, as read from CLUSTER SLOTS and corrected by MOVED redirects.
struct ClusterSlotMap: Sendable {
    /// Every master seen, in the order first seen.
    private(set) var nodes: [RedisEndpoint] = []
    private var owners = [Int16](repeating: -1, count: ClusterSlot.count)

    /// True before the first successful read.
    var isEmpty: Bool { nodes.isEmpty }

    /// The master of `slot`, if known.
    func owner(of slot: Int) -> RedisEndpoint? {
        let index = owners[slot]
        return index >= 0 ? nodes[Int(index)] : nil
    }

    /// Records that `endpoint` serves `slot` (after MOVED).
    mutating func assign(_ slot: Int, to endpoint: RedisEndpoint) {
        owners[slot] = Int16(index(of: endpoint))
    }

    private mutating func index(of endpoint: RedisEndpoint) -> Int {
        if let index = nodes.firstIndex(of: endpoint) { return index }
        nodes.append(endpoint)
        return nodes.count - 1
    }

    /// Builds a map from a CLUSTER SLOTS reply: `[[start, end, [host, port, id, …], replicas…], …]`. An empty host
    /// means "the node you asked" (`queried`).
    init(clusterSlots reply: RESPValue, queried: RedisEndpoint) throws(RedisError) {
        guard let ranges = reply.array else { throw .unexpectedReply("CLUSTER SLOTS returned \(reply)") }
        for range in ranges {
            guard let fields = range.array, fields.count >= 3, let start = fields[0].int, let end = fields[1].int,
                let master = fields[2].array, master.count >= 2, let host = master[0].string, let port = master[1].int,
                (0..<Int64(ClusterSlot.count)).contains(start), (start..<Int64(ClusterSlot.count)).contains(end)
            else { throw .unexpectedReply("bad CLUSTER SLOTS entry \(range)") }
            let endpoint = RedisEndpoint(host: host.isEmpty || host == "?" ? queried.host : host, port: Int(port))
            let index = Int16(index(of: endpoint))
            for slot in Int(start)...Int(end) { owners[slot] = index }
        }
    }

    /// An empty map (nothing read yet).
    init() {}
}
