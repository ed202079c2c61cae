/// An amount of money in minor units (kopecks), bounded, with the decimal-string form payment APIs use ("299.00").
public struct MoneyAmount: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Minor units, 0 ... `MoneyAmount.limit`.
    public let minor: Int64

    /// The largest amount accepted from outside: 100 000 000.00.
    public static let limit: Int64 = 10_000_000_000

    /// Wraps minor units (clamped to 0 ... `limit`).
    public init(minor: Int64) { self.minor = max(0, min(minor, Self.limit)) }

    /// Parses "299", "299.0" or "299.00" (no sign, no exponent, at most 2 decimals, at most `limit`); nil otherwise.
    public init?(decimal text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, (1...9).contains(whole.count), whole.allSatisfy(\.isASCIIDigit)
        else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), let value = Int64(digits) else { return nil }
            fraction = digits.count == 1 ? value * 10 : value
        }
        guard let units = Int64(whole) else { return nil }
        let minor = units * 100 + fraction
        guard minor <= Self.limit else { return nil }
        self.minor = minor
    }

    /// "299.00".
    public var decimal: String {
        let cents = minor % 100
        return "\(minor / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    public var description: String { decimal }
    public static func < (lhs: MoneyAmount, rhs: MoneyAmount) -> Bool { lhs.minor < rhs.minor }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
