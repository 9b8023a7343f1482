import Foundation
import Mustache

/// A postmortem layout, read and parsed: the bundled `Templates/postmortem.md.mustache`,
/// or the user's file (`--template FILE`).
///
/// Kept apart from ``PostmortemReport`` so that it can be read and parsed while the
/// analysis runs, before there is a document to write up.
public struct ReportTemplate: @unchecked Sendable {
    let mustache: MustacheTemplate

    /// Mustache pragma that turns off HTML escaping: every value is escaped Markdown already.
    /// Put on the template's first line (no newline) so error line numbers stay the user's.
    static let textPragma = "{{% CONTENT_TYPE: TEXT}}"

    /// The template in `file`, or the bundled one when `file` is nil.
    public static func load(from file: URL?) throws -> ReportTemplate {
        guard let file else { return try bundled() }
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ReportError.templateUnreadable(path: file.path, reason: reason(error))
        }
        return try parse(text, name: file.path)
    }

    static func bundled() throws -> ReportTemplate {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw ReportError.defaultTemplateMissing
        }
        let url = folder.appendingPathComponent("postmortem.md.mustache")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw ReportError.defaultTemplateMissing }
        return try parse(text, name: "postmortem.md.mustache")
    }

    static func parse(_ text: String, name: String) throws -> ReportTemplate {
        do {
            return ReportTemplate(mustache: try MustacheTemplate(string: textPragma + text))
        } catch let error as MustacheTemplate.ParserError {
            let context = error.context
            let column = context.lineNumber == 1 ? max(context.columnNumber - textPragma.count, 1) : context.columnNumber
            throw ReportError.templateInvalid(name: name, line: context.lineNumber, column: column, reason: "\(error.error)")
        }
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError { return "no such file" }
        return nsError.localizedDescription
    }
}
