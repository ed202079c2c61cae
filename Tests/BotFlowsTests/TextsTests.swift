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

    /// Keys of `Key` missing in a language, or whose languages name different placeholders.
    static func problems<Key: TextCatalogKey>(_: Key.Type) -> [String] {
        Key.allCases.compactMap { key in
            guard let ru = Key.russian[key], let en = Key.english[key] else { return "\(key) is missing in a language" }
            let (ruNames, enNames) = (Set(Texts.placeholders(in: ru) ?? ["?"]), Set(Texts.placeholders(in: en) ?? ["?"]))
            return ruNames == enNames ? nil : "\(key): \(ruNames.sorted()) in Russian, \(enNames.sorted()) in English"
        }
    }

    @Test func everyCatalogHasEveryKeyInBothLanguagesWithTheSamePlaceholders() {
        let problems = Self.problems(TextKey.self) + Self.problems(AdminTextKey.self) + Self.problems(BusinessTextKey.self)
            + Self.problems(BroadcastTextKey.self)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func everyCatalogRendersThroughTheSameFallback() {
        let onlyRussian = TextCatalog<BroadcastTextKey>(templates: [.ru: [.refresh: "Обновить {n}"]])
        #expect(onlyRussian.render(.refresh, .en, ["n": "2"]) == "Обновить 2")
        #expect(onlyRussian.render(.queued, .en) == "queued")
        #expect(AdminTexts.standard.render(.pageOf, .en, ["page": "2", "pages": "3"]) == "Page 2 of 3")
    }

    @Test(arguments: [("ru", Language.ru), ("en-GB", .en), ("de", .ru), (nil, .ru)] as [(String?, Language)])
    func languageComesFromTheUserElseTheTenant(code: String?, expected: Language) {
        #expect(Language.resolve(userCode: code, tenantDefault: "ru") == expected)
    }
}
