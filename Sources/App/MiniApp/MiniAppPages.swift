import BookingCore
import Foundation
import Hummingbird

/// The Mini App's static files (Resources/: one page, its script and its styles; no build step), served at
/// `/app/{tenant}/` for tenants this process serves.
struct MiniAppPages {
    let directory: TenantDirectory

    /// The files, loaded once; name → (content type, bytes).
    static let files: [String: (String, ByteBuffer)] = {
        var files: [String: (String, ByteBuffer)] = [:]
        for (name, ext, type) in [
            ("index", "html", "text/html; charset=utf-8"), ("app", "js", "text/javascript; charset=utf-8"),
            ("app", "css", "text/css; charset=utf-8"),
        ] {
            if let url = Bundle.module.url(forResource: name, withExtension: ext), let data = try? Data(contentsOf: url) {
                files["\(name).\(ext)"] = (type, ByteBuffer(data: data))
            }
        }
        return files
    }()

    /// The page may load only its own files and Telegram's script, and talk only to this server.
    static let policy =
        "default-src 'none'; script-src 'self' https://telegram.org; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'"

    func register(on router: Router<AppRequestContext>) {
        // The router ignores a trailing slash; the page needs it (its files are relative), so `/app/x` is redirected.
        router.get("/app/:tenant") { request, context in
            guard request.uri.path.hasSuffix("/") else {
                let tenant = context.parameters.get("tenant") ?? ""
                guard TenantID(tenant) != nil else { return Self.notFound }
                return Response(status: .permanentRedirect, headers: [.location: "/app/\(tenant)/"])
            }
            return try await serve("index.html", context)
        }
        router.get("/app/:tenant/:file") { _, context in try await serve(context.parameters.get("file") ?? "", context) }
    }

    private func serve(_ name: String, _ context: AppRequestContext) async throws -> Response {
        guard let id = TenantID(context.parameters.get("tenant") ?? ""), try await directory.tenant(id) != nil,
            let (type, body) = Self.files[name]
        else { return Self.notFound }
        return Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "no-cache", .contentSecurityPolicy: Self.policy, .xContentTypeOptions: "nosniff"],
            body: .init(byteBuffer: body))
    }

    static var notFound: Response {
        Response(
            status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "not found")))
    }
}
