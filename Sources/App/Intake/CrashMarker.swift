#if canImport(Glibc)
    import Glibc
#endif

/// Appends `!` to the in-flight journal when the process dies of a crash signal, then hands the signal to whoever
/// handled it before (Swift's backtracer, or the default action), so the crash report is unchanged.
///
/// Signal handlers can reach no Swift object safely, so the journal's descriptor and the previous handlers live in
/// plain globals, written once before the handlers are installed and only read afterwards.
enum CrashMarker {
    /// Signals a crash raises: Swift traps (SIGILL, SIGTRAP), bad accesses (SIGSEGV, SIGBUS), SIGFPE and abort().
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT]

    /// Installs the handlers for the journal at `fd` (once per process; a later call only moves the descriptor).
    static func install(fd: Int32) {
        crashMarkerFD = fd
        guard !crashMarkerInstalled else { return }
        crashMarkerInstalled = true
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = onCrashSignal
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var previous = sigaction()
            sigaction(signal, &action, &previous)
            crashMarkerPrevious[Int(signal)] = previous
        }
    }
}

nonisolated(unsafe) private var crashMarkerFD: Int32 = -1
nonisolated(unsafe) private var crashMarkerInstalled = false
nonisolated(unsafe) private var crashMarkerPrevious: [sigaction] = Array(repeating: .init(), count: 65)

/// Writes the mark and restores the previous handler; returning re-runs the faulting instruction (or abort re-raises),
/// which then goes to that handler.
private func onCrashSignal(_ signal: Int32) {
    var mark: (UInt8, UInt8) = (0x21, 0x0A)  // "!\n"
    if crashMarkerFD >= 0 { _ = withUnsafeBytes(of: &mark) { write(crashMarkerFD, $0.baseAddress, 2) } }
    var previous = crashMarkerPrevious[Int(signal)]
    sigaction(signal, &previous, nil)
}
