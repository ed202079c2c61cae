import Foundation

/// A strict reader of the Prometheus text exposition format (0.0.4), enough to check `/metrics`: every line is a
/// `# HELP`, a `# TYPE` or a sample `name{label="value",…} value`; a family's HELP and TYPE come once, before its
/// samples; a histogram's samples are its `_bucket` (with `le`), `_sum` and `_count`; values are numbers.
struct PrometheusText {
    struct Sample: Hashable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct Failure: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "line \(line): \(reason)" }
    }

    private(set) var samples: [Sample] = []
    private(set) var types: [String: String] = [:]
    private(set) var helps: [String: String] = [:]

    init(_ text: String) throws {
        var familiesWithSamples: Set<String> = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let number = index + 1
            func fail(_ reason: String) -> Failure { Failure(line: number, reason: "\(reason): \(line)") }
            if line.isEmpty {
                guard index == lines.count - 1 else { throw fail("empty line") }
                continue
            }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
                guard parts.count >= 3, parts[0] == "#", Self.isName(parts[2]) else { throw fail("malformed comment") }
                let family = parts[2]
                guard !familiesWithSamples.contains(family) else { throw fail("HELP/TYPE after the family's samples") }
                switch parts[1] {
                case "HELP":
                    guard helps[family] == nil, parts.count == 4, !parts[3].isEmpty else { throw fail("duplicate or empty HELP") }
                    helps[family] = parts[3]
                case "TYPE":
                    guard types[family] == nil, parts.count == 4,
                        ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3])
                    else { throw fail("duplicate or unknown TYPE") }
                    types[family] = parts[3]
                default: throw fail("comment is neither HELP nor TYPE")
                }
                continue
            }
            let sample = try Self.sample(String(line), fail: fail)
            let family = family(of: sample.name)
            guard let type = types[family] else { throw fail("sample without a TYPE") }
            if type == "histogram" {
                guard sample.name != family else { throw fail("histogram sample without a suffix") }
                if sample.name == family + "_bucket", sample.labels["le"] == nil { throw fail("bucket without le") }
            } else if sample.name != family {
                throw fail("sample name differs from its family")
            }
            if type == "counter", sample.value < 0 { throw fail("negative counter") }
            familiesWithSamples.insert(family)
            samples.append(sample)
        }
    }

    /// The family a sample belongs to: a histogram's `_bucket`, `_sum` and `_count` belong to the histogram.
    func family(of name: String) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" { return base }
        }
        return name
    }

    /// The value of the sample named `name` whose labels include `labels`, summed over the rest.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double {
        samples.filter { sample in sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value } }.map(\.value)
            .reduce(0, +)
    }

    /// Whether any sample is named `name`.
    func has(_ name: String) -> Bool { samples.contains { $0.name == name } }

    static func isName(_ text: some StringProtocol) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first == ":" || first.properties.isAlphabetic, first.isASCII else {
            return false
        }
        return text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0 == "_" || $0 == ":" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
        }
    }

    private static func sample(_ line: String, fail: (String) -> Failure) throws -> Sample {
        var rest = Substring(line)
        let name = rest.prefix { $0 != "{" && $0 != " " }
        guard isName(name) else { throw fail("bad metric name") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let key = rest.prefix { $0 != "=" }
                guard isName(key), labels[String(key)] == nil else { throw fail("bad or repeated label name") }
                rest = rest.dropFirst(key.count)
                guard rest.hasPrefix("=\"") else { throw fail("label without a quoted value") }
                rest = rest.dropFirst(2)
                var value = ""
                while true {
                    guard let character = rest.first else { throw fail("unterminated label value") }
                    rest = rest.dropFirst()
                    if character == "\"" { break }
                    if character == "\\" {
                        guard let escaped = rest.first, ["\\", "\"", "n"].contains(escaped) else { throw fail("bad escape") }
                        rest = rest.dropFirst()
                        value.append(escaped == "n" ? "\n" : escaped)
                    } else {
                        value.append(character)
                    }
                }
                labels[String(key)] = value
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" { throw fail("labels not separated") }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw fail("no space before the value") }
        let fields = rest.dropFirst().split(separator: " ")
        guard fields.count == 1 || fields.count == 2 else { throw fail("trailing fields") }
        let text = String(fields[0])
        guard let value = Double(text) ?? ["+Inf": Double.infinity, "-Inf": -Double.infinity, "NaN": Double.nan][text] else {
            throw fail("value is not a number")
        }
        return Sample(name: String(name), labels: labels, value: value)
    }
}
