import BookingCore
import BotFlows
import Foundation
import Storage
import TelegramBotAPI

/// One recorded step of a customer journey: an update (or a fired timer) and every Bot API request it causes.
struct JourneyStep: Codable, Equatable {
    /// A scheduled request as recorded.
    struct Scheduled: Codable, Equatable {
        var due: Date
        var booking: BookingID
        var request: BotCall
    }

    var name: String
    var update: Update?
    var fire: FlowTimer?
    var requests: [BotCall]
    var scheduled: [Scheduled]
    var withdrawn: [BookingID]
    var timers: [FlowTimer]
}

/// The world a recorded journey runs in: the flow harness's salon, a visit the customer made yesterday,
/// and 2 December fully booked by other customers (911 holds 11:00).
struct JourneyWorld {
    static let fullDay = LocalDate(year: 2026, month: 12, day: 2)!
    let harness: FlowHarness
    let customer: User
    let neighbour: User
    private(set) var pastBooking = BookingID(0)
    private(set) var neighbourBooking = BookingID(0)

    init(language: String) async throws {
        harness = try await FlowHarness()
        customer = language == "ru" ? FlowHarness.user() : User(id: 100_000_002, firstName: "John", languageCode: "en")
        neighbour = User(id: 100_000_911, firstName: language == "ru" ? "Ольга" : "Kate", languageCode: language)
        let calendar = harness.context.calendar
        let service = harness.services[0]
        func book(_ user: Int64, _ date: LocalDate, _ hour: Int) async throws -> Booking {
            let start = calendar.instant(date, LocalTime(hour: hour)!)!
            return try await harness.store.createBooking(
                BookingRequest(customer: UserID(user), chat: ChatID(user), service: service, masterID: harness.master.id, start: start),
                tenant: harness.context.id, maxActivePerCustomer: 3, now: start.addingTimeInterval(-7 * 86_400))
        }
        pastBooking = try await book(customer.id, LocalDate(year: 2026, month: 11, day: 29)!, 10).id
        for hour in 9...17 {
            let booking = try await book(hour == 11 ? neighbour.id : 100_000_900 + Int64(hour), Self.fullDay, hour)
            if hour == 11 { neighbourBooking = booking.id }
        }
    }

    /// Runs a step's update or timer.
    func run(_ step: JourneyStep) async throws -> FlowResult {
        if let update = step.update { return try await harness.result(update) }
        if let timer = step.fire { return try await harness.bot.fire(timer, tenant: harness.context) }
        return FlowResult()
    }

    /// The step as it happens now (for recording).
    func record(_ name: String, update: Update) async throws -> JourneyStep {
        let result = try await harness.result(update)
        return JourneyStep(
            name: name, update: update, fire: nil, requests: result.requests,
            scheduled: result.scheduled.map { JourneyStep.Scheduled(due: $0.due, booking: $0.bookingID, request: $0.call) },
            withdrawn: result.withdrawn, timers: result.timers)
    }

    /// A message as Telegram sends it (a command carries its entity).
    func message(_ text: String, id: Int64, from user: User? = nil) -> Update {
        let user = user ?? customer
        let entities = text.hasPrefix("/") ? [MessageEntity(type: "bot_command", offset: 0, length: text.utf16.count)] : nil
        return Update(
            updateID: 815_100_000 + id,
            message: Message(messageID: id, from: user, chat: Chat(id: user.id, type: "private", firstName: user.firstName), date: 1_796_000_000 + id, text: text, entities: entities))
    }

    /// A button press on the bot's message `messageID`.
    func press(_ data: String, id: Int64, messageID: Int64, from user: User? = nil) -> Update {
        let user = user ?? customer
        let message = Message(messageID: messageID, from: User(id: 7_000_000_001, isBot: true, firstName: "Demo Salon", username: "demo_salon_bot"),
                              chat: Chat(id: user.id, type: "private", firstName: user.firstName), date: 1_796_000_000, text: "…")
        return Update(
            updateID: 815_100_000 + id,
            callbackQuery: CallbackQuery(id: "43000000000000\(id)", from: user, message: message, chatInstance: "-3214567890123456789", data: data))
    }
}

extension JourneyStep {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    /// The fixture file of a language's journey, beside the tests.
    static func fixtureURL(_ language: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/journey_\(language).json")
    }
}
