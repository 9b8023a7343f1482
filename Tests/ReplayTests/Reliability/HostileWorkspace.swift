import Foundation
import GRDB
@testable import Replay

/// A throwaway folder of hostile files and a database, for tests that write their own input.
///
/// Hostile inputs are built in code rather than kept as fixtures: most are large
/// (bombs, multi-MB lines, 100000-deep JSON) or not files at all (FIFOs, symlink loops).
/// Every valid event carries a unique marker `hidden-N`, kept because it is an ERROR line.
struct HostileWorkspace {
    let folder: URL
    let database: ReplayDatabase
    private static let counter = Counter()

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try ReplayDatabase(path: folder.appendingPathComponent("db/t.sqlite").path)
    }

    var input: String { folder.appendingPathComponent("in").path }

    /// Writes `bytes` to `in/<name>`, creating folders.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent("in").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    func ingest(_ paths: [String]? = nil, options: IngestOptions = IngestOptions()) throws -> IngestSummary {
        try Ingestor(database: database, options: options).ingest(paths ?? [input])
    }

    /// Makes writes fail with SQLITE_FULL, as on a full disk, once the file grows `pages` past its size now.
    func fillDisk(after pages: Int) throws {
        let now = try database.queue.read { try Int.fetchOne($0, sql: "PRAGMA page_count") ?? 0 }
        try database.queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = \(now + pages)") }
    }

    /// Undoes `fillDisk`.
    func freeDisk() throws {
        try database.queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = 1073741823") }
    }

    func count(_ sql: String) throws -> Int {
        try database.queue.read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    /// The markers of every stored event, sorted.
    func foundMarkers() throws -> [String] {
        let messages = try database.queue.read { try String.fetchAll($0, sql: "SELECT message FROM event WHERE message LIKE '%hidden-%'") }
        return messages.compactMap { m in
            m.range(of: #"hidden-\d+"#, options: .regularExpression).map { String(m[$0]) }
        }.sorted()
    }

    /// A valid shape A line with a fresh marker; returns the line (with its newline) and the marker.
    static func validLine() -> (bytes: [UInt8], marker: String) {
        let n = counter.next()
        let marker = "hidden-\(n)"
        let line = #"{"timestamp":\#(1_774_184_000_000 + Int64(n) * 1000),"logGroup":"/ecs/hostile","logStream":"ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c","message":"ERROR \#(marker) request failed"}"# + "\n"
        return (Array(line.utf8), marker)
    }

    /// `count` valid lines and their markers.
    static func validLines(_ count: Int) -> (bytes: [UInt8], markers: [String]) {
        var bytes: [UInt8] = [], markers: [String] = []
        for _ in 0..<count {
            let (b, m) = validLine()
            bytes += b
            markers.append(m)
        }
        return (bytes, markers)
    }

    /// `bytes` gzipped by the system `gzip` (the test target does not link zlib), or nil when it is missing.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8]? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/gzip") || FileManager.default.isExecutableFile(atPath: "/bin/gzip") else { return nil }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("replay-gz-\(UUID().uuidString)")
        try Data(bytes).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FileManager.default.isExecutableFile(atPath: "/usr/bin/gzip") ? "/usr/bin/gzip" : "/bin/gzip")
        process.arguments = ["-c", "-n", "-9", input.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? Array(data) : nil
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
    }
}
