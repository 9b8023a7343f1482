/// Exposures: something production must not serve was reachable.
///
/// Two kinds of evidence, united: a task running with a non-production
/// configuration (from RUNNING until it stops), and a probe that got a 2xx from
/// a sensitive path (until the first answer that shows it closed).
extension TimelineBuilder {
    func exposures(tasks: [TaskRecord], probes: [ProbeResult], probeKinds: ProbeKinds, source: TimelineSource, window: Span) -> [ExposureRecord] {
        let end = window.end ?? window.start
        struct Piece { var span: Span; var task: String?; var evidence: [EvidenceLine] }
        var pieces: [Piece] = []
        for task in tasks where settings.isNonProduction(task.configuration) {
            guard let begin = task.startedAt ?? task.configurationAt ?? task.firstLogAt else { continue }
            var evidence: [EvidenceLine] = []
            if let line = source.configurations[task.id]?.evidence { evidence.append(line) }
            pieces.append(Piece(span: Span(start: begin, end: task.stoppedAt), task: task.id, evidence: evidence))
        }
        // Probe answers from sensitive paths, per path: open at a 2xx, closed at the next other answer.
        // Where a task explains the answer, the task's stop is the more precise close: the part of a
        // probe span that only runs on past an exposed task's stop (until the next probe) is dropped.
        let taskSpans = Span.union(pieces.map(\.span))
        let taskSpanEnds = Set(taskSpans.compactMap(\.end))
        // Only these first pieces come from tasks; probe pieces are appended after them.
        let taskPieces = pieces.count
        // Probes are referred to by index: copying each (five Strings) cost more than the rest of the loop.
        for (_, indices) in probeKinds.sensitiveProbes(in: probes) {
            var open: Int?
            var probeSpans: [(span: Span, first: Int)] = []
            for index in indices {
                if probes[index].succeeded {
                    if open == nil { open = index }
                } else if let o = open {
                    probeSpans.append((Span(start: probes[o].at, end: probes[index].at), o))
                    open = nil
                }
            }
            if let o = open { probeSpans.append((Span(start: probes[o].at, end: nil), o)) }
            for (span, first) in probeSpans {
                let firstAt = probes[first].at
                for rest in subtract(taskSpans, from: span) where !taskSpanEnds.contains(rest.start) {
                    pieces.append(Piece(span: rest, task: nil, evidence: [probeLine(probes[first])]))
                }
                // Evidence for the task-based span the answer fell in.
                if let i = pieces[..<taskPieces].firstIndex(where: { $0.span.start <= firstAt && firstAt < $0.span.endOr(end) }) {
                    if pieces[i].evidence.count < 3 { pieces[i].evidence.append(probeLine(probes[first])) }
                }
            }
        }
        // Union, keeping who contributed.
        pieces.sort { $0.span.start < $1.span.start }
        var groups: [(span: Span, tasks: [String], evidence: [EvidenceLine])] = []
        for piece in pieces {
            if var last = groups.last, last.span.end == nil || piece.span.start <= last.span.end! {
                if let lastEnd = last.span.end { last.span.end = piece.span.end.map { max($0, lastEnd) } }
                if let t = piece.task, !last.tasks.contains(t) { last.tasks.append(t) }
                last.evidence.append(contentsOf: piece.evidence)
                groups[groups.count - 1] = last
            } else {
                groups.append((piece.span, piece.task.map { [$0] } ?? [], piece.evidence))
            }
        }
        var result: [ExposureRecord] = []
        for group in groups {
            guard let span = group.span.clipped(from: window.start, to: end) else { continue }
            result.append(ExposureRecord(id: "E\(result.count + 1)", start: span.start, end: span.end == end ? nil : span.end,
                                         kind: group.tasks.isEmpty ? .sensitivePathServed : .nonProductionConfig,
                                         taskIds: group.tasks, evidence: Array(group.evidence.prefix(5))))
        }
        return result
    }

    /// The parts of `span` not covered by `covers` (sorted, non-overlapping, as `Span.union` gives them).
    ///
    /// Covers that end at or before the span's start are skipped by a binary search: such
    /// covers are a prefix (sorted and non-overlapping, only the last may be open), and the
    /// loop would only have stepped over them. It runs once per probe answer on a sensitive path.
    func subtract(_ covers: [Span], from span: Span) -> [Span] {
        var parts: [Span] = []
        var cursor: Timestamp? = span.start
        var low = 0, high = covers.count
        while low < high {
            let middle = (low + high) / 2
            if let coverEnd = covers[middle].end, coverEnd <= span.start { low = middle + 1 } else { high = middle }
        }
        for c in covers[low...] {
            guard let from = cursor else { break }
            if let e = span.end, c.start >= e { break }
            if let ce = c.end, ce <= from { continue }
            if c.start > from { parts.append(Span(start: from, end: span.end.map { min($0, c.start) } ?? c.start)) }
            cursor = c.end
        }
        if let from = cursor, span.end.map({ from < $0 }) ?? true { parts.append(Span(start: from, end: span.end)) }
        return parts
    }

    func probeLine(_ p: ProbeResult) -> EvidenceLine {
        EvidenceLine(at: p.at, logGroup: nil, logStream: nil,
                     text: redactor("probe \(p.check): GET \(p.url ?? p.path ?? "?") -> \(p.status)"))
    }
}
