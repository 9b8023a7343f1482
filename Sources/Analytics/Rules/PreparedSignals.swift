import Replay

/// One crash's signals made ready for many rules: lines lower-cased once, levels ranked once.
struct PreparedSignals {
    let signals: CrashSignals
    let lines: [LogLine]
    /// ASCII-lower-cased bytes of each line, for the literal pre-checks.
    let lowercased: [[UInt8]]
    /// The byte pairs of each lower-cased line (`BytePairs`), to skip searching lines that cannot contain a literal.
    let pairs: [UInt64]
    /// Rank of each line's level (see `levelRank`), nil when the line has none or an unknown one.
    let levels: [Int?]
    /// Where ECS fields quoted as evidence live.
    let ecsEvidenceAt: Timestamp

    init(_ signals: CrashSignals) {
        self.signals = signals
        // Oldest first is the contract; sort only if someone handed them out of order.
        let lines = signals.lastLines
        var sorted = true
        for i in lines.indices.dropFirst() where lines[i].at < lines[i - 1].at { sorted = false; break }
        self.lines = sorted ? lines : lines.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        self.lowercased = self.lines.map { ByteSearch.lowercased($0.text) }
        self.pairs = BytePairs.sets(of: lowercased)
        self.levels = self.lines.map { $0.level.flatMap(PreparedSignals.levelRank) }
        self.ecsEvidenceAt = signals.at
    }

    /// `trace` 0, `debug` 1, `info` 2, `warn` 3, `error` 4, `fatal` 5 (common spellings accepted).
    static func levelRank(_ level: String) -> Int? {
        switch level.lowercased() {
        case "trace": return 0
        case "debug": return 1
        case "info", "information", "notice": return 2
        case "warn", "warning": return 3
        case "error", "err": return 4
        case "fatal", "critical", "crit", "panic", "emerg", "alert": return 5
        default: return nil
        }
    }

    /// Milliseconds from `t` to the stop (positive when `t` is before it).
    func millisBeforeStop(_ t: Timestamp) -> Int64 { signals.at.millis - t.millis }

    /// An ECS field quoted as evidence, located at the stop event.
    func ecsEvidence(_ text: String) -> EvidenceLine {
        EvidenceLine(at: ecsEvidenceAt, logGroup: signals.stopEventLogGroup, logStream: signals.stopEventLogStream, text: text)
    }

    func evidence(_ line: LogLine) -> EvidenceLine {
        EvidenceLine(at: line.at, logGroup: line.logGroup, logStream: line.logStream, text: line.text)
    }
}
