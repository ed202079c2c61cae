/// Instants in the portable form: whole microseconds since 1970 (PostgreSQL's precision). SQLite keeps REAL seconds;
/// the conversions split whole seconds from the fraction so that seconds → microseconds → seconds → microseconds
/// gives the same number for any instant before 2106.
public enum PortableInstant {
    /// The latest instant accepted: year 9999.
    public static let maxSeconds = 253_402_300_799.0

    /// Whole microseconds of `seconds`; throws for a value that is not a time.
    public static func microseconds(_ seconds: Double) throws -> Int64 {
        guard seconds.isFinite, abs(seconds) <= maxSeconds else { throw StorageError.corrupt("time \(seconds) out of range") }
        let whole = seconds.rounded(.down)
        // bounded: |seconds| ≤ maxSeconds (checked above), and the fraction is in [0, 1).
        return Int64(whole) * 1_000_000 + Int64(((seconds - whole) * 1_000_000).rounded())  // bounded: see above
    }

    /// Seconds of `micros`, as SQLite stores them.
    public static func seconds(_ micros: Int64) -> Double {
        let (whole, fraction) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        return Double(whole) + Double(fraction) / 1_000_000
    }
}
