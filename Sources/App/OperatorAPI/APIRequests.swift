import Foundation
import Hummingbird

/// A JSON request body of the operator API: an object with only the known keys, each of its declared type.
protocol APIRequestBody: Decodable {
    /// Every key the body may have.
    static var keys: Set<String> { get }
}

extension APIRequestBody {
    /// Reads and checks the body; every failure is a 400 problem and nothing has changed yet. An empty body reads as
    /// `{}`.
    static func decode(_ request: Request) async throws -> Self {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 64 * 1024)
        } catch {
            throw Problem.badRequest("the body is larger than 64 KiB")
        }
        let data = buffer.readableBytes == 0 ? Data("{}".utf8) : Data(buffer.readableBytesView)
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw Problem.badRequest("the body is not a JSON object")
        }
        if let unknown = Set(object.keys).subtracting(keys).sorted().first {
            throw Problem.badRequest("unknown field \"\(unknown)\"")
        }
        do {
            return try JSONDecoder().decode(Self.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw Problem.badRequest("missing field \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw Problem.badRequest("field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type")
        } catch {
            throw Problem.badRequest("the body does not match the schema")
        }
    }
}

/// `POST /tenants`.
struct CreateTenantBody: APIRequestBody {
    var id: String
    var name: String
    var token: String
    var ownerID: Int64
    var timeZone: String?
    var address: String?
    var contact: String?

    enum CodingKeys: String, CodingKey {
        case id, name, token, address, contact
        case ownerID = "owner_id"
        case timeZone = "time_zone"
    }

    static let keys: Set<String> = ["id", "name", "token", "owner_id", "time_zone", "address", "contact"]
}

/// `PATCH /tenants/{id}`: the `TenantEdit` fields.
struct EditTenantBody: APIRequestBody {
    var name: String?
    var timeZone: String?
    var language: String?
    var currency: String?
    var address: String?
    var contact: String?
    var ownerID: Int64?

    enum CodingKeys: String, CodingKey {
        case name, language, currency, address, contact
        case timeZone = "time_zone"
        case ownerID = "owner_id"
    }

    static let keys: Set<String> = ["name", "time_zone", "language", "currency", "address", "contact", "owner_id"]

    var edit: TenantEdit {
        TenantEdit(
            name: name, timeZone: timeZone, language: language, currency: currency, address: address, contact: contact, ownerID: ownerID)
    }
}

/// `POST /tenants/{id}/suspend`.
struct SuspendBody: APIRequestBody {
    var reason: String
    var cancelReminders: Bool?

    enum CodingKeys: String, CodingKey {
        case reason
        case cancelReminders = "cancel_reminders"
    }

    static let keys: Set<String> = ["reason", "cancel_reminders"]
}

/// `POST /tenants/{id}/delete`.
struct DeleteBody: APIRequestBody {
    var reason: String?
    static let keys: Set<String> = ["reason"]
}

/// `POST /tenants/{id}/resume`: nothing to say.
struct EmptyBody: APIRequestBody {
    static let keys: Set<String> = []
}

/// `POST /tenants/{id}/token`.
struct SetTokenBody: APIRequestBody {
    var token: String
    var newBot: Bool?

    enum CodingKeys: String, CodingKey {
        case token
        case newBot = "new_bot"
    }

    static let keys: Set<String> = ["token", "new_bot"]
}
