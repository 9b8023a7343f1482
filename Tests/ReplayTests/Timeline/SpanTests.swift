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

    @Test func subtractingSkipsOnlyCoversThatEndBeforeTheSpan() {
        // The plain walk over every cover, as `subtract` was before it searched for its first cover.
        func walkingEveryCover(_ covers: [Span], from span: Span) -> [Span] {
            var parts: [Span] = []
            var cursor: Timestamp? = span.start
            for c in covers {
                guard let from = cursor else { break }
                if let e = span.end, c.start >= e { break }
                if let ce = c.end, ce <= from { continue }
                if c.start > from { parts.append(Span(start: from, end: span.end.map { min($0, c.start) } ?? c.start)) }
                cursor = c.end
            }
            if let from = cursor, span.end.map({ from < $0 }) ?? true { parts.append(Span(start: from, end: span.end)) }
            return parts
        }
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int64) -> Int64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int64(state % UInt64(bound))
        }
        let builder = TimelineBuilder()
        for _ in 0..<3000 {
            let raw = (0..<next(8)).map { _ -> Span in
                let start = next(100)
                return Span(start: Timestamp(seconds: start), end: next(6) == 0 ? nil : Timestamp(seconds: start + 1 + next(20)))
            }
            let covers = Span.union(raw)
            let start = next(110)
            let span = Span(start: Timestamp(seconds: start), end: next(5) == 0 ? nil : Timestamp(seconds: start + next(30)))
            #expect(builder.subtract(covers, from: span) == walkingEveryCover(covers, from: span), "\(covers) - \(span)")
        }
    }
}
