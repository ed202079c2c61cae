/// A plan's code, `[a-z0-9_]{1,32}` (e.g. `m3`, `trial`): validated once, so it is safe in callback data and SQL.
public struct PlanCode: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The validated code.
    public let rawValue: String

    /// Validates `rawValue`; nil when it is not 1–32 of a-z, 0-9, `_`.
    public init?(_ rawValue: String) {
        let bytes = Array(rawValue.utf8)
        guard (1...32).contains(bytes.count),
            bytes.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") })
        else { return nil }
        self.rawValue = rawValue
    }

    /// The trial every new tenant starts with.
    public static let trial = PlanCode("trial")!

    /// Decodes and validates.
    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let code = PlanCode(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid plan code"))
        }
        self = code
    }

    /// Encodes the raw string.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (lhs: PlanCode, rhs: PlanCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A subscription plan, stored as data (platform table `plans`) and editable by the operator.
public struct Plan: Hashable, Sendable {
    /// Its code.
    public var code: PlanCode
    /// Name shown in Russian.
    public var nameRU: String
    /// Name shown in English.
    public var nameEN: String
    /// Price in minor units (kopecks); 0 for the trial.
    public var priceMinor: Int64
    /// ISO 4217 code.
    public var currency: String
    /// Days one payment adds to `paid_until` (the trial: its length).
    public var periodDays: Int
    /// Offered to buyers (a retired plan keeps its history and stops being offered).
    public var active: Bool
    /// Position in lists, smallest first.
    public var displayOrder: Int

    /// Creates a plan.
    public init(
        code: PlanCode, nameRU: String, nameEN: String, priceMinor: Int64, currency: String = "RUB", periodDays: Int, active: Bool = true,
        displayOrder: Int
    ) {
        self.code = code
        self.nameRU = nameRU
        self.nameEN = nameEN
        self.priceMinor = priceMinor
        self.currency = currency
        self.periodDays = periodDays
        self.active = active
        self.displayOrder = displayOrder
    }

    /// Whether buyers can pay for it (the trial cannot be bought).
    public var isPurchasable: Bool { active && priceMinor > 0 && code != .trial }

    /// The name in `language` ("ru" or anything else for English).
    public func name(_ language: String) -> String { language == "ru" ? nameRU : nameEN }

    /// Bounds the operator may set: a price up to 10 000 000.00, a period of 1–3 660 days, names of 1–64 characters.
    public static let maxPriceMinor: Int64 = 1_000_000_000
    /// Longest period in days (ten years).
    public static let maxPeriodDays = 3_660

    /// Why the plan cannot be stored, or nil when it can.
    public var problem: String? {
        if nameRU.isEmpty || nameRU.count > 64 || nameEN.isEmpty || nameEN.count > 64 { return "names must be 1–64 characters" }
        if !(0...Self.maxPriceMinor).contains(priceMinor) { return "price must be 0–\(MoneyAmount(minor: Self.maxPriceMinor).decimal)" }
        if code == .trial, priceMinor != 0 { return "the trial costs nothing" }
        if !(1...Self.maxPeriodDays).contains(periodDays) { return "period must be 1–\(Self.maxPeriodDays) days" }
        if currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase }) { return "currency must be an ISO code like RUB" }
        if !(0...10_000).contains(displayOrder) { return "display order must be 0–10000" }
        return nil
    }

    /// The plans a new platform starts with (the original's sales bot): 1, 3, 6 and 12 months and a 7-day trial.
    public static let defaults: [Plan] = [
        Plan(code: .trial, nameRU: "Пробный период", nameEN: "Trial", priceMinor: 0, periodDays: 7, active: true, displayOrder: 0),
        Plan(code: PlanCode("m1")!, nameRU: "1 месяц", nameEN: "1 month", priceMinor: 29_900, periodDays: 30, displayOrder: 1),
        Plan(code: PlanCode("m3")!, nameRU: "3 месяца", nameEN: "3 months", priceMinor: 79_900, periodDays: 90, displayOrder: 2),
        Plan(code: PlanCode("m6")!, nameRU: "6 месяцев", nameEN: "6 months", priceMinor: 149_900, periodDays: 180, displayOrder: 3),
        Plan(code: PlanCode("m12")!, nameRU: "12 месяцев", nameEN: "12 months", priceMinor: 249_900, periodDays: 365, displayOrder: 4),
    ]
}
