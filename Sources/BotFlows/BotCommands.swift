import TelegramBotAPI

extension CustomerBot {
    /// The command menus to register with setMyCommands: Russian, English, and the default (Russian).
    public func commandMenus() -> [SetMyCommands] {
        func commands(_ language: Language) -> [BotCommand] {
            [
                BotCommand(command: "start", description: texts.render(.commandStart, language)),
                BotCommand(command: "book", description: texts.render(.commandBook, language)),
                BotCommand(command: "my", description: texts.render(.commandMy, language)),
                BotCommand(command: "help", description: texts.render(.commandHelp, language)),
                BotCommand(command: "cancel", description: texts.render(.commandCancel, language)),
            ]
        }
        return [
            SetMyCommands(commands: commands(.ru), languageCode: "ru"),
            SetMyCommands(commands: commands(.en), languageCode: "en"),
            SetMyCommands(commands: commands(.ru)),
        ]
    }
}
