import BookingCore
import Foundation

/// A tenant's admins. The tenant record's `ownerID` is materialised as the first owner by the flows.
public protocol AdminStore: Sendable {
    /// Every admin of `tenant`, by user id.
    func admins(_ tenant: TenantID) async throws -> [AdminMember]
    /// Inserts or replaces the admin with `member.userID`; a nil `languageCode` keeps the stored one.
    func saveAdmin(_ member: AdminMember, tenant: TenantID) async throws
    /// Removes an admin; returns false when there was none.
    @discardableResult
    func removeAdmin(_ user: UserID, tenant: TenantID) async throws -> Bool
}
