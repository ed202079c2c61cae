extension AppConfiguration {
    /// The limits the sender paces itself by: Telegram's figures less `telegramFloodMargin`, rates and bursts alike.
    /// A margin on the rate alone is not enough: a send reserved at the end of a burst can reach Telegram a little
    /// later than the burst before it, so the burst needs room for that jitter too (rate × jitter ≤ burst × margin).
    var senderLimits: FloodControl.Limits {
        let share = 1 - telegramFloodMargin
        return FloodControl.Limits(
            botPerSecond: telegramBotRate * share, botBurst: max(1, telegramBotBurst * share), chatPerSecond: telegramChatRate * share,
            chatBurst: max(1, telegramChatBurst * share))
    }
}
