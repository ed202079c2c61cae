import TelegramBotAPI

/// A person talking to one sandbox bot in a private chat (chat id = user id).
///
/// `waitForBotMessage` and `waitUntilAllPressesAnswered` wait on the chat's change notifications, never by
/// sleeping and polling.
public struct SimulatedUser: Sendable {
    /// The user's Telegram profile.
    public let user: User
    /// The bot this user talks to.
    public let bot: BotToken
    /// The sandbox the user lives in.
    let store: SandboxStore

    /// The user's id, which is also the chat id.
    public var id: Int64 { user.id }

    /// Writes `text` to the bot; text starting with "/" carries a bot_command entity. Returns the update_id.
    @discardableResult
    public func send(_ text: String) async throws -> Int64 {
        try store.userSends(bot, user: user, text: text)
    }

    /// Forwards a text message of `sender` to the bot; nil forwards it from someone who hides their account in
    /// forwards (Telegram then gives only a name).
    @discardableResult
    public func forward(_ text: String, from sender: User?) async throws -> Int64 {
        let origin = sender.map { MessageOrigin(type: "user", date: 1_700_000_000, senderUser: $0) }
            ?? MessageOrigin(type: "hidden_user", date: 1_700_000_000, senderUserName: "Hidden Person")
        return try store.userSends(bot, user: user, text: text, forwardOrigin: origin)
    }

    /// Sends a photo (made up by the sandbox, in two sizes) with an optional caption; returns the largest size's
    /// file_id, which this bot (and no other) may send again with sendPhoto.
    @discardableResult
    public func sendPhoto(caption: String? = nil) async throws -> String {
        try store.userSendsPhoto(bot, user: user, caption: caption)
    }

    /// Presses the inline button labelled exactly `buttonText` on the newest bot message that has one.
    @discardableResult
    public func press(_ buttonText: String) async throws -> Int64 {
        let (messageID, data) = try store.button(bot, userID: id, text: buttonText)
        return try store.userPresses(bot, user: user, data: data, messageID: messageID)
    }

    /// Taps a button of the reply keyboard currently shown, which sends its text; throws if it is not shown.
    @discardableResult
    public func tapReplyButton(_ buttonText: String) async throws -> Int64 {
        let shown = await replyKeyboard()?.keyboard.joined().contains { $0.text == buttonText } ?? false
        guard shown else { throw SandboxError.buttonNotFound(buttonText) }
        return try await send(buttonText)
    }

    /// Taps the reply keyboard's `request_contact` button labelled `buttonText` and consents, like Telegram: the bot
    /// gets the user's own contact (`user_id` = the user). Throws if no such button is shown.
    @discardableResult
    public func shareContact(_ buttonText: String, phone: String) async throws -> Int64 {
        let shown = await replyKeyboard()?.keyboard.joined().contains { $0.text == buttonText && $0.requestContact == true } ?? false
        guard shown else { throw SandboxError.buttonNotFound(buttonText) }
        return try store.userSendsContact(bot, user: user, contact: Contact(phoneNumber: phone, firstName: user.firstName, userID: user.id))
    }

    /// Sends any contact card (someone else's, from the address book), which Telegram delivers as it is.
    @discardableResult
    public func sendContact(_ contact: Contact) async throws -> Int64 {
        try store.userSendsContact(bot, user: user, contact: contact)
    }

    /// Sends a callback query with arbitrary data for any message id (forged or stale buttons).
    @discardableResult
    public func pressData(_ data: String, messageID: Int64) async throws -> Int64 {
        try store.userPresses(bot, user: user, data: data, messageID: messageID)
    }

    /// Pays the newest invoice in the chat (or invoice `messageID`) like Telegram: the bot gets a pre_checkout_query and
    /// has 10 s to answer; on yes the bot gets the `successful_payment` message.
    public func pay(invoice messageID: Int64? = nil) async throws -> SandboxPaymentResult {
        let newest = await transcript().last(where: { $0.invoice != nil })?.messageID
        guard let invoice = messageID ?? newest else {
            throw SandboxError.invalidRequest("no invoice in the chat")
        }
        let queryID = try store.userStartsPayment(bot, user: user, messageID: invoice)
        let signal = try store.touchChat(bot, user: user)
        let (store, bot) = (store, bot)
        let answer: PreCheckoutAnswer
        do {
            answer = try await withTimeout(SandboxStore.preCheckoutDeadline, "the answer to pre-checkout query \(queryID)") {
                try await signal.wait { () throws -> PreCheckoutAnswer? in try store.preCheckoutAnswer(bot, queryID: queryID) }
            }
        } catch SandboxError.timedOut {
            return .timedOut
        }
        guard answer == .ok else {
            if case .refused(let message) = answer { return .refused(message) }
            return .timedOut
        }
        return .paid(chargeID: try store.completePayment(bot, user: user, messageID: invoice))
    }

    /// Telegram delivers the `successful_payment` of an earlier payment again (a second update for the same charge).
    public func repeatPayment(chargeID: String, invoice messageID: Int64) async throws {
        try store.completePayment(bot, user: user, messageID: messageID, chargeID: chargeID)
    }

    /// Whether the Stars payment `chargeID` was refunded (nil: no such payment).
    public func isRefunded(chargeID: String) async -> Bool? { try? store.isRefunded(bot, chargeID: chargeID) }

    /// Blocks the bot: its sends to this user fail with 403, and it gets a my_chat_member "kicked" update.
    public func blockBot() async throws { try store.setBlocked(bot, user: user, blocked: true) }

    /// Unblocks the bot (my_chat_member "member").
    public func unblockBot() async throws { try store.setBlocked(bot, user: user, blocked: false) }

    /// All messages of the chat in order, both directions, with the bot's edits applied in place.
    public func transcript() async -> [SandboxMessage] { (try? store.transcript(bot, userID: id)) ?? [] }

    /// The reply keyboard currently shown under the input field, if any.
    public func replyKeyboard() async -> ReplyKeyboardMarkup? {
        for message in await transcript().reversed() where message.fromBot {
            if message.removesReplyKeyboard { return nil }
            if let keyboard = message.replyKeyboard { return keyboard }
        }
        return nil
    }

    /// Every answerCallbackQuery the bot made for this user's presses, in order.
    public func callbackAnswers() async -> [CallbackAnswer] { (try? store.presses(bot, userID: id).answers) ?? [] }

    /// Callback query ids of presses the bot has not answered yet.
    public func unansweredPresses() async -> [String] { (try? store.presses(bot, userID: id).pending) ?? [] }

    /// Waits for a bot message sent or edited after the user's latest send or press that matches `predicate`.
    ///
    /// Returns the most recently changed match; throws `SandboxError.timedOut` after `timeout`.
    @discardableResult
    public func waitForBotMessage(
        timeout: Duration = .seconds(5), where predicate: @escaping @Sendable (SandboxMessage) -> Bool = { _ in true }
    ) async throws -> SandboxMessage {
        let signal = try store.touchChat(bot, user: user)
        let (store, bot, id) = (store, bot, id)
        return try await withTimeout(timeout, "a bot message to user \(id)") {
            try await signal.wait { () throws -> SandboxMessage? in
                try store.botMessagesSinceLastAction(bot, userID: id).first(where: predicate)
            }
        }
    }

    /// Waits until the bot has answered every press of this user.
    public func waitUntilAllPressesAnswered(timeout: Duration = .seconds(5)) async throws {
        let signal = try store.touchChat(bot, user: user)
        let (store, bot, id) = (store, bot, id)
        try await withTimeout(timeout, "answers to the presses of user \(id)") {
            try await signal.wait { () throws -> Bool? in
                try store.presses(bot, userID: id).pending.isEmpty ? true : nil
            }
        }
    }

    /// Waits until `condition` holds for the transcript, re-checking on every change of the chat.
    public func waitForTranscript(
        timeout: Duration = .seconds(5), where condition: @escaping @Sendable ([SandboxMessage]) -> Bool
    ) async throws -> [SandboxMessage] {
        let signal = try store.touchChat(bot, user: user)
        let (store, bot, id) = (store, bot, id)
        return try await withTimeout(timeout, "a transcript condition for user \(id)") {
            try await signal.wait { () throws -> [SandboxMessage]? in
                let messages = try store.transcript(bot, userID: id)
                return condition(messages) ? messages : nil
            }
        }
    }
}
