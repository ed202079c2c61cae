import AsyncHTTPClient
import BookingCore
import Foundation
import NIOCore
import NIOHTTP1
import TelegramBotAPI

/// Calls the Mini App's API as the page does, with initData signed as Telegram signs it.
struct MiniAppClient {
    let port: Int
    let tenant: String
    /// The `Authorization` header's value, or nil for none.
    var authorization: String?

    /// A client for `user` of the bot with `token`, signed at `authDate` (now by default).
    init(port: Int, tenant: TenantID, token: BotToken, user: Int64, language: String = "ru", authDate: Date = Date()) {
        self.port = port
        self.tenant = tenant.rawValue
        let signed = WebAppInitData.sign(
            user: User(id: user, firstName: "Mini\(user)", languageCode: language), authDate: authDate, botToken: token.rawValue)
        self.authorization = "tma " + signed
    }

    /// The status and the JSON object of one call.
    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> (status: Int, json: [String: Any]) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/app/\(tenant)/api/\(path)")
        request.method = method
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 1 << 22)
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: bytes))) as? [String: Any] ?? [:]
        return (Int(response.status.code), json)
    }

    /// The first free time of the first service from `daysAhead` days on (over `weeks` weeks): service, master and start.
    func firstFreeTime(weeks: Int = 3, daysAhead: Int = 0, skip: Int = 0) async throws -> (service: Int64, master: Int64, start: Int64)? {
        let catalog = try await call(.GET, "services").json
        guard let service = (catalog["services"] as? [[String: Any]])?.first, let id = service["id"] as? Int64 else { return nil }
        let calendar = ZonedCalendar(identifier: "Europe/Moscow")!
        var from = calendar.localDate(of: Date()).adding(days: daysAhead)
        var skipped = 0
        for _ in 0..<weeks {
            let days = try await call(.GET, "times?service=\(id)&from=\(from)&days=7").json["days"] as? [[String: Any]] ?? []
            for day in days {
                for time in day["times"] as? [[String: Any]] ?? [] {
                    if skipped < skip {
                        skipped += 1
                        continue
                    }
                    return (id, time["master"] as! Int64, time["start"] as! Int64)
                }
            }
            from = from.adding(days: 7)
        }
        return nil
    }
}
