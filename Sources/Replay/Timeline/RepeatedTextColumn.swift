import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Reads one text column whose values repeat from row to row, handing back the String
/// already made for the same bytes instead of making a new one.
///
/// The probes are tens of thousands of rows with a handful of distinct check names, URLs,
/// paths and versions; decoding each value into a new String (GRDB validates the UTF-8 and
/// allocates for anything longer than 15 bytes) was a quarter of loading the timeline, and
/// every copy was freed again at the end. The last `capacity` distinct values are kept
/// with their bytes, and a value is reused only when its bytes are equal, so the Strings
/// are the ones GRDB would make: the text up to the first NUL, invalid UTF-8 repaired.
struct RepeatedTextColumn {
    private let index: Int32
    private var known: [(bytes: [UInt8], text: String)] = []
    private var nextSlot = 0
    static let capacity = 8

    /// Column `index` (0-based) of the statement's result rows.
    init(_ index: Int32) { self.index = index }

    /// The value in the current row of `statement`, nil for NULL (for which SQLite gives no text pointer).
    mutating func read(_ statement: SQLiteStatement) -> String? {
        guard let pointer = sqlite3_column_text(statement, index) else { return nil }
        let bytes = UnsafeBufferPointer(start: pointer, count: strlen(pointer))
        for entry in known where entry.bytes.count == bytes.count {
            if entry.bytes.withUnsafeBufferPointer({ $0.isEmpty || memcmp($0.baseAddress!, pointer, $0.count) == 0 }) {
                return entry.text
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if known.count < Self.capacity {
            known.append((Array(bytes), text))
        } else {
            known[nextSlot] = (Array(bytes), text)
            nextSlot = (nextSlot + 1) % Self.capacity
        }
        return text
    }
}
