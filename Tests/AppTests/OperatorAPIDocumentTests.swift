import BookingCore
import Foundation
import Hummingbird
import Logging
import Storage
import TelegramBotAPI
import Testing

@testable import App

/// The hand-written OpenAPI document and the hand-written routes cannot drift: every route the operator API puts in
/// the router is in the document, and every operation of the document is a route.
@Suite("Operator API document")
struct OperatorAPIDocumentTests {
    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
    }

    static func router() throws -> Router<AppRequestContext> {
        let store = InMemoryStore()
        let configuration = AppConfiguration(environment: [:])
        let dependencies = AppDependencies(
            stores: Stores(store), operatorStore: store, unitOfWork: InMemoryUnitOfWork(stores: Stores(store), outbox: store.outbox),
            outbox: store.outbox, botAPI: configuration.botAPIClient(httpClient: .shared),
            vault: try TokenVault(base64Key: TokenVault.generateKey()),
            logger: Logger(label: "test"))
        let router = Router(context: AppRequestContext.self)
        OperatorAPI(dependencies: dependencies, configuration: configuration, logger: Logger(label: "test")).register(on: router)
        return router
    }

    @Test func everyRouteIsDocumentedAndEveryOperationIsARoute() throws {
        let document = try Self.document()
        let base = try #require(((document["servers"] as? [[String: Any]])?.first?["url"]) as? String)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        for (path, item) in paths {
            for method in ["get", "put", "post", "patch", "delete", "head", "options"] where item[method] != nil {
                documented.insert("\(method.uppercased()) \(base)\(path)")
            }
        }
        let served = Set(try Self.router().routes.map { "\($0.method) \($0.path)" })
        #expect(served == documented, "served only: \(served.subtracting(documented)); documented only: \(documented.subtracting(served))")
        #expect(served.count == OperatorAPI.routes.count)
    }

    /// Every operation that needs a token documents the 401 problem, and every `$ref` resolves.
    @Test func operationsDocumentTheirProblems() throws {
        let document = try Self.document()
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        for (path, item) in paths {
            for (method, value) in item where method != "parameters" {
                let operation = try #require(value as? [String: Any])
                let responses = try #require(operation["responses"] as? [String: Any])
                let open = (operation["security"] as? [Any])?.isEmpty == true
                #expect(open || responses["401"] != nil, "\(method) \(path)")
                #expect(operation["operationId"] is String, "\(method) \(path)")
            }
        }
        let text = OpenAPIDocument.json
        let components = try #require(document["components"] as? [String: [String: Any]])
        for match in text.matches(of: /"\$ref": "#\/components\/(\w+)\/(\w+)"/) {
            #expect(components[String(match.1)]?[String(match.2)] != nil, "\(match.0)")
        }
    }
}
