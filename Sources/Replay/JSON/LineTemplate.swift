/// The bytes of a line read before, with the values that change from line to line cut out:
/// a later line that repeats every byte outside the cuts was walked the same way up to each
/// cut, so a reader can skip from cut to cut instead of reading keys, spaces and separators.
///
/// Nine lines in ten of an export repeat the line before's keys, in the same order, with the
/// same spacing; only the values differ. `KeyMemo` knows each repeated key by one comparison;
/// here everything between two values, keys and separators together, is one comparison.
///
/// A reader notes the values it skips as it walks a line (`beginWalk`, `note`), and `keep`s
/// the line as the template when the walk ended as a template of it should (for the routine
/// recogniser: in a routine verdict). Each cut carries a tag the reader chose (here: what kind
/// of value). What a template means is the reader's: see `RoutineTemplate`. (The same for the
/// event envelope, `EventFields.scanEvent`, read every line from value to value and took as
/// many samples as its walk: there the values, not the keys, are the work.)
///
/// The memory is owned by `LineTemplate.Storage`, one per reader thread and kind of line; the
/// readers use this struct of pointers, so no reference is counted per member (as `KeyMemo`).
struct LineTemplate {
    /// The longest line a template is made of, in bytes.
    static let byteCapacity = 1024
    /// The most values a template cuts out.
    static let cutCapacity = 48

    /// A template that never matches and keeps nothing (a reader without one).
    static let none = LineTemplate(storage: nil)

    private let bytes: UnsafeMutablePointer<UInt8>
    /// Per cut `k`: where its value started and ended in the template's line (offsets into `bytes`), and its tag.
    private let cutStart: UnsafeMutablePointer<Int32>
    private let cutEnd: UnsafeMutablePointer<Int32>
    private let cutTag: UnsafeMutablePointer<UInt8>
    /// The same for the values noted in the walk under way, which `keep` makes the template's
    /// (or not: a walk that ends otherwise leaves the template as it was).
    private let notedStart: UnsafeMutablePointer<Int32>
    private let notedEnd: UnsafeMutablePointer<Int32>
    private let notedTag: UnsafeMutablePointer<UInt8>
    /// [0]: the template's length in bytes (0: none); [1]: its number of cuts;
    /// [2]: the values noted in the walk under way (-1: that walk cannot make a template);
    /// [3]: how many templates were kept (`version`).
    private let counts: UnsafeMutablePointer<Int>

    private init(storage: Storage?) {
        if let storage {
            bytes = storage.bytes
            cutStart = storage.starts
            cutEnd = storage.ends
            cutTag = storage.tags
            notedStart = storage.starts + LineTemplate.cutCapacity
            notedEnd = storage.ends + LineTemplate.cutCapacity
            notedTag = storage.tags + LineTemplate.cutCapacity
            counts = storage.counts
        } else {
            bytes = UnsafeMutablePointer(bitPattern: 1)!
            cutStart = UnsafeMutablePointer(bitPattern: 4)!
            cutEnd = cutStart
            cutTag = UnsafeMutablePointer(bitPattern: 1)!
            notedStart = cutStart
            notedEnd = cutStart
            notedTag = cutTag
            counts = LineTemplate.noCounts
        }
    }

    /// The counts of `none`, shared by every thread and never written: no template, and a walk
    /// that notes nothing.
    private static let noCounts: UnsafeMutablePointer<Int> = {
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 4)
        counts.initialize(to: 0)
        (counts + 1).initialize(to: 0)
        (counts + 2).initialize(to: -1)
        (counts + 3).initialize(to: 0)
        return counts
    }()

    /// True when there is a template.
    @inline(__always) var isSet: Bool { counts[0] > 0 }
    /// The number of cuts of the template.
    @inline(__always) var cutCount: Int { counts[1] }
    /// The tag of cut `k`.
    @inline(__always) func tag(_ k: Int) -> UInt8 { cutTag[k] }
    /// Counts the templates kept: what is derived from one (`EscapedRoutineTemplate`) knows when to derive it again.
    @inline(__always) var version: Int { counts[3] }

    /// The template's bytes before cut `k` (after the last cut when `k` is `cutCount`).
    func fixedBytes(_ k: Int) -> UnsafeBufferPointer<UInt8> {
        let from = k == 0 ? 0 : Int(cutEnd[k &- 1])
        let to = k == counts[1] ? counts[0] : Int(cutStart[k])
        return UnsafeBufferPointer(start: bytes + from, count: to &- from)
    }

    /// True when `line` holds, at `i`, the template's bytes before cut `k` (after the last cut
    /// when `k` is `cutCount`); `i` then moves past them. `end`: the end of `line`.
    @inline(__always) func fixed(_ k: Int, in line: UnsafePointer<UInt8>, at i: inout Int, end: Int) -> Bool {
        let expected = fixedBytes(k)
        guard expected.count <= end &- i, ByteCompare.equal(line + i, expected.baseAddress!, expected.count) else { return false }
        i &+= expected.count
        return true
    }

    /// Starts noting the values of a walk.
    @inline(__always) func beginWalk() {
        if counts != LineTemplate.noCounts { counts[2] = 0 }
    }

    /// Notes the value at `start..<end` of the line, tagged `tag`, as a cut.
    @inline(__always) func note(_ start: Int, _ end: Int, tag: UInt8) {
        let n = counts[2]
        guard n >= 0 else { return }
        guard n < LineTemplate.cutCapacity else {
            counts[2] = -1
            return
        }
        notedStart[n] = Int32(truncatingIfNeeded: start)
        notedEnd[n] = Int32(truncatingIfNeeded: end)
        notedTag[n] = tag
        counts[2] = n &+ 1
    }

    /// Marks the walk under way as one no template is made of.
    @inline(__always) func abandonWalk() {
        if counts[2] >= 0 { counts[2] = -1 }
    }

    /// Makes `line[start..<end]`, just walked with its values noted, the template.
    func keep(_ line: UnsafePointer<UInt8>, from start: Int, to end: Int) {
        let n = counts[2]
        let length = end &- start
        guard n >= 0, length > 0, length <= LineTemplate.byteCapacity else { return }
        bytes.update(from: line + start, count: length)
        for k in 0..<n {
            cutStart[k] = notedStart[k] &- Int32(truncatingIfNeeded: start)
            cutEnd[k] = notedEnd[k] &- Int32(truncatingIfNeeded: start)
            cutTag[k] = notedTag[k]
        }
        counts[0] = length
        counts[1] = n
        counts[3] &+= 1
    }

    /// Owns a template's memory.
    final class Storage {
        fileprivate let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: LineTemplate.byteCapacity)
        // The template's cuts, then the noted values (`cutCapacity` each).
        fileprivate let starts = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * LineTemplate.cutCapacity)
        fileprivate let ends = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * LineTemplate.cutCapacity)
        fileprivate let tags = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * LineTemplate.cutCapacity)
        fileprivate let counts = UnsafeMutablePointer<Int>.allocate(capacity: 4)
        /// The template this memory holds.
        var template: LineTemplate { LineTemplate(storage: self) }

        init() {
            counts.initialize(repeating: 0, count: 4)
        }

        deinit {
            bytes.deallocate()
            starts.deallocate()
            ends.deallocate()
            tags.deallocate()
            counts.deallocate()
        }
    }
}
