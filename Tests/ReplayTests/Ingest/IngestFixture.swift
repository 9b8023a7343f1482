import Foundation
import GRDB
@testable import Replay

/// A throwaway database plus paths into `Tests/ReplayTests/Fixtures`.
struct IngestFixture {
    let folder: URL
    let database: ReplayDatabase

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { fixtures.appendingPathComponent(relative).path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try ReplayDatabase(path: folder.appendingPathComponent("t.sqlite").path)
    }

    func ingest(_ relative: [String], options: IngestOptions = IngestOptions()) throws -> IngestSummary {
        try Ingestor(database: database, options: options).ingest(relative.map(IngestFixture.path))
    }

    func count(_ sql: String) throws -> Int {
        try database.queue.read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    /// Every stored event's dedup key, sorted: equal sets mean equal content.
    func storedKeys() throws -> [Int64] {
        try database.queue.read { try Int64.fetchAll($0, sql: "SELECT content_key FROM event ORDER BY content_key") }
    }

    /// Every stored event as text, sorted by key: every column but where it was first read
    /// (`id`, `file_id`, `line`), which is the first copy's by design.
    func storedRows() throws -> [String] {
        try database.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT content_key, event_id, log_group, log_stream, at_ms, kind, task_id, level, text, message
                FROM event ORDER BY content_key
                """).map(\.description)
        }
    }

    /// Problems as printed, with the fixture folder prefix removed.
    static func messages(_ summary: IngestSummary) -> [String] {
        summary.problems.map { $0.description.replacingOccurrences(of: fixtures.path + "/", with: "") }
    }
}
