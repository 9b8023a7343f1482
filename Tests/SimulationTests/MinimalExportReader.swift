import Foundation

/// An independent, deliberately naive reader of the simulator's files: it shares no
/// code with `Replay`'s ingest, so the two cannot be wrong in the same way.
///
/// gzip goes through the system's `gzip -dc`; a file is good when it is one JSON
/// document, or when each line is JSON (concatenated Firehose records split at
/// `}{"messageType"`) or `<ISO time> <message>`.
struct MinimalExportReader {
    struct FileReport {
        var path: String
        var goodLines = 0
        var badLines: [Int] = []
        var truncatedGzip = false
        var empty = false
        /// Parsed JSON objects (one per line, or the whole document).
        var objects: [[String: Any]] = []
        var textLines: [String] = []
    }

    static func skipped(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return name.hasPrefix(".") || path.split(separator: "/").contains { $0.hasPrefix(".") } || name.hasSuffix(".sqlite")
    }

    static func read(_ url: URL, path: String) throws -> FileReport {
        var report = FileReport(path: path)
        var data = try Data(contentsOf: url)
        if data.isEmpty { report.empty = true; return report }
        if data.count >= 2, data[0] == 0x1F, data[1] == 0x8B {
            let (output, ok) = gunzip(url)
            data = output
            report.truncatedGzip = !ok
        }
        if let whole = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            report.objects = [whole]
            report.goodLines = 1
            return report
        }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (n, raw) in lines.enumerated() {
            var line = Data(raw)
            if line.last == 0x0D { line.removeLast() }
            if line.count > 1_048_576 { report.badLines.append(n + 1); continue }
            if let objects = jsonObjects(line) {
                report.objects += objects
                report.goodLines += 1
            } else if let text = String(data: line, encoding: .utf8), isTimestampedText(text) {
                report.textLines.append(text)
                report.goodLines += 1
            } else {
                report.badLines.append(n + 1)
            }
        }
        return report
    }

    private static func jsonObjects(_ line: Data) -> [[String: Any]]? {
        if let one = try? JSONSerialization.jsonObject(with: line) as? [String: Any] { return [one] }
        guard let text = String(data: line, encoding: .utf8), text.contains("}{\"messageType\"") else { return nil }
        let parts = text.components(separatedBy: "}{\"messageType\"")
        var objects: [[String: Any]] = []
        for (i, part) in parts.enumerated() {
            let piece = (i == 0 ? "" : "{\"messageType\"") + part + (i == parts.count - 1 ? "" : "}")
            guard let object = try? JSONSerialization.jsonObject(with: Data(piece.utf8)) as? [String: Any] else { return nil }
            objects.append(object)
        }
        return objects
    }

    private static func isTimestampedText(_ text: String) -> Bool {
        guard let space = text.firstIndex(of: " ") else { return false }
        let stamp = text[..<space]
        return stamp.count >= 20 && stamp.hasSuffix("Z") && stamp.dropFirst(4).first == "-" && stamp.dropFirst(10).first == "T"
    }

    private static func gunzip(_ url: URL) -> (Data, Bool) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", url.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return (Data(), false) }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (data, process.terminationStatus == 0)
    }
}
