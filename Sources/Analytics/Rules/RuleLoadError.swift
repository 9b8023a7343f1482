/// A rule file that cannot be used, located: `oom.json:42: rule oom.ecs-reason: samples[1]: does not fire (...)`.
public struct RuleLoadError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file as given (bundled name or user path).
    public var file: String
    /// 1-based line, when it could be found.
    public var line: Int?
    /// The rule concerned, when the problem is inside one.
    public var ruleId: String?
    /// The JSON path inside the rule or file, e.g. `when.lines[0].regex` or `samples[1]`.
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, ruleId: String? = nil, field: String? = nil, message: String) {
        self.file = file; self.line = line; self.ruleId = ruleId; self.field = field; self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ":"
        if let ruleId { text += " rule \(ruleId):" }
        if let field { text += " \(field):" }
        return text + " " + message
    }
}
