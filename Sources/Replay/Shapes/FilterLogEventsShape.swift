/// Shape C: the output of `aws logs filter-log-events` / `get-log-events`: `{"events":[...], ...}`.
///
/// The document does not name its log group: it is `--log-group` when given, else
/// the name of the folder holding the file. Large pretty-printed documents arrive
/// here one event at a time (the framer streams the `events` array).
enum FilterLogEventsShape {
    static func group(_ context: ShapeContext) -> String? {
        context.logGroupOverride ?? context.folderName
    }

    /// `group`: `group(context)`, held by the caller.
    static func readDocument(_ scanner: JSONScanner, _ document: JSONScanner.Value, line: Int, group: LogName?,
                             scratch: EventBuilder.Scratch,
                             emit: (EventView) -> Void, problem: (InputProblem.Kind, Int, String) -> Void) {
        var events: JSONScanner.Value?
        scanner.forEachMember(of: document) { ks, ke, v in
            if scanner.key(ks, ke, is: "events") { events = v }
            return true
        }
        guard let events, events.kind == .array else {
            problem(.badEvent, line, "events is not a list")
            return
        }
        scanner.forEachElement(of: events) { event in
            readEvent(scanner, event, line: line, group: group, scratch: scratch, emit: emit, problem: problem)
            return true
        }
    }

    static func readEvent(_ scanner: JSONScanner, _ event: JSONScanner.Value, line: Int, group: LogName?,
                          scratch: EventBuilder.Scratch,
                          emit: (EventView) -> Void, problem: (InputProblem.Kind, Int, String) -> Void) {
        guard event.kind == .object else {
            problem(.badEvent, line, "an events entry is not an object")
            return
        }
        EventBuilder.build(scanner, event, line: line, group: group, stream: nil, scratch: scratch, emit: emit, problem: problem)
    }
}
