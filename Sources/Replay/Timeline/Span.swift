/// A half-open span of time `[start, end)`; `end` nil means still open at the window's end.
public struct Span: Sendable, Equatable {
    public var start: Timestamp
    public var end: Timestamp?

    public init(start: Timestamp, end: Timestamp?) { self.start = start; self.end = end }

    func endOr(_ fallback: Timestamp) -> Timestamp { end ?? fallback }

    /// Merges overlapping or touching spans (sorted by start); open spans absorb what follows.
    static func union(_ spans: [Span]) -> [Span] {
        let sorted = spans.sorted { $0.start < $1.start }
        var merged: [Span] = []
        for span in sorted {
            if var last = merged.last, last.end == nil || span.start <= last.end! {
                if let lastEnd = last.end { last.end = span.end.map { max($0, lastEnd) } }
                merged[merged.count - 1] = last
            } else {
                merged.append(span)
            }
        }
        return merged
    }

    /// Clips to `[from, to]`; nil when nothing is left. An open span stays open when it reaches `to`.
    func clipped(from: Timestamp, to: Timestamp) -> Span? {
        let s = max(start, from)
        if let end {
            let e = min(end, to)
            return e > s ? Span(start: s, end: e) : nil
        }
        return s < to ? Span(start: s, end: nil) : nil
    }
}
