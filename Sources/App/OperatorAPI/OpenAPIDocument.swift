import Foundation
import Hummingbird

/// The OpenAPI 3.1 document of the operator API (`openapi.json` beside this file, a resource of the target), served at
/// `/api/v1/openapi.json`. Written by hand beside the routes (see docs/DECISIONS.md); `OperatorAPIDocumentTests` checks
/// that its paths and methods are exactly the router's.
enum OpenAPIDocument {
    /// The document's JSON text, read once.
    static let json: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let text = try? String(contentsOf: url, encoding: .utf8)
        else { return #"{"error": "the OpenAPI document is missing from the installation"}"# }
        return text
    }()

    static var response: Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }
}
