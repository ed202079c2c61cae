/// Names of the broadcast texts of the admin side.
enum BroadcastTextKey: String, TextCatalogKey {
    case button, chooseAudience, audienceAll, audienceFuture, askText, empty, tooLong, previewHeader, confirm, noRecipients
    case queued, status, running, finished, refresh, notFound, captionTooLong
}

/// The broadcast wording.
typealias BroadcastTexts = TextCatalog<BroadcastTextKey>

extension BroadcastTextKey {
    /// The built-in Russian texts.
    static let russian: [BroadcastTextKey: String] = [
        .button: "📣 Рассылка", .chooseAudience: "📣 Рассылка. Кому отправить сообщение?",
        .audienceAll: "Всем клиентам ({count})", .audienceFuture: "С предстоящими записями ({count})",
        .askText: "📣 Получателей: {count}.\nОтправьте текст рассылки (до 4096 символов) или фото с подписью (до 1024 символов).\n/cancel — отменить.",
        .empty: "Получателей нет: рассылать некому.",
        .tooLong: "Текст длиннее 4096 символов ({length}). Сократите и отправьте снова.",
        .previewHeader: "👀 Предпросмотр. Следующее сообщение получат {count} клиентов ({audience}).",
        .confirm: "✅ Отправить {count}", .noRecipients: "Нет получателей или черновик устарел.",
        .queued: "Рассылка поставлена в очередь.",
        .status:
            "📣 Рассылка №{id}\nВсего: {total}\n✅ Доставлено: {sent}\n🚫 Заблокировали бота: {blocked}\n⚠️ Ошибки: {failed}\n⏳ В очереди: {pending}\n\n{state}",
        .running: "Идёт отправка…", .finished: "Рассылка завершена.", .refresh: "🔄 Обновить", .notFound: "Рассылка не найдена.",
        .captionTooLong:
            "Подпись к фото длиннее {max} символов ({length}): Telegram такую не примет. Сократите подпись и отправьте фото снова — или отправьте текст без фото (до 4096 символов).",
    ]

    /// The built-in English texts.
    static let english: [BroadcastTextKey: String] = [
        .button: "📣 Broadcast", .chooseAudience: "📣 Broadcast. Who should get the message?",
        .audienceAll: "All customers ({count})", .audienceFuture: "With upcoming bookings ({count})",
        .askText: "📣 Recipients: {count}.\nSend the text of the broadcast (up to 4096 characters) or a photo with a caption (up to 1024 characters).\n/cancel to stop.",
        .empty: "No recipients: there is nobody to send to.",
        .tooLong: "The text is longer than 4096 characters ({length}). Shorten it and send it again.",
        .previewHeader: "👀 Preview. {count} customers ({audience}) will get the next message.",
        .confirm: "✅ Send {count}", .noRecipients: "No recipients, or the draft is out of date.",
        .queued: "The broadcast is queued.",
        .status:
            "📣 Broadcast #{id}\nTotal: {total}\n✅ Delivered: {sent}\n🚫 Blocked the bot: {blocked}\n⚠️ Failed: {failed}\n⏳ Queued: {pending}\n\n{state}",
        .running: "Sending…", .finished: "The broadcast is finished.", .refresh: "🔄 Refresh", .notFound: "Broadcast not found.",
        .captionTooLong:
            "A photo's caption may be at most {max} characters; this one has {length}, which Telegram would refuse. Shorten the caption and send the photo again, or send the text without a photo (up to 4096 characters).",
    ]
}

extension Reply {
    /// A broadcast text in the presser's language.
    func broadcast(_ key: BroadcastTextKey, _ values: [String: String] = [:]) -> String {
        BroadcastTexts.standard.render(key, language, values)
    }
}
