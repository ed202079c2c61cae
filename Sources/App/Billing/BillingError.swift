/// Why a billing command of the operator was refused. Nothing was changed when one is thrown.
public enum BillingError: Error, Equatable, CustomStringConvertible {
    /// No tenant has this id.
    case unknownTenant(String)
    /// No plan has this code (or the code is malformed).
    case unknownPlan(String)
    /// A value is not acceptable.
    case invalidValue(field: String, value: String, why: String)

    public var description: String {
        switch self {
        case .unknownTenant(let id): "no tenant \"\(id)\""
        case .unknownPlan(let code): "no plan \"\(code)\""
        case .invalidValue(let field, let value, let why): "invalid \(field) \(value.debugDescription): \(why)"
        }
    }
}
