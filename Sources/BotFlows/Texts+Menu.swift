import TelegramBotAPI

extension TextKey {
    /// The main menu's buttons, whose labels customers send back as messages.
    static let menuLabels: [TextKey] = [.menuBook, .menuMyBookings, .menuAbout]

    /// The command descriptions of the bot's command menu (setMyCommands), with their commands.
    static let commandDescriptions: [(command: String, key: TextKey)] = [
        ("start", .commandStart), ("book", .commandBook), ("my", .commandMy), ("help", .commandHelp), ("cancel", .commandCancel),
    ]

    /// A main menu button's label.
    var isMenuLabel: Bool { Self.menuLabels.contains(self) }

    /// A description in the bot's command menu.
    var isCommandDescription: Bool { Self.commandDescriptions.contains { $0.key == self } }
}

extension Texts {
    /// The menu button a customer's `text` names: a label of these texts (the tenant's, in any language) first, else a
    /// built-in label (a keyboard shown before an admin edited a label keeps working); nil for anything else.
    func menuKey(matching text: String) -> TextKey? {
        for texts in [self, .standard] {
            if let key = TextKey.menuLabels.first(where: { key in Language.allCases.contains { texts.render(key, $0) == text } }) {
                return key
            }
        }
        return nil
    }

    /// The command menus to register with setMyCommands with these texts: Russian, English, and the default (Russian).
    /// `only`: the commands kept (the platform bots offer /start alone); nil: every command.
    public func commandMenus(only: Set<String>? = nil) -> [SetMyCommands] {
        func commands(_ language: Language) -> [BotCommand] {
            TextKey.commandDescriptions.filter { only?.contains($0.command) ?? true }
                .map { BotCommand(command: $0.command, description: render($0.key, language)) }
        }
        return [
            SetMyCommands(commands: commands(.ru), languageCode: "ru"),
            SetMyCommands(commands: commands(.en), languageCode: "en"),
            SetMyCommands(commands: commands(.ru)),
        ]
    }
}
