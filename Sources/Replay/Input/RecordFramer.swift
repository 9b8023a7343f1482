import Foundation

/// Cuts decoded bytes into records: lines, or JSON values that span lines.
///
/// Two framings cover every export shape:
/// - **lines** (shapes A, B one per line, D, C on one line): split on `\n`, drop a
///   trailing `\r`, keep a last line without newline, cap each line at `maxRecordBytes`.
///   A line may hold several concatenated JSON records (`}{`): the shape layer splits them.
/// - **stream** (pretty-printed `filter-log-events` output, Firehose records
///   concatenated with no newline at all): a JSON structure scanner emits each
///   top-level value, and each element of a top-level `"events"` array on its own,
///   so a 500 MB document is never held whole.
///
/// The framing is chosen from the first record: if the first non-blank line is
/// complete JSON (or not JSON at all, e.g. shape D text) it is lines; if it opens a
/// value that does not close on that line, or no newline comes within the cap, it
/// is stream. The framer knows nothing of shapes: it hands out bytes and 1-based
/// line numbers.
final class RecordFramer {
    enum Origin {
        /// A whole line, or a whole top-level JSON value.
        case whole
        /// One element of a top-level `"events"` array (shape C, streamed).
        case documentEvent
    }

    typealias RecordSink = (UnsafeBufferPointer<UInt8>, Int, Origin) -> Void
    typealias ProblemSink = (InputProblem.Kind, Int, String) -> Void

    private enum Mode { case undecided, lines, stream }

    private let maxRecordBytes: Int
    private let onRecord: RecordSink
    private let onProblem: ProblemSink
    private var mode = Mode.undecided
    /// Bytes of an unfinished line (lines mode) or value (stream mode), or the undecided prefix.
    private var pending: [UInt8] = []
    /// 1-based number of the line `pending` starts on (lines mode) / the current line (stream mode).
    private var line = 1
    private var skippingLongLine = false

    // stream mode state
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var valueStartLine = 0
    private var buffering = false
    private var bufferOverflowed = false
    private var inEventsArray = false
    private var eventsArrayDepth = 0
    private var lastKeyAtDepth1: [UInt8] = []
    private var collectingKey = false
    private var junkLineReported = -1
    private(set) var recordsEmitted = 0

    init(maxRecordBytes: Int, onRecord: @escaping RecordSink, onProblem: @escaping ProblemSink) {
        self.maxRecordBytes = maxRecordBytes
        self.onRecord = onRecord
        self.onProblem = onProblem
    }

    func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        switch mode {
        case .lines: feedLines(chunk)
        case .stream: feedStream(chunk, from: 0)
        case .undecided: feedUndecided(chunk)
        }
    }

    /// Ends the input. `discardPartial`: the stream was cut (truncated gzip), so an
    /// unfinished last line is the cut itself, not a line of its own to report.
    func finish(discardPartial: Bool = false) {
        switch mode {
        case .undecided:
            if discardPartial, let end = pending.lastIndex(of: 0x0A) {
                pending.removeSubrange((end + 1)...)
            } else if discardPartial {
                pending.removeAll()
            }
            decide(atEnd: true)
            finish()
        case .lines:
            if !pending.isEmpty, !skippingLongLine, !discardPartial { emitLine(pending) }
            pending.removeAll()
        case .stream:
            if (depth > 0 || inString) && !discardPartial {
                onProblem(.notJSON, valueStartLine, "the input ends inside a JSON value")
            }
        }
    }

    // MARK: deciding the framing

    private func feedUndecided(_ chunk: UnsafeBufferPointer<UInt8>) {
        pending.append(contentsOf: chunk)
        if let newline = firstContentNewline() {
            decide(firstLineEnd: newline)
        } else if pending.count > maxRecordBytes {
            decide(atEnd: false)
        }
    }

    /// Index of the newline ending the first non-blank line of `pending`, if it arrived.
    private func firstContentNewline() -> Int? {
        var i = 0
        while i < pending.count {
            let c = pending[i]
            if c == 0x0A {
                // a blank line: keep looking
            } else if !JSONScanner.isSpace(c) {
                return pending[i...].firstIndex(of: 0x0A)
            }
            i += 1
        }
        return nil
    }

    private func decide(firstLineEnd: Int? = nil, atEnd: Bool = false) {
        stripByteOrderMark()
        let start = pending.firstIndex { !JSONScanner.isSpace($0) } ?? pending.count
        let looksJSON = start < pending.count && (pending[start] == 0x7B || pending[start] == 0x5B)
        var useStream = false
        if looksJSON {
            if let end = firstLineEnd ?? (atEnd ? pending.count : nil) {
                // Does the first line hold complete JSON values?
                let complete: Bool = pending.withUnsafeBufferPointer { all in
                    let scanner = JSONScanner(all, end: end)
                    guard let v = scanner.value(at: start) else { return false }
                    return v.end <= end
                }
                useStream = !complete && !atEnd
                if !complete && atEnd { useStream = true }
            } else {
                useStream = true  // no newline within the cap: a concatenated stream
            }
        }
        let buffered = pending
        pending.removeAll(keepingCapacity: true)
        if useStream {
            mode = .stream
            buffered.withUnsafeBufferPointer { feedStream($0, from: 0) }
        } else {
            mode = .lines
            buffered.withUnsafeBufferPointer { feedLines($0) }
        }
    }

    private func stripByteOrderMark() {
        if pending.count >= 3, pending[0] == 0xEF, pending[1] == 0xBB, pending[2] == 0xBF {
            pending.removeFirst(3)
        }
    }

    // MARK: lines

    private func feedLines(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        var start = 0
        let count = chunk.count
        while start < count {
            let found = memchr(base + start, 0x0A, count - start)
            guard let hit = found else {
                appendPending(UnsafeBufferPointer(start: base + start, count: count - start))
                return
            }
            let end = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
            if pending.isEmpty && !skippingLongLine {
                emitLine(UnsafeBufferPointer(start: base + start, count: end - start))
            } else {
                appendPending(UnsafeBufferPointer(start: base + start, count: end - start))
                if !skippingLongLine { emitLine(pending) }
                pending.removeAll(keepingCapacity: true)
            }
            skippingLongLine = false
            line += 1
            start = end + 1
        }
    }

    private func appendPending(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !skippingLongLine else { return }
        // One byte of slack: a trailing `\r` is stripped when the line ends, and `emitLine` checks the exact limit.
        if pending.count + bytes.count > maxRecordBytes + 1 {
            onProblem(.lineTooLong, line, "longer than \(maxRecordBytes) bytes; skipped")
            skippingLongLine = true
            pending.removeAll(keepingCapacity: false)
            return
        }
        pending.append(contentsOf: bytes)
    }

    private func emitLine(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { emitLine($0) }
    }

    private func emitLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        var n = bytes.count
        if n > 0, bytes[n - 1] == 0x0D { n -= 1 }
        if n > maxRecordBytes {
            onProblem(.lineTooLong, line, "longer than \(maxRecordBytes) bytes; skipped")
            return
        }
        // Skip blank lines silently.
        var blank = true
        for i in 0..<n where !JSONScanner.isSpace(bytes[i]) { blank = false; break }
        if blank { return }
        recordsEmitted += 1
        onRecord(UnsafeBufferPointer(rebasing: bytes[0..<n]), line, .whole)
    }

    // MARK: stream

    private func feedStream(_ chunk: UnsafeBufferPointer<UInt8>, from first: Int) {
        var i = first
        let count = chunk.count
        while i < count {
            let c = chunk[i]
            if inString {
                if buffering { appendValueByte(c) }
                if collectingKey, depth == 1, !escaped, c != 0x22, lastKeyAtDepth1.count < 32 { lastKeyAtDepth1.append(c) }
                if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 {
                    inString = false
                    collectingKey = false
                } else if c == 0x0A { line += 1 }
                i += 1
                continue
            }
            if c == 0x0A { line += 1 }
            if depth == 0 {
                if c == 0x7B || c == 0x5B {
                    depth = 1
                    valueStartLine = line
                    buffering = true
                    bufferOverflowed = false
                    pending.removeAll(keepingCapacity: true)
                    pending.append(c)
                    inEventsArray = false
                    lastKeyAtDepth1.removeAll(keepingCapacity: true)
                } else if !JSONScanner.isSpace(c), c != 0x2C, junkLineReported != line {
                    // tolerate commas between values (a JSON array of records)
                    junkLineReported = line
                    onProblem(.notJSON, line, "unexpected \(RecordFramer.describe(c)) between JSON values")
                }
                i += 1
                continue
            }
            switch c {
            case 0x22:
                inString = true
                if depth == 1 { lastKeyAtDepth1.removeAll(keepingCapacity: true); collectingKey = true }
                if buffering { appendValueByte(c) }
            case 0x7B, 0x5B:
                depth += 1
                if depth == 2, c == 0x5B, lastKeyAtDepth1 == Array("events".utf8) {
                    // A filter-log-events document: stream its events one by one.
                    inEventsArray = true
                    eventsArrayDepth = 2
                    buffering = false
                    pending.removeAll(keepingCapacity: true)
                } else if inEventsArray, depth == eventsArrayDepth + 1, c == 0x7B {
                    buffering = true
                    bufferOverflowed = false
                    valueStartLine = line
                    pending.removeAll(keepingCapacity: true)
                    pending.append(c)
                } else if buffering {
                    appendValueByte(c)
                }
            case 0x7D, 0x5D:
                if buffering { appendValueByte(c) }
                depth -= 1
                if inEventsArray, depth == eventsArrayDepth, buffering {
                    emitBuffered(.documentEvent)
                    buffering = false
                } else if inEventsArray, depth == eventsArrayDepth - 1 {
                    inEventsArray = false
                } else if depth == 0 {
                    if buffering { emitBuffered(.whole) }
                    buffering = false
                }
            default:
                if buffering { appendValueByte(c) }
            }
            i += 1
        }
    }

    @inline(__always) private func appendValueByte(_ c: UInt8) {
        if bufferOverflowed { return }
        if pending.count >= maxRecordBytes {
            bufferOverflowed = true
            onProblem(.lineTooLong, valueStartLine, "JSON record longer than \(maxRecordBytes) bytes; skipped")
            pending.removeAll(keepingCapacity: false)
            return
        }
        pending.append(c)
    }

    private func emitBuffered(_ origin: Origin) {
        defer { pending.removeAll(keepingCapacity: true) }
        guard !bufferOverflowed else { return }
        recordsEmitted += 1
        let startLine = valueStartLine
        pending.withUnsafeBufferPointer { onRecord($0, startLine, origin) }
    }

    static func describe(_ c: UInt8) -> String {
        if c >= 0x20 && c < 0x7F { return "'\(Character(UnicodeScalar(c)))'" }
        return String(format: "byte 0x%02X", c)
    }
}
