/// The sales bot's texts. `welcome`, `demo`, `faq` and `support` are the operator's to edit (text overrides of the
/// sales bot's row); the rest are the product's.
public enum SalesTextKey: String, TextCatalogKey {
    case welcome, demoButton, plansButton, faqButton, supportButton, buyButton, menuButton
    case demo, faq, support, plansHeader, planLine, choosePlan
    case askName, nameInvalid, botFather, notAToken, tokenOutsideBuy, tokenRejected, tokenUnchecked, tokenTaken
    case askZone, zoneInvalid, askLanguage, orderSummary, payButton, paymentsOff, startAgain, cancelled
    case ready

    /// The keys the operator may edit.
    public static let editable: [SalesTextKey] = [.welcome, .demo, .faq, .support]

    public static let russian: [SalesTextKey: String] = [
        .welcome: "Здравствуйте! Zapis — бот онлайн-записи для вашего бизнеса в Telegram: клиенты записываются сами, вы видите расписание и получаете напоминания.\n\nЧто показать?",
        .demoButton: "👀 Демо", .plansButton: "💳 Тарифы", .faqButton: "❓ Вопросы", .supportButton: "💬 Поддержка", .buyButton: "🛒 Купить",
        .menuButton: "« Меню",
        .demo: "Как это выглядит: клиент открывает вашего бота → выбирает услугу, мастера, день и время → получает подтверждение и напоминания. Вы в /admin видите записи, меняете часы работы, услуги и тексты.",
        .faq: "Нужен ли свой бот? Да: вы создаёте его у @BotFather за минуту, мы подключаем его к Zapis.\nМожно ли продлить? Да, в /admin вашего бота → Подписка.\nЕсть ли пробный период? 7 дней при подключении через оператора.",
        .support: "Поддержка: напишите оператору Zapis.",
        .plansHeader: "Тарифы:", .planLine: "• {name} — {price} {currency}", .choosePlan: "Выберите тариф:",
        .askName: "Как называется ваш бизнес? (до 64 символов)", .nameInvalid: "Название — от 1 до 64 символов. Попробуйте ещё раз.",
        .botFather: "Теперь создайте бота:\n1. Откройте @BotFather и отправьте /newbot.\n2. Придумайте имя и адрес бота (заканчивается на bot).\n3. BotFather пришлёт токен вида 123456:ABC…\n\nПерешлите этот токен сюда — я проверю его и сразу удалю сообщение из чата.",
        .notAToken: "Это не похоже на токен бота. Токен выглядит так: 123456789:AAH…",
        .tokenOutsideBuy: "Я удалил сообщение с токеном. Сначала нажмите «Купить».",
        .tokenRejected: "Telegram не принимает этот токен. Проверьте его у @BotFather и пришлите снова (сообщение с ним я удалил).",
        .tokenUnchecked: "Не удалось проверить токен в Telegram. Пришлите его ещё раз через минуту (сообщение с ним я удалил).",
        .tokenTaken: "Этот бот уже подключён к Zapis. Создайте нового бота у @BotFather и пришлите его токен.",
        .askZone: "Бот @{bot} проверен ✅ (сообщение с токеном удалено).\n\nВ каком часовом поясе вы работаете? Выберите или напишите, например Europe/Samara.",
        .zoneInvalid: "Не знаю такого часового пояса. Пример: Europe/Moscow.",
        .askLanguage: "На каком языке бот будет говорить по умолчанию?",
        .orderSummary: "Заказ:\n• {business}\n• бот @{bot}\n• {zone}\n• тариф {plan} — {price} {currency}\n\nОплатите по ссылке; после оплаты бот заработает через несколько секунд, и я пришлю ссылку.",
        .payButton: "Оплатить {price} {currency}",
        .paymentsOff: "Оплата сейчас недоступна. Напишите в поддержку.",
        .startAgain: "Давайте начнём заново: нажмите «Купить».", .cancelled: "Отменено.",
        .ready: "🎉 Ваш бот готов: https://t.me/{bot}\nОплачено до {until}.\n\nПервые шаги:\n1. Откройте бота и отправьте /admin — вы владелец.\n2. Добавьте услуги и часы работы.\n3. Проверьте запись как клиент.\n4. Поделитесь ссылкой с клиентами.",
    ]

    public static let english: [SalesTextKey: String] = [
        .welcome: "Hello! Zapis is an online booking bot for your business in Telegram: customers book themselves, you see the schedule and get reminders.\n\nWhat would you like to see?",
        .demoButton: "👀 Demo", .plansButton: "💳 Plans", .faqButton: "❓ FAQ", .supportButton: "💬 Support", .buyButton: "🛒 Buy",
        .menuButton: "« Menu",
        .demo: "How it looks: a customer opens your bot → picks a service, a master, a day and a time → gets a confirmation and reminders. In /admin you see bookings and change hours, services and texts.",
        .faq: "Do I need my own bot? Yes: you create it with @BotFather in a minute and we connect it to Zapis.\nCan I renew? Yes, in your bot's /admin → Subscription.\nIs there a trial? 7 days when connected by the operator.",
        .support: "Support: write to the Zapis operator.",
        .plansHeader: "Plans:", .planLine: "• {name} — {price} {currency}", .choosePlan: "Choose a plan:",
        .askName: "What is your business called? (up to 64 characters)", .nameInvalid: "The name takes 1 to 64 characters. Please try again.",
        .botFather: "Now create the bot:\n1. Open @BotFather and send /newbot.\n2. Choose the bot's name and address (it ends in bot).\n3. BotFather sends a token like 123456:ABC…\n\nForward the token here: I check it and delete the message from the chat at once.",
        .notAToken: "That does not look like a bot token. A token looks like 123456789:AAH…",
        .tokenOutsideBuy: "I deleted the message with the token. Press Buy first.",
        .tokenRejected: "Telegram does not accept this token. Check it with @BotFather and send it again (I deleted the message).",
        .tokenUnchecked: "I could not check the token with Telegram. Send it again in a minute (I deleted the message).",
        .tokenTaken: "This bot is connected to Zapis already. Create a new bot with @BotFather and send its token.",
        .askZone: "Bot @{bot} checked ✅ (the message with the token is deleted).\n\nWhich time zone do you work in? Choose or type one, e.g. Europe/Samara.",
        .zoneInvalid: "I do not know that time zone. Example: Europe/Moscow.",
        .askLanguage: "Which language should the bot speak by default?",
        .orderSummary: "Order:\n• {business}\n• bot @{bot}\n• {zone}\n• plan {plan} — {price} {currency}\n\nPay with the link; once paid, the bot starts within seconds and I send you its link.",
        .payButton: "Pay {price} {currency}",
        .paymentsOff: "Payments are not available right now. Please write to support.",
        .startAgain: "Let us start again: press Buy.", .cancelled: "Cancelled.",
        .ready: "🎉 Your bot is ready: https://t.me/{bot}\nPaid until {until}.\n\nFirst steps:\n1. Open the bot and send /admin: you are its owner.\n2. Add your services and working hours.\n3. Try a booking as a customer.\n4. Share the link with your customers.",
    ]
}

/// The sales bot's texts.
public typealias SalesTexts = TextCatalog<SalesTextKey>
