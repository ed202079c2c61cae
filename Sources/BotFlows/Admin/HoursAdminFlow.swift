import BookingCore
import Foundation
import Storage
import TelegramBotAPI

/// Working hours per master: the weekly plan (a day's intervals or a day off) and dated exceptions. Changing hours
/// never cancels bookings; the engine offers new times by the new hours at once (blocks cancel, hours do not).
struct HoursAdminFlow: Sendable {
    /// Who is asking, the audit log and the clock.
    let session: AdminSession
    /// Services and masters.
    let catalog: any CatalogStore


    private func master(_ id: MasterID, reply: inout Reply) async throws -> Master? {
        guard let master = try await catalog.masters(reply.tenant.id).first(where: { $0.id == id }) else {
            reply.answer(reply.admin(.notFound), alert: true)
            return nil
        }
        return master
    }

    func masters(reply: inout Reply) async throws {
        let masters = try await catalog.masters(reply.tenant.id)
        var rows = masters.map { [InlineKeyboardButton.business(($0.isActive ? "" : "⏸ ") + $0.name, .masterHours($0.id))] }
        rows.append([reply.button(.policiesButton, .policies)])
        rows.append([reply.button(.toPanel, .panel)])
        reply.show(reply.biz(.hoursTitle), keyboard: InlineKeyboardMarkup(rows))
    }

    static func describe(_ intervals: [WorkingInterval], _ reply: Reply) -> String {
        intervals.isEmpty ? reply.biz(.dayOff) : intervals.map { "\($0.start)–\($0.end)" }.joined(separator: ", ")
    }

    func plan(_ id: MasterID, reply: inout Reply, notice: String? = nil) async throws {
        guard let master = try await master(id, reply: &reply) else { return }
        let today = reply.tenant.calendar.localDate(of: session.now)
        let days = Weekday.allCases.map { "\(reply.format.weekdayShort($0)): \(Self.describe(master.plan.days[$0] ?? [], reply))" }
        let exceptions = master.exceptions.filter { $0.date >= today }.sorted { $0.date < $1.date }
        let exceptionLines = exceptions.map { "\(reply.format.date($0.date)): \(Self.describe($0.intervals, reply))" }
        var text = reply.biz(
            .masterPlan,
            [
                "master": master.name, "plan": days.joined(separator: "\n"),
                "exceptions": exceptionLines.isEmpty ? reply.biz(.noExceptions) : exceptionLines.joined(separator: "\n"),
            ])
        if let notice { text = notice + "\n\n" + text }
        let dayButtons = Weekday.allCases.map { InlineKeyboardButton.business(reply.format.weekdayShort($0), .dayHours(id, $0)) }
        var rows = [Array(dayButtons.prefix(4)), Array(dayButtons.suffix(3))]
        rows += exceptions.prefix(6).map { [.business("✖️ " + reply.format.date($0.date), .exceptionRemove(id, $0.date))] }
        rows.append([reply.button(.addException, .exceptionAdd(id))])
        rows.append([reply.button(.back, .business(.hours))])
        reply.show(text, keyboard: InlineKeyboardMarkup(rows))
    }

    func askDay(_ id: MasterID, _ day: Weekday, reply: inout Reply) async throws {
        guard let master = try await master(id, reply: &reply) else { return }
        session.setInput(.business(.dayHours(master: id.rawValue, weekday: day.rawValue)), reply: &reply)
        let rows = [[reply.button(.dayOff, .dayOff(id, day))], [reply.button(.back, .business(.masterHours(id)))]]
        let text = reply.biz(.askDayHours, ["master": master.name, "weekday": reply.format.weekdayShort(day)])
        reply.show(text + "\n" + Self.describe(master.plan.days[day] ?? [], reply), keyboard: InlineKeyboardMarkup(rows))
    }

    /// Sets a weekday of the plan (no intervals: a day off).
    func setDay(_ id: MasterID, _ day: Weekday, intervals: [WorkingInterval], reply: inout Reply) async throws {
        guard var master = try await master(id, reply: &reply) else { return session.setInput(nil, reply: &reply) }
        session.setInput(nil, reply: &reply)
        let old = Self.describe(master.plan.days[day] ?? [], reply)
        master.plan.days[day] = intervals
        _ = try await catalog.saveMaster(master, tenant: reply.tenant.id)
        try await session.audit(
            .editHours, target: "master:\(id):\(day)", old: old, new: Self.describe(intervals, reply), reply: reply)
        reply.answer(reply.admin(.done))
        try await plan(id, reply: &reply, notice: reply.admin(.saved))
    }

    func askException(_ id: MasterID, reply: inout Reply) async throws {
        guard let master = try await master(id, reply: &reply) else { return }
        try await session.ask(.business(.exception(master: id.rawValue)), reply.biz(.askException, ["master": master.name]), reply: &reply)
    }

    /// "31.12 off" / "31.12.2026 10:00-15:00": adds or replaces the exception of that date.
    func receiveException(_ text: String, _ id: MasterID, reply: inout Reply) async throws {
        let today = reply.tenant.calendar.localDate(of: session.now)
        guard let (date, intervals) = HoursParser.exception(text, today: today) else { return reply.send(reply.biz(.badException)) }
        guard var master = try await master(id, reply: &reply) else { return session.setInput(nil, reply: &reply) }
        session.setInput(nil, reply: &reply)
        let old = master.exceptions.first { $0.date == date }.map { Self.describe($0.intervals, reply) }
        master.exceptions.removeAll { $0.date == date }
        master.exceptions.append(PlanException(date: date, intervals: intervals))
        master.exceptions.sort { $0.date < $1.date }
        _ = try await catalog.saveMaster(master, tenant: reply.tenant.id)
        try await session.audit(.editHours, target: "master:\(id):\(date.compact)", old: old, new: Self.describe(intervals, reply), reply: reply)
        try await plan(id, reply: &reply, notice: reply.admin(.saved))
    }

    func removeException(_ id: MasterID, _ date: LocalDate, reply: inout Reply) async throws {
        guard var master = try await master(id, reply: &reply) else { return }
        guard let old = master.exceptions.first(where: { $0.date == date }) else { return try await plan(id, reply: &reply) }
        master.exceptions.removeAll { $0.date == date }
        _ = try await catalog.saveMaster(master, tenant: reply.tenant.id)
        try await session.audit(.editHours, target: "master:\(id):\(date.compact)", old: Self.describe(old.intervals, reply), new: "-", reply: reply)
        reply.answer(reply.admin(.done))
        try await plan(id, reply: &reply)
    }
}

/// Reads typed hours: "10:00-19:00", "10:00-14:00, 15:00-19:00", and exceptions "31.12 off", "31.12.2026 10-15".
enum HoursParser {
    /// Sorted, non-overlapping intervals, at most 4; nil when unreadable.
    static func intervals(_ text: String) -> [WorkingInterval]? {
        let pieces = text.split { $0 == "," || $0 == ";" }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard (1...4).contains(pieces.count) else { return nil }
        var result: [WorkingInterval] = []
        for piece in pieces {
            let ends = piece.split { $0 == "-" || $0 == "–" || $0 == "—" }.map { $0.trimmingCharacters(in: .whitespaces) }
            guard ends.count == 2, let start = time(ends[0]), let end = time(ends[1]), let interval = WorkingInterval(start: start, end: end) else {
                return nil
            }
            result.append(interval)
        }
        result.sort { $0.start < $1.start }
        for (a, b) in zip(result, result.dropFirst()) where b.start < a.end { return nil }
        return result
    }

    /// "10", "10:00", "9:30", "1000".
    static func time(_ text: String) -> LocalTime? {
        if let hour = InputBounds.integer(text, in: 0...24) { return LocalTime(hour: hour) }
        let parts = text.split(separator: ":")
        if parts.count == 2, parts[1].count == 2, let h = InputBounds.integer(parts[0], in: 0...24), let m = InputBounds.integer(parts[1], in: 0...59) {
            return LocalTime(hour: h, minute: m)
        }
        return LocalTime(text)
    }

    /// The date (this year, or next year when already past; or with an explicit year) and its hours (none: day off).
    static func exception(_ text: String, today: LocalDate) -> (LocalDate, [WorkingInterval])? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(where: \.isWhitespace) else { return nil }
        // Typed numbers are bounded before any date arithmetic: a year of 9,223,372,036,854,775,807 is refused here.
        let fields = trimmed[..<space].split(separator: ".", omittingEmptySubsequences: false)
        let datePart = fields.compactMap { InputBounds.integer($0, in: 0...9_999) }
        let rest = trimmed[space...].trimmingCharacters(in: .whitespaces).lowercased()
        guard datePart.count == fields.count, datePart.count == 2 || datePart.count == 3, InputBounds.years.contains(today.year) else { return nil }
        var year = datePart.count == 3 ? datePart[2] : today.year
        if year < 100 { year += 2000 }
        guard var date = InputBounds.date(year: year, month: datePart[1], day: datePart[0]) else { return nil }
        if datePart.count == 2, date < today, let next = InputBounds.date(year: year + 1, month: datePart[1], day: datePart[0]) { date = next }
        guard date >= today, date.daysSinceEpoch - today.daysSinceEpoch <= 366 else { return nil }
        if ["off", "выходной", "-", "closed"].contains(rest) { return (date, []) }
        guard let intervals = intervals(rest) else { return nil }
        return (date, intervals)
    }
}
