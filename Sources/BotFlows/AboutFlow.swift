import Foundation
import BookingCore
import Storage
import TelegramBotAPI

/// About: services with prices, address, contacts, hours and the cancellation rule, from the tenant's data.
struct AboutFlow: Sendable {
    /// Services and masters (for the hours).
    let catalog: any CatalogStore

    func show(reply: inout Reply) async throws {
        let format = reply.format
        let services = try await catalog.services(reply.tenant.id).filter(\.isActive).map { service in
            var values = ["service": service.name, "duration": format.duration(service.durationMinutes), "price": format.price(service.price)]
            values["description"] = service.shortDescription
            return reply.text(values["description"] == nil ? .aboutServiceLine : .aboutServiceDescribed, values)
        }
        let masters = try await catalog.masters(reply.tenant.id).filter(\.isActive)
        let profile = reply.tenant.profile
        let values = [
            "business": profile.name, "services": services.joined(separator: "\n"),
            "address": profile.address + (profile.presentation.mapURL.isEmpty ? "" : "\n🗺 " + profile.presentation.mapURL),
            "contact": profile.contact, "hours": everyMastersHours(masters, reply: reply),
            "cancelHours": String(reply.tenant.policies.cancelNoticeHours),
        ]
        reply.send(reply.text(.about, values), markup: reply.mainMenu)
    }

    /// The hours of every active master: the summary alone for one master, else a line "Name: summary" each.
    private func everyMastersHours(_ masters: [Master], reply: Reply) -> String {
        guard masters.count > 1 else { return hours(masters.first?.plan, format: reply.format) }
        return masters.map { "\n" + reply.text(.masterHours, ["master": $0.name, "hours": hours($0.plan, format: reply.format)]) }.joined()
    }

    /// "пн–вс 09:00–18:00" style summary, one line per distinct set of hours.
    private func hours(_ plan: WeeklyPlan?, format: Formatter) -> String {
        guard let plan else { return "" }
        var groups: [(days: [Weekday], hours: String)] = []
        for day in Weekday.allCases {
            let hours = (plan.days[day] ?? []).map { "\($0.start)–\($0.end)" }.joined(separator: ", ")
            guard !hours.isEmpty else { continue }
            if let last = groups.last, last.hours == hours, let lastDay = last.days.last, lastDay.rawValue + 1 == day.rawValue {
                groups[groups.count - 1].days.append(day)
            } else {
                groups.append(([day], hours))
            }
        }
        return groups.map { group in
            let days = group.days.count == 1
                ? format.weekdayShort(group.days[0]) : "\(format.weekdayShort(group.days[0]))–\(format.weekdayShort(group.days.last!))"
            return "\(days) \(group.hours)"
        }.joined(separator: "; ")
    }
}

extension Service {
    /// The description's first line, at most 100 characters (cut with "…"); nil when there is none.
    var shortDescription: String? {
        let line = description.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !line.isEmpty else { return nil }
        return line.count <= 100 ? line : String(line.prefix(99)) + "…"
    }
}
