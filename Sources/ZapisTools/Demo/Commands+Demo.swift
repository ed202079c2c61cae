import App
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Storage
import StorageSQLite
import TelegramBotAPI
import TelegramSandbox
import YooKassaSandbox

extension Commands {
    /// `zapis demo`: the sandbox, the service on a fresh SQLite file and a demo salon, wired by webhook.
    public static func demo(port: Int, sandboxPort: Int, database: String) async throws {
        var logger = Logger(label: "zapis.demo")
        logger.logLevel = .warning
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        var sandboxConfiguration = SandboxConfiguration(host: "127.0.0.1", port: sandboxPort)
        // Only the printed chat URL (which carries this token) can drive the simulated users: not another web page.
        sandboxConfiguration.peopleToken = TokenVault.generateKey().filter { $0.isLetter || $0.isNumber }
        let sandbox = TelegramSandbox(configuration: sandboxConfiguration, logger: logger)
        // The whole purchase: the sales bot sells a plan, YooKassa's sandbox takes the payment and notifies the service.
        let yookassa = YooKassaSandbox(logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await sandbox.run() }
            group.addTask { try await yookassa.run() }
            let boundSandboxPort = try await sandbox.waitUntilRunning()
            _ = try await yookassa.waitUntilRunning()
            let token = await sandbox.registerBot(username: "demo_salon_bot", firstName: "Салон «Ромашка»")
            let salesToken = await sandbox.registerBot(username: "zapis_sales_bot", firstName: "Zapis")
            // The bot a buyer would create with @BotFather, ready to be bought.
            let buyersToken = await sandbox.registerBot(username: "my_salon_bot", firstName: "My salon")

            var configuration = AppConfiguration()
            configuration.port = port
            configuration.databaseURL = database
            configuration.telegramAPIURL = "http://127.0.0.1:\(boundSandboxPort)"
            configuration.publicURL = "http://127.0.0.1:{port}"
            // The sandbox chat opens the Mini App from "📆 Open calendar" (over plain HTTP: it is not Telegram).
            configuration.miniAppURL = "http://127.0.0.1:{port}"
            configuration.masterKey = TokenVault.generateKey()
            configuration.platform.salesBotToken = salesToken.rawValue
            configuration.billing.yookassaAPIURL = yookassa.apiURL
            configuration.billing.yookassaShopID = yookassa.shopID
            configuration.billing.yookassaSecretKey = yookassa.secretKey
            // The sandbox notifies from this machine, not from YooKassa's published networks.
            configuration.billing.yookassaNetworks = ["127.0.0.1", "::1"]
            configuration.tenantRefreshSeconds = 1
            let store = try await SQLiteStore.open(path: database, logger: logger)
            let dependencies = AppDependencies.embedded(
                store, botAPI: configuration.botAPIClient(httpClient: .shared),
                vault: try TokenVault(base64Key: configuration.masterKey!), logger: logger)
            let provisioner = TenantProvisioner(
                stores: dependencies.stores, botAPI: dependencies.botAPI, vault: dependencies.vault, now: dependencies.now)
            let record = try await provisioner.add(DemoSalon.request(token: token.rawValue))
            try await DemoSalon.seed(dependencies.stores, tenant: record.id)

            let chatURL = sandbox.chatURL(botUsername: "demo_salon_bot", userID: 1001) ?? ""
            let salesURL = sandbox.chatURL(botUsername: "zapis_sales_bot", userID: 2001) ?? ""
            let app = buildApplication(configuration: configuration, dependencies: dependencies) { boundPort in
                yookassa.setNotificationURL("http://127.0.0.1:\(boundPort)/yookassa/notifications")
                let banner = """
                    Zapis demo is running (SQLite file \(database)).
                    Service:   http://127.0.0.1:\(boundPort)  (webhook POST /telegram/\(record.id))
                    Sandbox:   http://127.0.0.1:\(boundSandboxPort)  (a local Telegram Bot API)
                    Chat page: \(chatURL)
                    Open the chat page in a browser, press /start and book an appointment.
                    Sales bot: \(salesURL)
                    Buy a plan there; when asked for the bot's token, send this one (@my_salon_bot, as @BotFather would give it):
                    \(buyersToken.rawValue)
                    Pay on YooKassa's sandbox page (\(yookassa.baseURL)); the new bot is ready within seconds:
                    \(sandbox.chatURL(botUsername: "my_salon_bot", userID: 2001) ?? "")
                    Ctrl-C stops the demo.

                    """
                FileHandle.standardOutput.write(Data(banner.utf8))
            }
            group.addTask { try await app.runService() }
            try await group.next()
            group.cancelAll()
        }
    }
}
