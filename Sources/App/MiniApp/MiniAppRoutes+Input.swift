import BookingCore
import Foundation
import Hummingbird

extension MiniAppRoutes {
    /// A row id from the path, the query or a body, bounded; else 400.
    static func id(_ text: String?) throws -> Int64 {
        guard let text, let id = InputBounds.id(text) else { throw Refused(.badRequest, "bad_id") }
        return id
    }

    /// A row id from a body, bounded; else 400.
    static func id(_ value: Int64) throws -> Int64 {
        guard InputBounds.ids.contains(value) else { throw Refused(.badRequest, "bad_id") }
        return value
    }

    /// A start in whole minutes since the epoch, bounded; else 400.
    static func minute(_ value: Int64) throws -> Int64 {
        guard InputBounds.epochMinutes.contains(value) else { throw Refused(.badRequest, "bad_start") }
        return value
    }

    /// A local date `YYYY-MM-DD` with a year inside `InputBounds.years`; else 400.
    static func date(_ text: String?) throws -> LocalDate {
        let parts = (text ?? "").split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = InputBounds.integer(parts[0], in: InputBounds.years),
            let month = InputBounds.integer(parts[1], in: 1...12), let day = InputBounds.integer(parts[2], in: 1...31),
            let date = LocalDate(year: year, month: month, day: day)
        else { throw Refused(.badRequest, "bad_date") }
        return date
    }

    /// The JSON body as `T`: 413 when oversize, 400 when it is not that JSON.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch {
            throw Refused(.contentTooLarge, "too_large")
        }
        do {
            return try MiniAppJSON.decoder.decode(T.self, from: Data(buffer: body))
        } catch {
            throw Refused(.badRequest, "malformed_json")
        }
    }

    /// `value` as JSON with `status`; the API's answers are never cached (they are per user).
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let body = (try? MiniAppJSON.encoder.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(data: body)))
    }
}
