/// Shape B: a subscription-filter / Firehose record holding a batch of `logEvents`.
///
/// `CONTROL_MESSAGE` records (CloudWatch checking the destination is reachable)
/// carry no log data and are skipped.
enum FirehoseShape {
    /// Returns false for a control message (skipped), true otherwise.
    @discardableResult
    static func read(_ scanner: JSONScanner, _ record: JSONScanner.Value, line: Int, scratch: EventBuilder.Scratch,
                     emit: (EventView) -> Void, problem: (InputProblem.Kind, Int, String) -> Void) -> Bool {
        var group: String?, stream: String?, events: JSONScanner.Value?, messageType: String?
        scanner.forEachMember(of: record) { ks, ke, v in
            if scanner.key(ks, ke, is: "logGroup") { group = EventFields.text(scanner, v) } else if scanner.key(ks, ke, is: "logStream") { stream = EventFields.text(scanner, v) } else if scanner.key(ks, ke, is: "logEvents") { events = v } else if scanner.key(ks, ke, is: "messageType") { messageType = EventFields.text(scanner, v) }
            return true
        }
        if messageType == "CONTROL_MESSAGE" { return false }
        guard let events else {
            problem(.badEvent, line, "a \(messageType ?? "DATA_MESSAGE") record without logEvents")
            return true
        }
        guard events.kind == .array else {
            problem(.badEvent, line, "logEvents is not a list")
            return true
        }
        // The record's names, held here while its events' views borrow them.
        let groupName = group.map(LogName.init), streamName = stream.map(LogName.init)
        let wellFormed = withExtendedLifetime((groupName, streamName)) {
            scanner.forEachElement(of: events) { event in
                guard event.kind == .object else {
                    problem(.badEvent, line, "a logEvents entry is not an object")
                    return true
                }
                EventBuilder.build(scanner, event, line: line, group: groupName, stream: streamName, scratch: scratch, emit: emit, problem: problem)
                return true
            }
        }
        if !wellFormed { problem(.notJSON, line, "malformed logEvents list") }
        return true
    }
}
