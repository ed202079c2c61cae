import BookingCore
import Storage

extension BackOfficeStore {
    /// Display names of `tenant`'s customers, by user: the first name, with the @username when there is one.
    func customerNames(_ tenant: TenantID) async throws -> [UserID: String] {
        var names: [UserID: String] = [:]
        for record in try await customerRecords(tenant) {
            names[record.profile.userID] = record.profile.firstName + (record.profile.username.map { " @\($0)" } ?? "")
        }
        return names
    }
}
