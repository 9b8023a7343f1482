import Foundation
import Testing
@testable import Replay
#if canImport(Glibc)
import Glibc
#endif

/// Things in the input folders that are not log files: FIFOs, sockets, devices, symlink loops.
///
/// A FIFO with no writer blocks a reader forever, and a symlink to `.`, `..` or `/`
/// would make a walk re-read the input or the whole disk. Each is reported by path
/// and skipped; every ingest here must end within a few seconds.
@Suite struct SpecialFileTests {
    /// Runs `body` on its own thread; nil when it did not finish within `seconds` (a hang).
    static func within<T>(_ seconds: Double, _ body: @escaping () throws -> T) -> Result<T, Error>? {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Thread {
            box.result = Result { try body() }
            done.signal()
        }.start()
        return done.wait(timeout: .now() + seconds) == .success ? box.result : nil
    }

    final class ResultBox<T>: @unchecked Sendable { var result: Result<T, Error>? }

    @Test func aFIFONamedLikeALogFileIsReportedWithoutBlocking() throws {
        let w = try HostileWorkspace()
        let (lines, markers) = HostileWorkspace.validLines(2)
        try w.write("ok.jsonl", lines)
        let fifo = w.input + "/stream.jsonl"
        #expect(mkfifo(fifo, 0o644) == 0)
        let walked = Self.within(10) { try w.ingest() }
        let explicit = Self.within(10) { try w.ingest([fifo]) }
        let s = try #require(try walked?.get(), "ingesting a folder holding a FIFO hung")
        #expect(s.problems.map(\.description) == ["\(fifo): unreadable (not a regular file (a FIFO, socket or device); skipped)"])
        #expect(try explicit?.get().problems.first?.kind == .unreadable, "naming the FIFO hung")
        #expect(try w.foundMarkers() == markers.sorted())
    }

    @Test func directorySymlinkLoopsAreReportedAndNotFollowed() throws {
        let w = try HostileWorkspace()
        let (lines, markers) = HostileWorkspace.validLines(2)
        try w.write("deeper/inside.jsonl", lines)
        let deeper = w.input + "/deeper"
        for (name, target) in [("self", "."), ("up", ".."), ("escape", "../../.."), ("root", "/"), ("cycle-a", "cycle-b"), ("cycle-b", "cycle-a")] {
            #expect(symlink(target, deeper + "/" + name) == 0)
        }
        let s = try #require(try Self.within(20) { try w.ingest() }?.get(), "walking symlink loops hung")
        #expect(s.files == 1)
        #expect(s.problems.count == 6)
        #expect(s.problems.allSatisfy { $0.kind == .unreadable && $0.detail.contains("symlink loop") }, "\(s.problems)")
        #expect(try w.foundMarkers() == markers.sorted())
    }

    @Test func aSymlinkToAFolderElsewhereIsFollowedOnce() throws {
        let w = try HostileWorkspace()
        let (lines, markers) = HostileWorkspace.validLines(2)
        let elsewhere = w.folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data(lines).write(to: elsewhere.appendingPathComponent("a.jsonl"))
        try w.write("own.jsonl", [])
        #expect(symlink(elsewhere.path, w.input + "/today") == 0)
        #expect(symlink(elsewhere.path, w.input + "/again") == 0)
        let s = try w.ingest()
        #expect(s.files == 2)  // own.jsonl (empty) and one of the two routes to a.jsonl
        #expect(try w.foundMarkers() == markers.sorted())
    }

    @Test func devicesAndSocketsAreReportedNotRead() throws {
        let w = try HostileWorkspace()
        try w.write("ok.jsonl", HostileWorkspace.validLines(1).bytes)
        #expect(symlink("/dev/zero", w.input + "/zero.jsonl") == 0)
        #expect(symlink("/dev/urandom", w.input + "/urandom.log.gz") == 0)
        let s = try #require(try Self.within(10) { try w.ingest() }?.get(), "reading a device hung")
        #expect(s.problems.count == 2)
        #expect(s.problems.allSatisfy { $0.detail.contains("not a regular file") })
    }
}
