import BookingCore
import Foundation
import TelegramSandbox

/// A customer who books again and again through the bot and tolerates a server that disappears for a while:
/// each step waits for the bot, and an attempt that gets no answer is given up and started over.
struct LoadCustomer: Sendable {
    let user: SimulatedUser
    let tenant: TenantID
    var stepTimeout: Duration = .seconds(20)

    /// What one customer saw.
    struct Outcome: Sendable {
        /// Epoch minutes of the slots the bot confirmed.
        var confirmed: [Int64] = []
        /// Attempts that got no answer within the step timeout.
        var timeouts = 0
        /// Where those attempts stopped.
        var stalls: [String] = []
        /// Attempts refused politely (the slot was taken meanwhile, the cap was reached).
        var refused = 0
    }

    /// Makes `attempts` booking attempts.
    func run(attempts: Int) async -> Outcome {
        var outcome = Outcome()
        var random = SystemRandomNumberGenerator()
        for _ in 0..<attempts {
            do {
                if let minute = try await attempt(using: &random) { outcome.confirmed.append(minute) } else { outcome.refused += 1 }
            } catch {
                outcome.timeouts += 1
                outcome.stalls.append("\(Date().formatted(.iso8601.time(includingFractionalSeconds: true))) \(error)")
            }
        }
        return outcome
    }

    /// One booking attempt: the confirmed slot's epoch minute, or nil when the bot refused it.
    private func attempt(using random: inout SystemRandomNumberGenerator) async throws -> Int64? {
        try await user.send("📅 Записаться")
        let services = try await user.waitForBotMessage(timeout: stepTimeout) { $0.text?.hasPrefix("Выберите услугу:") == true }
        let service = services.inlineButtons.first { $0.text.hasPrefix("Женская стрижка") }!
        try await user.press(service.text)
        let calendar = try await user.waitForBotMessage(timeout: stepTimeout) {
            $0.text?.hasSuffix("Выберите день:") == true && $0.inlineButtons.contains { $0.callbackData?.hasPrefix("d:") == true }
        }
        let days = calendar.inlineButtons.filter { $0.callbackData?.hasPrefix("d:") == true }
        try await user.press(days.randomElement(using: &random)!.text)
        let times = try await user.waitForBotMessage(timeout: stepTimeout) { $0.inlineButtons.contains { $0.callbackData?.hasPrefix("t:") == true } }
        let slot = times.inlineButtons.filter { $0.callbackData?.hasPrefix("t:") == true }.randomElement(using: &random)!
        let minute = Int64(slot.callbackData!.split(separator: ":")[3])!
        try await user.press(slot.text)
        _ = try await user.waitForBotMessage(timeout: stepTimeout) { $0.text?.hasPrefix("Проверьте запись") == true }
        try await user.press("✅ Подтвердить")
        // The card turns into the confirmation, or into a polite refusal (taken meanwhile, the cap reached).
        let done = try await user.waitForBotMessage(timeout: stepTimeout) { $0.text.map { !$0.hasPrefix("Проверьте запись") } ?? false }
        return done.text?.hasPrefix("✅ Вы записаны!") == true ? minute : nil
    }
}

extension SimulatedUser {
    /// Bot messages that repeat the message right before them with no user action between: what a message
    /// sent twice looks like to a person.
    func repeatedBotMessages() async -> [SandboxMessage] {
        let transcript = await transcript()
        return zip(transcript, transcript.dropFirst()).compactMap { previous, message in
            guard previous.fromBot, message.fromBot, previous.text == message.text, previous.caption == message.caption,
                previous.inlineKeyboard == message.inlineKeyboard, previous.document?.fileName == message.document?.fileName
            else { return nil }
            return message
        }
    }
}

extension ProcessStack {
    /// `perTenant` load customers of every tenant (user ids from `firstUser`), each making `attempts` booking attempts,
    /// running until they are done.
    func startLoad(perTenant: Int, firstUser: Int64, attempts: Int) -> Task<[(LoadCustomer, LoadCustomer.Outcome)], Never> {
        let customers = tokens.sorted { $0.key.rawValue < $1.key.rawValue }.flatMap { tenant, token in
            (1...perTenant).map { n in
                LoadCustomer(user: sandbox.user(firstUser + Int64(n), firstName: "Клиент\(n)", languageCode: "ru", bot: token), tenant: tenant)
            }
        }
        return Task {
            await withTaskGroup(of: (LoadCustomer, LoadCustomer.Outcome).self) { group in
                for customer in customers { group.addTask { (customer, await customer.run(attempts: attempts)) } }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
    }
}
