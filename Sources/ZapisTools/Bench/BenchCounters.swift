import App
import BookingCore
import Foundation
import Synchronization

/// What the simulated customers saw, shared by all of them.
final class BenchCounters: Sendable {
    struct State {
        /// Updates sent (messages and presses).
        var actions = 0
        /// Customer-side round trips: action to the awaited bot message (sandbox queueing included).
        var roundTrips: [Duration] = []
        /// Outcomes by name ("booked", "slot taken", …).
        var outcomes: [String: Int] = [:]
        /// Errors by description.
        var errors: [String: Int] = [:]
        /// Bookings confirmed to the customers: (tenant index, customer id).
        var booked = 0
        /// Bookings the customers saw cancelled.
        var cancelled = 0
    }

    private let state = Mutex(State())

    func acted(roundTrip: Duration) {
        state.withLock { state in
            state.actions += 1
            state.roundTrips.append(roundTrip)
        }
    }

    func count(_ outcome: String) { state.withLock { $0.outcomes[outcome, default: 0] += 1 } }

    func booked() { state.withLock { $0.booked += 1 } }

    func cancelled() { state.withLock { $0.cancelled += 1 } }

    func error(_ description: String) { state.withLock { $0.errors[description, default: 0] += 1 } }

    /// The counts; `resetRoundTrips` starts a new round-trip window.
    func snapshot(resetRoundTrips: Bool = false) -> State {
        state.withLock { state in
            defer { if resetRoundTrips { state.roundTrips.removeAll(keepingCapacity: true) } }
            return state
        }
    }
}

/// The bench and the fuzzer draw from the one seeded generator of the code base, one per customer.
typealias BenchRandom = SplitMix64

/// Percentiles and formatting for the report.
enum BenchMath {
    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// p-th percentile (0...100) of unsorted durations, in ms; nil when empty.
    static func percentile(_ sorted: [Duration], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let index = min(sorted.count - 1, max(0, Int((Double(sorted.count) * p / 100).rounded(.up)) - 1))
        return milliseconds(sorted[index])
    }

    static func ms(_ value: Double?) -> String { value.map { String(format: "%.2f ms", $0) } ?? "n/a" }

    static func mb(_ bytes: Int?) -> String { bytes.map { String(format: "%.1f MB", Double($0) / 1_048_576) } ?? "n/a" }

    static func fixed(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
}
