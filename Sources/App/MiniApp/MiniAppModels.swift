import BookingCore
import BotFlows
import Foundation

/// The JSON the Mini App's API speaks (snake_case on the wire).
enum MiniAppJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    /// `GET …/api/services`: the business and what can be booked.
    struct Catalog: Encodable {
        var business: String
        var address: String
        var language: String
        /// The page's words in `language`, with the tenant's edits (the script keeps its own for errors before this).
        var texts: [String: String]
        var services: [ServiceItem]
    }

    struct ServiceItem: Encodable {
        var id: Int64
        var name: String
        var description: String
        var duration: String
        var price: String
        var masters: [MasterItem]
    }

    struct MasterItem: Encodable {
        var id: Int64
        var name: String
    }

    /// `GET …/api/times`: free times per local day.
    struct Days: Encodable {
        var days: [DayItem]
    }

    struct DayItem: Encodable {
        var date: String
        var weekday: Int
        var times: [TimeItem]
    }

    struct TimeItem: Encodable {
        /// Whole minutes since the Unix epoch: what booking and moving take back.
        var start: Int64
        var time: String
        var master: Int64
    }

    /// A booking as the Mini App shows it.
    struct BookingItem: Encodable {
        var id: Int64
        var service: Int64
        var serviceName: String
        var master: Int64
        var masterName: String
        var date: String
        var time: String
        var start: Int64
        var changeable: Bool
        /// Held until its deposit is paid in the chat (the invoice went there).
        var held: Bool
    }

    struct Bookings: Encodable {
        var bookings: [BookingItem]
    }

    /// `POST …/api/bookings`.
    struct BookRequest: Decodable {
        var service: Int64
        var master: Int64
        var start: Int64
    }

    /// `POST …/api/bookings/{id}/reschedule`.
    struct MoveRequest: Decodable {
        var start: Int64
    }

    /// Every refusal: a stable code for the page and the user's wording when there is one.
    struct Failure: Encodable {
        var error: String
        var message: String?
    }

    /// A booking in `tenant`'s wall clock, with its names.
    static func item(_ booking: Booking, serviceName: String, masterName: String, changeable: Bool, calendar: ZonedCalendar) -> BookingItem
    {
        BookingItem(
            id: booking.id.rawValue, service: booking.serviceID.rawValue, serviceName: serviceName, master: booking.masterID.rawValue,
            masterName: masterName, date: calendar.localDate(of: booking.start).description,
            time: calendar.localTime(of: booking.start).description,
            start: minute(booking.start), changeable: changeable, held: booking.status == .held)
    }

    /// Whole minutes since the epoch of a stored instant (clamped: stored starts passed `InputBounds` on the way in).
    static func minute(_ instant: Date) -> Int64 {
        Int64((instant.timeIntervalSince1970 / 60).rounded(.towardZero).clamped(to: -1e12...1e12))
    }

    /// The stable code of a refusal.
    static func code(_ error: BookingError) -> String {
        switch error {
        case .slotTaken: "slot_taken"
        case .outsideWorkingHours: "outside_working_hours"
        case .tooSoon: "too_soon"
        case .beyondHorizon: "beyond_horizon"
        case .customerLimitReached: "customer_limit_reached"
        case .dailyLimitReached: "daily_limit_reached"
        case .unavailable: "unavailable"
        case .notFound: "not_found"
        case .notActive: "not_active"
        case .insideCancelWindow: "inside_cancel_window"
        }
    }
}
