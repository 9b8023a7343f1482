import Testing
@testable import Replay

/// `NameIndex` numbers a batch's stream names: by the name objects' addresses while they
/// repeat, by their text otherwise; the numbers are the text's either way.
@Suite struct NameIndexTests {
    static func view(group: LogName?, stream: LogName?) -> EventView {
        EventView(timestampMillis: 1_774_137_602_491, message: UnsafeBufferPointer(start: nil, count: 0), group: group?.borrowed,
                  stream: stream?.borrowed, eventIdSource: nil, line: 1)
    }

    @Test func namesAreNumberedByTheirTextWhicheverObjectsCarryThem() {
        let group = LogName("/ecs/app")
        let a = LogName("ecs/app/a"), b = LogName("ecs/app/b")
        let aAgain = LogName("ecs/app/a")  // the same text, another object
        let otherGroup = LogName("/ecs/other")
        var index = NameIndex()
        var batch = EventBatch(fileIndex: 0)
        let numbers = [(group, a), (group, a), (group, b), (group, aAgain), (group, aAgain), (otherGroup, a), (group, a), (nil, a)]
            .map { index.index(of: Self.view(group: $0.0, stream: $0.1), in: &batch) }
        #expect(numbers == [0, 0, 1, 0, 0, 2, 0, 3])
        #expect(batch.names == [StreamName(stream: "ecs/app/a", group: "/ecs/app"), StreamName(stream: "ecs/app/b", group: "/ecs/app"),
                                StreamName(stream: "ecs/app/a", group: "/ecs/other"), StreamName(stream: "ecs/app/a", group: nil)])
        // No stream: no number, and the next line is numbered by its text again.
        #expect(index.index(of: Self.view(group: group, stream: nil), in: &batch) == -1)
        #expect(index.index(of: Self.view(group: group, stream: a), in: &batch) == 0)
    }

    /// A name the index compared with is held: when the reader lets it go and makes another
    /// (which may be put where it was), the new one is still read as text.
    @Test func aNameLetGoIsNotMistakenForTheOneMadeAfterIt() {
        var index = NameIndex()
        var batch = EventBatch(fileIndex: 0)
        for k in 0..<200 {
            let stream = LogName("ecs/app/\(k % 3)")  // released after each line, as a reader's memo may
            #expect(index.index(of: Self.view(group: nil, stream: stream), in: &batch) == Int32(k % 3))
        }
        #expect(batch.names.count == 3)
    }
}
