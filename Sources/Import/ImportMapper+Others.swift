import BookingCore
import Foundation

extension ImportMapper {
    /// One rating per booking (the latest; the others reported); ratings of bookings that exist nowhere are reported.
    func mapFeedback(_ data: OriginalTenantData, bookings: [Planned<PlannedBooking>], _ report: inout ImportReport) -> [Planned<
        PlannedFeedback
    >] {
        let known = Dictionary(bookings.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        var latest: [String: (row: OriginalRow, at: Date, feedback: Feedback)] = [:]
        for (index, row) in data.rows("feedback").enumerated() {
            let label = "feedback \(row["id"] ?? "#\(index + 1)")"
            guard let bookingID = OriginalValues.id(row["booking_id"]) else {
                report.skipped.append("\(label): booking \"\(row["booking_id"]?.prefix(20) ?? "NULL")\" invalid")
                continue
            }
            guard let rating = OriginalValues.integer(row["rating"], in: Feedback.ratings) else {
                report.skipped.append("\(label): rating \"\(row["rating"]?.prefix(20) ?? "NULL")\" is not 1–5")
                continue
            }
            guard let user = OriginalValues.id(row["user_id"]) else {
                report.skipped.append("\(label): user \"\(row["user_id"]?.prefix(24) ?? "NULL")\" invalid")
                continue
            }
            let key = String(bookingID)
            guard known[key] != nil else {
                report.count("feedback.orphaned")
                report.notes.append("\(label): rates booking \(bookingID), which exists nowhere; not imported (no booking is invented)")
                continue
            }
            let at = OriginalValues.timestamp(row["timestamp"], calendar: calendar) ?? now
            let comment = row["comment"].map { Self.clean($0, max: 1_000) }.flatMap { $0.isEmpty ? nil : $0 }
            let feedback = Feedback(
                bookingID: BookingID(0), customer: UserID(user), masterID: Self.chair, serviceID: ServiceID(0), rating: rating,
                comment: comment, ratedAt: at)
            if let earlier = latest[key] {
                report.count("feedback.duplicates_for_one_booking")
                let keepNew = at >= earlier.at
                report.notes.append(
                    "booking \(bookingID) was rated twice; kept the later rating (\(keepNew ? rating : earlier.feedback.rating) stars), dropped the other"
                )
                if !keepNew { continue }
            }
            latest[key] = (row, at, feedback)
        }
        let result = latest.sorted { (Int64($0.key) ?? 0) < (Int64($1.key) ?? 0) }.map { key, value in
            Planned(
                key: key, value: PlannedFeedback(bookingKey: key, feedback: value.feedback),
                content: "\(value.feedback.customer)|\(value.feedback.rating)|\(value.feedback.comment ?? "")|\(value.at)")
        }
        report.count("feedback.imported", result.count)
        return result
    }

    /// `super_admin` → owner, `moderator` → manager.
    func mapAdmins(_ data: OriginalTenantData, _ report: inout ImportReport) -> [Planned<AdminMember>] {
        var result: [Planned<AdminMember>] = []
        for row in data.rows("admins") {
            guard let user = OriginalValues.id(row["user_id"]) else {
                report.skipped.append("admin \"\(row["user_id"]?.prefix(24) ?? "NULL")\": not a Telegram user id")
                continue
            }
            let role: AdminRole
            switch row["role"] ?? "moderator" {
            case "super_admin": role = .owner
            case "moderator": role = .manager
            case let other:
                report.skipped.append("admin \(user): role \"\(Self.clean(other, max: 30))\" unknown")
                continue
            }
            let name = Self.clean(row["username"], max: 64)
            let addedAt = OriginalValues.timestamp(row["added_at"], calendar: calendar) ?? now
            let member = AdminMember(userID: UserID(user), role: role, name: name.isEmpty ? "admin \(user)" : "@\(name)", addedAt: addedAt)
            report.count("admins.\(role.rawValue)")
            result.append(Planned(key: String(user), value: member, content: "\(role)|\(member.name)|\(addedAt)"))
        }
        report.notes.append("admins from the original's ADMIN_IDS setting are not in its database; add them with the bot's /admin")
        return result
    }

    /// Blocked hours, merged: adjacent slots of one day with the same reason become one block.
    func mapBlocks(_ data: OriginalTenantData, slotMinutes: Int, _ report: inout ImportReport) -> [Planned<Block>] {
        var slots: [(date: LocalDate, start: Int, reason: String)] = []
        for row in data.rows("blocked_slots") {
            guard let date = OriginalValues.date(row["date"]), let time = OriginalValues.time(row["time"]) else {
                report.skipped.append(
                    "blocked slot \(row["id"] ?? "?"): \"\(row["date"]?.prefix(24) ?? "NULL") \(row["time"]?.prefix(12) ?? "NULL")\" unreadable"
                )
                continue
            }
            slots.append((date, time.minutes, Self.clean(row["reason"], max: 200)))
        }
        report.counts["blocked_slot_rows"] = slots.count
        slots.sort { ($0.date, $0.start) < ($1.date, $1.start) }
        var merged: [(date: LocalDate, start: Int, end: Int, reason: String)] = []
        for slot in slots {
            if let last = merged.last, last.date == slot.date, last.reason == slot.reason, slot.start <= last.end {
                merged[merged.count - 1].end = max(last.end, min(slot.start + slotMinutes, 1_440))
            } else {
                merged.append((slot.date, slot.start, min(slot.start + slotMinutes, 1_440), slot.reason))
            }
        }
        let result = merged.map { block -> Planned<Block> in
            let from = calendar.earliestInstant(atOrAfter: block.date, LocalTime(minutes: block.start)!)
            let to = calendar.earliestInstant(atOrAfter: block.date, LocalTime(minutes: block.end)!)
            let key = "\(block.date)T\(LocalTime(minutes: block.start)!)-\(LocalTime(minutes: block.end)!)"
            return Planned(
                key: key, value: Block(id: BlockID(0), masterID: nil, range: from..<to, reason: block.reason),
                content: "\(key)|\(block.reason)")
        }
        report.count("blocks", result.count)
        return result
    }

    /// Templates whose key has a counterpart among ours, checked like an admin's edit; HTML tags are dropped (our
    /// messages are plain text).
    func mapTexts(_ data: OriginalTenantData, _ report: inout ImportReport) -> [Planned<TextOverride>] {
        var result: [Planned<TextOverride>] = []
        for row in data.rows("text_templates") {
            let originalKey = Self.clean(row["key"], max: 100)
            guard let key = Self.textKeys[originalKey] else {
                report.count("texts.unmatched")
                report.notes.append("text template \"\(originalKey)\" has no counterpart in Zapis; not imported")
                continue
            }
            let variants: [(String, String?)] =
                data.layout == .sqlite ? [("ru", row["text_ru"]), ("en", row["text_en"])] : [(language, row["text"])]
            for (language, text) in variants {
                guard let text, !text.isEmpty else { continue }
                let plain = Self.withoutHTML(Self.clean(text, max: 4_000))
                if let problem = checkTemplate(key, plain) {
                    report.skipped.append("text template \"\(originalKey)\" (\(language)) → \(key): \(problem)")
                    continue
                }
                if plain != Self.clean(text, max: 4_000) {
                    report.notes.append("text template \"\(originalKey)\": HTML tags removed (Zapis sends plain text)")
                }
                report.count("texts.overrides")
                result.append(
                    Planned(key: "\(key):\(language)", value: TextOverride(key: key, language: language, template: plain), content: plain))
            }
        }
        return result
    }

    /// The admin audit log, as imported entries (`original.<action>`).
    func mapAudit(_ data: OriginalTenantData, _ report: inout ImportReport) -> [Planned<AuditEntry>] {
        var result: [Planned<AuditEntry>] = []
        for (index, row) in data.rows("audit_log").enumerated() {
            let key = row["id"] ?? "#\(index + 1)"
            guard let actor = OriginalValues.id(row["admin_id"]), let at = OriginalValues.timestamp(row["timestamp"], calendar: calendar)
            else {
                report.skipped.append("audit_log \(key): admin or time unreadable")
                continue
            }
            let action = "original." + Self.clean(row["action"], max: 60)
            let entry = AuditEntry(
                at: at, actor: UserID(actor), action: action, target: Self.clean(row["target_id"], max: 100),
                newValue: row["details"].map { Self.clean($0, max: 1_000) })
            result.append(Planned(key: key, value: entry, content: "\(at)|\(actor)|\(action)|\(entry.target)|\(entry.newValue ?? "")"))
        }
        report.count("audit", result.count)
        return result
    }

    static func withoutHTML(_ text: String) -> String {
        text.replacing(/<\/?[a-zA-Z][a-zA-Z0-9]*[^<>]*>/, with: "").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(
            of: "&gt;", with: ">"
        )
        .replacingOccurrences(of: "&amp;", with: "&")
    }
}
