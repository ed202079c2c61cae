import Testing

@testable import TelegramBotAPI

/// The webhook secret check and the setWebhook secret format.
@Suite struct WebhookSecretTests {
    @Test func equalSecretsMatch() {
        #expect(WebhookSecret.matches("s3cr3t_-A", expected: "s3cr3t_-A"))
    }

    @Test(arguments: [nil, "", "s3cr3t_-", "s3cr3t_-AB", "S3cr3t_-A", "x3cr3t_-A"] as [String?])
    func differentOrMissingSecretsFail(_ provided: String?) {
        #expect(!WebhookSecret.matches(provided, expected: "s3cr3t_-A"))
    }

    @Test func emptyExpectedSecretNeverMatches() {
        #expect(!WebhookSecret.matches("", expected: ""))
    }

    @Test(arguments: ["a", "A-b_9", String(repeating: "z", count: 256)])
    func validSecrets(_ secret: String) {
        #expect(WebhookSecret.isValid(secret))
    }

    @Test(arguments: ["", "has space", "ключ", "semi;colon", String(repeating: "z", count: 257)])
    func invalidSecrets(_ secret: String) {
        #expect(!WebhookSecret.isValid(secret))
    }
}
