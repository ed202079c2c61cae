import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Reports of any period by master and by service, and their CSV (issue 18, item 11).
@Suite("Admin period reports")
struct AdminPeriodReportTests {
    static let december = ReportPeriod.month(FlowHarness.tomorrow)
    static let english = User(id: 5, firstName: "Sam", languageCode: "en")

    /// December: Анна 1 Dec 10:00 haircut completed, 12:00 manicure cancelled, 14:00 haircut no-show; Борис 1 Dec
    /// 10:00 manicure completed, 2 Dec 10:00 haircut upcoming; and Анна on 30 Nov (outside December).
    static func prepared() async throws -> (FlowHarness, boris: MasterID) {
        let h = try await FlowHarness()
        try await h.addAdmins()
        await h.store.saveAdmin(AdminMember(userID: UserID(english.id), role: .manager, name: "Sam", addedAt: FlowHarness.now), tenant: h.context.id)
        let boris = await h.store.saveMaster(Master(id: MasterID(0), name: "Борис"), tenant: h.context.id).id
        let id = h.context.id
        _ = try await h.book(h.at(10))
        let cancelled = try await h.book(h.at(12), service: 1, customer: FlowHarness.user(200))
        let noShow = try await h.book(h.at(14), customer: FlowHarness.user(300))
        _ = try await h.book(h.at(10, on: FlowHarness.tomorrow.adding(days: -1)), customer: FlowHarness.user(600))
        for (service, start, customer) in [(1, h.at(10), Int64(400)), (0, h.at(10, on: FlowHarness.tomorrow.adding(days: 1)), 500)] {
            _ = try await h.store.createBooking(
                BookingRequest(customer: UserID(customer), chat: ChatID(customer), service: h.services[service], masterID: boris, start: start),
                tenant: id, maxActivePerCustomer: 5, now: FlowHarness.now)
        }
        _ = try await h.store.cancelBooking(cancelled.id, tenant: id, by: .customer, reason: nil, now: FlowHarness.now)
        _ = try await h.store.setNoShow(noShow.id, true, tenant: id, now: h.at(14, 30), actor: "admin:1")
        _ = await h.store.completeEndedBookings(tenant: id, now: h.at(20))
        return (h, boris)
    }

    @Test func aMonthIsReportedByMasterAndService() async throws {
        let (h, _) = try await Self.prepared()
        let result = try await h.press(.report(.show(nil, Self.december)), as: FlowHarness.manager)
        #expect(result.shown == """
            📈 Отчёт 01.12.2026–31.12.2026
            Записей: 5
            Пришли: 2
            Неявок: 1
            Отмен: 1
            Выручка: 3\u{00A0}500\u{00A0}₽

            По мастерам:
            • Анна: записей 3, пришли 1, неявок 1, отмен 1, 1\u{00A0}500\u{00A0}₽
            • Борис: записей 2, пришли 1, неявок 0, отмен 0, 2\u{00A0}000\u{00A0}₽

            По услугам:
            • Стрижка: записей 3, пришли 1, неявок 1, отмен 0, 1\u{00A0}500\u{00A0}₽
            • Маникюр: записей 2, пришли 1, неявок 0, отмен 1, 2\u{00A0}000\u{00A0}₽
            """)
        // Earlier and later step by whole months.
        let buttons = result.calls.flatMap(\.inlineButtons).compactMap(\.callbackData)
        #expect(buttons.contains(AdminCallback.report(.show(nil, .month(LocalDate(year: 2026, month: 11, day: 1)!))).data))
        #expect(buttons.contains(AdminCallback.report(.show(nil, .month(LocalDate(year: 2027, month: 1, day: 1)!))).data))
        // One day in English: only 30 November's booking (completed by the sweep).
        let day = try await h.press(.report(.show(nil, .day(FlowHarness.tomorrow.adding(days: -1)))), as: Self.english)
        #expect(day.shown?.hasPrefix("📈 Report 30.11.2026\nBookings: 1\nCompleted: 1\nNo-shows: 0\nCancelled: 0\nRevenue: ") == true)
        #expect(day.shown?.contains("By specialist:\n• Анна: 1 bookings, 1 completed, 0 no-shows, 0 cancelled") == true)
        let empty = try await h.press(.report(.show(nil, .day(LocalDate(year: 2026, month: 6, day: 1)!))), as: FlowHarness.owner)
        #expect(empty.shown == "📈 Отчёт 01.06.2026\nЗаписей за период нет.")
    }

    @Test func theCSVCarriesTheSameNumbers() async throws {
        let (h, _) = try await Self.prepared()
        // A 500 ₽ deposit paid on 1 December counts in the whole-business report, as on the dashboard.
        let paid = try #require(await h.store.bookings(of: UserID(500), tenant: h.context.id).first)
        await h.store.addDeposit(
            Deposit(bookingID: paid.id, customer: paid.customer, charge: DepositCharge(amount: 50_000, currency: "RUB"), createdAt: FlowHarness.now),
            tenant: h.context.id)
        _ = await h.store.recordPayment(paid.id, telegramChargeID: "tg1", providerChargeID: "pr1", tenant: h.context.id, now: h.at(9))
        let shown = try await h.press(.report(.show(nil, Self.december)), as: FlowHarness.owner)
        #expect(shown.shown?.hasSuffix("\n\n💳 Предоплаты получены: 500\u{00A0}₽; возвращены или к возврату: 0") == true, "\(shown.shown ?? "")")
        let result = try await h.press(.report(.csv(nil, Self.december)), as: FlowHarness.owner)
        let document = try #require(result.calls.compactMap { if case .sendDocument(let d) = $0 { return d } else { return nil } }.first)
        #expect(document.fileName == "demo_salon-report-20261201-20261231.csv" && document.caption == "Отчёт 01.12.2026–31.12.2026: строк 6")
        let table = try #require(CSVTable.parse(document.contents))
        #expect(table.header == ["section", "name", "bookings", "completed", "no_shows", "cancellations", "revenue", "currency"])
        #expect(table.rows == [
            ["total", "", "5", "2", "1", "1", "3500.00", "RUB"],
            ["master", "Анна", "3", "1", "1", "1", "1500.00", "RUB"], ["master", "Борис", "2", "1", "0", "0", "2000.00", "RUB"],
            ["service", "Стрижка", "3", "1", "1", "0", "1500.00", "RUB"], ["service", "Маникюр", "2", "1", "0", "1", "2000.00", "RUB"],
            ["deposits_taken", "", "", "", "", "", "500.00", "RUB"],
        ])
        let entry = try #require(await h.audit().first)
        #expect(entry.action == "reports.view" && entry.target == "report:20261201-20261231:all" && entry.newValue == "6 rows")
    }

    /// A master linked to Борис sees Борис's numbers only and is refused everyone's and Анна's; an unlinked master is
    /// told to get linked.
    @Test func aLinkedMasterSeesOnlyTheirOwn() async throws {
        let (h, boris) = try await Self.prepared()
        let unlinked = try await h.press(.report(.menu), as: FlowHarness.masterUser)
        #expect(unlinked.shown == "A specialist's reports show their own bookings: ask the owner to link you to a specialist.")
        let refusedUnlinked = try await h.press(.report(.show(boris, Self.december)), as: FlowHarness.masterUser)
        #expect(refusedUnlinked.answer?.showAlert == true)
        await h.store.saveAdmin(
            AdminMember(userID: UserID(FlowHarness.masterUser.id), role: .master, name: "Mira", addedAt: FlowHarness.now, masterID: boris), tenant: h.context.id)
        let menu = try await h.press(.report(.menu), as: FlowHarness.masterUser)
        let data = menu.calls.flatMap(\.inlineButtons).compactMap(\.callbackData)
        #expect(data.contains(AdminCallback.report(.show(boris, .month(LocalDate(year: 2026, month: 11, day: 30)!))).data))
        let own = try await h.press(.report(.show(boris, Self.december)), as: FlowHarness.masterUser)
        #expect(own.shown?.hasPrefix("📈 Report 01.12.2026–31.12.2026 · Борис\nBookings: 2\nCompleted: 1\nNo-shows: 0\nCancelled: 0\nRevenue: ") == true)
        #expect(own.shown?.contains("By specialist") == false && own.shown?.contains("• Стрижка: 1 bookings") == true)
        let auditBefore = await h.audit().count
        for forbidden in [ReportCallback.show(nil, Self.december), .show(h.master.id, Self.december), .csv(nil, Self.december), .custom(h.master.id)] {
            let refused = try await h.press(.report(forbidden), as: FlowHarness.masterUser)
            #expect(refused.answer?.showAlert == true && refused.calls.count == 1, "\(forbidden)")
        }
        #expect(await h.audit().prefix(4).allSatisfy { $0.outcome == .refused && $0.action == "reports.view" })
        #expect(await h.audit().count == auditBefore + 4)
        let csv = try await h.press(.report(.csv(boris, Self.december)), as: FlowHarness.masterUser)
        #expect(csv.calls.contains { if case .sendDocument = $0 { true } else { false } })
    }

    @Test func aTypedPeriodIsBoundedAndHostileOnesGetTheHint() async throws {
        let (h, _) = try await Self.prepared()
        let asked = try await h.press(.report(.custom(nil)), as: FlowHarness.owner)
        #expect(asked.sent(to: FlowHarness.owner.id).first?.hasPrefix("Пришлите период") == true)
        for hostile in [
            "31.12.2026 - 01.12.2026", "01.01.2026 - 02.01.2027", "9223372036854775807.1.2026", "32.01.2026", "1.13.2026", "абв", "",
            "01.12.2026 - 02.12.2026 - 03.12.2026", "1.1.1999", String(repeating: "1", count: 5_000), "-1.-1.-1",
        ] {
            let refused = try await h.say(hostile, as: FlowHarness.owner)
            #expect(refused.sent(to: FlowHarness.owner.id).first?.hasPrefix("Не понял период.") == true || hostile.count > 3_000, "\(hostile)")
        }
        let report = try await h.say("1.12 – 2.12.2026", as: FlowHarness.owner)
        #expect((report.shown ?? "").hasPrefix("📈 Отчёт 01.12.2026–02.12.2026\nЗаписей: 5\n"), "\(report.shown ?? "")")
        let leap = try await h.press(.report(.custom(nil)), as: FlowHarness.owner)
        #expect(!leap.calls.isEmpty)
        let year = try await h.say("01.01.2028 - 31.12.2028", as: FlowHarness.owner)
        #expect(year.shown?.hasPrefix("📈 Отчёт 01.01.2028–31.12.2028") == true)
    }

    @Test func forgedPeriodsAreStale() async throws {
        let (h, _) = try await Self.prepared()
        for data in ["aqs::20260101:367", "aqs::20261231:0", "aqc::20261301:2", "aqs:x:20261201:1", "aqs::20261201:-1", "aqx:0"] {
            let result = try await h.result(FlowHarness.press(data, from: FlowHarness.owner))
            #expect(result.answer?.text == "Эта кнопка устарела.", "\(data)")
        }
    }

    @Test func periodsStepAndParse() {
        let today = LocalDate(year: 2026, month: 12, day: 3)!
        #expect(ReportPeriod.week(today) == ReportPeriod(from: LocalDate(year: 2026, month: 11, day: 30)!, to: LocalDate(year: 2026, month: 12, day: 6)!))
        #expect(ReportPeriod.month(today).step(1) == .month(LocalDate(year: 2027, month: 1, day: 1)!))
        #expect(ReportPeriod.week(today).step(-1).from == LocalDate(year: 2026, month: 11, day: 23)!)
        #expect(ReportPeriod.parse("1.2", today: today) == .day(LocalDate(year: 2026, month: 2, day: 1)!))
        #expect(ReportPeriod.parse("01.01.26-31.12.26", today: today)?.days == 365)
        #expect(ReportPeriod(from: today, to: today.adding(days: 366)) == nil)
    }
}
