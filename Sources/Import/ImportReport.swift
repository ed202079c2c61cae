import Foundation

/// What an import found and did for one tenant: counts, what was dropped or skipped and why, and conflicts.
public struct ImportReport: Sendable {
    /// The tenant.
    public var tenant: String
    /// The ledger's name of the source.
    public var source: String
    /// Row counts of the source tables.
    public var sourceRows: [String: Int] = [:]
    /// Mapped counts, e.g. `bookings.future_confirmed`.
    public var counts: [String: Int] = [:]
    /// What was mapped with a loss, or dropped, and why (not errors).
    public var notes: [String] = []
    /// Rows skipped because they could not be mapped (bounded parsing failed), with the reason.
    public var skipped: [String] = []
    /// Rows whose earlier import differs from what they map to now: the import is refused.
    public var conflicts: [String] = []
    /// Rows written by this run.
    public var written = 0
    /// Rows found in the ledger with the same content (a re-import).
    public var unchanged = 0
    /// Reminder and feedback rows scheduled for future bookings.
    public var scheduled = 0
    /// True when nothing was written (`--dry-run`, or refused).
    public var dryRun = false

    /// Creates an empty report.
    public init(tenant: String, source: String) {
        self.tenant = tenant
        self.source = source
    }

    mutating func count(_ key: String, _ by: Int = 1) { counts[key, default: 0] += by }

    /// The report as lines for a terminal.
    public var lines: [String] {
        let state = !conflicts.isEmpty ? " (REFUSED: nothing written)" : dryRun ? " (dry run: nothing written)" : ""
        var lines = ["tenant \(tenant) from \(source)\(state)"]
        lines.append("  source rows: " + sourceRows.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        lines.append("  mapped: " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        lines.append(
            "  \(dryRun ? "would write" : "written") \(written), unchanged \(unchanged), reminders and feedback questions scheduled \(scheduled)"
        )
        lines += notes.map { "  note: \($0)" }
        lines += skipped.map { "  skipped: \($0)" }
        lines += conflicts.map { "  CONFLICT: \($0)" }
        return lines
    }
}
