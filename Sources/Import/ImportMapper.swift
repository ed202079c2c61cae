import BookingCore
import Foundation

/// Maps one original bot's raw rows to our records (pure: no I/O). Every value is parsed with bounds first; a row
/// that cannot be mapped is skipped and reported, never guessed.
public struct ImportMapper: Sendable {
    /// The tenant the rows go to.
    public var tenant: TenantID
    /// The name of the chair (the original had one master): the business name.
    public var masterName: String
    /// The zone the original's wall-clock texts are read in.
    public var calendar: ZonedCalendar
    /// The tenant's currency, for prices.
    public var currency: String
    /// The tenant's default language: the language of the PostgreSQL layout's single text per template.
    public var language: String
    /// Bookings that end at or before this instant are past (completed).
    public var now: Date
    /// Checks a template for one of our text keys; returns why it is refused, nil when acceptable.
    public var checkTemplate: @Sendable (_ key: String, _ template: String) -> String?

    /// The original's text keys that have a counterpart among ours.
    public static let textKeys: [String: String] = [
        "welcome": "greeting", "start": "greeting", "greeting": "greeting",
        "booking.confirmed": "booked", "booking_confirmed": "booked", "booked": "booked",
        "booking.cancelled": "bookingCancelled", "booking_cancelled": "bookingCancelled",
        "reminder": "reminder", "booking.reminder": "reminder",
        "about": "about", "help": "help", "no_slots": "noSlots", "no_bookings": "noBookings",
    ]

    /// The placeholder service of bookings the original kept without one.
    static let noServiceKey = "none"

    /// Creates a mapper.
    public init(
        tenant: TenantID, masterName: String, calendar: ZonedCalendar, currency: String = "RUB", language: String = "ru", now: Date,
        checkTemplate: @escaping @Sendable (String, String) -> String? = { _, _ in nil }
    ) {
        self.tenant = tenant
        self.masterName = masterName
        self.calendar = calendar
        self.currency = currency
        self.language = language
        self.now = now
        self.checkTemplate = checkTemplate
    }

    /// The plan for `data`.
    public func map(_ data: OriginalTenantData) -> ImportPlan {
        var report = ImportReport(tenant: tenant.rawValue, source: data.source)
        report.sourceRows = data.sourceRows
        let schedule = mapSchedule(data, &report)
        var services = mapServices(data, &report)
        let customers = mapCustomers(data, &report)
        let durations = Dictionary(services.map { ($0.key, $0.value.durationMinutes) }, uniquingKeysWith: { a, _ in a })
        let bookings = mapBookings(data, serviceDurations: durations, &report)
        if bookings.contains(where: { $0.value.serviceKey == Self.noServiceKey }) {
            let placeholder = Service(
                id: ServiceID(0), name: "Без услуги (импорт)", description: "Записи, которые в прежнем боте были без услуги",
                durationMinutes: 60, price: .onRequest, isActive: false, displayOrder: 1_000)
            services.append(Planned(key: Self.noServiceKey, value: placeholder, content: "service|none"))
        }
        let feedback = mapFeedback(data, bookings: bookings, &report)
        let admins = mapAdmins(data, &report)
        let blocks = mapBlocks(data, slotMinutes: schedule.value.slotIntervalMinutes, &report)
        let texts = mapTexts(data, &report)
        let audit = mapAudit(data, &report)
        let history = ["analytics", "admin_sessions", "text_changes_log"].compactMap { table in
            data.tables[table].map { "\(table) (\($0.count) rows)" }
        }
        if !history.isEmpty { report.notes.append("not imported (usage history, no counterpart): " + history.joined(separator: ", ")) }
        return ImportPlan(
            source: data.source, schedule: schedule, services: services, customers: customers, bookings: bookings, feedback: feedback,
            admins: admins, blocks: blocks, texts: texts, audit: audit, report: report)
    }

    // MARK: settings

    func mapSchedule(_ data: OriginalTenantData, _ report: inout ImportReport) -> Planned<PlannedSchedule> {
        var settings: [String: String] = [:]
        for row in data.rows("settings") { if let key = row["key"] { settings[key] = row["value"] } }
        if let row = data.rows("schedule_settings").first { settings.merge(row) { _, new in new } }
        var start = 9
        var end = 19
        if let text = settings["work_hours_start"] {
            if let value = OriginalValues.integer(text, in: 0...23) {
                start = value
            } else {
                report.skipped.append("setting work_hours_start \"\(text.prefix(40))\": not an hour 0–23; kept 9")
            }
        }
        if let text = settings["work_hours_end"] {
            if let value = OriginalValues.integer(text, in: 1...24) {
                end = value
            } else {
                report.skipped.append("setting work_hours_end \"\(text.prefix(40))\": not an hour 1–24; kept 19")
            }
        }
        if end <= start {
            report.skipped.append("working hours \(start)–\(end) are empty; kept 9–19")
            (start, end) = (9, 19)
        }
        var interval = 60
        if let text = settings["slot_interval_minutes"] {
            if let value = OriginalValues.integer(text, in: 5...240) {
                interval = value
            } else {
                report.skipped.append("setting slot_interval_minutes \"\(text.prefix(40))\": not 5–240 minutes; kept 60")
            }
        }
        if let cap = settings["max_bookings_per_day"] {
            report.notes.append("max_bookings_per_day \(cap.prefix(20)) not imported: Zapis caps bookings per customer, not per day")
        }
        let plan = WeeklyPlan.everyDay(from: LocalTime(hour: start)!, to: LocalTime(hour: end)!)
        report.counts["settings.hours"] = end - start
        return Planned(
            key: "hours", value: PlannedSchedule(plan: plan, slotIntervalMinutes: interval), content: "\(start)-\(end)/\(interval)")
    }

    // MARK: services

    func mapServices(_ data: OriginalTenantData, _ report: inout ImportReport) -> [Planned<Service>] {
        var result: [Planned<Service>] = []
        for (index, row) in data.rows("services").enumerated() {
            guard let id = OriginalValues.id(row["id"]) else {
                report.skipped.append("service without a valid id \"\(row["id"]?.prefix(20) ?? "NULL")\"")
                continue
            }
            let name = Self.clean(row["name"], max: 100)
            guard !name.isEmpty else {
                report.skipped.append("service \(id): no name")
                continue
            }
            guard let duration = OriginalValues.integer(row["duration_minutes"], in: 5...720) else {
                report.skipped.append(
                    "service \(id) \"\(name)\": duration \"\(row["duration_minutes"]?.prefix(20) ?? "NULL")\" is not 5–720 minutes")
                continue
            }
            var description = Self.clean(row["description"], max: 1_000)
            let price: Price
            switch OriginalValues.price(row["price"]) {
            case .amount(let minor, let from):
                price = .fixed(minorUnits: minor, currency: currency)
                if from {
                    let text = Self.clean(row["price"], max: 64)
                    description += (description.isEmpty ? "" : "\n") + "Цена: \(text)"
                    report.notes.append(
                        "service \(id) \"\(name)\": price \"\(text)\" is a \"from\" price; imported as \(minor / 100) \(currency), the text kept in its description"
                    )
                }
            case .free: price = .free
            case .onRequest: price = .onRequest
            case .unreadable:
                price = .onRequest
                report.skipped.append(
                    "service \(id) \"\(name)\": price \"\(Self.clean(row["price"], max: 40))\" unreadable; imported as on request")
            }
            let active = Self.bool(row["is_active"]) ?? true
            let order = OriginalValues.integer(row["display_order"], in: 0...10_000) ?? index
            let service = Service(
                id: ServiceID(0), name: name, description: description, durationMinutes: duration, price: price, isActive: active,
                displayOrder: order)
            report.count(active ? "services.active" : "services.inactive")
            result.append(
                Planned(key: String(id), value: service, content: "\(name)|\(description)|\(duration)|\(price)|\(active)|\(order)"))
        }
        return result
    }

    // MARK: customers

    func mapCustomers(_ data: OriginalTenantData, _ report: inout ImportReport) -> [Planned<CustomerRecord>] {
        // The SQLite layout keeps no names: the latest username written on a booking is the best there is.
        var usernames: [Int64: String] = [:]
        for row in data.rows("bookings") {
            if let user = OriginalValues.id(row["user_id"]), let name = row["username"], !name.isEmpty {
                usernames[user] = Self.clean(name, max: 64)
            }
        }
        var result: [Planned<CustomerRecord>] = []
        var seen: Set<Int64> = []
        var phones = 0
        for row in data.rows("users") {
            guard let user = OriginalValues.id(row["user_id"]) else {
                report.skipped.append("user \"\(row["user_id"]?.prefix(24) ?? "NULL")\": not a Telegram user id")
                continue
            }
            guard seen.insert(user).inserted else { continue }
            let first = Self.clean(row["first_name"], max: 128)
            let last = Self.clean(row["last_name"], max: 128)
            let username = row["username"].map { Self.clean($0, max: 64) }.flatMap { $0.isEmpty ? nil : $0 } ?? usernames[user]
            let name = [first, last].filter { !$0.isEmpty }.joined(separator: " ")
            if let phone = row["phone"], !phone.isEmpty { phones += 1 }
            let firstSeen = OriginalValues.timestamp(row["first_seen"] ?? row["created_at"], calendar: calendar) ?? now
            let profile = CustomerProfile(
                userID: UserID(user), chatID: ChatID(user), firstName: name.isEmpty ? (username ?? "") : name, username: username,
                languageCode: nil)
            result.append(
                Planned(
                    key: String(user), value: CustomerRecord(profile: profile, firstSeen: firstSeen), content: "\(profile)|\(firstSeen)"))
        }
        report.count("customers", result.count)
        if phones > 0 {
            report.notes.append("\(phones) customers' phone numbers not imported: Zapis keeps no phone (Telegram is the contact)")
        }
        return result
    }

    // MARK: helpers

    /// Trimmed text without control characters, at most `max` characters.
    static func clean(_ text: String?, max: Int) -> String {
        guard let text else { return "" }
        let kept = text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) || $0 == "\n" }
        return String(String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespacesAndNewlines).prefix(max))
    }

    static func bool(_ text: String?) -> Bool? {
        switch text?.lowercased() {
        case "true", "t", "1", "yes": true
        case "false", "f", "0", "no": false
        default: nil
        }
    }
}
