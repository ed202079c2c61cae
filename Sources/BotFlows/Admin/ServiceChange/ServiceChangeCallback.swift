import BookingCore
import Storage

/// Buttons of changing a day's bookings (one master's, or every master's when nil) to another service, carried by
/// `AdminCallback.serviceChange`: choose the service, preview every change with the first refusal, confirm.
enum ServiceChangeCallback: ButtonFamily, Equatable {
    /// Choose the new service.
    case start(MasterID?, LocalDate)
    /// What would change, or which booking refuses it.
    case preview(MasterID?, LocalDate, ServiceID)
    /// Change them all, or none.
    case confirm(MasterID?, LocalDate, ServiceID)

    /// Every press changes a day's service.
    var action: AdminAction { .changeDayService }

    /// The day of the change.
    var date: LocalDate {
        switch self {
        case .start(_, let d), .preview(_, let d, _), .confirm(_, let d, _): d
        }
    }

    /// A linked master changes only their own days.
    var scope: AdminScope {
        switch self {
        case .start(let m, _), .preview(let m, _, _), .confirm(let m, _, _): .master(m)
        }
    }

    /// Every service-change button kind, declared once (carried by `AdminCallback.codec`).
    static let codec = ButtonCodec<ServiceChangeCallback>([
        ButtonKind("au", .master, .date, make: { .start($0, $1) }, match: { if case .start(let m, let d) = $0 { (m, d) } else { nil } }),
        ButtonKind(
            "aup", .master, .date, .id, make: { .preview($0, $1, $2) }, match: { if case .preview(let m, let d, let s) = $0 { (m, d, s) } else { nil } }),
        ButtonKind(
            "auy", .master, .date, .id, make: { .confirm($0, $1, $2) }, match: { if case .confirm(let m, let d, let s) = $0 { (m, d, s) } else { nil } }),
    ])
}
