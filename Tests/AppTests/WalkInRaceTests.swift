import App
import BookingCore
import Foundation
import Logging
import Storage
import TelegramBotAPI
import Testing

@testable import BotFlows

/// An admin types a phone client for a time while a customer presses Confirm for the same time: on the real
/// database, exactly one of them gets it, round after round.
@Suite("Walk-in race", .serialized)
struct WalkInRaceTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)  // Mon 2026-11-30 05:53 Moscow
    static let tenant = TenantID("walkin_race")!

    @Test(arguments: ProcessStack.Database.available)
    func anAdminPhoneBookingAndACustomerBookingOfTheSameTimeLeaveExactlyOne(database: ProcessStack.Database) async throws {
        var configuration = AppConfiguration(environment: [:])
        configuration.masterKey = TokenVault.generateKey()
        configuration.databaseURL = try await ProcessStack.makeDatabase(database)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        try await LiveDependencies.withRunning(configuration, logger: logger) { live in
            let stores = live.stores
            let record = TenantRecord(
                profile: TenantProfile(id: Self.tenant, name: "Race", timeZone: "Europe/Moscow"), encryptedToken: [1], botID: 1,
                botUsername: "race_bot", ownerID: UserID(1), createdAt: Self.now)
            try await stores.tenants.insertTenant(record)
            var master = try await stores.catalog.masters(Self.tenant).first
            if master == nil { master = try await stores.catalog.saveMaster(Master(id: MasterID(0), name: "Анна"), tenant: Self.tenant) }
            let masterID = try #require(master?.id)
            let service = try await stores.catalog.saveService(
                Service(id: ServiceID(0), name: "Стрижка", durationMinutes: 60, price: .free), tenant: Self.tenant)
            let bot = CustomerBot(environment: FlowEnvironment(stores: stores, now: { Self.now }))
            let context = TenantContext(record: record)
            let owner = User(id: 1, firstName: "Olga", languageCode: "ru")
            let day = LocalDate(year: 2026, month: 12, day: 1)!
            var adminWins = 0
            for round in 0..<8 {
                let start = try #require(context.calendar.instant(day, LocalTime(hour: 10 + round)!))
                let input = AdminInput.walkIn(service: service.id.rawValue, master: masterID.rawValue, minute: start.epochMinute)
                let key = ConversationKey(tenant: Self.tenant, chat: ChatID(1), user: UserID(1))
                try await stores.conversations.saveState(Array(try JSONEncoder().encode(Conversation(adminInput: input))), for: key, now: Self.now)
                let customer = User(id: Int64(100 + round), firstName: "C\(round)", languageCode: "ru")
                let phone = "+7912000000\(round)"
                let typed = Update(updateID: Int64(1_000 + round), message: Message(
                    messageID: Int64(round + 1), from: owner, chat: Chat(id: 1), date: 1, text: "Walk-in \(round); \(phone)"))
                let press = Update(updateID: Int64(2_000 + round), callbackQuery: CallbackQuery(
                    id: "cb\(round)", from: customer, message: Message(messageID: 5, chat: Chat(id: customer.id), date: 1, text: "…"), chatInstance: "1",
                    data: CallbackAction.confirm(service.id, masterID, epochMinute: start.epochMinute).data))
                async let admin = bot.handle(typed, tenant: context)
                async let mine = bot.handle(press, tenant: context)
                _ = try await (admin, mine)
                let active = try await stores.bookings.activeBookings(overlapping: start..<start.addingTimeInterval(3_600), tenant: Self.tenant)
                #expect(active.count == 1, "round \(round): \(active.map(\.customer))")
                let offline = OfflineClient.id(for: try #require(PhoneNumber(phone)))
                let winner = try #require(active.first)
                #expect(winner.customer == offline || winner.customer == UserID(customer.id))
                if winner.customer == offline { adminWins += 1 }
            }
            // Either side may win a round; the database decides, never both.
            #expect((0...8).contains(adminWins))
        }
    }
}
