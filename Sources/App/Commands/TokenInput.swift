import Foundation

/// Where a CLI command reads a bot token from: never argv (it ends up in shell history and `ps`).
public enum TokenInput: Sendable, Equatable {
    /// The first line of standard input (a pipe or a prompt).
    case standardInput
    /// The first line of a file (e.g. a mounted secret).
    case file(String)
    /// An environment variable.
    case environment(String)

    /// Why no token could be read.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The source the flags name: `--token-file`, else `--token-env`, else standard input.
    public init(file: String?, environmentName: String?) {
        if let file { self = .file(file) } else if let name = environmentName { self = .environment(name) } else { self = .standardInput }
    }

    /// Reads the token (trimmed; at most 256 characters are read from a file or stdin).
    public func read(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let text: String?
        switch self {
        case .standardInput:
            if isatty(STDIN_FILENO) != 0 { FileHandle.standardError.write(Data("Bot token: ".utf8)) }
            text = readLine(strippingNewline: true)
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure(description: "cannot read the token file \(path)") }
            defer { try? handle.close() }
            text = String(decoding: (try? handle.read(upToCount: 256)) ?? Data(), as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)
        case .environment(let name):
            text = environment[name]
        }
        let token = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, token.count <= 256 else { throw Failure(description: "no bot token was given (\(self.label))") }
        return token
    }

    private var label: String {
        switch self {
        case .standardInput: "standard input"
        case .file(let path): "file \(path)"
        case .environment(let name): "environment variable \(name)"
        }
    }
}
