import BookingCore
import Foundation
import TelegramSandbox

/// A simulated customer walking through the bot like a person: by visible texts and buttons.
struct CustomerJourney {
    let user: SimulatedUser

    func start() async throws {
        try await user.send("/start")
        try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("Здравствуйте") == true }
    }

    /// Books the first free slot on a day at least `minDaysAhead` days ahead; returns the confirmation text (the bot's
    /// message starting with `done`: a held booking's card starts otherwise).
    @discardableResult
    func bookFirstFreeSlot(minDaysAhead: Int = 0, done prefix: String = "✅ Вы записаны!") async throws -> String {
        _ = try await user.send("📅 Записаться")
        let services = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Выберите услугу:") == true }
        let service = try #require(services.inlineButtons.first { $0.text.hasPrefix("Женская стрижка") })
        _ = try await user.press(service.text)
        var calendar = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasSuffix("Выберите день:") == true }
        let earliest = Date().addingTimeInterval(Double(minDaysAhead) * 86_400)
        let earliestCompact = Int(ZonedCalendar(identifier: "Europe/Moscow")!.localDate(of: earliest).compact)!
        func pickDay(_ message: SandboxMessage) -> String? {
            message.inlineButtons.first { button in
                guard let data = button.callbackData, data.hasPrefix("d:"), let day = Int(data.split(separator: ":").last!) else { return false }
                return day >= earliestCompact
            }?.text
        }
        if pickDay(calendar) == nil {
            let before = calendar.editCount
            _ = try await user.press("›")
            calendar = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.editCount > before && $0.text?.hasSuffix("Выберите день:") == true }
        }
        let day = try #require(pickDay(calendar))
        _ = try await user.press(day)
        let slots = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.contains("выберите время") == true }
        let slot = try #require(slots.inlineButtons.first { $0.callbackData?.hasPrefix("t:") == true })
        _ = try await user.press(slot.text)
        _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Проверьте запись") == true }
        _ = try await user.press("✅ Подтвердить")
        let done = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix(prefix) == true }
        try await user.waitUntilAllPressesAnswered(timeout: .seconds(10))
        return done.text ?? ""
    }

    /// Cancels the first booking in My bookings.
    func cancelFirstBooking() async throws {
        _ = try await user.send("🗂 Мои записи")
        let list = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Ваши предстоящие записи") == true }
        let cancel = try #require(list.inlineButtons.first { $0.callbackData?.hasPrefix("bc:") == true })
        _ = try await user.press(cancel.text)
        _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Отменить запись?") == true }
        _ = try await user.press("Да, отменить")
        _ = try await user.waitForBotMessage(timeout: .seconds(10)) { $0.text?.hasPrefix("Запись отменена:") == true }
        try await user.waitUntilAllPressesAnswered(timeout: .seconds(10))
    }
}

import Testing
