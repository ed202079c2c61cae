import BookingCore
import Foundation
import Testing

/// A real headless Chromium (Debian's `chromium`, driven by Playwright from PyPI: scripts/miniapp_browser.py) opens
/// the Mini App from the sandbox chat page, books a time, and the booking then shows in the chat's My bookings with
/// its reminders scheduled. Screenshots at 360 px in ru and en go to docs/miniapp/. scripts/test installs both
/// tools; under `CI=true` a missing browser is a failure, never a skip.
@Suite("Mini App in a browser", .serialized)
struct MiniAppBrowserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let chromium: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").flatMap { ["\($0)/chromium", "\($0)/chromium-browser"] }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
    static let python: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        guard
            let python = path.split(separator: ":").map({ "\($0)/python3" }).first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else { return nil }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: python)
        check.arguments = ["-c", "import playwright.sync_api"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return nil }
        check.waitUntilExit()
        return check.terminationStatus == 0 ? python : nil
    }()
    static let available = chromium != nil && python != nil
    static let required = ProcessInfo.processInfo.environment["CI"] == "true"

    @Test(
        .enabled(
            if: available || required,
            "chromium or Playwright is missing: apt-get install chromium; pip install playwright (scripts/test does)"),
        arguments: [("ru", Int64(8_001)), ("en", Int64(8_002))])
    func bookInTheMiniAppThenSeeItInTheChat(language: String, user: Int64) async throws {
        let python = try #require(Self.python, "Playwright (pip install playwright) is required under CI=true")
        _ = try #require(Self.chromium, "chromium (apt-get install chromium) is required under CI=true")
        try await LocalStack.run(mode: .webhook, environment: ["ZAPIS_MINIAPP_URL": "http://127.0.0.1:{port}"]) { stack in
            let tenant = LocalStack.tenantA
            let sandboxPort = try await stack.sandbox.waitUntilRunning()
            let chat = "http://127.0.0.1:\(sandboxPort)/chat/\(tenant.rawValue)_bot?user=\(user)&lang=\(language)&name=Browser"
            let shots = Self.root.appendingPathComponent("docs/miniapp")
            try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("miniapp-browser-\(UUID().uuidString).txt")
            let (status, printed) = try await SchemathesisTests.run(
                python,
                [
                    Self.root.appendingPathComponent("scripts/miniapp_browser.py").path, "--chat", chat, "--lang", language, "--shots",
                    shots.path,
                ],
                output: output, timeout: .seconds(240))
            #expect(status == 0, "the browser journey failed:\n\(printed.suffix(4_000))")
            // One booking, made through the chat's flow: confirmation in the chat, reminders in the outbox.
            let bookings = try await stack.stores.bookings.bookings(of: UserID(user), tenant: tenant)
            #expect(bookings.count == 1)
            let booking = try #require(bookings.first)
            #expect(booking.chat == ChatID(user))
            let far = Date().addingTimeInterval(400 * 86_400)
            let reminders = try await stack.dependencies.outbox.dueMessages(now: far, limit: 10_000).filter { $0.bookingID == booking.id }
            #expect(!reminders.isEmpty)
            // The chat's My bookings (read by the browser) lists it at its local time.
            let time = ZonedCalendar(identifier: "Europe/Moscow")!.localTime(of: booking.start).description
            #expect(printed.contains(time), "My bookings in the chat does not show \(time):\n\(printed.suffix(2_000))")
            for name in ["week", "bookings"] {
                #expect(FileManager.default.fileExists(atPath: shots.appendingPathComponent("miniapp-\(name)-\(language).png").path))
            }
        }
    }
}
