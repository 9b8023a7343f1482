import GRDB

/// The secondary indexes a big load drops first and builds again at its end.
///
/// Each of these is kept up to date row by row during an ingest, a B-tree descent
/// per stored event, yet is only read by the analysis afterwards. SQLite builds an
/// index from a sort much faster than by that many inserts, so a load large enough
/// to matter (`shouldDefer`) drops them first and `restore` builds them again.
/// The unique indexes (`event_time_key`, `event_event_id`) are never dropped:
/// dedup depends on them while the load runs.
///
/// A run killed between the two leaves them missing, which only slows queries
/// until the next ingest: every ingest restores missing ones before it starts.
enum DeferredIndexes {
    /// Name and what it indexes, exactly as the migrations create them (a test compares the two).
    static let all: [(name: String, on: String)] = [
        ("event_task_time", "event(task_id, at_ms) WHERE task_id IS NOT NULL"),
        ("task_state_change_task", "task_state_change(task_id, time_ms)"),
        ("probe_result_time", "probe_result(at_ms)"),
    ]

    /// Compressed input bytes per stored event assumed when deciding to defer (the benchmark
    /// corpus has one stored event per 670 bytes of gzip; plain text has fewer per byte).
    static let inputBytesPerStoredEvent: Int64 = 1024

    /// True when a load of `inputBytes` is expected to store more events than the database
    /// already holds: rebuilding costs a sort of the whole table, which pays only then.
    static func shouldDefer(inputBytes: Int64, _ db: Database) throws -> Bool {
        shouldDefer(inputBytes: inputBytes, storedEvents: try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM event") ?? 0)
    }

    /// Below 10 000 expected events the indexes are kept: dropping and building them costs more than it saves.
    static func shouldDefer(inputBytes: Int64, storedEvents: Int64) -> Bool {
        inputBytes / inputBytesPerStoredEvent > max(storedEvents, 10_000)
    }

    static func drop(_ db: Database) throws {
        for index in all { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
    }

    /// Builds every index that is missing; nothing when all exist.
    static func restore(_ db: Database) throws {
        for index in all {
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS \(index.name) ON \(index.on)")
        }
    }
}
