/// Turns the fields of one JSON event object into an `EventView`, shared by shapes A, B and C.
enum EventBuilder {
    /// Reused for messages with escapes; one per thread (each file is read on one thread).
    final class Scratch { var bytes: [UInt8] = [] }

    static func build(_ scanner: JSONScanner, _ object: JSONScanner.Value, line: Int,
                      group: String?, stream: String?, scratch: Scratch,
                      emit: (EventView) -> Void, problem: (InputProblem.Kind, Int, String) -> Void) {
        guard let found = EventFields.find(scanner, object) else {
            problem(.notJSON, line, "malformed event object")
            return
        }
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
        let groupName = group ?? EventFields.text(scanner, found.logGroup)
        let streamName = stream ?? EventFields.text(scanner, found.logStream)
        let eventId = EventFields.text(scanner, found.eventId)
        withMessageBytes(scanner, message, scratch: scratch) { bytes in
            guard let bytes else {
                problem(.notJSON, line, "bad escape in message")
                return
            }
            guard UTF8Check.isValid(bytes) else {
                problem(.invalidUTF8, line, "message is not valid UTF-8")
                return
            }
            emit(EventView(timestampMillis: millis, message: bytes, logGroup: groupName, logStream: streamName,
                           eventId: eventId, line: line))
        }
    }

    /// Calls `body` with the unescaped message bytes: zero-copy when the string has no escapes.
    static func withMessageBytes(_ scanner: JSONScanner, _ v: JSONScanner.Value, scratch: Scratch,
                                 _ body: (UnsafeBufferPointer<UInt8>?) -> Void) {
        let inner = UnsafeBufferPointer(rebasing: scanner.bytes[(v.start + 1)..<(v.end - 1)])
        if inner.firstIndex(of: 0x5C) == nil {
            body(inner)
            return
        }
        scratch.bytes.removeAll(keepingCapacity: true)
        guard scanner.appendUnescaped(v, to: &scratch.bytes) else { body(nil); return }
        scratch.bytes.withUnsafeBufferPointer { body($0) }
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
