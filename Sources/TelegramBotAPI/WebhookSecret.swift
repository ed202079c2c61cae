/// Checks the `X-Telegram-Bot-Api-Secret-Token` header Telegram sends with every webhook request.
public enum WebhookSecret {
    /// The header carrying the secret.
    public static let headerName = "X-Telegram-Bot-Api-Secret-Token"

    /// True when `provided` equals `expected`, compared in time independent of where they differ.
    public static func matches(_ provided: String?, expected: String) -> Bool {
        guard let provided, !expected.isEmpty else { return false }
        let given = Array(provided.utf8)
        let wanted = Array(expected.utf8)
        // Runs over the expected length only, so timing reveals neither content nor the match position.
        var difference: UInt8 = given.count == wanted.count ? 0 : 1
        for index in wanted.indices {
            let byte = index < given.count ? given[index] : 0
            difference |= byte ^ wanted[index]
        }
        return difference == 0
    }

    /// True when `secret` is acceptable to setWebhook: 1–256 characters of A–Z, a–z, 0–9, `_` and `-`.
    public static func isValid(_ secret: String) -> Bool {
        let bytes = Array(secret.utf8)
        guard (1...256).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-")
        }
    }
}
