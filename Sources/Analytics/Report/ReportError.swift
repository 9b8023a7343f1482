import Foundation

/// Why a postmortem could not be written, said so the user can fix it.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// The settings break a rule (each problem names the setting).
    case invalidSettings([String])
    /// A `--template` file could not be read.
    case templateUnreadable(path: String, reason: String)
    /// A template is not valid Mustache; line and column are 1-based.
    case templateInvalid(name: String, line: Int, column: Int, reason: String)
    /// The default template is missing from the bundle: a packaging error.
    case defaultTemplateMissing

    public var description: String {
        switch self {
        case .invalidSettings(let problems):
            return "invalid report settings: " + problems.joined(separator: "; ")
        case .templateUnreadable(let path, let reason):
            return "\(path): cannot read the report template (\(reason))"
        case .templateInvalid(let name, let line, let column, let reason):
            return "\(name):\(line):\(column): not a valid Mustache template (\(reason))"
        case .defaultTemplateMissing:
            return "the default report template (Templates/postmortem.md.mustache) is missing from the Analytics bundle"
        }
    }
}
