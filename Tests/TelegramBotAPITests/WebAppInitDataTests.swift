import Foundation
import Testing

@testable import TelegramBotAPI

/// Mini App initData validation against a vector signed outside Swift (Python's hmac, as Telegram documents it),
/// and every way a forged or stale one is refused.
@Suite struct WebAppInitDataTests {
    static let token = "7000000001:AAFakeTokenForTestsOnly_abcdefghijkl"
    /// Signed by Python: `hmac.new(hmac.new(b"WebAppData", token, sha256).digest(), data_check_string, sha256)`.
    static let vector =
        "query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=%7B%22id%22%3A279058397%2C%22first_name%22%3A%22%D0%90%D0%BD%D0%BD%D0%B0%22%2C%22last_name%22%3A%22%22%2C%22username%22%3A%22anna%22%2C%22language_code%22%3A%22ru%22%2C%22allows_write_to_pm%22%3Atrue%7D&auth_date=1764950000&hash=ddfc646c616076901ea0d91b7337427f0aadd88ff5005164098de15b05ec61c4"
    static let signedAt = Date(timeIntervalSince1970: 1_764_950_000)

    func validate(_ raw: String, token: String = token, now: Date = signedAt.addingTimeInterval(60), maxAge: TimeInterval = 3_600)
        -> Result<WebAppInitData, WebAppInitData.Failure>
    {
        Result { () throws(WebAppInitData.Failure) in try WebAppInitData.validate(raw, botToken: token, now: now, maxAge: maxAge) }
    }

    @Test func theVectorSignedOutsideSwiftIsValid() throws {
        let data = try validate(Self.vector).get()
        #expect(data.user.id == 279_058_397)
        #expect(data.user.firstName == "Анна")
        #expect(data.user.languageCode == "ru")
        #expect(data.authDate == Self.signedAt)
    }

    @Test func aBadHashIsRefused() {
        let forged = Self.vector.replacingOccurrences(of: "hash=ddfc", with: "hash=ddfd")
        #expect(validate(forged) == .failure(.badHash))
    }

    @Test func anotherBotsTokenIsRefused() {
        #expect(validate(Self.vector, token: "7000000002:AAFakeTokenForTestsOnly_abcdefghijkl") == .failure(.badHash))
    }

    @Test func aChangedUserIDIsRefused() {
        let changed = Self.vector.replacingOccurrences(of: "279058397", with: "279058398")
        #expect(validate(changed) == .failure(.badHash))
    }

    @Test func staleAndFutureDatesAreRefused() {
        #expect(validate(Self.vector, now: Self.signedAt.addingTimeInterval(3_601)) == .failure(.stale))
        #expect(validate(Self.vector, now: Self.signedAt.addingTimeInterval(-301)) == .failure(.stale))
        // A shorter configured age applies.
        #expect(validate(Self.vector, now: Self.signedAt.addingTimeInterval(120), maxAge: 60) == .failure(.stale))
    }

    @Test(arguments: [
        "", "hash=", "user=1", "a", "&&&", "%ZZ=1&hash=00", String(repeating: "a=1&", count: 40) + "hash=00",
        "x=" + String(repeating: "a", count: 9_000), "hash=00&hash=00",
    ])
    func malformedOrUnsignedDataIsRefused(_ raw: String) {
        guard case .failure = validate(raw) else {
            Issue.record("accepted \(raw.prefix(40))")
            return
        }
    }

    @Test func missingFieldsAreRefusedEvenWhenSigned() {
        let now = Self.signedAt
        let noDate = WebAppInitData.sign(["user": #"{"id":5,"first_name":"A"}"#], botToken: Self.token)
        #expect(validate(noDate, now: now) == .failure(.missingAuthDate))
        let noUser = WebAppInitData.sign(["auth_date": "1764950000"], botToken: Self.token)
        #expect(validate(noUser, now: now) == .failure(.missingUser))
        let badUser = WebAppInitData.sign(["auth_date": "1764950000", "user": #"{"id":-5,"first_name":"A"}"#], botToken: Self.token)
        #expect(validate(badUser, now: now) == .failure(.missingUser))
        let hugeID = WebAppInitData.sign(
            ["auth_date": "1764950000", "user": #"{"id":9999999999999999999,"first_name":"A"}"#], botToken: Self.token)
        #expect(validate(hugeID, now: now) == .failure(.missingUser))
        let noHash = Self.vector.components(separatedBy: "&hash=")[0]
        #expect(validate(noHash) == .failure(.badHash))
    }

    @Test func signedDataRoundTrips() throws {
        let user = User(id: 42, firstName: "Пётр & Co", username: "petr", languageCode: "ru")
        let raw = WebAppInitData.sign(user: user, authDate: Self.signedAt, botToken: Self.token, queryID: "q1")
        let data = try validate(raw).get()
        #expect(data.user.id == 42)
        #expect(data.user.firstName == "Пётр & Co")
        #expect(data.fields["query_id"] == "q1")
        #expect(!raw.contains("Пётр"))
    }
}
