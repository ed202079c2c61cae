import HTTPTypes
import Hummingbird
import Logging

/// Gives every HTTP request an id in its logger's metadata (`request_id`) and echoes it as `X-Request-Id`: the
/// caller's own (a proxy's) when it sent a short, plain one, else the id Hummingbird generated for the request.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var header: HTTPField.Name { HTTPField.Name("X-Request-Id")! }
    /// Longest id taken from a caller; anything longer or with other characters is replaced.
    static var maxLength: Int { 128 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = request.headers[Self.header].flatMap(Self.accepted) ?? context.id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[Self.header] = id
        return response
    }

    /// `value` when it is safe to log and echo: 1–128 letters, digits, `-`, `_`, `.` or `:`.
    static func accepted(_ value: String) -> String? {
        guard !value.isEmpty, value.utf8.count <= maxLength,
            value.utf8.allSatisfy({
                ($0 >= 0x30 && $0 <= 0x3A) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E
            })
        else { return nil }
        return value
    }
}
