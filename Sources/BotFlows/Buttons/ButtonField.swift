import BookingCore

/// One typed field of a button's wire form, with its bounds: `decode` yields only values inside them, so a forged
/// button can never carry an out-of-range number into a flow (the rule "bounded before arithmetic").
///
/// Integers are accepted only in their canonical decimal form (no sign, no leading zero), so every string that parses
/// is exactly the encoding of what it parsed to.
struct ButtonField<Value: Sendable>: Sendable {
    /// The field's text; never contains ":".
    let encode: @Sendable (Value) -> String
    /// The value of a field's text, or nil when it is malformed or out of bounds.
    let decode: @Sendable (Substring) -> Value?
    /// A value inside the bounds, for the property test.
    let sample: @Sendable (inout ButtonSampler) -> Value

    /// An integer of `range` in canonical decimal form, or nil.
    static func canonical(_ text: Substring, in range: ClosedRange<Int64>) -> Int64? {
        guard let value = InputBounds.integer(text, in: range), text == String(value) else { return nil }
        return value
    }
}

extension ButtonField where Value == Int64 {
    /// A plain integer inside `range`.
    static func int64(in range: ClosedRange<Int64>) -> ButtonField {
        ButtonField(encode: { String($0) }, decode: { canonical($0, in: range) }, sample: { $0.integer(in: range) })
    }

    /// A minute since the Unix epoch inside `InputBounds.epochMinutes`.
    static var minute: ButtonField { int64(in: InputBounds.epochMinutes) }
}

extension ButtonField where Value == Int {
    /// A small integer inside `range` (pages, stars, minutes of a shift).
    static func int(in range: ClosedRange<Int>) -> ButtonField {
        let wide = Int64(range.lowerBound)...Int64(range.upperBound)
        return ButtonField(
            encode: { String($0) }, decode: { canonical($0, in: wide).map { Int($0) } }, sample: { Int($0.integer(in: wide)) })
    }

    /// A page of a list inside `InputBounds.pages`.
    static var page: ButtonField { int(in: InputBounds.pages) }
}

extension ButtonField where Value: Int64Identifier {
    /// A row or Telegram id inside `InputBounds.ids`.
    static var id: ButtonField {
        ButtonField(
            encode: { String($0.rawValue) }, decode: { canonical($0, in: InputBounds.ids).map(Value.init) },
            sample: { Value($0.integer(in: InputBounds.ids)) })
    }
}

extension ButtonField where Value == MasterID? {
    /// A master, or "a" for any master.
    static var master: ButtonField {
        let id = ButtonField<MasterID>.id
        return ButtonField(
            encode: { $0.map(id.encode) ?? "a" }, decode: { $0 == "a" ? .some(nil) : id.decode($0).map { .some($0) } },
            sample: { $0.next() % 4 == 0 ? nil : id.sample(&$0) })
    }
}

extension ButtonField where Value == LocalDate {
    /// A day as "YYYYMMDD" inside `InputBounds.years`.
    static var date: ButtonField {
        ButtonField(
            encode: { $0.compact }, decode: { LocalDate(compact: $0) },
            sample: {
                // The days of `InputBounds.years`: 2000-01-01 up to the day before 2101-01-01.
                let days = InputBounds.epochMinutes.lowerBound / 1_440...InputBounds.epochMinutes.upperBound / 1_440 - 1
                return LocalDate(daysSinceEpoch: Int($0.integer(in: days)))
            })
    }
}

/// A calendar month named by a button.
struct YearMonth: Hashable, Sendable {
    /// A year inside `InputBounds.years`.
    let year: Int
    /// 1…12.
    let month: Int
}

extension ButtonField where Value == YearMonth {
    /// A month as "YYYYMM" inside `InputBounds.years`.
    static var yearMonth: ButtonField {
        ButtonField(
            encode: { String($0.year * 100 + $0.month) },
            decode: { text in InputBounds.yearMonth(text).map { YearMonth(year: $0.year, month: $0.month) } },
            sample: { sampler in
                let year = sampler.integer(in: Int64(InputBounds.years.lowerBound)...Int64(InputBounds.years.upperBound))
                return YearMonth(year: Int(year), month: Int(sampler.integer(in: 1...12)))
            })
    }
}

extension ButtonField where Value == Bool {
    /// A yes/no as one of two words.
    static func flag(on: String, off: String) -> ButtonField {
        ButtonField(encode: { $0 ? on : off }, decode: { $0 == on ? true : $0 == off ? false : nil }, sample: { $0.next() % 2 == 0 })
    }
}

extension ButtonField where Value == PlanCode {
    /// A plan's code (`[a-z0-9_]{1,32}`: never a ":"), starting with a letter, so no number is ever read as one.
    static var plan: ButtonField {
        ButtonField(
            encode: { $0.rawValue }, decode: { $0.first?.isLetter == true ? PlanCode(String($0)) : nil },
            sample: { $0.element(of: [PlanCode("m3")!, .trial]) })
    }
}

extension ButtonField where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// One case of a closed set, by its raw value.
    static var token: ButtonField {
        ButtonField(encode: { $0.rawValue }, decode: { Value(rawValue: String($0)) }, sample: { $0.element(of: Array(Value.allCases)) })
    }
}

extension ButtonField where Value: RawRepresentable & CaseIterable, Value.RawValue == Int {
    /// One case of a closed set, by its integer raw value.
    static var code: ButtonField {
        let codes = Value.allCases.map { Int64($0.rawValue) }
        let range = (codes.min() ?? 0)...(codes.max() ?? 0)
        return ButtonField(
            encode: { String($0.rawValue) }, decode: { canonical($0, in: range).flatMap { Value(rawValue: Int($0)) } },
            sample: { $0.element(of: Array(Value.allCases)) })
    }
}
