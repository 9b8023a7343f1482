/// One CloudWatch event as the shape layer hands it on: borrowed bytes, no copies.
///
/// Valid only during the callback that receives it; the message layer decides
/// what to copy. `message` is unescaped (the raw line the program wrote), so the
/// same event read from shape A (escaped JSON string) and shape D (plain text)
/// has the same bytes and the same dedup key.
struct EventView {
    var timestampMillis: Int64
    var message: UnsafeBufferPointer<UInt8>
    /// The log group and stream. The names belong to the reader thread (its `NameCache`, its
    /// line memo, its shape's context); the view borrows them like `message`, unretained, so it
    /// holds nothing reference counted (building, passing and dropping a view with two Strings
    /// in it cost four retains and releases and two outlined copies per line). They are read
    /// through `_withUnsafeGuaranteedRef`, which does not retain the name for the read either.
    private var group: Unmanaged<LogName>?
    private var stream: Unmanaged<LogName>?
    /// Where the event id is, decoded only when asked for (`eventId`).
    var eventIdSource: LazyText?
    /// 1-based line of the file the event came from.
    var line: Int
    /// The reader thread's memory of the previous message's keys (`RoutineLine.Keys`), borrowed the same way.
    private var routineKeys: Unmanaged<RoutineLine.Keys>?
    /// True when the line is known to be routine without decoding its message
    /// (`EscapedRoutineTemplate`): `message` then holds the bytes between its quotes as exported,
    /// its canonical escaped form, not the message itself.
    var isKnownRoutine = false

    /// `group`, `stream` and `routineKeys` must outlive the callback that receives the view.
    init(timestampMillis: Int64, message: UnsafeBufferPointer<UInt8>, group: Unmanaged<LogName>?, stream: Unmanaged<LogName>?,
         eventIdSource: LazyText?, line: Int, routineKeys: Unmanaged<RoutineLine.Keys>? = nil) {
        self.timestampMillis = timestampMillis
        self.message = message
        self.group = group
        self.stream = stream
        self.eventIdSource = eventIdSource
        self.line = line
        self.routineKeys = routineKeys
    }

    var logGroup: String? { group?._withUnsafeGuaranteedRef { $0.text } }
    var logStream: String? { stream?._withUnsafeGuaranteedRef { $0.text } }

    /// The group and stream name objects themselves (retained by whoever keeps them).
    var groupName: LogName? { group?.takeUnretainedValue() }
    var streamName: LogName? { stream?.takeUnretainedValue() }
    /// Where those objects are: the same objects are the same names (`NameIndex` holds on to the
    /// ones it compares with, so their places are not reused while it does).
    var nameAddresses: (group: UnsafeMutableRawPointer?, stream: UnsafeMutableRawPointer?) { (group?.toOpaque(), stream?.toOpaque()) }

    /// The event id (`eventId` or `id`) as text, decoded on first use.
    var eventId: String? { eventIdSource?.text }

    /// The dedup key: `StableHash.eventKey(stream: logStream, millis: timestampMillis, message: message)`,
    /// the stream's part hashed once per name (`LogName.keyPrefix`) instead of once per line (the same value).
    var contentKey: Int64 {
        (stream?._withUnsafeGuaranteedRef { $0.keyPrefix } ?? StableHash(stream: nil)).eventKey(millis: timestampMillis, message: message)
    }

    /// The key a routine line is deduplicated by within the run (`RoutineKey`): the same
    /// stream, time and message as `contentKey`, hashed faster, never stored.
    var routineKey: Int64 {
        let stream = stream?._withUnsafeGuaranteedRef { $0.keyPrefix } ?? StableHash(stream: nil)
        if isKnownRoutine { return RoutineKey.of(stream: stream, millis: timestampMillis, canonical: message) }
        return RoutineKey.of(stream: stream, millis: timestampMillis, message: message)
    }

    /// What the message says: `MessageReader.read(message, at:)`, with this reader thread's
    /// memory of the previous message's keys (the same answer for every input, for less work
    /// when the keys repeat, as they do line after line).
    func readContent() -> MessageReader.Content {
        if isKnownRoutine { return .routine }
        guard let routineKeys else { return MessageReader.read(message, at: Timestamp(millis: timestampMillis), routineKeys: nil) }
        return routineKeys._withUnsafeGuaranteedRef { MessageReader.read(message, at: Timestamp(millis: timestampMillis), routineKeys: $0) }
    }
}

/// A log group or stream name as a reader thread keeps it: the text, and the start of the dedup
/// key of the events of a stream so named (`StableHash(stream:)`), computed once per name.
final class LogName {
    let text: String?
    let keyPrefix: StableHash

    init(_ text: String?) {
        self.text = text
        keyPrefix = StableHash(stream: text)
    }

    /// Unretained, for a view (the owner keeps the name alive while views borrow it).
    var borrowed: Unmanaged<LogName> { Unmanaged.passUnretained(self) }
}

/// A JSON field's text, decoded only when it is needed (`EventFields.text`).
///
/// Most events are routine lines whose id is never stored: decoding it would build a
/// String for every line. Valid only while the line's bytes are (as `EventView`).
///
/// Holds no String (nothing reference counted): `EventView`, copied on its way to the reader,
/// then costs no retain and release for it.
struct LazyText {
    private var scanner: JSONScanner
    private var value: JSONScanner.Value

    init(scanner: JSONScanner, value: JSONScanner.Value) {
        self.scanner = scanner
        self.value = value
    }

    var text: String? { EventFields.text(scanner, value) }
}

/// Where a file's events come from, as far as its path tells.
struct ShapeContext {
    /// The file as the user named it (for messages).
    var displayPath: String
    /// `--log-group`, when given: the group for shape C documents.
    var logGroupOverride: String?
    /// Shape C's group when no `--log-group`: the name of the folder holding the file.
    var folderName: String?
    /// Shape D's stream: what follows the export task id in `<prefix>/<export-task-id>/<log-stream>/000000.gz`.
    var exportStream: String?

    init(path: String, displayPath: String, logGroupOverride: String?) {
        self.displayPath = displayPath
        self.logGroupOverride = logGroupOverride
        let parts = path.split(separator: "/").map(String.init)
        folderName = parts.count >= 2 ? parts[parts.count - 2] : nil
        exportStream = ShapeContext.streamFromExportPath(parts)
    }

    /// The log stream of an S3 export path. Streams contain slashes (`ecs/app/<task>`),
    /// so the stream is everything between the export task id (a UUID folder) and the
    /// file; without a UUID folder, the folder holding the file.
    static func streamFromExportPath(_ parts: [String]) -> String? {
        guard parts.count >= 2 else { return nil }
        let folders = parts.dropLast()
        if let uuidIndex = folders.lastIndex(where: isUUID), uuidIndex < folders.count - 1 {
            return folders[(uuidIndex + 1)...].joined(separator: "/")
        }
        return folders.last
    }

    static func isUUID(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 36 else { return false }
        for (i, c) in u.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                if c != UInt8(ascii: "-") { return false }
            } else if !((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)) {
                return false
            }
        }
        return true
    }
}
