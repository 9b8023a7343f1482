import Testing
@testable import Replay

@Suite struct SpanTests {
    @Test func unionMergesOverlappingAndTouchingSpansAndOpenSpansAbsorbTheRest() {
        let spans = [Span(start: T.at("01:00:00"), end: T.at("02:00:00")), Span(start: T.at("02:00:00"), end: T.at("03:00:00")),
                     Span(start: T.at("05:00:00"), end: nil), Span(start: T.at("06:00:00"), end: T.at("07:00:00"))]
        #expect(Span.union(spans) == [Span(start: T.at("01:00:00"), end: T.at("03:00:00")), Span(start: T.at("05:00:00"), end: nil)])
    }

    @Test func clippingKeepsAnOpenSpanOpen() {
        #expect(Span(start: T.at("01:00:00"), end: nil).clipped(from: T.at("02:00:00"), to: T.at("03:00:00"))
                == Span(start: T.at("02:00:00"), end: nil))
        #expect(Span(start: T.at("01:00:00"), end: T.at("01:30:00")).clipped(from: T.at("02:00:00"), to: T.at("03:00:00")) == nil)
    }

    @Test func subtractingCoveredTimeLeavesTheGaps() {
        let covers = [Span(start: T.at("02:00:00"), end: T.at("03:00:00"))]
        let rest = TimelineBuilder().subtract(covers, from: Span(start: T.at("01:00:00"), end: T.at("04:00:00")))
        #expect(rest == [Span(start: T.at("01:00:00"), end: T.at("02:00:00")), Span(start: T.at("03:00:00"), end: T.at("04:00:00"))])
    }
}
