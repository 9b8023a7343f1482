/// The columns of the `event` row that summarise its content: kind, task, level, text, time.
///
/// Made on the reader thread with the `ParsedEvent` (the single writer thread is the busier
/// side of an ingest, and building these strings was a tenth of its own work); the writer
/// only fills in the task of lines whose task is their stream's, which it remembers per stream.
struct EventSummary: Sendable {
    var kind: String
    /// The task the content names (an ECS task state change); nil when `taskFromStream`.
    var taskId: String?
    /// True for application lines: their task is the one their log stream names
    /// (`TaskIdentity.taskId(fromStream:)`), filled in by the writer.
    var taskFromStream: Bool
    var level: String?
    var text: String
    var at: Timestamp

    init(_ content: MessageReader.Content, millis: Int64) {
        let at = Timestamp(millis: millis)
        taskFromStream = false
        taskId = nil
        switch content {
        case let .taskState(change):
            kind = "task_state"
            taskId = change.taskId
            level = nil
            text = [change.lastStatus, change.healthStatus.map { "health \($0)" }, change.stoppedReason]
                .compactMap { $0 }.joined(separator: " ")
            self.at = change.time
        case let .service(service):
            kind = "service"
            level = service.eventType?.lowercased()
            text = [service.eventName, service.reason].compactMap { $0 }.joined(separator: ": ")
            self.at = service.at
        case let .probe(probe):
            kind = "probe"
            level = probe.succeeded ? "info" : "warn"
            text = "\(probe.check) \(probe.path ?? "") \(probe.status)" + (probe.error.map { " \($0)" } ?? "")
            self.at = at
        case let .app(line):
            kind = "app"
            taskFromStream = true
            level = line.level
            text = line.text
            self.at = at
        case .routine:
            kind = "app"
            taskFromStream = true
            level = "info"
            text = ""
            self.at = at
        }
    }
}
