import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramSandbox
import Testing

/// Reports and photo broadcasts through the real service and the sandbox (issue 18, items 9 and 11): the owner types a
/// period, reads its numbers by master and by service, and gets the same as a CSV document; in Russian and English.
@Suite("Reports and photo broadcasts through the sandbox", .serialized)
struct ReportJourneyTests {
    struct Words: Sendable {
        let language, panel, reports, menu, custom, askPeriod, title, totals, csvCaption, byMaster, byService: String
    }

    static let russian = Words(
        language: "ru", panel: "🛠 Панель администратора", reports: "📈 Отчёты", menu: "📈 Отчёт за какой период?", custom: "📅 Свой период",
        askPeriod: "Пришлите период", title: "📈 Отчёт ", totals: "Записей: 3\nПришли: 1\nНеявок: 1\nОтмен: 1\nВыручка: ",
        csvCaption: "Отчёт ", byMaster: "По мастерам:", byService: "По услугам:")
    static let english = Words(
        language: "en", panel: "🛠 Admin panel", reports: "📈 Reports", menu: "📈 A report of which period?", custom: "📅 Other period",
        askPeriod: "Send the period", title: "📈 Report ", totals: "Bookings: 3\nCompleted: 1\nNo-shows: 1\nCancelled: 1\nRevenue: ",
        csvCaption: "Report ", byMaster: "By specialist:", byService: "By service:")

    /// Three bookings of the first master and service: two that ended (one then marked a no-show) and a cancelled one
    /// tomorrow. Returns the typed period covering them and the service's price in minor units.
    static func seed(_ stack: LocalStack) async throws -> (period: String, priceMinor: Int64, master: String, service: String) {
        let tenant = LocalStack.tenantA
        let stores = stack.stores
        let record = try #require(try await stores.tenants.tenant(tenant))
        let calendar = TenantContext(record: record).calendar
        let master = try #require(try await stores.catalog.masters(tenant).first)
        let service = try #require(try await stores.catalog.services(tenant).first)
        guard case .fixed(let minor, _) = service.price else { throw CancellationError() }
        let now = Date()
        var made: [Booking] = []
        for (customer, hours) in [(Int64(301), -50.0), (302, -26), (303, 24)] {
            _ = try await stores.customers.upsertCustomer(
                CustomerProfile(userID: UserID(customer), chatID: ChatID(customer), firstName: "C\(customer)", username: nil, languageCode: "ru"),
                tenant: tenant, now: now)
            let start = Date(timeIntervalSince1970: ((now.timeIntervalSince1970 + hours * 3600) / 3600).rounded(.down) * 3600)
            made.append(try await stores.bookings.createBooking(
                BookingRequest(customer: UserID(customer), chat: ChatID(customer), service: service, masterID: master.id, start: start),
                tenant: tenant, maxActivePerCustomer: 5, now: now))
        }
        _ = try await stores.backOffice.completeEndedBookings(tenant: tenant, now: now)
        _ = try await stores.backOffice.setNoShow(made[1].id, true, tenant: tenant, now: now, actor: "admin:1")
        _ = try await stores.bookings.cancelBooking(made[2].id, tenant: tenant, by: .customer, reason: nil, now: now)
        let (first, last) = (calendar.localDate(of: made[0].start), calendar.localDate(of: made[2].start))
        return ("\(ReportPeriod.dotted(first)) - \(ReportPeriod.dotted(last))", minor, master.name, service.name)
    }

    @Test(arguments: [russian, english])
    func theOwnerReadsAPeriodByMasterAndServiceAndGetsTheCSV(_ w: Words) async throws {
        try await LocalStack.run(mode: .webhook) { stack in
            let seeded = try await Self.seed(stack)
            let owner = stack.user(1, of: LocalStack.tenantA, language: w.language)
            func step(_ prefix: String) async throws -> SandboxMessage {
                try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix(prefix) == true }
            }
            try await owner.send("/admin")
            _ = try await step(w.panel)
            try await owner.press(w.reports)
            _ = try await step(w.menu)
            try await owner.press(w.custom)
            _ = try await step(w.askPeriod)
            try await owner.send(seeded.period)
            let report = try await step(w.title)
            let text = try #require(report.text)
            #expect(text.contains(w.totals), "\(text)")
            #expect(text.contains(w.byMaster + "\n• " + seeded.master + ": ") && text.contains(w.byService + "\n• " + seeded.service + ": "), "\(text)")
            try await owner.press("📄 CSV")
            let document = try await owner.waitForBotMessage(timeout: .seconds(10)) { $0.document != nil }
            #expect(document.caption?.hasPrefix(w.csvCaption) == true)
            let file = try #require(document.document)
            let table = try #require(CSVTable.parse(file.bytes))
            let revenue = ReportsAdminFlow.decimal(seeded.priceMinor, currency: "RUB")
            #expect(table.rows.first == ["total", "", "3", "1", "1", "1", revenue, "RUB"])
            #expect(table.rows.contains(["master", seeded.master, "3", "1", "1", "1", revenue, "RUB"]))
            #expect(table.rows.contains(["service", seeded.service, "3", "1", "1", "1", revenue, "RUB"]))
            try await owner.waitUntilAllPressesAnswered(timeout: .seconds(10))
        }
    }
}
