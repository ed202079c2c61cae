@testable import BotFlows
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

    @Test func fillingIsOnePassAndLeavesUnknownBracesAlone() {
        #expect(Texts.fill("{a} and {a}, {b}", ["a": "1", "b": "2"]) == "1 and 1, 2")
        // A value is not scanned for placeholders (a customer's name like "{b}" stays as typed).
        #expect(Texts.fill("{a}/{b}", ["a": "{b}", "b": "x"]) == "{b}/x")
        #expect(Texts.fill("{unknown} { {a", ["a": "1"]) == "{unknown} { {a")
        #expect(Texts.fill("Привет, {name}! 👋", ["name": "Анна"]) == "Привет, Анна! 👋")
        #expect(Texts.fill("no values {x}", [:]) == "no values {x}")
    }

    @Test(arguments: [("ru", Language.ru), ("en-GB", .en), ("de", .ru), (nil, .ru)] as [(String?, Language)])
    func languageComesFromTheUserElseTheTenant(code: String?, expected: Language) {
        #expect(Language.resolve(userCode: code, tenantDefault: "ru") == expected)
    }
}
