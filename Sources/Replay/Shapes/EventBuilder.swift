#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the fields of one JSON event object into an `EventView`, shared by shapes A, B and C.
enum EventBuilder {
    /// Per-thread working memory (each file is read on one thread): the buffer messages with
    /// escapes are decoded into, and the log group and stream names of recent lines.
    final class Scratch {
        private(set) var buffer: UnsafeMutablePointer<UInt8>
        private(set) var capacity: Int
        let names = NameCache()
        /// The keys of the last message read (`EventView.readContent`), and unretained for views.
        let routineKeys = RoutineLine.Keys()
        let borrowedRoutineKeys: Unmanaged<RoutineLine.Keys>
        /// The last event line's keys, group and stream (`EventFields.scanEvent`).
        let memo = EventLineMemo()

        init() {
            capacity = 1 << 12
            buffer = .allocate(capacity: capacity)
            borrowedRoutineKeys = Unmanaged.passUnretained(routineKeys)
        }

        deinit { buffer.deallocate() }

        /// Makes `buffer` hold at least `count` bytes (its content is not kept).
        func reserve(_ count: Int) {
            guard count > capacity else { return }
            buffer.deallocate()
            capacity = max(count, capacity * 2)
            buffer = .allocate(capacity: capacity)
        }
    }

    static func build(_ scanner: JSONScanner, _ object: JSONScanner.Value, line: Int,
                      group: LogName?, stream: LogName?, scratch: Scratch,
                      emit: (EventView) -> Void, problem: (InputProblem.Kind, Int, String) -> Void) {
        guard let found = EventFields.find(scanner, object) else {
            problem(.notJSON, line, "malformed event object")
            return
        }
        build(scanner, found, line: line, group: group, stream: stream, scratch: scratch, emit: emit, problem: problem)
    }

    /// Builds the event from its fields (the general path: shapes B and C, and what the one-pass reader left).
    static func build(_ scanner: JSONScanner, _ found: EventFields.Found, line: Int,
                      group: LogName?, stream: LogName?, scratch: Scratch,
                      emit: (EventView) -> Void, problem: (InputProblem.Kind, Int, String) -> Void) {
        guard let ts = found.timestamp else {
            problem(.badTimestamp, line, "the event has no timestamp")
            return
        }
        guard let millis = EventFields.timestamp(scanner, ts) else {
            problem(.badTimestamp, line, "timestamp \(excerpt(scanner.raw(ts))) is not epoch milliseconds or ISO-8601 within 2000-2100")
            return
        }
        guard let message = found.message, message.kind == .string else {
            problem(.badEvent, line, found.message == nil ? "the event has no message" : "message is not a string")
            return
        }
        let eventId = found.eventId.map { LazyText(scanner: scanner, value: $0) }
        // Names repeat line after line: the cache returns the same name without decoding or allocating.
        let groupName = group ?? scratch.names.name(scanner, found.logGroup)
        let streamName = stream ?? scratch.names.name(scanner, found.logStream)
        // The view borrows the names: they live at least as long as the call (a name not cached
        // is held only here).
        withExtendedLifetime((groupName, streamName)) {
            withMessageBytes(scanner, message, scratch: scratch) { bytes in
                guard let bytes else {
                    problem(.notJSON, line, "bad escape in message")
                    return
                }
                guard UTF8Check.isValid(bytes) else {
                    problem(.invalidUTF8, line, "message is not valid UTF-8")
                    return
                }
                // The event id is decoded only if the event is kept (routine lines never need it).
                emit(EventView(timestampMillis: millis, message: bytes, group: groupName?.borrowed, stream: streamName?.borrowed,
                               eventIdSource: eventId, line: line, routineKeys: scratch.borrowedRoutineKeys))
            }
        }
    }

    /// Builds the event the one-pass reader found (`EventFields.scanEvent`, its message decoded).
    ///
    /// A group or stream that repeats the previous line's takes its name from the memo; any
    /// other is looked up in `NameCache` as before and remembered. `group` (shape C's, from the
    /// context) is owned by the caller.
    static func build(_ scanner: JSONScanner, scanned: EventFields.Scanned, line: Int, group: LogName?, scratch: Scratch,
                      emit: (EventView) -> Void, problem: (InputProblem.Kind, Int, String) -> Void) {
        let found = scanned.found
        guard let ts = found.timestamp else {
            problem(.badTimestamp, line, "the event has no timestamp")
            return
        }
        guard let millis = scanned.millis ?? EventFields.timestamp(scanner, ts) else {
            problem(.badTimestamp, line, "timestamp \(excerpt(scanner.raw(ts))) is not epoch milliseconds or ISO-8601 within 2000-2100")
            return
        }
        guard let message = scanned.message, found.message?.kind == .string else {
            problem(.badEvent, line, found.message == nil ? "the event has no message" : "message is not a string")
            return
        }
        // The one-pass reader saw every byte of an ASCII message already: no second pass.
        guard scanned.messageIsASCII || UTF8Check.isValid(message) else {
            problem(.invalidUTF8, line, "message is not valid UTF-8")
            return
        }
        let memo = scratch.memo
        if group == nil, let v = found.logGroup, !scanned.groupIsRemembered { remember(scanner, v, in: scratch, asStream: false) }
        if let v = found.logStream, !scanned.streamIsRemembered { remember(scanner, v, in: scratch, asStream: true) }
        // The memo (or the caller) holds the names for as long as the view borrows them.
        var view = EventView(timestampMillis: millis, message: message,
                             group: group?.borrowed ?? (found.logGroup == nil ? nil : memo.group.borrowed),
                             stream: found.logStream == nil ? nil : memo.stream.borrowed,
                             eventIdSource: found.eventId.map { LazyText(scanner: scanner, value: $0) }, line: line,
                             routineKeys: scratch.borrowedRoutineKeys)
        view.isKnownRoutine = scanned.messageIsKnownRoutine
        emit(view)
    }

    /// Remembers the value `v` with the name `NameCache` gives it as the memo's group (or stream).
    private static func remember(_ scanner: JSONScanner, _ v: JSONScanner.Value, in scratch: Scratch, asStream: Bool) {
        scratch.memo.rememberName(scanner, v, name: scratch.names.name(scanner, v), asStream: asStream)
    }

    /// Calls `body` with the unescaped message bytes: zero-copy when the string has no escapes.
    static func withMessageBytes(_ scanner: JSONScanner, _ v: JSONScanner.Value, scratch: Scratch,
                                 _ body: (UnsafeBufferPointer<UInt8>?) -> Void) {
        let inner = UnsafeBufferPointer(rebasing: scanner.bytes[(v.start + 1)..<(v.end - 1)])
        if inner.isEmpty || memchr(inner.baseAddress!, 0x5C, inner.count) == nil {
            body(inner)
            return
        }
        scratch.reserve(v.end - v.start)
        guard let n = scanner.unescape(v, into: scratch.buffer) else { body(nil); return }
        body(UnsafeBufferPointer(start: scratch.buffer, count: n))
    }

    static func excerpt(_ s: String) -> String {
        s.count > 40 ? String(s.prefix(40)) + "..." : s
    }
}

/// UTF-8 validation with an ASCII fast path (almost all log bytes are ASCII).
enum UTF8Check {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < n, bytes[i] < 0x80 { i += 1 }
        if i == n { return true }
        return String(validating: UnsafeBufferPointer(rebasing: bytes[i...]), as: UTF8.self) != nil
    }
}
