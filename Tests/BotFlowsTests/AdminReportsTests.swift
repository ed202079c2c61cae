import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Clients and the dashboard, for a known set of bookings.
@Suite("Admin clients and dashboard")
struct AdminReportsTests {
    static let today = LocalDate(year: 2026, month: 11, day: 30)!
    static let olga = User(id: 100_000_002, firstName: "Ольга", languageCode: "ru")

    /// Today (Monday 30 Nov): Анна 10:00 and 11:00 haircuts (1 500 ₽), Ольга 12:00 manicure (2 000 ₽) cancelled,
    /// Ольга 13:00 haircut; yesterday Анна's visit rated 2★ and today's rated 5★ earlier... ratings given today: 2 and 5.
    static func prepared() async throws -> (FlowHarness, [Booking]) {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let yesterday = try await h.book(h.at(10, on: today.adding(days: -1)))
        let a = try await h.book(h.at(10, on: today))
        let b = try await h.book(h.at(11, on: today))
        let c = try await h.book(h.at(12, on: today), service: 1, customer: olga)
        _ = try await h.store.cancelBooking(c.id, tenant: h.context.id, by: .customer, reason: nil, now: FlowHarness.now)
        let d = try await h.book(h.at(13, on: today), customer: olga)
        for (booking, stars) in [(yesterday, 2), (a, 5)] {
            _ = await h.store.rate(
                Feedback(bookingID: booking.id, customer: booking.customer, masterID: booking.masterID, serviceID: booking.serviceID, rating: stars,
                         ratedAt: FlowHarness.now), tenant: h.context.id)
        }
        return (h, [yesterday, a, b, c, d])
    }

    @Test func todaysNumbers() async throws {
        let (h, _) = try await Self.prepared()
        let result = try await h.press(.business(.dashboard(week: false)), as: FlowHarness.manager)
        #expect(result.shown == """
            📊 Сегодня, 30 ноября, пн
            Записей: 4
            Отмен: 1 (25%)
            Неявок: 0
            Выручка: 4\u{00A0}500\u{00A0}₽
            Средняя оценка: 3.5 (2)
            Загруженные часы: 10:00 (1), 11:00 (1), 13:00 (1)
            Новых клиентов: 2

            💡 Оценка ниже 4: прочитайте комментарии к низким оценкам.
            """)
    }

    @Test func theWeekCountsMondayToSunday() async throws {
        let (h, _) = try await Self.prepared()
        _ = try await h.book(h.at(10, on: Self.today.adding(days: 6)), customer: Self.olga)
        _ = try await h.book(h.at(10, on: Self.today.adding(days: 7)), customer: Self.olga)
        let result = try await h.press(.business(.dashboard(week: true)), as: FlowHarness.owner)
        let text = try #require(result.shown)
        #expect(text.hasPrefix("📊 Неделя 30.11–06.12\nЗаписей: 5\nОтмен: 1 (20%)"))
        #expect(text.contains("Загруженные часы: 10:00 (2), 11:00 (1), 13:00 (1)"))
    }

    @Test func theRecommendationFollowsTheNumbers() {
        let calendar = ZonedCalendar(identifier: "Europe/Moscow")!
        let day = calendar.dayRange(Self.today)
        func booking(_ id: Int64, _ hour: Int, _ status: BookingStatus) -> Booking {
            let start = calendar.instant(Self.today, LocalTime(hour: hour)!)!
            return Booking(id: BookingID(id), customer: UserID(id), chat: ChatID(id), serviceID: ServiceID(1), masterID: MasterID(1), start: start,
                           end: start.addingTimeInterval(3600), status: status, createdAt: start)
        }
        func advice(_ bookings: [Booking], rating: Double? = nil) -> BusinessTextKey {
            DashboardNumbers(bookings: bookings, services: [], currency: "RUB", rating: RatingSummary(count: rating == nil ? 0 : 1, average: rating),
                             customers: [], range: day, calendar: calendar).advice.0
        }
        #expect(advice([]) == .adviceEmpty)
        let cancelled = BookingStatus.cancelled(by: .customer, reason: nil)
        #expect(advice([booking(1, 10, cancelled), booking(2, 11, cancelled), booking(3, 12, .confirmed)]) == .adviceCancellations)
        #expect(advice([booking(1, 10, .noShow), booking(2, 11, .noShow), booking(3, 12, .completed)]) == .adviceNoShows)
        #expect(advice([booking(1, 10, .completed)], rating: 3.5) == .adviceRating)
        #expect(advice((1...3).map { booking($0, 10, .confirmed) }, rating: 4.8) == .adviceBusy)
        #expect(advice([booking(1, 10, .completed)], rating: 5) == .adviceGood)
        let numbers = DashboardNumbers(
            bookings: [booking(1, 10, .completed), booking(2, 11, .noShow), booking(3, 12, .confirmed)],
            services: [Service(id: ServiceID(1), name: "x", durationMinutes: 60, price: .fixed(minorUnits: 1000, currency: "RUB"))],
            currency: "RUB", rating: RatingSummary(count: 0, average: nil), customers: [], range: day, calendar: calendar)
        #expect(numbers.revenueMinor == 2000 && numbers.noShows == 1)
    }

    @Test func clientsListVisitsNoShowsAndLastVisitAndTheCardHasTheHistory() async throws {
        let (h, bookings) = try await Self.prepared()
        let list = try await h.press(.business(.clients(page: 0)), as: FlowHarness.manager)
        let text = try #require(list.shown)
        #expect(text.hasPrefix("👤 Клиентов: 2 (страница 1 из 1)"))
        #expect(text.contains("• Анна — визитов 1, неявок 0, последний 29.11"))
        #expect(text.contains("• Ольга — визитов 0, неявок 0, последний не было"))
        let card = try await h.press(.business(.client(UserID(Self.olga.id))), as: FlowHarness.manager)
        let shown = try #require(card.shown)
        #expect(shown.contains("Визитов: 0 · неявок: 0 · отмен: 1"))
        #expect(shown.contains("• 30 ноября, пн, 12:00 Маникюр — отменена") || shown.contains("12:00 Маникюр"))
        #expect(card.calls.last?.inlineButtons.contains { $0.callbackData == AdminCallback.booking(bookings[4].id).data } == true)
        let unknown = try await h.press(.business(.client(UserID(42))), as: FlowHarness.manager)
        #expect(unknown.answer?.showAlert == true)
    }

    @Test func everyBusinessTextExistsInBothLanguagesWithTheSamePlaceholders() throws {
        func placeholders(_ text: String) -> Set<String> {
            Set(text.split(separator: "{", omittingEmptySubsequences: false).dropFirst().compactMap { $0.split(separator: "}", maxSplits: 1).first.map(String.init) })
        }
        for key in BusinessTextKey.allCases {
            let ru = try #require(BusinessTextKey.russian[key], "\(key)")
            let en = try #require(BusinessTextKey.english[key], "\(key)")
            #expect(placeholders(ru) == placeholders(en), "\(key)")
        }
    }

    @Test func theClientListPages() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        for id in 1...23 {
            _ = await h.store.upsertCustomer(
                CustomerProfile(userID: UserID(Int64(500 + id)), chatID: ChatID(Int64(500 + id)), firstName: "K\(id)", username: nil, languageCode: "ru"),
                tenant: h.context.id, now: FlowHarness.now)
        }
        let last = try await h.press(.business(.clients(page: 9)), as: FlowHarness.owner)
        #expect(last.shown?.hasPrefix("👤 Клиентов: 23 (страница 3 из 3)") == true)
        #expect(last.calls.last?.inlineButtons.filter { $0.callbackData?.hasPrefix("acc:") == true }.count == 3)
    }
}
