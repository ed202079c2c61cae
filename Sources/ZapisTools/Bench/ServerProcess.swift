import App
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `zapis serve` as a child process of the bench, measured through /proc.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let logPath: String
    private(set) var launchedAt = ContinuousClock.now

    /// Prepares the child; `run()` starts it.
    init(executable: String, arguments: [String], environment: [String: String], logPath: String) {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        self.logPath = logPath
    }

    /// Starts the process; its stdout and stderr go to `logPath`.
    func run() throws {
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
        launchedAt = ContinuousClock.now
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// SIGTERM (graceful shutdown), then SIGKILL after `grace`; returns how long the graceful stop took, or nil.
    @discardableResult
    func stop(grace: Duration = .seconds(10)) async -> Duration? {
        guard process.isRunning else { return nil }
        let started = ContinuousClock.now
        process.terminate()
        while process.isRunning, ContinuousClock.now - started < grace { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return ContinuousClock.now - started
    }

    /// Resident set size and its peak, in bytes.
    func memory() -> (rss: Int, peak: Int)? { ProcStat.memory(pid: pid) }

    /// User + system CPU time consumed so far.
    func cpuSeconds() -> Double? { ProcStat.cpuSeconds(pid: pid) }

    /// The log's current size, to split what was logged before and after a point (e.g. the stop).
    func logSize() -> Int { (try? FileManager.default.attributesOfItem(atPath: logPath)[.size] as? Int) ?? 0 }

    /// Lines of the server log at warning level or above ("warning", "error", "critical"), with counts, from byte
    /// `from` up to byte `to` (nil: the end).
    func logProblems(from: Int = 0, to: Int? = nil) -> [String: Int] {
        guard let data = FileManager.default.contents(atPath: logPath) else { return [:] }
        let end = min(to ?? data.count, data.count)
        guard from < end else { return [:] }
        let text = String(decoding: data[from..<end], as: UTF8.self)
        var problems: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.contains(" warning ") || line.contains(" error ") || line.contains(" critical ") {
            // Drop the timestamp so equal messages group together.
            let key = line.split(separator: " ", maxSplits: 1).last.map(String.init) ?? String(line)
            problems[String(key.prefix(300)), default: 0] += 1
        }
        return problems
    }
}

/// Reads /proc/<pid>/status and /proc/<pid>/stat.
enum ProcStat {
    static func memory(pid: Int32) -> (rss: Int, peak: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func kilobytes(_ field: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return nil }
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        }
        guard let rss = kilobytes("VmRSS"), let peak = kilobytes("VmHWM") else { return nil }
        return (rss * 1024, peak * 1024)
    }

    static func cpuSeconds(pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// CPU seconds of every process of this machine named `command` (e.g. "postgres"), summed.
    static func cpuSeconds(ofCommand command: String) -> Double {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { Int32($0) } ?? []
        var total = 0.0
        for pid in pids {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), stat.contains("(\(command))") else { continue }
            total += cpuSeconds(pid: pid) ?? 0
        }
        return total
    }

    /// Busy and total CPU seconds of the whole machine (all cores), from the first line of /proc/stat.
    static func machineCPU() -> (busy: Double, total: Double)? {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8), let line = stat.split(separator: "\n").first else {
            return nil
        }
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 5 else { return nil }
        let total = ticks.prefix(8).reduce(0, +)
        let idle = ticks[3] + ticks[4]  // idle + iowait
        let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
        return ((total - idle) / hz, total / hz)
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Commands.BenchFailure("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw Commands.BenchFailure("bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw Commands.BenchFailure("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
