import Foundation
import Replay

/// What a condition found: it holds (with the evidence that shows it) or fails (with why).
enum ConditionResult {
    case holds([EvidenceLine])
    case fails(String)
}

/// A `ConditionSpec` compiled once at load; `evaluate` checks all of its parts, cheapest first.
struct Condition: Sendable {
    var exitCodes: Set<Int>?
    var noExitCode: Bool?
    var stopCode: CompiledRegex?
    var stoppedReason: CompiledRegex?
    var containerReason: CompiledRegex?
    var lines: [LinePattern] = []
    var memory: MemorySpec?
    var pool: PoolSpec?
    var probeFailures: ProbeFailureSpec?
    var unhealthyBeforeStop: HealthSpec?

    struct LinePattern: Sendable {
        let regex: CompiledRegex
        let minLevel: Int?
        let minLevelName: String?
        let lastLines: Int?
        let withinMillis: Int64?
        let minCount: Int
        let window: Int
        /// ` (last 200 lines, within 120 s of the stop, level ≥ error)`, for messages: made once here, as a
        /// pattern that does not match says so for nearly every crash (it was 14 M instructions a run).
        let scope: String

        init(regex: CompiledRegex, minLevel: Int?, minLevelName: String?, lastLines: Int?, withinMillis: Int64?,
             minCount: Int, window: Int) {
            self.regex = regex; self.minLevel = minLevel; self.minLevelName = minLevelName; self.lastLines = lastLines
            self.withinMillis = withinMillis; self.minCount = minCount; self.window = window
            var parts: [String] = []
            if let lastLines { parts.append("last \(lastLines) lines") }
            if let withinMillis { parts.append("within \(withinMillis / 1000) s of the stop") }
            if let minLevelName { parts.append("level ≥ \(minLevelName)") }
            scope = parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
        }
    }

    var isEmpty: Bool {
        exitCodes == nil && noExitCode == nil && stopCode == nil && stoppedReason == nil && containerReason == nil && lines.isEmpty
            && memory == nil && pool == nil && probeFailures == nil && unhealthyBeforeStop == nil
    }

    func evaluate(_ s: PreparedSignals) -> ConditionResult {
        var evidence: [EvidenceLine] = []
        let signals = s.signals

        if let exitCodes {
            let wanted = exitCodes.sorted().map(String.init).joined(separator: ", ")
            guard let code = signals.exitCode else { return .fails("no exit code (needs one of \(wanted))") }
            guard exitCodes.contains(code) else { return .fails("exit code \(code) is not one of \(wanted)") }
            evidence.append(s.ecsEvidence("exit code \(code)"))
        }
        if let noExitCode {
            if noExitCode && signals.exitCode != nil { return .fails("ECS reported exit code \(signals.exitCode!)") }
            if !noExitCode && signals.exitCode == nil { return .fails("no exit code") }
            if noExitCode { evidence.append(s.ecsEvidence("no ECS stop event: the task went silent and the service failed its health probes")) }
        }
        for (name, regex, value) in [("stopCode", stopCode, signals.stopCode),
                                     ("stoppedReason", stoppedReason, signals.stoppedReason),
                                     ("container reason", containerReason, signals.containerReason)] {
            guard let regex else { continue }
            guard let value, !value.isEmpty else { return .fails("no \(name) (needs \(regex.shortDescription))") }
            guard regex.matches(value) else { return .fails("\(name) \"\(value.prefix(80))\" does not match \(regex.shortDescription)") }
            evidence.append(s.ecsEvidence(value))
        }
        if let spec = unhealthyBeforeStop {
            switch Condition.unhealthy(spec, s) {
            case .holds(let e): evidence += e
            case .fails(let why): return .fails(why)
            }
        }
        if let spec = probeFailures {
            let within = Int64((spec.withinSeconds ?? 600) * 1000)
            let failing = signals.probeFailures.filter { let d = s.millisBeforeStop($0.at); return d >= 0 && d <= within }
            guard failing.count >= spec.min else {
                return .fails("\(failing.count) failing health probe(s) within \(within / 1000) s of the stop, needs \(spec.min)")
            }
            evidence += [failing.first!, failing.last!].map(s.evidence).uniqued()
        }
        if let spec = memory {
            switch Condition.memory(spec, s) {
            case .holds(let e): evidence += e
            case .fails(let why): return .fails(why)
            }
        }
        if let spec = pool {
            switch Condition.pool(spec, s) {
            case .holds(let e): evidence += e
            case .fails(let why): return .fails(why)
            }
        }
        for pattern in lines {
            switch Condition.lines(pattern, s) {
            case .holds(let e): evidence += e
            case .fails(let why): return .fails(why)
            }
        }
        return .holds(evidence)
    }

    /// Runs one line pattern from the newest line back, stopping as soon as `minCount` matches are found.
    static func lines(_ p: LinePattern, _ s: PreparedSignals) -> ConditionResult {
        let count = s.lines.count
        let first = p.lastLines.map { max(0, count - $0) } ?? 0
        var matched: [[Int]] = []
        var i = count - 1
        while i >= first {
            defer { i -= 1 }
            if let within = p.withinMillis, s.millisBeforeStop(s.lines[i].at) > within { break }
            if let minLevel = p.minLevel, let level = s.levels[i], level < minLevel { continue }
            let range = i..<min(count, i + p.window)
            guard p.regex.mayMatch(s, range) else { continue }
            let text = p.window == 1 ? s.lines[i].text : range.map { s.lines[$0].text }.joined(separator: "\n")
            guard p.regex.matches(text) else { continue }
            matched.append(Array(range))
            if matched.count >= p.minCount { break }
        }
        guard matched.count >= p.minCount else {
            if matched.isEmpty { return .fails("no line matches \(p.regex.shortDescription)\(p.scope)") }
            return .fails("\(matched.count) line(s) match \(p.regex.shortDescription)\(p.scope), needs \(p.minCount)")
        }
        let indices = matched.reversed().flatMap { $0 }.uniqued()
        return .holds(indices.map { s.evidence(s.lines[$0]) })
    }

    /// The memory condition. Without a `usedField`, a gauge's reading is its `rss_mb`, or its
    /// `heap_mb` when it logs no `rss_mb` (a Node.js service logs its heap): the heap is part of
    /// the resident memory, so a heap at the share of the limit means the process was at least
    /// there, and the condition never holds on a heap where it would not have held on the RSS.
    static func memory(_ spec: MemorySpec, _ s: PreparedSignals) -> ConditionResult {
        let usedFields = spec.usedField.map { [$0] } ?? ["rss_mb", "heap_mb"], limit = spec.limitField ?? "limit_mb"
        let within = Int64((spec.withinSeconds ?? 300) * 1000)
        var best: (gauge: GaugeSample, used: String, ratio: Double)?
        for g in s.signals.gauges where g.kind == .memory {
            let d = s.millisBeforeStop(g.at)
            guard d >= 0, d <= within, let used = usedFields.first(where: { g.fields[$0] != nil }),
                  let u = g.fields[used], let l = g.fields[limit], l > 0 else { continue }
            let ratio = u / l
            if best == nil || ratio > best!.ratio { best = (g, used, ratio) }
        }
        guard let (gauge, used, ratio) = best else {
            let names = usedFields.map { "\($0)/\(limit)" }.joined(separator: " or ")
            return .fails("no memory gauge (\(names)) within \(within / 1000) s of the stop")
        }
        let percent = Int((ratio * 100).rounded())
        guard ratio >= spec.minRatio else {
            return .fails("memory peaked at \(percent)% of the limit, needs \(Int((spec.minRatio * 100).rounded()))%")
        }
        let text = "memory \(used)=\(format(gauge.fields[used]!)) \(limit)=\(format(gauge.fields[limit]!)) (\(percent)% of the limit)"
        return .holds([EvidenceLine(at: gauge.at, logGroup: nil, logStream: nil, text: text)])
    }

    static func pool(_ spec: PoolSpec, _ s: PreparedSignals) -> ConditionResult {
        let within = Int64((spec.withinSeconds ?? 600) * 1000)
        let maxIdle = spec.maxIdle ?? 0, minSamples = spec.minSamples ?? 2
        let gauges = s.signals.gauges.filter {
            let d = s.millisBeforeStop($0.at)
            return $0.kind == .pool && d >= 0 && d <= within && $0.fields["idle"] != nil && $0.fields["waiting"] != nil
        }
        guard !gauges.isEmpty else { return .fails("no pool gauge (idle/waiting) within \(within / 1000) s of the stop") }
        var run: [GaugeSample] = []
        for g in gauges.reversed() {
            guard g.fields["idle"]! <= maxIdle && g.fields["waiting"]! >= spec.minWaiting else { break }
            run.insert(g, at: 0)
        }
        guard run.count >= minSamples else {
            let last = gauges.last!
            return .fails("pool not starved at the end: \(run.count) of the last gauges show idle ≤ \(format(maxIdle)) and waiting ≥ \(format(spec.minWaiting)), needs \(minSamples) (last: idle=\(format(last.fields["idle"]!)) waiting=\(format(last.fields["waiting"]!)))")
        }
        if spec.rising == true, run.last!.fields["waiting"]! <= run.first!.fields["waiting"]! {
            return .fails("waiters not rising (\(format(run.first!.fields["waiting"]!)) → \(format(run.last!.fields["waiting"]!)))")
        }
        let shown = run.count > 2 ? [run.first!, run.last!] : run
        return .holds(shown.map { g in
            let size = g.fields["size"].map { "size=\(format($0)) " } ?? ""
            return EvidenceLine(at: g.at, logGroup: nil, logStream: nil,
                                text: "db pool \(size)idle=\(format(g.fields["idle"]!)) waiting=\(format(g.fields["waiting"]!))")
        })
    }

    static func unhealthy(_ spec: HealthSpec, _ s: PreparedSignals) -> ConditionResult {
        let within = Int64((spec.withinSeconds ?? 900) * 1000)
        guard let last = s.signals.healthTransitions.last(where: { s.millisBeforeStop($0.at) >= 0 }) else {
            return .fails("no health status change before the stop")
        }
        guard last.status.uppercased() == "UNHEALTHY" else { return .fails("health status was \(last.status) at the stop") }
        guard s.millisBeforeStop(last.at) <= within else {
            return .fails("turned UNHEALTHY more than \(within / 1000) s before the stop")
        }
        return .holds([s.ecsEvidence("healthStatus UNHEALTHY").with(at: last.at)])
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}

extension EvidenceLine {
    func with(at: Timestamp) -> EvidenceLine {
        EvidenceLine(at: at, logGroup: logGroup, logStream: logStream, text: text)
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each kept once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
