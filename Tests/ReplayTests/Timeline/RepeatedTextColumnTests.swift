import GRDB
import Testing
@testable import Replay

/// Text read through `RepeatedTextColumn` is the text GRDB reads, however often values repeat.
@Suite struct RepeatedTextColumnTests {
    @Test func everyValueIsTheOneGRDBReadsWhetherNewOrRepeated() throws {
        let queue = try DatabaseQueue()
        let values: [String?] = ["health", "/graphql", nil, "health", "", "état", "health", "/graphql", nil, ""]
            + (0..<20).map { "value \($0 % 11)" } + ["health", "état"]
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
            for value in values { try db.execute(sql: "INSERT INTO t (v) VALUES (?)", arguments: [value]) }
            // Bytes that are not UTF-8, and text with a NUL in it: GRDB repairs the first and stops at the NUL.
            try db.execute(sql: "INSERT INTO t (v) VALUES (CAST(X'66FF6F' AS TEXT)), (CAST(X'610062' AS TEXT)), (CAST(X'66FF6F' AS TEXT))")
        }
        try queue.read { db in
            let expected = try String?.fetchAll(db, sql: "SELECT v FROM t ORDER BY id")
            #expect(expected.count == values.count + 3)
            let statement = try db.makeStatement(sql: "SELECT id, v FROM t ORDER BY id")
            let rows = try Row.fetchCursor(statement)
            var column = RepeatedTextColumn(1)
            var read: [String?] = []
            while try rows.next() != nil { read.append(column.read(statement.sqliteStatement)) }
            #expect(read == expected)
            #expect(read.suffix(3) == ["f\u{FFFD}o", "a", "f\u{FFFD}o"])
        }
    }
}
