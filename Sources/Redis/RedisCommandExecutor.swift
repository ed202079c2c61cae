/// Something that runs Redis commands: a pooled client for one server or a cluster client.
public protocol RedisCommandExecutor: Sendable {
    /// Sends one command; an error reply is thrown as `RedisError.server`.
    func send(_ command: RedisCommand) async throws(RedisError) -> RESPValue

    /// Sends commands in one write on one connection and returns each reply or error in order. In a cluster, every
    /// command with a routing key must hash to the slot of the first one (else `RedisError.crossSlot`).
    func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [Result<RESPValue, RedisError>]

    /// Closes every connection; later calls fail with `RedisError.shutDown`.
    func shutdown() async
}

extension RedisCommandExecutor {
    /// Runs a script with EVALSHA; when the server does not know it (NOSCRIPT, e.g. after a restart or SCRIPT FLUSH)
    /// runs it once with EVAL, which also loads it for the following EVALSHA calls. In a cluster, keys must share a slot.
    public func evaluate(_ script: RedisScript, keys: [String], arguments: [RedisArgument] = []) async throws(RedisError) -> RESPValue {
        let tail = [RedisArgument(keys.count)] + keys.map { RedisArgument($0) } + arguments
        let routingKey = keys.first.map { Array($0.utf8) }
        do {
            return try await send(RedisCommand("EVALSHA", [RedisArgument(script.sha1)] + tail, routingKey: routingKey))
        } catch RedisError.server(let error) where error.code == "NOSCRIPT" {
            return try await send(RedisCommand("EVAL", [RedisArgument(script.source)] + tail, routingKey: routingKey))
        }
    }

    /// Runs commands inside MULTI … EXEC on one connection and returns each command's result from EXEC.
    /// Throws `RedisError.server` (EXECABORT) when a command was refused while queueing, `.transactionAborted` when EXEC
    /// returned nil. In a cluster every keyed command must share one slot.
    public func transaction(_ commands: [RedisCommand]) async throws(RedisError) -> [Result<RESPValue, RedisError>] {
        let routingKey = commands.first { $0.routingKey != nil }?.routingKey
        let replies = try await pipeline(
            [RedisCommand("MULTI", routingKey: routingKey)] + commands + [RedisCommand("EXEC", routingKey: routingKey)])
        guard let execReply = replies.last else { throw .unexpectedReply("no reply to EXEC") }
        if case .failure(let error) = replies.first { throw error }
        let reply = try execReply.get()
        if reply.isNull { throw .transactionAborted }
        guard let values = reply.array else { throw .unexpectedReply("EXEC returned \(reply)") }
        return values.map { value in
            if case .error(let error) = value { return .failure(.server(error)) }
            return .success(value)
        }
    }
}
