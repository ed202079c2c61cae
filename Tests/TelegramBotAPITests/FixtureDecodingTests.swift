import Foundation
import Testing

@testable import TelegramBotAPI

/// Recorded Telegram updates in Fixtures/ decode (or fail to decode) as Telegram's data demands.
@Suite struct FixtureDecodingTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    static func names(in directory: String?) -> [String] {
        let url = directory.map { fixtures.appendingPathComponent($0) } ?? fixtures
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        let prefix = directory.map { "\($0)/" } ?? ""
        return names.filter { $0.hasSuffix(".json") }.map { prefix + $0 }.sorted()
    }

    static let valid = names(in: nil)
    static let undecodable = ["malformed/missing_update_id.json", "malformed/update_id_as_string.json", "malformed/truncated.json"]
    static let decodableMalformed = names(in: "malformed").filter { !undecodable.contains($0) }

    static func decode(_ name: String) throws -> Update {
        try JSONDecoder().decode(Update.self, from: Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    @Test func fixturesArePresent() {
        #expect(Self.valid.count == 18)
        #expect(Self.decodableMalformed.count == 4)
    }

    @Test(arguments: valid) func validFixtureDecodes(_ name: String) throws {
        let update = try Self.decode(name)
        #expect(update.updateID > 0)
        // Every valid fixture is one of the kinds Zapis reads, so it must belong to a chat.
        #expect(update.chatID != nil, "\(name) has no chat")
    }

    @Test(arguments: undecodable) func malformedFixtureFails(_ name: String) {
        #expect(throws: DecodingError.self) { try Self.decode(name) }
    }

    @Test(arguments: decodableMalformed) func limitBreakingFixtureStillDecodes(_ name: String) throws {
        let update = try Self.decode(name)
        #expect(update.updateID > 0)
    }

    @Test func unknownUpdateKindHasNoPayload() throws {
        let update = try Self.decode("malformed/unknown_update_kind.json")
        #expect(update.message == nil && update.editedMessage == nil && update.channelPost == nil)
        #expect(update.callbackQuery == nil && update.myChatMember == nil && update.preCheckoutQuery == nil)
        #expect(update.chatID == nil)
    }

    @Test func overlongCallbackDataIsKeptForTheSandboxToRefuse() throws {
        let ascii = try Self.decode("malformed/callback_data_65_bytes.json")
        let cyrillic = try Self.decode("malformed/callback_data_65_bytes_cyrillic.json")
        #expect(ascii.callbackQuery?.data?.utf8.count == 65)
        #expect(cyrillic.callbackQuery?.data?.utf8.count == 65)
        #expect(cyrillic.callbackQuery?.data?.count == 36)
    }

    @Test func startCommandIsParsed() throws {
        let update = try Self.decode("start_command_ru.json")
        #expect(update.message?.command?.name == "start")
        #expect(update.message?.from?.languageCode == "ru")
    }

    @Test func inaccessibleMessageIsRecognised() throws {
        let update = try Self.decode("callback_query_inaccessible_message.json")
        #expect(update.callbackQuery?.message?.isInaccessible == true)
        #expect(update.callbackQuery?.data == "d:20261105")
        #expect(update.chatID == 100_000_005)
    }

    @Test func blockedBotIsAKickedMember() throws {
        let update = try Self.decode("my_chat_member_blocked.json")
        #expect(update.myChatMember?.newChatMember.status == "kicked")
    }

    @Test func preCheckoutQueryDecodes() throws {
        let update = try Self.decode("pre_checkout_query.json")
        #expect(update.preCheckoutQuery != nil)
        #expect((update.preCheckoutQuery?.totalAmount ?? 0) > 0)
    }

    @Test func updateRoundTripsThroughJSON() throws {
        for name in Self.valid {
            let update = try Self.decode(name)
            let again = try JSONDecoder().decode(Update.self, from: JSONEncoder().encode(update))
            #expect(again == update, "\(name)")
        }
    }
}
