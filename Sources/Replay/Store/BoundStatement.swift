import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// One of the writer's per-event INSERTs, bound with SQLite's C API on GRDB's prepared statement.
///
/// `Statement.execute(arguments:)` turns each argument into a `DatabaseValue`
/// existential, checks the array against the statement and nests a closure per
/// argument; for statements that run once per kept event that machinery cost
/// more than SQLite's own work (callgrind: ~16 000 instructions per event for the
/// `event` row alone). This binds the same values the same way GRDB does (text as
/// a C string, so up to a first NUL; nil as NULL; Bool as 0/1; bytes copied by
/// SQLite), then steps and resets. Only the writer runs these SQL texts, so GRDB
/// never finds its cached statement in a state it did not leave it in.
///
/// Bind every parameter (1-based) before each `execute`.
struct BoundStatement {
    private let sql: String
    private let handle: OpaquePointer

    /// SQLite copies the bytes before the bind call returns (`SQLITE_TRANSIENT`, a macro Swift does not import).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        self.sql = sql
        handle = try db.cachedStatement(sql: sql).sqliteStatement
        sqlite3_reset(handle)
    }

    @inline(__always) func bind(_ value: Int64?, at index: Int32) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    @inline(__always) func bind(_ value: Int?, at index: Int32) {
        bind(value.map(Int64.init), at: index)
    }

    @inline(__always) func bind(_ value: Bool?, at index: Int32) {
        bind(value.map { $0 ? Int64(1) : 0 }, at: index)
    }

    @inline(__always) func bind(_ value: Double?, at index: Int32) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    @inline(__always) func bind(_ value: String?, at index: Int32) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        _ = value.withCString { sqlite3_bind_text(handle, index, $0, -1, BoundStatement.transient) }
    }

    /// Runs the statement with the values bound; returns the number of rows it changed.
    @discardableResult
    func execute(_ db: Database) throws -> Int {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
        }
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    /// The rowid the last successful INSERT on this connection made (GRDB's accessor checks its queue first).
    func lastInsertedRowID(_ db: Database) -> Int64 {
        sqlite3_last_insert_rowid(db.sqliteConnection)
    }
}
