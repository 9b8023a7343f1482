#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
/// a C string, so up to a first NUL; nil as NULL; Bool as 0/1), then steps and
/// resets. Only the writer runs these SQL texts, so GRDB never finds its cached
/// statement in a state it did not leave it in.
///
/// Text is copied into the statement's own `TextArena` and bound with its length as
/// `SQLITE_STATIC`: SQLite's copy of a transient bind (a `strlen`, a `malloc`, a copy,
/// a `free` at reset) was a fifth of the instructions SQLite spent per stored event.
/// The arena is emptied after each `execute`, once SQLite no longer reads the bytes,
/// and the bindings cleared with it, so no binding ever points at emptied bytes.
///
/// Bind every parameter (1-based) before each `execute`.
struct BoundStatement {
    private let sql: String
    private let handle: OpaquePointer
    private let arena = TextArena()

    /// SQLite reads the bytes in place until the statement is reset (`SQLITE_STATIC`, a macro Swift does not import).
    private static let borrowed = unsafeBitCast(0, to: sqlite3_destructor_type.self)

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
        let count = value.utf8.count
        let bytes = arena.reserve(count)
        if value.utf8.withContiguousStorageIfAvailable({ UnsafeMutableRawPointer(bytes).copyMemory(from: $0.baseAddress!, byteCount: count) }) == nil {
            _ = UnsafeMutableBufferPointer(start: bytes, count: count).initialize(from: value.utf8)
        }
        // Up to a first NUL, as GRDB binds text (a C string).
        let length = memchr(bytes, 0, count).map { $0.assumingMemoryBound(to: UInt8.self) - bytes } ?? count
        sqlite3_bind_text(handle, index, UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self), Int32(length), BoundStatement.borrowed)
    }

    /// Runs the statement with the values bound; returns the number of rows it changed.
    @discardableResult
    func execute(_ db: Database) throws -> Int {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        arena.empty()
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

/// Bytes that stay where they are until `empty`: text bound to a statement is read in place
/// by SQLite when it steps, so growing must not move what was bound before.
final class TextArena {
    private var chunk: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var used = 0
    /// Chunks outgrown since the last `empty`: bindings may still point into them.
    private var outgrown: [UnsafeMutablePointer<UInt8>] = []

    init(capacity: Int = 1 << 14) {
        self.capacity = capacity
        chunk = .allocate(capacity: capacity)
    }

    deinit {
        chunk.deallocate()
        for old in outgrown { old.deallocate() }
    }

    /// Room for `count` bytes (`count` may be 0), valid until `empty`.
    func reserve(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        if used + count > capacity {
            outgrown.append(chunk)
            capacity = max(capacity * 2, count)
            chunk = .allocate(capacity: capacity)
            used = 0
        }
        defer { used += count }
        return chunk + used
    }

    /// Makes every byte reusable; whatever was reserved before must no longer be read.
    func empty() {
        used = 0
        for old in outgrown { old.deallocate() }
        outgrown.removeAll(keepingCapacity: true)
    }
}
