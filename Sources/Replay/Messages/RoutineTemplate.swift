/// The shape of the last message `RoutineLine.classify` found routine: its bytes, with the
/// values that may change from line to line cut out. A message that repeats those bytes
/// around values of the same kinds is routine too, known by a few comparisons instead of a
/// walk of its members.
///
/// Nine lines in ten of a service's request log have the keys of the line before, in the same
/// order, with the same spacing and level; only the values differ (a time, a path, a status, a
/// latency). The key memo (`KeyMemo`) already spares the reading of such keys one by one, but
/// the walk still takes each member in turn: its key, the space and colon around it, its
/// value, the comma. Here the bytes between two changing values, keys and separators and the
/// level together, are one comparison, and each changing value is skipped as the walk skips it.
///
/// Exact by construction. `classify` decides from the keys (their roles), the object's
/// structure, the level value and the end of the message, never from the other values
/// except through how the walk skips them: a string to its closing quote (`stringEnd`), a
/// number over its characters (`numberEnd`). So a message equal to the template's line in
/// every byte outside those values, with a value of the same kind in each cut, skipped the
/// same way, is walked as that line was and gets its verdict: routine. Every value of a
/// level role stays in the compared bytes; a template is only made from a walk whose values
/// outside them were all strings or numbers (`noteValue`), and only for a routine verdict.
///
/// The memory is owned by `RoutineTemplate.Storage`, one per reader thread; `classify` uses
/// this struct of pointers, so no reference is counted per member (as `KeyMemo`).
struct RoutineTemplate {
    /// The longest message a template is made of, in bytes.
    static let byteCapacity = 1024
    /// The most values a template cuts out.
    static let valueCapacity = 48

    /// What kind of value a cut holds.
    enum Cut: UInt8 {
        case string, number
    }

    /// A template that never matches and keeps nothing (a reader without one).
    static let none = RoutineTemplate(storage: nil)

    private let bytes: UnsafeMutablePointer<UInt8>
    /// Per cut `k`: where its value started and ended in the template's line (offsets into `bytes`).
    private let cutStart: UnsafeMutablePointer<Int32>
    private let cutEnd: UnsafeMutablePointer<Int32>
    private let cutKind: UnsafeMutablePointer<UInt8>
    /// The same for the values noted in the walk under way, which `keep` makes the template's
    /// (or not: a walk that ends in another verdict leaves the template as it was).
    private let notedStart: UnsafeMutablePointer<Int32>
    private let notedEnd: UnsafeMutablePointer<Int32>
    private let notedKind: UnsafeMutablePointer<UInt8>
    /// [0]: the template's length in bytes (0: none); [1]: its number of cuts;
    /// [2]: the values noted in the walk under way (-1: that walk cannot make a template).
    private let counts: UnsafeMutablePointer<Int>

    private init(storage: Storage?) {
        if let storage {
            bytes = storage.bytes
            cutStart = storage.cutStart
            cutEnd = storage.cutEnd
            cutKind = storage.cutKind
            notedStart = storage.cutStart + RoutineTemplate.valueCapacity
            notedEnd = storage.cutEnd + RoutineTemplate.valueCapacity
            notedKind = storage.cutKind + RoutineTemplate.valueCapacity
            counts = storage.counts
        } else {
            bytes = UnsafeMutablePointer(bitPattern: 1)!
            cutStart = UnsafeMutablePointer(bitPattern: 4)!
            cutEnd = UnsafeMutablePointer(bitPattern: 4)!
            cutKind = UnsafeMutablePointer(bitPattern: 1)!
            notedStart = cutStart
            notedEnd = cutEnd
            notedKind = cutKind
            counts = RoutineTemplate.noCounts
        }
    }

    /// The counts of `none`, shared by every thread and never written: no template, and a walk
    /// that notes nothing.
    private static let noCounts: UnsafeMutablePointer<Int> = {
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 3)
        counts.initialize(to: 0)
        (counts + 1).initialize(to: 0)
        (counts + 2).initialize(to: -1)
        return counts
    }()

    private var isEnabled: Bool { counts != RoutineTemplate.noCounts }

    /// True when the object at `start` (the message ends at `scanner.end`) fits the template:
    /// `classify` would find it routine.
    @inline(__always) func matches(_ scanner: JSONScanner, objectAt start: Int) -> Bool {
        let length = counts[0]
        guard length > 0, let base = scanner.bytes.baseAddress else { return false }
        let end = scanner.end
        let cuts = counts[1]
        var i = start  // in the message
        var t = 0  // in the template
        for k in 0..<cuts {
            let fixed = Int(cutStart[k]) &- t
            guard fixed <= end &- i, ByteCompare.equal(base + i, bytes + t, fixed) else { return false }
            i &+= fixed
            guard i < end else { return false }
            if cutKind[k] == Cut.string.rawValue {
                guard base[i] == 0x22, let e = scanner.stringEnd(from: i) else { return false }
                i = e
            } else {
                let c = base[i]
                guard c &- 0x30 < 10 || c == 0x2D else { return false }
                i = scanner.numberEnd(from: i &+ 1)
            }
            t = Int(cutEnd[k])
        }
        let rest = length &- t
        return rest == end &- i && ByteCompare.equal(base + i, bytes + t, rest)
    }

    /// Starts noting the values of a walk (`classify` calls it before walking).
    @inline(__always) func beginWalk() {
        if isEnabled { counts[2] = 0 }
    }

    /// Notes the value `v` a walk skipped (not a level: those stay in the compared bytes).
    @inline(__always) func noteValue(_ v: JSONScanner.Value) {
        let n = counts[2]
        guard n >= 0 else { return }
        let cut: Cut
        switch v.kind {
        case .string: cut = .string
        case .number: cut = .number
        case .bool, .null: return  // spelled exactly (`memberValue`): kept in the compared bytes
        default:
            counts[2] = -1  // objects and arrays are skipped by depth: no template
            return
        }
        guard n < RoutineTemplate.valueCapacity else {
            counts[2] = -1
            return
        }
        notedStart[n] = Int32(truncatingIfNeeded: v.start)
        notedEnd[n] = Int32(truncatingIfNeeded: v.end)
        notedKind[n] = cut.rawValue
        counts[2] = n &+ 1
    }

    /// Makes the message `start..<scanner.end`, just found routine by a walk that noted its values,
    /// the template. Offsets noted relative to the message become offsets into the copy.
    func keep(_ scanner: JSONScanner, objectAt start: Int) {
        let n = counts[2]
        let length = scanner.end &- start
        guard n >= 0, length <= RoutineTemplate.byteCapacity, let base = scanner.bytes.baseAddress else { return }
        bytes.update(from: base + start, count: length)
        for k in 0..<n {
            cutStart[k] = notedStart[k] &- Int32(start)
            cutEnd[k] = notedEnd[k] &- Int32(start)
            cutKind[k] = notedKind[k]
        }
        counts[0] = length
        counts[1] = n
    }

    /// Owns a template's memory (one per reader thread).
    final class Storage {
        fileprivate let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: RoutineTemplate.byteCapacity)
        // The template's cuts, then the noted values (`valueCapacity` each).
        fileprivate let cutStart = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * RoutineTemplate.valueCapacity)
        fileprivate let cutEnd = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * RoutineTemplate.valueCapacity)
        fileprivate let cutKind = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * RoutineTemplate.valueCapacity)
        fileprivate let counts = UnsafeMutablePointer<Int>.allocate(capacity: 3)
        /// The template this memory holds.
        var template: RoutineTemplate { RoutineTemplate(storage: self) }

        init() {
            counts.initialize(repeating: 0, count: 3)
        }

        deinit {
            bytes.deallocate()
            cutStart.deallocate()
            cutEnd.deallocate()
            cutKind.deallocate()
            counts.deallocate()
        }
    }
}
