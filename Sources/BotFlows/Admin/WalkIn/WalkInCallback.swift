import BookingCore
import Storage

/// Buttons of a booking an admin makes for a client who walked in or phoned, carried by `AdminCallback.walkIn`: the
/// service, the master, the day's free times (the admin's view: no notice, no horizon), then the client is typed.
enum WalkInCallback: ButtonFamily, Equatable {
    /// Choose the service (from the day view of one master or all).
    case start(MasterID?, LocalDate)
    /// The service is chosen: choose the master, or go to the times when there is one.
    case service(ServiceID, MasterID?, LocalDate)
    /// The master's free times on the day.
    case times(ServiceID, MasterID, LocalDate)
    /// The time is chosen: ask for the client.
    case slot(ServiceID, MasterID, epochMinute: Int64)

    /// Every walk-in press books a client.
    var action: AdminAction { .bookClient }

    /// Every walk-in button kind, declared once (carried by `AdminCallback.codec`).
    static let codec = ButtonCodec<WalkInCallback>([
        ButtonKind("ai", .master, .date, make: { .start($0, $1) }, match: { if case .start(let m, let d) = $0 { (m, d) } else { nil } }),
        ButtonKind(
            "ais", .id, .master, .date, make: { .service($0, $1, $2) }, match: { if case .service(let s, let m, let d) = $0 { (s, m, d) } else { nil } }),
        ButtonKind(
            "ait", .id, .id, .date, make: { .times($0, $1, $2) }, match: { if case .times(let s, let m, let d) = $0 { (s, m, d) } else { nil } }),
        ButtonKind(
            "aiz", .id, .id, .minute, make: { .slot($0, $1, epochMinute: $2) },
            match: { if case .slot(let s, let m, let t) = $0 { (s, m, t) } else { nil } }),
    ])

    /// The master whose time the press touches (nil: any).
    var master: MasterID? {
        switch self {
        case .start(let m, _), .service(_, let m, _): m
        case .times(_, let m, _), .slot(_, let m, _): m
        }
    }
}
