import BookingCore
import Foundation

extension ServiceField {
    /// The button and question label.
    var label: BusinessTextKey {
        switch self {
        case .name: .fieldName
        case .description: .fieldDescription
        case .duration: .fieldDuration
        case .price: .fieldPrice
        case .interval: .fieldInterval
        case .bufferBefore: .fieldBufferBefore
        case .bufferAfter: .fieldBufferAfter
        case .deposit: .fieldDeposit
        }
    }

    /// What a valid value looks like.
    var hint: BusinessTextKey {
        switch self {
        case .name: .hintName
        case .description: .hintDescription
        case .duration: .hintDuration
        case .price: .hintPrice
        case .interval: .hintInterval
        case .bufferBefore, .bufferAfter: .hintBuffer
        case .deposit: .hintDeposit
        }
    }
}

extension ServicesAdminFlow {
    /// A whole number in `range`, or nil.
    static func number(_ text: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else { return nil }
        return value
    }

    /// "1500", "1 500,50" → fixed; "0" → free; "-" → on request. Nil when unreadable or above 10 000 000.
    static func price(_ text: String, currency: String) -> Price? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if ["-", "—", "по запросу", "on request"].contains(trimmed) { return .onRequest }
        let plain = trimmed.filter { !$0.isWhitespace && $0 != "\u{00A0}" }.replacingOccurrences(of: ",", with: ".")
        let pieces = plain.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), let whole = Int64(pieces[0]), whole >= 0, whole <= 10_000_000 else { return nil }
        var cents: Int64 = 0
        if pieces.count == 2 {
            guard (1...2).contains(pieces[1].count), pieces[1].allSatisfy(\.isNumber), let value = Int64(pieces[1]) else { return nil }
            cents = pieces[1].count == 1 ? value * 10 : value
        }
        let minor = whole * 100 + cents
        return minor == 0 ? .free : .fixed(minorUnits: minor, currency: currency)
    }

    /// "-" → no deposit; "30%" → a percentage (1–100); an amount typed like a price → fixed (1 minor unit up to
    /// `DepositRule.maxMinorUnits`). Nil when unreadable or out of bounds; `.some(nil)` for "no deposit".
    static func deposit(_ text: String, currency: String) -> DepositRule?? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "-" || trimmed == "—" || trimmed == "0" { return .some(nil) }
        if trimmed.hasSuffix("%") {
            guard let share = number(String(trimmed.dropLast()), in: DepositRule.percents) else { return nil }
            return .some(.percent(share))
        }
        guard trimmed.count <= 20, case .fixed(let minor, _)? = price(trimmed, currency: currency) else { return nil }
        let rule = DepositRule.fixed(minorUnits: minor)
        return rule.isValid ? .some(rule) : nil
    }

    /// `service` with `field` set from `text`, or nil when the value is not acceptable.
    static func applying(_ text: String, to service: Service, _ field: ServiceField, currency: String) -> Service? {
        var s = service
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch field {
        case .name:
            guard (1...100).contains(text.count), !text.contains("\n") else { return nil }
            s.name = text
        case .description:
            guard text.count <= 1000 else { return nil }
            s.description = text == "-" ? "" : text
        case .duration: guard let v = number(text, in: 5...720) else { return nil }; s.durationMinutes = v
        case .price: guard let v = price(text, currency: currency) else { return nil }; s.price = v
        case .interval:
            if text == "-" { s.slotIntervalMinutes = nil } else { guard let v = number(text, in: 5...240) else { return nil }; s.slotIntervalMinutes = v }
        case .bufferBefore: guard let v = number(text, in: 0...240) else { return nil }; s.bufferBeforeMinutes = v
        case .bufferAfter: guard let v = number(text, in: 0...240) else { return nil }; s.bufferAfterMinutes = v
        case .deposit:
            guard let rule = deposit(text, currency: currency) else { return nil }
            s.deposit = rule
        }
        return s
    }
}
