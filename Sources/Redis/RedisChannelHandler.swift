import Logging
import NIOCore

/// Commands written together on one connection, with one promise per reply.
struct RedisRequest: Sendable {
    /// The commands, in order.
    var commands: [RedisCommand]
    /// One promise per command, completed with its reply (error replies included, as `.error`).
    var promises: [EventLoopPromise<RESPValue>]
    /// When the batch must be answered; past it the connection is closed.
    var timeout: TimeAmount?
}

/// Writes requests, parses replies and completes the oldest pending promise with each reply (Redis answers in
/// order). Lives on the channel's event loop only.
final class RedisChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = RedisRequest
    typealias OutboundOut = ByteBuffer

    private struct Pending {
        var promise: EventLoopPromise<RESPValue>
        var batch: UInt64
        var timer: Scheduled<Void>?
    }

    private var pending = CircularBuffer<Pending>()
    private var parser = RESPParser()
    private var cumulation: ByteBuffer?
    private var nextBatch: UInt64 = 0
    private var isClosed = false
    private let onPush: (@Sendable (RESPValue) -> Void)?
    private let logger: Logger

    /// A handler logging to `logger` and passing RESP3 push frames to `onPush`.
    init(logger: Logger, onPush: (@Sendable (RESPValue) -> Void)?) {
        self.logger = logger
        self.onPush = onPush
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        guard !isClosed else {
            let error = RedisError.connectionUnavailable("connection is closed")
            for commandPromise in request.promises { commandPromise.fail(error) }
            promise?.fail(error)
            return
        }
        var buffer = context.channel.allocator.buffer(capacity: 64 * request.commands.count)
        for command in request.commands { command.encode(into: &buffer) }
        let batch = nextBatch
        nextBatch &+= 1
        var timer: Scheduled<Void>?
        if let timeout = request.timeout {
            timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in timedOut(batch: batch, context: context) }
        }
        for (index, commandPromise) in request.promises.enumerated() {
            pending.append(Pending(promise: commandPromise, batch: batch, timer: index == request.promises.count - 1 ? timer : nil))
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenFailure { [self] error in
            failAll(.connectionClosed, closing: context)
        }
        if let promise { written.futureResult.cascade(to: promise) }
        context.write(wrapOutboundOut(buffer), promise: written)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        if cumulation == nil {
            cumulation = incoming
        } else {
            cumulation!.writeBuffer(&incoming)
        }
        do {
            while let value = try parser.next(&cumulation!) {
                deliver(value, context: context)
            }
        } catch {
            logger.error("Redis protocol error; closing the connection", metadata: ["error": "\(error)"])
            failAll(error, closing: context)
            return
        }
        if cumulation!.readableBytes == 0 {
            cumulation = nil
        } else if cumulation!.readerIndex > 65_536 {
            cumulation!.discardReadBytes()
        }
    }

    private func deliver(_ value: RESPValue, context: ChannelHandlerContext) {
        if case .push = value {
            onPush?(value)
            return
        }
        guard let head = pending.popFirst() else {
            logger.error("Redis sent a reply nobody asked for; closing the connection")
            failAll(.protocolError("unsolicited reply"), closing: context)
            return
        }
        head.timer?.cancel()
        head.promise.succeed(value)
    }

    private func timedOut(batch: UInt64, context: ChannelHandlerContext) {
        guard pending.contains(where: { $0.batch == batch }) else { return }
        logger.warning("Redis command timed out; closing the connection so later commands are not stuck behind it")
        while let entry = pending.popFirst() {
            entry.timer?.cancel()
            entry.promise.fail(entry.batch == batch ? RedisError.timeout : RedisError.connectionClosed)
        }
        failAll(.connectionClosed, closing: context)
    }

    private func failAll(_ error: RedisError, closing context: ChannelHandlerContext?) {
        let wasClosed = isClosed
        isClosed = true
        while let entry = pending.popFirst() {
            entry.timer?.cancel()
            entry.promise.fail(error)
        }
        if !wasClosed, let context { context.close(promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        isClosed = true
        failAll(.connectionClosed, closing: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        logger.debug("Redis connection error", metadata: ["error": "\(error)"])
        failAll(.connectionClosed, closing: context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        failAll(.connectionClosed, closing: nil)
    }
}
