/// Decides which export shape a record is, from its bytes, and hands it to that shape's reader.
///
/// Shapes are told apart by content, never by file name (`../shared/spec/input-formats.md`):
/// - a JSON object with `logEvents` or `messageType`: a subscription/Firehose record (B);
/// - a JSON object with an `events` array: a `filter-log-events` document (C);
/// - a JSON object with `timestamp` and `message`: one event (A, or an element of C);
/// - a line starting with an ISO-8601 time and a space: an S3 export line (D).
/// A line may hold several JSON records back to back (Firehose writes `}{`).
struct ShapeDetector {
    var context: ShapeContext
    var emit: (EventView) -> Void
    var problem: (InputProblem.Kind, Int, String) -> Void
    /// Counts of records by shape A...D (an array, not a dictionary: this runs for every line).
    private var counts = [0, 0, 0, 0]
    var controlMessages = 0
    let scratch = EventBuilder.Scratch()
    /// Whether single events are read by the one-pass shortcut (`singleEvent`). Off only in the
    /// differential tests, which hold the shortcut to the general path.
    var singleEventShortcut = true
    /// The single event being read (reused: see `EventFields.scanEvent`).
    private var scanned = EventFields.Scanned()
    /// The names the file's path gives (held here: views borrow them): shape C's group, shape D's stream.
    private let documentGroup: LogName?
    private let exportStream: LogName?

    init(context: ShapeContext, emit: @escaping (EventView) -> Void,
         problem: @escaping (InputProblem.Kind, Int, String) -> Void) {
        self.context = context
        self.emit = emit
        self.problem = problem
        documentGroup = FilterLogEventsShape.group(context).map(LogName.init)
        exportStream = context.exportStream.map(LogName.init)
    }

    /// Counts of records by shape (`A`...`D`), for the ingest summary; shapes never seen are absent.
    var shapeCounts: [String: Int] {
        var result: [String: Int] = [:]
        for (k, n) in counts.enumerated() where n > 0 { result[["A", "B", "C", "D"][k]] = n }
        return result
    }

    /// True once any record was recognised as one of the shapes.
    var hasSeenRecords: Bool { counts[0] + counts[1] + counts[2] + counts[3] > 0 }

    private enum Shape: Int { case a = 0, b, c, d }

    private mutating func count(_ shape: Shape) { counts[shape.rawValue] += 1 }

    mutating func record(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, origin: RecordFramer.Origin) {
        let scanner = JSONScanner(bytes)
        let first = scanner.skipSpace(0)
        guard first < bytes.count else { return }
        let c = bytes[first]
        if c == 0x7B || c == 0x5B {
            var i = first
            var any = false
            while i < bytes.count {
                if singleEventShortcut, bytes[i] == 0x7B, let end = singleEvent(scanner, at: i, line: line, origin: origin) {
                    any = true
                    i = scanner.skipSpace(end)
                    if i < bytes.count, bytes[i] == 0x2C { i = scanner.skipSpace(i + 1) }
                    continue
                }
                guard let value = scanner.value(at: i) else {
                    problem(.notJSON, line, JSONDiagnosis.describe(bytes, from: i))
                    return
                }
                any = true
                jsonRecord(scanner, value, line: line, origin: origin)
                i = scanner.skipSpace(value.end)
                if i < bytes.count, bytes[i] == 0x2C { i = scanner.skipSpace(i + 1) }  // records in an array
            }
            _ = any
        } else if S3ExportShape.looksLikeLine(bytes, from: first) {
            count(.d)
            S3ExportShape.read(bytes, from: first, line: line, stream: exportStream, emit: emit, problem: problem)
        } else if c >= 0x30 && c <= 0x39 {
            problem(.badTimestamp, line, "a text line must start with an ISO-8601 time and a space")
        } else {
            problem(.notJSON, line, JSONDiagnosis.describe(bytes, from: first))
        }
    }

    /// The hot path: an object that is one event (shape A, or an element of a streamed shape C
    /// document), read in a single pass that both recognises the shape and finds the event's
    /// fields. Returns the index after the object, or nil to let the general path read it
    /// (records of shapes B and C, anything malformed: it then reports exactly as before).
    private mutating func singleEvent(_ scanner: JSONScanner, at start: Int, line: Int, origin: RecordFramer.Origin) -> Int? {
        guard EventFields.scanEvent(scanner, at: start, scratch: scratch, into: &scanned), scanned.found.message != nil,
              !scanned.hasRecordKeys else { return nil }
        let group: LogName?
        if origin == .documentEvent {
            count(.c)
            group = documentGroup
        } else {
            count(.a)
            group = nil
        }
        EventBuilder.build(scanner, scanned: scanned, line: line, group: group, scratch: scratch, emit: emit, problem: problem)
        return scanned.end
    }

    private mutating func jsonRecord(_ scanner: JSONScanner, _ value: JSONScanner.Value, line: Int, origin: RecordFramer.Origin) {
        if value.kind == .array {
            // An array of records or events, e.g. a JSON array export: one level only, without
            // recursion, so `[[[...]]]` nested 100000 deep is one reported problem, not a stack overflow.
            var nested = false
            scanner.forEachElement(of: value) { element in
                if element.kind == .object {
                    jsonRecord(scanner, element, line: line, origin: origin)
                } else if !nested {
                    nested = true
                    problem(.unknownShape, line, element.kind == .array ? "a JSON array nested in an array" : "a JSON array element that is not an object")
                }
                return true
            }
            return
        }
        guard value.kind == .object else {
            problem(.unknownShape, line, "a JSON value that is not an object")
            return
        }
        var hasLogEvents = false, hasEvents = false, hasMessage = false, hasMessageType = false
        scanner.forEachMember(of: value) { ks, ke, _ in
            if scanner.key(ks, ke, is: "logEvents") { hasLogEvents = true } else if scanner.key(ks, ke, is: "events") { hasEvents = true } else if scanner.key(ks, ke, is: "message") { hasMessage = true } else if scanner.key(ks, ke, is: "messageType") { hasMessageType = true }
            return true
        }
        if hasLogEvents || hasMessageType {
            count(.b)
            if !FirehoseShape.read(scanner, value, line: line, scratch: scratch, emit: emit, problem: problem) { controlMessages += 1 }
        } else if hasEvents && !hasMessage {
            count(.c)
            FilterLogEventsShape.readDocument(scanner, value, line: line, group: documentGroup, scratch: scratch, emit: emit, problem: problem)
        } else if hasMessage {
            if origin == .documentEvent {
                count(.c)
                FilterLogEventsShape.readEvent(scanner, value, line: line, group: documentGroup, scratch: scratch, emit: emit, problem: problem)
            } else {
                count(.a)
                JSONLinesShape.read(scanner, value, line: line, defaultGroup: nil, scratch: scratch, emit: emit, problem: problem)
            }
        } else {
            problem(.unknownShape, line, "a JSON object with neither message, logEvents nor events")
        }
    }
}

/// Short, precise reasons for JSON that does not parse (`expected '{' at column 1`).
enum JSONDiagnosis {
    static func describe(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String {
        let scanner = JSONScanner(bytes)
        let i = scanner.skipSpace(start)
        guard i < bytes.count else { return "nothing after column \(start + 1)" }
        let c = bytes[i]
        if c != 0x7B && c != 0x5B {
            return "expected '{' at column \(i + 1), found \(RecordFramer.describe(c))"
        }
        // find how far it got
        var depth = 0, j = i
        while j < bytes.count {
            let b = bytes[j]
            if b == 0x22 {
                guard let e = scanner.stringEnd(from: j) else { return "unterminated string at column \(j + 1)" }
                j = e
                continue
            }
            if b == 0x7B || b == 0x5B { depth += 1 } else if b == 0x7D || b == 0x5D { depth -= 1; if depth == 0 { break } }
            j += 1
        }
        if depth > 0 { return "the JSON value is cut off at column \(bytes.count + 1)" }
        return "malformed JSON near column \(j + 1)"
    }
}
