/// The shape of the last message `RoutineLine.classify` found routine (a `LineTemplate` of
/// it): a message that repeats its bytes around values of the same kinds is routine too,
/// known by a few comparisons instead of a walk of its members.
///
/// Exact by construction. `classify` decides from the keys (their roles), the object's
/// structure, the level value and the end of the message, never from the other values
/// except through how the walk skips them: a string to its closing quote (`stringEnd`), a
/// number over its characters (`numberEnd`). So a message equal to the template's line in
/// every byte outside those values, with a value of the same kind in each cut, skipped the
/// same way, is walked as that line was and gets its verdict: routine. Every value of a
/// level role stays in the compared bytes (`classify` notes no such value); a template is
/// only made from a walk whose other values were all strings, numbers or literals (which are
/// spelled exactly, and so stay in the compared bytes), and only for a routine verdict.
struct RoutineTemplate {
    /// What kind of value a cut holds.
    enum Cut: UInt8 {
        case string, number
    }

    /// A template that never matches and keeps nothing (a reader without a memo).
    static let none = RoutineTemplate(LineTemplate.none)

    let line: LineTemplate

    init(_ line: LineTemplate) { self.line = line }

    /// True when the object at `start` (the message ends at `scanner.end`) fits the template:
    /// `classify` would find it routine.
    @inline(__always) func matches(_ scanner: JSONScanner, objectAt start: Int) -> Bool {
        guard line.isSet, let base = scanner.bytes.baseAddress else { return false }
        let end = scanner.end
        var i = start
        for k in 0..<line.cutCount {
            guard line.fixed(k, in: base, at: &i, end: end), i < end else { return false }
            if line.tag(k) == Cut.string.rawValue {
                guard base[i] == 0x22, let e = scanner.stringEnd(from: i) else { return false }
                i = e
            } else {
                let c = base[i]
                guard c &- 0x30 < 10 || c == 0x2D else { return false }
                i = scanner.numberEnd(from: i &+ 1)
            }
        }
        return line.fixed(line.cutCount, in: base, at: &i, end: end) && i == end
    }

    /// Starts noting the values of a walk (`classify` calls it before walking).
    @inline(__always) func beginWalk() { line.beginWalk() }

    /// Notes the value `v` a walk skipped (not a level: those stay in the compared bytes).
    @inline(__always) func noteValue(_ v: JSONScanner.Value) {
        switch v.kind {
        case .string: line.note(v.start, v.end, tag: Cut.string.rawValue)
        case .number: line.note(v.start, v.end, tag: Cut.number.rawValue)
        case .bool, .null: return  // spelled exactly (`memberValue`): kept in the compared bytes
        default: line.abandonWalk()  // objects and arrays are skipped by depth: no template
        }
    }

    /// Makes the message `start..<scanner.end`, just found routine by a walk that noted its values, the template.
    func keep(_ scanner: JSONScanner, objectAt start: Int) {
        guard let base = scanner.bytes.baseAddress else { return }
        line.keep(base, from: start, to: scanner.end)
    }
}
