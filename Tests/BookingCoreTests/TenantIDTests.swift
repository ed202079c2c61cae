import Foundation
import Testing

@testable import BookingCore

@Suite("Tenant ids")
struct TenantIDTests {
    @Test(
        "Ids that are unsafe as schema names are refused",
        arguments: [
            "a\"; drop schema x; --", "pg_catalog", "pg_toast", "pg_anything", "zapis", "public", "information_schema", "", "ab",
            "Client", "1client", "_client", "client-001", "client 001", "клиент", String(repeating: "a", count: 41),
        ]
    )
    func refused(raw: String) throws {
        #expect(TenantID(raw) == nil)
        #expect(!TenantID.isValid(raw))
        let json = try JSONEncoder().encode(raw)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TenantID.self, from: json) }
    }

    @Test("Well-formed ids are accepted", arguments: ["client_001", "abc", "salon42", String(repeating: "a", count: 40)])
    func accepted(raw: String) throws {
        let id = try #require(TenantID(raw))
        #expect(id.rawValue == raw && id.description == raw)
        #expect(try JSONDecoder().decode(TenantID.self, from: JSONEncoder().encode(id)) == id)
    }
}
