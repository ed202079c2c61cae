import App
import Foundation
import TelegramBotAPI
import TelegramSandbox

/// One simulated customer walking booking flows back to back until the deadline: /start, 📅 Записаться →
/// service → day → time → ✅ Подтвердить, then 🗂 Мои записи, cancelling a booking now and then. Choices
/// are random (seeded); every step waits for the bot's answer before the next one, like a person.
struct BenchCustomer {
    let user: SimulatedUser
    let deadline: ContinuousClock.Instant
    let cancelRatio: Double
    let timeout: Duration
    /// Mean pause before each action (a person reading); each pause is 0.5–1.5 times this.
    let think: Duration
    let counters: BenchCounters
    var random: BenchRandom
    /// The text of the latest alert a press was answered with.
    var lastAlert = ""

    /// The load is over: stop between steps.
    struct Stop: Error {}

    /// Something other than the flow's expected answers arrived.
    struct Unexpected: Error, CustomStringConvertible {
        let description: String
    }

    mutating func run() async {
        var needsStart = true
        while ContinuousClock.now < deadline {
            do {
                if needsStart {
                    _ = try await send("/start", "greeting") { $0.text?.hasPrefix("Здравствуйте") == true }
                    needsStart = false
                }
                try await bookOnce()
                try await visitMyBookings()
            } catch is Stop {
                return
            } catch {
                counters.error("\(error)")
                needsStart = true
            }
        }
    }

    private mutating func bookOnce() async throws {
        let services = try await send("📅 Записаться", "services") { $0.text?.hasPrefix("Выберите услугу:") == true }
        let service = try pick(services, prefix: "s:")
        var calendar = try await press(service, on: services, "calendar") { $0.text?.hasSuffix("Выберите день:") == true }
        // Late in a month few days are left: then usually look at the next month, as a person would.
        let freeDays = calendar.inlineButtons.filter { $0.callbackData?.hasPrefix("d:") == true && $0.text != "✕" }.count
        if freeDays == 0 || (freeDays < 7 && Double.random(in: 0..<1, using: &random) < 0.7) {
            guard let next = calendar.inlineButton("›")?.callbackData else { throw Unexpected(description: "no days and no next month") }
            let before = calendar.editCount
            calendar = try await press(next, on: calendar, "next month") { $0.editCount > before && $0.text?.hasSuffix("Выберите день:") == true }
        }
        let day = try pick(calendar, prefix: "d:", excluding: "✕")
        let slots = try await press(day, on: calendar, "times") { $0.text?.contains("выберите время") == true || $0.text?.contains("свободного времени нет") == true }
        guard slots.inlineButtons.contains(where: { $0.callbackData?.hasPrefix("t:") == true }) else {
            counters.count("day without free time")
            return
        }
        let slot = try pick(slots, prefix: "t:")
        let card = try await press(slot, on: slots, "confirmation card") { message in
            guard let text = message.text else { return false }
            return text.hasPrefix("Проверьте запись") || text.hasPrefix("Это время")
        }
        guard let confirm = card.inlineButtons.first(where: { $0.callbackData?.hasPrefix("ok:") == true })?.callbackData else {
            counters.count("slot gone before the card")
            return
        }
        let outcome = try await press(confirm, on: card, "booking result", alerts: true) { message in
            guard let text = message.text else { return false }
            return text.hasPrefix("✅ Вы записаны!") || text.hasPrefix("Это время")
        }
        let text = outcome?.text ?? lastAlert
        if text.hasPrefix("✅ Вы записаны!") {
            counters.booked()
            counters.count("booked")
        } else if text.hasPrefix("Это время только что заняли") {
            counters.count("slot taken by someone else")
        } else if text.hasPrefix("Это время") {
            counters.count("slot too soon")
        } else if text.hasPrefix("У вас уже") {
            counters.count("active booking limit")
        } else if text.hasPrefix("На этот день") {
            counters.count("one booking per day")
        } else {
            counters.count("refused: \(text.prefix(40))")
        }
    }

    private mutating func visitMyBookings() async throws {
        let list = try await send("🗂 Мои записи", "my bookings") {
            $0.text?.hasPrefix("Ваши предстоящие записи") == true || $0.text == "У вас нет предстоящих записей."
        }
        let cancels = list.inlineButtons.compactMap(\.callbackData).filter { $0.hasPrefix("bc:") }
        guard !cancels.isEmpty, cancels.count >= 2 || Double.random(in: 0..<1, using: &random) < cancelRatio else { return }
        let ask = try await press(cancels.randomElement(using: &random)!, on: list, "cancel question", alerts: true) {
            $0.text?.hasPrefix("Отменить запись?") == true
        }
        guard let ask, let yes = ask.inlineButtons.first(where: { $0.callbackData?.hasPrefix("by:") == true })?.callbackData else {
            counters.count("cancel window closed")
            return
        }
        _ = try await press(yes, on: ask, "cancelled") { $0.text?.hasPrefix("Запись отменена:") == true }
        counters.cancelled()
        counters.count("cancelled")
    }

    private mutating func pick(_ message: SandboxMessage, prefix: String, excluding label: String? = nil) throws -> String {
        let choices = message.inlineButtons.filter { $0.text != label }.compactMap(\.callbackData).filter { $0.hasPrefix(prefix) }
        guard let choice = choices.randomElement(using: &random) else {
            throw Unexpected(description: "no \(prefix) button in \"\(message.text?.prefix(40) ?? "")\"")
        }
        return choice
    }

    private mutating func send(_ text: String, _ expected: String, until predicate: @escaping @Sendable (SandboxMessage) -> Bool) async throws
        -> SandboxMessage
    {
        let user = user
        return try await step(expected, { try await user.send(text) }, until: predicate)!
    }

    private mutating func press(
        _ data: String, on message: SandboxMessage, _ expected: String, until predicate: @escaping @Sendable (SandboxMessage) -> Bool
    ) async throws -> SandboxMessage {
        let user = user
        return try await step(expected, { try await user.pressData(data, messageID: message.messageID) }, until: predicate)!
    }

    /// A press that the bot may answer with an alert instead of a message: nil then, and `lastAlert` holds its text.
    private mutating func press(
        _ data: String, on message: SandboxMessage, _ expected: String, alerts: Bool,
        until predicate: @escaping @Sendable (SandboxMessage) -> Bool
    ) async throws -> SandboxMessage? {
        let user = user
        return try await step(expected, { try await user.pressData(data, messageID: message.messageID) }, alerts: alerts, until: predicate)
    }

    private mutating func step(
        _ expected: String, _ action: () async throws -> Void, alerts: Bool = false,
        until predicate: @escaping @Sendable (SandboxMessage) -> Bool
    ) async throws -> SandboxMessage? {
        if think > .zero {
            let pause = think * Double.random(in: 0.5..<1.5, using: &random)
            guard ContinuousClock.now + pause < deadline else { throw Stop() }
            try? await Task.sleep(for: pause)
        }
        guard ContinuousClock.now < deadline else { throw Stop() }
        let started = ContinuousClock.now
        try await action()
        do {
            if alerts {
                try await user.waitUntilAllPressesAnswered(timeout: timeout)
                if let answer = await user.callbackAnswers().last, answer.showAlert {
                    counters.acted(roundTrip: ContinuousClock.now - started)
                    lastAlert = answer.text ?? ""
                    return nil
                }
            }
            let message = try await user.waitForBotMessage(timeout: timeout, where: predicate)
            counters.acted(roundTrip: ContinuousClock.now - started)
            return message
        } catch {
            let last = await user.transcript().last { $0.fromBot }?.text?.prefix(60).replacingOccurrences(of: "\n", with: " ") ?? "none"
            throw Unexpected(description: "no \(expected) within \(timeout); last bot message: \(last)")
        }
    }
}
