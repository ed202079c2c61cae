import BookingCore
import Foundation
import Import

/// A tenant made from the original's `master_bot.clients` row (or the operator's options): what our `TenantRecord`
/// holds, and notes of what it cannot (plan, paid-until, payments), which go to the report and the operator audit.
struct TenantImport {
    var request: TenantProvisioner.Request
    var botUsername: String
    var status: TenantStatus
    var statusReason: String
    var notes: [String] = []

    init(data: OriginalTenantData, id: TenantID, options: ImportOptions, now: Date) throws {
        let client = data.client?.row ?? [:]
        let superAdmin = data.rows("admins").first { $0["role"] == "super_admin" }?["user_id"]
        guard let token = options.token ?? client["bot_token"] else {
            throw ImportFailure.usage(
                "tenant \(id) does not exist and \(data.source) has no master_bot client for it: pass --name and a token (--token-file), or create it with `zapis tenant add`"
            )
        }
        guard
            let owner = options.ownerID ?? client["admin_telegram_id"].flatMap({ InputBounds.integer($0, in: InputBounds.ids) })
                ?? superAdmin.flatMap({ InputBounds.integer($0, in: InputBounds.ids) })
        else { throw ImportFailure.usage("tenant \(id): no owner (no super_admin in the source): pass --owner") }
        let name = options.name ?? client["company_name"].map { String($0.prefix(200)) } ?? id.rawValue
        request = TenantProvisioner.Request(id: id.rawValue, name: name, token: token, ownerID: owner, timeZone: options.timeZone)
        botUsername = String((client["bot_username"] ?? "").prefix(64))
        switch client["subscription_status"] {
        case "active": (status, statusReason) = (.active, "")
        case "suspended": (status, statusReason) = (.suspended, "suspended in the original bot")
        // Not `deleted`: that would purge the imported data after the grace period.
        case "cancelled": (status, statusReason) = (.suspended, "subscription cancelled in the original bot")
        default: (status, statusReason) = (.trial, "")
        }
        if let plan = client["subscription_plan"] {
            notes.append("subscription plan \(plan.prefix(20)) not kept (Zapis tenants have no plan yet)")
        }
        if let until = client["subscription_expires_at"] {
            notes.append("paid until \(until.prefix(32)) not kept (Zapis tenants have no paid-until yet)")
        }
        if let client = data.client {
            let completed = client.payments.filter { $0["payment_status"] == "completed" }
            let amounts = completed.map { "\($0["amount"] ?? "?") \($0["currency"] ?? "RUB")" }.joined(separator: ", ")
            notes.append(
                "\(completed.count) completed payment(s) in the original (\(amounts)) not imported; \(client.payments.count - completed.count) other(s) ignored"
            )
        }
    }
}
