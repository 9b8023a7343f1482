/// Shape D: CloudWatch's export to S3, `2026-03-22T12:53:20.123Z <message>` per line.
///
/// The log stream is not in the line but in the path
/// (`<prefix>/<export-task-id>/<log-stream>/000000.gz`); the log group is not known.
enum S3ExportShape {
    /// A line starts with `YYYY-MM-DDT` (cheap check before parsing).
    static func looksLikeLine(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Bool {
        guard i + 11 <= bytes.count else { return false }
        for k in [0, 1, 2, 3, 5, 6, 8, 9] where !(bytes[i + k] >= 48 && bytes[i + k] <= 57) { return false }
        return bytes[i + 4] == 0x2D && bytes[i + 7] == 0x2D && bytes[i + 10] == 0x54
    }

    /// `stream`: the stream the file's path names (`ShapeContext.exportStream`), held by the caller.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, stream: LogName?,
                     emit: (EventView) -> Void, problem: (InputProblem.Kind, Int, String) -> Void) {
        var space = start
        while space < bytes.count, bytes[space] != 0x20 { space += 1 }
        guard space < bytes.count, let millis = ISO8601Scanner.parse(bytes, from: start, to: space),
              TimestampRange.contains(millis) else {
            problem(.badTimestamp, line, "the line does not start with an ISO-8601 time and a space")
            return
        }
        let message = UnsafeBufferPointer(rebasing: bytes[(space + 1)...])
        guard UTF8Check.isValid(message) else {
            problem(.invalidUTF8, line, "message is not valid UTF-8")
            return
        }
        emit(EventView(timestampMillis: millis, message: message, group: nil, stream: stream?.borrowed, eventIdSource: nil, line: line))
    }
}
