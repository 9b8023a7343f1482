import Replay

/// Accumulates the log lines of one container of one task, in the shapes the
/// application prints: tracing-subscriber JSON on stdout, plain text on stderr.
struct AppLogLine {
    let stream: String
    var random: SeededRandom
    private(set) var records: [LogRecord] = []

    init(stream: String, random: SeededRandom) {
        self.stream = stream
        self.random = random
    }

    /// `{"timestamp":"...Z","level":"INFO","fields":{"message":...,...},"target":"merxex::http"}`.
    mutating func json(_ at: Timestamp, _ level: String, _ message: String, target: String,
                       _ fields: (inout JSONText) -> Void = { _ in }) {
        var inner = JSONText()
        inner.add("message", message)
        fields(&inner)
        var line = JSONText()
        line.add("timestamp", TimeText.micros(at, extra: random.int(0...999)))
        line.add("level", level)
        line.add("fields", inner)
        line.add("target", target)
        append(at, line.text)
    }

    /// A raw line as the program wrote it (a panic, `Error: ...`, a sidecar's console log).
    mutating func plain(_ at: Timestamp, _ text: String) { append(at, text) }

    private mutating func append(_ at: Timestamp, _ message: String) {
        records.append(LogRecord(timestamp: at, group: LogGroups.application, stream: stream, message: message,
                                 ingestionDelay: random.int64(200...2500)))
    }
}
