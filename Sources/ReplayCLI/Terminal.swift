import Foundation
import Replay
#if canImport(Glibc)
import Glibc
#endif

/// Where the command line writes: results to stdout, problems and progress to stderr.
/// Progress is drawn only on a terminal, so cron mail and pipes stay clean.
enum Terminal {
    static let isInteractive = isatty(STDERR_FILENO) == 1

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints input problems, the first `limit` in full and a count of the rest.
    static func report(_ summary: IngestSummary, limit: Int = 50) {
        for problem in summary.problems.prefix(limit) { error(Redactor.standard.redact(problem.description)) }
        let shown = min(limit, summary.problems.count)
        if summary.problemCount > shown { error("... and \(summary.problemCount - shown) more problems (counted in the summary)") }
    }
}

/// Draws `ingest: 3/12 files, 41% of 180 MB, 812,233 events` on one terminal line.
final class TerminalProgress: IngestProgress, @unchecked Sendable {
    private var lastDraw = Date.distantPast
    private var drawn = false

    func ingest(filesDone: Int, of files: Int, bytesDone: Int64, of bytes: Int64, events: Int) {
        guard Terminal.isInteractive else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.2 || filesDone == files else { return }
        lastDraw = now
        let percent = bytes > 0 ? Int(Double(bytesDone) * 100 / Double(bytes)) : 100
        let line = "\rreading: \(filesDone)/\(files) files, \(percent)% of \(Format.bytes(bytes)), \(Format.count(events)) events "
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

enum Format {
    static func count(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }

    static func bytes(_ n: Int64) -> String {
        if n >= 1 << 30 { return String(format: "%.1f GB", Double(n) / Double(1 << 30)) }
        if n >= 1 << 20 { return String(format: "%.1f MB", Double(n) / Double(1 << 20)) }
        if n >= 1 << 10 { return String(format: "%.1f KB", Double(n) / Double(1 << 10)) }
        return "\(n) B"
    }
}
