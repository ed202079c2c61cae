import BookingCore
import Foundation
import Storage
import TelegramSandbox
import Testing

/// Journeys that need time to pass (feedback after the visit, a waitlist hold running out), on the real
/// service with its clock moved forward: the due outbox rows are claimed and sent by the sender, or fired by the timer
/// intake.
@Suite("Timed journeys", .serialized)
struct TimedJourneyTests {
    typealias E2E = CustomerExperienceEndToEndTests

    /// After the visit the customer is asked for stars, rates, comments; the rating is stored once.
    @Test func feedbackIsAskedAfterTheVisitAndStored() async throws {
        let clock = TestClock()
        try await LocalStack.run(mode: .webhook, clock: clock) { stack in
            let user = stack.user(630, of: LocalStack.tenantA)
            let journey = CustomerJourney(user: user)
            try await journey.start()
            try await journey.bookFirstFreeSlot(minDaysAhead: 1)
            let booking = try #require(try await stack.stores.bookings.bookings(of: UserID(630), tenant: LocalStack.tenantA).first)
            // Past the end of the visit and the feedback delay (2 h by default).
            clock.advance(by: booking.end.timeIntervalSince(Date()) + 2 * 3600 + 60)
            let question = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Как прошёл визит?") == true }
            let five = try #require(question.inlineButtons.first { $0.callbackData == "fr:\(booking.id):5" })
            _ = try await user.press(five.text)
            _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Спасибо! Ваша оценка: 5") == true }
            _ = try await user.send("Всё отлично, спасибо!")
            _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text == "Спасибо за отзыв!" }
            // A second press of the same stars changes nothing.
            _ = try await user.pressData("fr:\(booking.id):1", messageID: question.messageID)
            try await user.waitUntilAllPressesAnswered(timeout: .seconds(10))
            let stored = try await stack.stores.feedback.feedback(for: booking.id, tenant: LocalStack.tenantA)
            #expect(stored?.rating == 5)
            #expect(stored?.comment == "Всё отлично, спасибо!")
            // One question, edited in place into the thanks.
            let texts = await user.transcript().filter(\.fromBot).compactMap(\.text)
            #expect(texts.filter { $0.hasPrefix("Спасибо! Ваша оценка") }.count == 1)
            // The reminders came due only after the visit began (the clock jumped past it): they were dropped.
            #expect(texts.filter { $0.hasPrefix("⏰ Напоминание о записи") }.isEmpty)
        }
    }

    /// The first in line lets the hold run out: the slot goes to the next, who books it.
    @Test func anExpiredWaitlistOfferPassesToTheNextInLine() async throws {
        let clock = TestClock()
        try await LocalStack.run(mode: .webhook, clock: clock) { stack in
            let tenant = LocalStack.tenantA
            let service = try #require(try await stack.stores.catalog.services(tenant).first { $0.name == "Женская стрижка" })
            let master = try #require(try await stack.stores.catalog.masters(tenant).first)
            // The day is full: customer 900 holds it until 17:00, customer 901 the last hour (17:00–18:00).
            let day = E2E.moscow.localDate(of: Date()).adding(days: 3)
            for (customer, from, hours) in [(900, 0, 17), (901, 17, 7)] {
                var long = service
                long.durationMinutes = hours * 60
                let start = try #require(E2E.moscow.instant(day, LocalTime(hour: from)!))
                _ = try await stack.stores.bookings.createBooking(
                    BookingRequest(customer: UserID(Int64(customer)), chat: ChatID(Int64(customer)), service: long, masterID: master.id, start: start),
                    tenant: tenant, maxActivePerCustomer: 3, now: Date())
            }
            let first = stack.user(640, of: tenant)
            let second = stack.user(641, of: tenant)
            try await CustomerJourney(user: first).joinWaitlist(service: service, master: master, day: day)
            try await CustomerJourney(user: second).joinWaitlist(service: service, master: master, day: day)

            let holder = stack.user(901, of: tenant)
            try await CustomerJourney(user: holder).start()
            try await CustomerJourney(user: holder).cancelFirstBooking()
            let offer = try await first.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🔔 Освободилось время!") == true }
            // One hour freed, one offer: the second in line waits. (An offer to them would have been written with the
            // first one; once nothing is due in the outbox, it would have been delivered.)
            while try await !stack.store.dueMessages(now: clock.date(), limit: 1).isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            #expect(await second.transcript().allSatisfy { $0.text?.hasPrefix("🔔 Освободилось время!") != true })

            // The hold (15 minutes) runs out; the timer fires and the next in line gets the slot.
            clock.advance(by: 16 * 60)
            let next = try await second.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("🔔 Освободилось время!") == true }
            _ = try await second.press(try #require(next.inlineButtons.first { $0.callbackData?.hasPrefix("wa:") == true }).text)
            _ = try await second.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("✅ Вы записаны!") == true }
            // The first one's late press is refused politely and books nothing.
            let accept = try #require(offer.inlineButtons.first { $0.callbackData?.hasPrefix("wa:") == true })
            _ = try await first.pressData(try #require(accept.callbackData), messageID: offer.messageID)
            try await first.waitUntilAllPressesAnswered(timeout: .seconds(10))
            #expect(try await stack.stores.bookings.bookings(of: UserID(640), tenant: tenant).isEmpty)
            let booked = try await stack.stores.bookings.bookings(of: UserID(641), tenant: tenant)
            #expect(booked.count == 1 && booked.first.map { E2E.moscow.localDate(of: $0.start) } == day)
        }
    }
}
