import BookingCore
import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

/// Replays the recorded journeys (Fixtures/journey_ru.json, journey_en.json): every update of a customer's
/// path through /start, booking, My bookings, reschedule, cancel, past bookings, feedback and the waitlist,
/// with the exact Bot API requests (and scheduled messages, timers, withdrawals) each one must cause.
/// `ZAPIS_RECORD_JOURNEYS=1` re-records them from the current behaviour; review the diff before keeping it.
@Suite("Recorded journeys")
struct JourneyReplayTests {
    @Test(arguments: ["ru", "en"])
    func replayGivesTheRecordedRequests(language: String) async throws {
        let world = try await JourneyWorld(language: language)
        let url = JourneyStep.fixtureURL(language)
        if ProcessInfo.processInfo.environment["ZAPIS_RECORD_JOURNEYS"] == "1" {
            let steps = try await Self.script(world)
            try JourneyStep.encoder.encode(steps).write(to: url)
            return
        }
        let steps = try JourneyStep.decoder.decode([JourneyStep].self, from: Data(contentsOf: url))
        #expect(steps.count == 24)
        for step in steps {
            let result = try await world.run(step)
            #expect(result.requests == step.requests, "\(step.name)")
            #expect(result.scheduled.map { JourneyStep.Scheduled(due: $0.due, booking: $0.bookingID, request: $0.call) } == step.scheduled, "\(step.name)")
            #expect(result.withdrawn == step.withdrawn, "\(step.name)")
            #expect(result.timers == step.timers, "\(step.name)")
            // Every press is answered, first; every button fits Telegram's 64 bytes.
            if let query = step.update?.callbackQuery {
                guard case .answerCallbackQuery(let answer) = result.calls.first else {
                    Issue.record("\(step.name): press not answered first")
                    continue
                }
                #expect(answer.callbackQueryID == query.id)
            }
            #expect(result.calls.flatMap(\.inlineButtons).allSatisfy { ($0.callbackData?.utf8.count ?? 0) <= 64 }, "\(step.name)")
        }
    }

    /// The journey, walked by pressing the buttons the bot shows (used only to record).
    static func script(_ world: JourneyWorld) async throws -> [JourneyStep] {
        var steps: [JourneyStep] = []
        var id: Int64 = 1
        func step(_ name: String, _ update: Update) async throws -> JourneyStep {
            let recorded = try await world.record(name, update: update)
            steps.append(recorded)
            id += 1
            return recorded
        }
        func button(_ step: JourneyStep, _ prefix: String, at index: Int = 0) throws -> String {
            let data = step.requests.flatMap(\.inlineButtons).compactMap(\.callbackData).filter { $0.hasPrefix(prefix) }
            guard index < data.count else { throw ScriptError(step: step.name, prefix: prefix) }
            return data[index]
        }
        let menu = Texts.standard
        let language = Language.resolve(userCode: world.customer.languageCode, tenantDefault: "ru")
        _ = try await step("start", world.message("/start", id: id))
        let services = try await step("book", world.message(menu.render(.menuBook, language), id: id))
        let november = try await step("service", world.press(try button(services, "s:"), id: id, messageID: 11))
        let month = try await step("next month", world.press(try button(november, "c:"), id: id, messageID: 11))
        let day = try await step("day", world.press(try button(month, "d:", at: 1), id: id, messageID: 11))
        let card = try await step("time", world.press(try button(day, "t:", at: 1), id: id, messageID: 11))
        _ = try await step("confirm", world.press(try button(card, "ok:"), id: id, messageID: 11))
        let mine = try await step("my bookings", world.message(menu.render(.menuMyBookings, language), id: id))
        let moveNovember = try await step("reschedule", world.press(try button(mine, "rs:"), id: id, messageID: 14))
        let moveMonth = try await step("reschedule next month", world.press(try button(moveNovember, "rm:"), id: id, messageID: 14))
        let moveDay = try await step("reschedule day", world.press(try button(moveMonth, "rd:", at: 2), id: id, messageID: 14))
        let moveCard = try await step("reschedule time", world.press(try button(moveDay, "rt:", at: 3), id: id, messageID: 14))
        _ = try await step("reschedule confirm", world.press(try button(moveCard, "ry:"), id: id, messageID: 14))
        let list = try await step("my bookings again", world.message("/my", id: id))
        let ask = try await step("cancel", world.press(try button(list, "bc:"), id: id, messageID: 17))
        _ = try await step("cancel confirm", world.press(try button(ask, "by:"), id: id, messageID: 17))
        _ = try await step("past bookings", world.press(try button(list, "pb:"), id: id, messageID: 17))
        _ = try await step("feedback stars", world.press("fr:\(world.pastBooking):5", id: id, messageID: 9))
        _ = try await step("feedback comment", world.message(language == .ru ? "Всё отлично, спасибо!" : "Great, thank you!", id: id))
        let full = try await step(
            "full day", world.press("f:\(world.harness.services[0].id):\(world.harness.master.id):\(JourneyWorld.fullDay.compact)", id: id, messageID: 20))
        _ = try await step("join waitlist", world.press(try button(full, "wj:"), id: id, messageID: 20))
        let freed = try await step("neighbour cancels", world.press("by:\(world.neighbourBooking)", id: id, messageID: 30, from: world.neighbour))
        _ = try await step("accept offer", world.press(try button(freed, "wa:"), id: id, messageID: 23))
        _ = try await step("about", world.message(menu.render(.menuAbout, language), id: id))
        return steps
    }

    struct ScriptError: Error { var step: String; var prefix: String }
}
