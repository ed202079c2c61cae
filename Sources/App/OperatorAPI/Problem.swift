import BookingCore
import Foundation
import Hummingbird
import Storage

/// An RFC 9457 problem: every error of the operator API is answered with one, as `application/problem+json`.
struct Problem: Error, Codable, Sendable {
    /// A URI naming the kind of problem (relative: resolved against the API's base).
    var type: String
    /// A short summary of the kind.
    var title: String
    /// The HTTP status.
    var status: Int
    /// What went wrong this time.
    var detail: String

    init(_ status: HTTPResponse.Status, _ kind: String, _ title: String, detail: String) {
        self.type = "/api/v1/problems/\(kind)"
        self.title = title
        self.status = status.code
        self.detail = detail
    }

    static func badRequest(_ detail: String) -> Problem { Problem(.badRequest, "bad-request", "Bad request", detail: detail) }
    static func unauthorized(_ detail: String) -> Problem { Problem(.unauthorized, "unauthorized", "Unauthorized", detail: detail) }
    static func notFound(_ detail: String) -> Problem { Problem(.notFound, "not-found", "Not found", detail: detail) }
    static func conflict(_ detail: String) -> Problem { Problem(.conflict, "conflict", "Conflict", detail: detail) }
    static func unprocessable(_ detail: String) -> Problem {
        Problem(.unprocessableContent, "token-refused", "Bot token refused", detail: detail)
    }

    /// The problem for an error thrown by a handler; nil for an unexpected one (answered 500, logged).
    static func from(_ error: any Error) -> Problem? {
        switch error {
        case let problem as Problem: return problem
        case let error as LifecycleError:
            switch error {
            case .unknownTenant: return .notFound(error.description)
            case .already, .notAllowed: return .conflict(error.description)
            case .invalidValue, .malformedToken, .notConfirmed: return .badRequest(error.description)
            case .tokenRejected, .differentBot: return .unprocessable(error.description)
            }
        case let error as ProvisioningError:
            switch error {
            case .invalidID, .invalidTimeZone, .malformedToken: return .badRequest(error.description)
            case .duplicate: return .conflict(error.description)
            case .tokenRejected: return .unprocessable(error.description)
            }
        case StorageError.notFound(let id): return .notFound("no tenant \"\(id)\"")
        default: return nil
        }
    }

    /// The response carrying the problem.
    var response: Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if status == 401 { headers[.wwwAuthenticate] = #"Bearer realm="zapis-operator""# }
        let body = (try? APIJSON.encoder.encode(self)) ?? Data()
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(data: body)))
    }
}
