/// Shape A: one CloudWatch event per line, `{"timestamp":...,"logGroup":...,"logStream":...,"message":...}`.
enum JSONLinesShape {
    static func read(_ scanner: JSONScanner, _ object: JSONScanner.Value, line: Int, defaultGroup: String?,
                     scratch: EventBuilder.Scratch,
                     emit: (EventView) -> Void, problem: (InputProblem.Kind, Int, String) -> Void) {
        EventBuilder.build(scanner, object, line: line, group: nil, stream: nil, scratch: scratch, emit: emit, problem: problem)
    }
}
