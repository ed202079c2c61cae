import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `POST /yookassa/notifications`: YooKassa's notifications (see `PaymentNotifications`).
struct PaymentRoutes: Sendable {
    let notifications: PaymentNotifications

    func register(on router: Router<AppRequestContext>) {
        let notifications = notifications
        router.post("/yookassa/notifications") { request, context -> Response in
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: 64 * 1024)
            } catch {
                return Response(status: .contentTooLarge)
            }
            let status = await notifications.receive(
                body: body, peer: context.remoteAddress, forwardedFor: request.headers[HTTPField.Name("X-Forwarded-For")!])
            return Response(status: status)
        }
    }
}

/// Settles stored notifications left unsettled (a crash between storing and processing, YooKassa unreachable, a
/// payment stored after its notification): at start, then every `interval`.
struct PaymentSweeper: ServiceLifecycle.Service {
    let notifications: PaymentNotifications
    let interval: Duration
    let clock: any ServiceClock

    func run() async throws {
        await clock.repeatUntilShutdown(every: interval) {
            await notifications.sweep()
        }
    }
}
