import GRDB

/// The database schema as named, append-only migrations.
///
/// A migration is never edited once shipped (GRDB's migration guide): change the
/// schema by appending a new one. Dedup is enforced by unique indexes, so an
/// ingest that runs twice, or two that overlap, cannot store an event twice.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: events, typed messages, files") { db in
            try db.execute(sql: """
                CREATE TABLE ingested_file (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    content_hash INTEGER NOT NULL,
                    state TEXT NOT NULL,            -- reading | complete
                    lines_done INTEGER NOT NULL DEFAULT 0,
                    events INTEGER NOT NULL DEFAULT 0,
                    duplicates INTEGER NOT NULL DEFAULT 0,
                    rejected_lines INTEGER NOT NULL DEFAULT 0,
                    first_ms INTEGER,
                    last_ms INTEGER,
                    updated_at TEXT NOT NULL
                );
                CREATE UNIQUE INDEX ingested_file_content ON ingested_file(content_hash, size);

                CREATE TABLE event (
                    id INTEGER PRIMARY KEY,
                    content_key INTEGER NOT NULL,   -- StableHash of stream, timestamp, message
                    event_id TEXT,
                    log_group TEXT,
                    log_stream TEXT,
                    at_ms INTEGER NOT NULL,
                    kind TEXT NOT NULL,             -- task_state | service | probe | app
                    task_id TEXT,
                    level TEXT,
                    text TEXT NOT NULL,
                    message TEXT NOT NULL,
                    file_id INTEGER,
                    line INTEGER
                );
                CREATE UNIQUE INDEX event_content_key ON event(content_key);
                CREATE UNIQUE INDEX event_event_id ON event(event_id) WHERE event_id IS NOT NULL;
                CREATE INDEX event_task_time ON event(task_id, at_ms);
                CREATE INDEX event_kind_time ON event(kind, at_ms);

                CREATE TABLE task_state_change (
                    event_rowid INTEGER PRIMARY KEY REFERENCES event(id),
                    task_id TEXT NOT NULL,
                    task_definition TEXT,
                    task_group TEXT,
                    started_by TEXT,
                    last_status TEXT,
                    desired_status TEXT,
                    health_status TEXT,
                    created_at_ms INTEGER,
                    started_at_ms INTEGER,
                    stopping_at_ms INTEGER,
                    stopped_at_ms INTEGER,
                    stop_code TEXT,
                    stopped_reason TEXT,
                    containers_json TEXT NOT NULL,
                    time_ms INTEGER NOT NULL,
                    sequence INTEGER
                );
                CREATE INDEX task_state_change_task ON task_state_change(task_id, time_ms);

                CREATE TABLE service_event (
                    event_rowid INTEGER PRIMARY KEY REFERENCES event(id),
                    detail_type TEXT NOT NULL,
                    event_name TEXT,
                    event_type TEXT,
                    deployment_id TEXT,
                    reason TEXT,
                    service TEXT,
                    at_ms INTEGER NOT NULL
                );

                CREATE TABLE probe_result (
                    event_rowid INTEGER PRIMARY KEY REFERENCES event(id),
                    check_name TEXT NOT NULL,
                    url TEXT,
                    path TEXT,
                    status INTEGER NOT NULL,
                    latency_ms REAL,
                    error TEXT,
                    version TEXT,
                    at_ms INTEGER NOT NULL
                );
                CREATE INDEX probe_result_time ON probe_result(at_ms);

                CREATE TABLE task_configuration (
                    event_rowid INTEGER PRIMARY KEY REFERENCES event(id),
                    task_id TEXT,
                    at_ms INTEGER NOT NULL,
                    environment TEXT,
                    version TEXT,
                    playground INTEGER
                );

                CREATE TABLE gauge (
                    event_rowid INTEGER PRIMARY KEY REFERENCES event(id),
                    task_id TEXT,
                    at_ms INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    fields_json TEXT NOT NULL
                );
                CREATE INDEX gauge_task_time ON gauge(task_id, at_ms);

                -- Routine lines are counted, not stored; their stream's first and last times
                -- still tell when a task was alive (used when ECS events are missing).
                CREATE TABLE stream_activity (
                    log_stream TEXT PRIMARY KEY,
                    log_group TEXT,
                    task_id TEXT,
                    first_ms INTEGER NOT NULL,
                    last_ms INTEGER NOT NULL,
                    routine_lines INTEGER NOT NULL DEFAULT 0
                );
                """)
        }
        migrator.registerMigration("v2: crash verdicts of the last analysis") { db in
            // `replay explain` prints what the last analysis stored; it never recomputes.
            try db.execute(sql: """
                CREATE TABLE crash_verdict (
                    crash_id TEXT PRIMARY KEY,       -- C1, C2, ... as in the last report and JSON
                    task_id TEXT NOT NULL,
                    at_ms INTEGER NOT NULL,
                    analysed_at TEXT NOT NULL,
                    window_start_ms INTEGER,
                    window_end_ms INTEGER,
                    crash_json TEXT NOT NULL,        -- the crash as in the incidents JSON
                    attribution_json TEXT NOT NULL   -- cause, mechanism, rule, evidence, ruled out
                );
                """)
        }
        migrator.registerMigration("v3: only the indexes the analysis reads") { db in
            // `event_kind_time` only served the data span, now taken from the files' spans
            // (`TimelineSource.dataSpan`). `event_task_time` is read only for one task's lines
            // (`SignalCollector`), so rows of no task (probes: 40% of the benchmark's) leave it.
            // Both are rebuilt after every big load, on one core while nothing else runs:
            // 0.13 s of the 1 GB benchmark's end, 0.07 s less without these rows.
            try db.execute(sql: """
                DROP INDEX IF EXISTS event_kind_time;
                DROP INDEX IF EXISTS event_task_time;
                CREATE INDEX event_task_time ON event(task_id, at_ms) WHERE task_id IS NOT NULL;
                """)
        }
        migrator.registerMigration("v4: the dedup key indexed after the event's time") { db in
            // `content_key` is a hash: each stored event went to a random leaf of its unique index,
            // so a load shifted half a page and dirtied leaves all over the index for every event,
            // and each commit wrote most of them to the WAL again. Led by the event's time, the
            // index grows where the events are (a file's events come in time order): the 1 GB
            // benchmark's ingest took 0.15 core-seconds less. The same events are one: copies
            // share the stream, millisecond and text, and `at_ms` is read from those.
            try db.execute(sql: """
                DROP INDEX IF EXISTS event_content_key;
                CREATE UNIQUE INDEX event_time_key ON event(at_ms, content_key);
                """)
        }
        migrator.registerMigration("v5: gauges read from their events") { db in
            // A gauge line (memory, connection pool) is stored as an event like any kept line;
            // its fields were stored a second time as a `gauge` row, which only the analysis of
            // a crash's window read. It now reads them from those events' messages
            // (`SignalCollector`), so an ingest no longer writes the row nor builds its index:
            // 60 000 rows and 0.02 s of single-core index build on the 1 GB benchmark.
            try db.execute(sql: """
                DROP INDEX IF EXISTS gauge_task_time;
                DROP TABLE IF EXISTS gauge;
                """)
        }
        return migrator
    }
}
