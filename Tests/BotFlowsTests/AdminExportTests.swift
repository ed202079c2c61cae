import BookingCore
@testable import BotFlows
import Foundation
import Storage
import TelegramBotAPI
import Testing

@Suite("Admin CSV exports")
struct AdminExportTests {
    static func document(_ result: FlowResult) throws -> SendDocument {
        try #require(result.calls.compactMap { if case .sendDocument(let d) = $0 { return d } else { return nil } }.first)
    }

    @Test func exportedCSVsParseBackToTheSameRows() async throws {
        let h = try await FlowHarness()
        try await h.addAdmins()
        let tricky = User(id: 200, firstName: "Ann, \"the\" best\nsecond line", languageCode: "en")
        let formula = User(id: 300, firstName: "=HYPERLINK(\"x\")", languageCode: "ru")
        let a = try await h.book(h.at(10, 30), customer: tricky)
        let b = try await h.book(h.at(12), service: 1, customer: formula)
        _ = try await h.press(.cancel(b.id), as: FlowHarness.manager)

        let bookings = try Self.document(try await h.press(.export(.bookings), as: FlowHarness.manager))
        #expect(bookings.mimeType == "text/csv" && bookings.fileName == "demo_salon-bookings-20261130.csv")
        #expect(Array(bookings.contents.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let table = try #require(CSVTable.parse(bookings.contents))
        #expect(
            table.header == [
                "id", "start", "end", "service", "master", "customer_id", "customer", "status", "cancelled_by", "price", "deposit", "deposit_status",
            ])
        #expect(table.rows == [
            ["\(a.id)", "2026-12-01 10:30", "2026-12-01 11:30", "Стрижка", "Анна", "200", "Ann, \"the\" best\nsecond line", "confirmed", "", "1500.00", "", ""],
            ["\(b.id)", "2026-12-01 12:00", "2026-12-01 13:30", "Маникюр", "Анна", "300", "'=HYPERLINK(\"x\")", "cancelled", "admin", "2000.00", "", ""],
        ])

        let clients = try #require(CSVTable.parse(try Self.document(try await h.press(.export(.clients), as: FlowHarness.manager)).contents))
        #expect(clients.rows.map { [$0[0], $0[1], $0[5], $0[8]] } == [["200", "Ann, \"the\" best\nsecond line", "1", "0"], ["300", "'=HYPERLINK(\"x\")", "1", "1"]])

        // The audit log is the owner's; it lists the exports and the cancel, newest first.
        #expect(try await h.press(.export(.audit), as: FlowHarness.manager).answer?.showAlert == true)
        let audit = try #require(CSVTable.parse(try Self.document(try await h.press(.export(.audit), as: FlowHarness.owner)).contents))
        let stored = await h.audit()
        #expect(audit.rows.count == stored.count - 1)  // The export's own entry is written after the file is made.
        #expect(audit.rows.map { $0[3] }.prefix(4) == ["export.audit", "export.data", "export.data", "booking.cancel"])
        #expect(audit.rows.first?[7] == "refused")
    }

    @Test func csvRoundTripsAnyCells() {
        let table = CSVTable(header: ["a", "b"], rows: [["", "x\r\ny"], ["\"", ","], ["plain", "ёж"]])
        #expect(CSVTable.parse(table.bytes) == table)
        #expect(CSVTable.parse(Array("a,\"b".utf8)) == nil)
    }
}
