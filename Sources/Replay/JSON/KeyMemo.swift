/// The key segments of the members of the last object read, by position, with what the
/// reader made of each key (a small tag), so that the next object's repeated keys are known by
/// comparing bytes instead of scanning each for its closing quote and comparing it with names.
///
/// A key segment is what the reader reads before a member's value: the key with its quotes,
/// the colon and any spaces around it. Exact by construction: the reading of a key segment
/// depends on nothing but its bytes, so bytes equal to a segment read before are read as it was.
///
/// The memory is owned by `KeyMemo.Storage`; the readers use this struct of pointers, so no
/// reference is counted per member.
struct KeyMemo {
    /// The longest key segment kept (`"deployment.environment":` is 25 bytes).
    static let segmentCapacity = 32
    /// A slot: its segment's length (0: none), its tag, then the segment's bytes from offset 8.
    static let slotStride = 8 + segmentCapacity

    /// A memo with no slots, for a reader without one: nothing is known, nothing kept (two
    /// comparisons a member instead of a separate version of the reader).
    static let none = KeyMemo(slots: UnsafeMutablePointer(bitPattern: 1)!, slotCount: 0)

    /// All slots in one block, so a memo is two words to pass around.
    private let slots: UnsafeMutablePointer<UInt8>
    let slotCount: Int

    /// The length and tag of slot `position`'s segment when `line` holds it at `i` (`end`: the end of `line`).
    @inline(__always) func segment(_ position: Int, in line: UnsafePointer<UInt8>, at i: Int, end: Int) -> (length: Int, tag: UInt8)? {
        guard position < slotCount else { return nil }
        let slot = slots + position &* KeyMemo.slotStride
        let length = Int(slot[0])
        guard length > 0, length <= end &- i, ByteCompare.equal(line + i, slot + 8, length) else { return nil }
        return (length, slot[1])
    }

    /// Keeps `line[start..<end]`, a key segment the reader read, as slot `position`'s, with its tag.
    func remember(_ position: Int, _ line: UnsafePointer<UInt8>, from start: Int, to end: Int, tag: UInt8) {
        guard position < slotCount else { return }
        let slot = slots + position * KeyMemo.slotStride
        let length = end - start
        guard length <= KeyMemo.segmentCapacity else {
            slot[0] = 0
            return
        }
        (slot + 8).update(from: line + start, count: length)
        slot[0] = UInt8(length)
        slot[1] = tag
    }

    /// Owns a `KeyMemo`'s memory (one per reader thread and kind of object).
    final class Storage {
        let memo: KeyMemo

        init(slots: Int) {
            let block = UnsafeMutablePointer<UInt8>.allocate(capacity: slots * KeyMemo.slotStride)
            block.initialize(repeating: 0, count: slots * KeyMemo.slotStride)
            memo = KeyMemo(slots: block, slotCount: slots)
        }

        deinit { memo.slots.deallocate() }
    }
}
