/// Exposures: something production must not serve was reachable.
///
/// Two kinds of evidence, united: a task running with a non-production
/// configuration (from RUNNING until it stops), and a probe that got a 2xx from
/// a sensitive path (until the first answer that shows it closed).
extension TimelineBuilder {
    func exposures(tasks: [TaskRecord], probes: [ProbeResult], source: TimelineSource, window: Span) -> [ExposureRecord] {
        let end = window.end ?? window.start
        struct Piece { var span: Span; var task: String?; var evidence: [EvidenceLine] }
        var pieces: [Piece] = []
        for task in tasks where settings.isNonProduction(task.configuration) {
            guard let begin = task.startedAt ?? task.configurationAt ?? task.firstLogAt else { continue }
            var evidence: [EvidenceLine] = []
            if let line = source.configurations[task.id]?.evidence { evidence.append(line) }
            pieces.append(Piece(span: Span(start: begin, end: task.stoppedAt), task: task.id, evidence: evidence))
        }
        // Probe answers from sensitive paths, per path.
        var byPath: [String: [ProbeResult]] = [:]
        for p in probes where settings.isSensitive(p.path) { byPath[p.path!, default: []].append(p) }
        for path in byPath.keys.sorted() {
            var open: ProbeResult?
            for p in byPath[path]! {
                if p.succeeded {
                    if open == nil { open = p }
                } else if let o = open {
                    pieces.append(Piece(span: Span(start: o.at, end: p.at), task: nil, evidence: [probeLine(o)]))
                    open = nil
                }
            }
            if let o = open { pieces.append(Piece(span: Span(start: o.at, end: nil), task: nil, evidence: [probeLine(o)])) }
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

    func probeLine(_ p: ProbeResult) -> EvidenceLine {
        EvidenceLine(at: p.at, logGroup: nil, logStream: nil,
                     text: redactor("probe \(p.check): GET \(p.url ?? p.path ?? "?") -> \(p.status)"))
    }
}
