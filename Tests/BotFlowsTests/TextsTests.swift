import BotFlows
import Testing

@Suite("Texts")
struct TextsTests {
    @Test(arguments: Language.allCases)
    func everyTemplateExistsInEveryLanguage(language: Language) {
        for key in TextKey.allCases {
            #expect(Texts.standard.render(key, language) != key.rawValue, "\(key) missing in \(language)")
        }
    }

    @Test func placeholdersAreFilledByName() {
        #expect(Texts.standard.render(.minutes, .en, ["count": "45"]) == "45 min")
        #expect(Texts.standard.render(.minutes, .ru, ["count": "45"]) == "45 мин")
    }

    @Test(arguments: [("ru", Language.ru), ("en-GB", .en), ("de", .ru), (nil, .ru)] as [(String?, Language)])
    func languageComesFromTheUserElseTheTenant(code: String?, expected: Language) {
        #expect(Language.resolve(userCode: code, tenantDefault: "ru") == expected)
    }
}
