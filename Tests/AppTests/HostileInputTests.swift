import BookingCore
import Foundation
import Logging
import Storage
import TelegramBotAPI
import Testing
import ZapisTools

@testable import App

/// Forged presses and absurd typed input through the real processor, flows and stores: answered politely, nothing
/// changes, nothing traps; then a bounded pass of the fuzzer on every backend.
@Suite("Hostile input", .serialized)
struct HostileInputTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case memory, sqlite, postgres
        var testDescription: String { rawValue }

        static var available: [Backend] { ProcessStack.Database.available.count == 2 ? allCases : [.memory, .sqlite] }
    }

    static let tenant = TenantID("hostile_salon")!
    static let owner: Int64 = 1

    /// Runs `body` with a fresh store of `backend` holding the demo salon.
    static func withSalon(
        _ backend: Backend, _ body: @Sendable (any UnitOfWork, Stores, ActiveTenant) async throws -> Void
    ) async throws {
        let vault = try TokenVault(base64Key: TokenVault.generateKey())
        if backend == .memory {
            let store = InMemoryStore()
            let unitOfWork = InMemoryUnitOfWork(stores: Stores(store), outbox: store.outbox)
            let tenant = try await FuzzRun.provision(Stores(store), tenant: tenant, ownerID: owner, vault: vault, now: Date())
            return try await body(unitOfWork, Stores(store), tenant)
        }
        var configuration = AppConfiguration(environment: [:])
        configuration.masterKey = TokenVault.generateKey()
        configuration.databaseURL = try await ProcessStack.makeDatabase(backend == .sqlite ? .sqlite : .postgres)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        try await LiveDependencies.withRunning(configuration, logger: logger) { dependencies in
            let tenant = try await FuzzRun.provision(dependencies.stores, tenant: tenant, ownerID: owner, vault: vault, now: Date())
            try await body(dependencies.unitOfWork, dependencies.stores, tenant)
        }
    }

    static func press(_ data: String, from user: Int64, id: Int64) -> Update {
        let message = Message(messageID: 10, chat: Chat(id: user), date: 1_796_000_000, text: "…")
        return Update(
            updateID: id,
            callbackQuery: CallbackQuery(
                id: "q\(id)", from: User(id: user, firstName: "Eve", languageCode: "en"), message: message, chatInstance: "1", data: data))
    }

    static func text(_ text: String, from user: Int64, id: Int64) -> Update {
        let entities = text.hasPrefix("/") ? [MessageEntity(type: "bot_command", offset: 0, length: text.utf16.count)] : nil
        return Update(
            updateID: id,
            message: Message(
                messageID: id, from: User(id: user, firstName: "Eve", languageCode: "en"), chat: Chat(id: user), date: 1_796_000_000,
                text: text,
                entities: entities))
    }

    /// Minutes and year-months no flow may compute with (Int64.max/min, year 1,000,000 and 5600 BC), on buttons that
    /// name a real service `s`, master `m` and booking `b` of the customer, so each press reaches its flow.
    static func forged(service s: Int64, master m: Int64, booking b: Int64) -> [String] {
        let minutes = ["9223372036854775807", "-9223372036854775808", "525948336000", "-3997296000"]
        let months = ["9223372036854775807", "100000001", "-560001", "999912"]
        let dates = ["99991231", "00010101", "-5600101"]
        var data: [String] = []
        for minute in minutes {
            data += [
                "t:\(s):\(m):\(minute):a", "ok:\(s):\(m):\(minute)", "rt:\(b):\(minute)", "ry:\(b):\(minute)", "amt:\(b):\(minute)",
                "amy:\(b):\(minute)", "akf:\(m):\(minute)", "akp:\(m):\(minute):\(minute)", "aky:a:28800000:\(minute)", "aky:a:\(minute):68899680",
            ]
        }
        for month in months { data += ["c:\(s):a:\(month)", "rm:\(b):\(month)"] }
        for date in dates {
            data += [
                "d:\(s):a:\(date)", "rd:\(b):\(date)", "wj:\(s):a:\(date)", "ad:a:\(date)", "ak:a:\(date)", "asy:a:\(date):60",
                "ahr:\(m):\(date)",
            ]
        }
        return data + [
            "asp:a:20261205:9223372036854775807", "pb:9223372036854775807", "ac:-9223372036854775808", "ahd:\(m):9223372036854775807",
        ]
    }

    /// The real processor over `stores`, as the service builds it.
    static func processor(_ unitOfWork: any UnitOfWork, _ stores: Stores) -> UpdateProcessor {
        UpdateProcessor(unitOfWork: unitOfWork, crashGuard: CrashGuard(store: stores.deadLetters), now: { Date() }, logger: Logger(label: "test"))
    }

    @Test(arguments: Backend.available)
    func forgedPressesAreAnsweredPolitelyAndChangeNothing(backend: Backend) async throws {
        try await Self.withSalon(backend) { unitOfWork, stores, tenant in
            let processor = Self.processor(unitOfWork, stores)
            // A booking of the customer, so reschedule and move buttons name a real one.
            let service = try #require(try await stores.catalog.services(Self.tenant).first)
            let master = try #require(try await stores.catalog.masters(Self.tenant).first)
            let start = Date(timeIntervalSince1970: ((Date().timeIntervalSince1970 / 86_400).rounded(.down) + 2) * 86_400 + 9 * 3_600)
            let booking = try await stores.bookings.createBooking(
                BookingRequest(customer: UserID(500), chat: ChatID(500), service: service, masterID: master.id, start: start),
                tenant: Self.tenant, maxActivePerCustomer: 10, now: Date())
            let forged = Self.forged(service: service.id.rawValue, master: master.id.rawValue, booking: booking.id.rawValue)
            var id: Int64 = 1
            for user in [Int64(500), Self.owner] {
                for data in forged {
                    id += 1
                    let answer = try await processor.process(Self.press(data, from: user, id: id), tenant: tenant, answerInline: true)
                    #expect(answer?.text == "This button is out of date.", "\(data) from \(user)")
                }
            }
            let window = Date(timeIntervalSince1970: 0)..<Date(timeIntervalSince1970: 5e9)
            #expect(try await stores.bookings.activeBookings(overlapping: window, tenant: Self.tenant) == [booking])
            #expect(try await stores.bookings.blocks(overlapping: window, tenant: Self.tenant).isEmpty)
            #expect(try await stores.catalog.masters(Self.tenant).first == master)
            #expect(try await stores.catalog.services(Self.tenant).first == service)
            #expect(try await stores.deadLetters.deadLetters(limit: 10).isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func absurdTypedDatesAreRefusedPolitely(backend: Backend) async throws {
        try await Self.withSalon(backend) { unitOfWork, stores, tenant in
            let processor = Self.processor(unitOfWork, stores)
            let master = try #require(try await stores.catalog.masters(Self.tenant).first)
            var id: Int64 = 1
            for input in ["31.12.9223372036854775807 10-15", "1.1.1000000 off", "1.1.-5600 off", "31.12.-9223372036854775808 off"] {
                id += 2
                // The owner asks to add an exception, then types the date.
                try await processor.process(Self.press("ahx:\(master.id)", from: Self.owner, id: id), tenant: tenant, answerInline: true)
                try await processor.process(Self.text(input, from: Self.owner, id: id + 1), tenant: tenant)
            }
            #expect(try await stores.catalog.masters(Self.tenant).first?.exceptions == master.exceptions)
            #expect(try await stores.deadLetters.deadLetters(limit: 10).isEmpty)
        }
    }

    /// The bounded pass of the fuzzer that `scripts/test` runs; `zapis fuzz` runs the long one.
    @Test(arguments: Backend.available)
    func aBoundedFuzzPassFindsNoFailure(backend: Backend) async throws {
        let count = ["memory": 20_000, "sqlite": 2_000, "postgres": 2_000][backend.rawValue]!
        try await Self.withSalon(backend) { unitOfWork, stores, tenant in
            let report = await FuzzRun.run(
                unitOfWork: unitOfWork, stores: stores, tenant: tenant, count: count, seed: 0x5EED + UInt64(count))
            print("fuzz on \(backend): \(report)")
            #expect(report.failures == 0, "\(report)")
            #expect(report.deadLettered == 0)
        }
    }
}
