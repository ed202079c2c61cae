import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's basic one plus the connection's remote address (YooKassa's
/// notifications are checked against their source network).
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer of the connection (a reverse proxy when there is one).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}
