import App
import Foundation
import Logging
import Synchronization
import Testing

@Suite("JSON log lines")
struct JSONLogHandlerTests {
    final class Lines: Sendable {
        let captured = Mutex<[String]>([])
        func write(_ line: String) { captured.withLock { $0.append(line) } }
    }

    @Test func everyLineIsOneJSONObjectWithTheExpectedKeys() throws {
        let lines = Lines()
        let at = Date(timeIntervalSince1970: 1_796_000_000.25)
        var logger = Logger(label: "zapis.test") { label in JSONLogHandler(label: label, now: { at }, write: lines.write) }
        logger.logLevel = .debug
        logger[metadataKey: "tenant"] = "salon_alpha"
        logger[metadataKey: "update"] = "42"
        logger.info("update handled")
        logger.warning(
            "a \"quoted\"\nmulti-line message\twith a \u{1} control", metadata: ["request_id": "r-1", "nested": ["a": ["1", "2"]]])
        logger.trace("below the level")
        let captured = lines.captured.withLock { $0 }
        #expect(captured.count == 2)
        var objects: [[String: Any]] = []
        for line in captured {
            #expect(line.hasSuffix("\n") && line.dropLast().contains("\n") == false)
            objects.append(try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]))
        }
        for object in objects {
            #expect(Set(object.keys) == ["timestamp", "level", "label", "message", "metadata", "source"])
            #expect(object["label"] as? String == "zapis.test")
            #expect(object["timestamp"] as? String == "2026-11-30T00:53:20.250Z")
            let metadata = try #require(object["metadata"] as? [String: Any])
            #expect(metadata["tenant"] as? String == "salon_alpha" && metadata["update"] as? String == "42")
        }
        #expect(objects[0]["level"] as? String == "info" && objects[0]["message"] as? String == "update handled")
        #expect(objects[1]["level"] as? String == "warning")
        #expect(objects[1]["message"] as? String == "a \"quoted\"\nmulti-line message\twith a \u{1} control")
        let metadata = try #require(objects[1]["metadata"] as? [String: Any])
        #expect(metadata["request_id"] as? String == "r-1")
        #expect((metadata["nested"] as? [String: [String]])?["a"] == ["1", "2"])
    }
}
