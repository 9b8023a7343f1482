import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `replay` binary killed with SIGKILL mid-ingest, and run twice at once, ends where a clean run ends.
///
/// The in-process tests cannot kill a process; these spawn `replay` from the
/// build folder next to the test bundle (`swift build --build-tests` builds it)
/// and are skipped with a message when it is not there. A smaller version of
/// `scripts/resume-check.py` (which runs more trials): the input is
/// samples/logs with its hourly application files joined into one gzip, ingested
/// with `--commit-seconds 0` (a commit per batch, not per second), so a kill can
/// land after the first of its two batches was committed.
@Suite(.serialized, .enabled(if: ReplayBinary.path != nil, "the replay binary is not next to the test bundle; run swift build first"))
struct ProcessKillTests {
    static var binary: String? { ReplayBinary.path }

    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples/logs")

    let work: URL
    let input: String

    init() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("replay-kill-\(UUID().uuidString)")
        let input = work.appendingPathComponent("input")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.samples, to: input)
        let app = input.appendingPathComponent("cloudwatch/ecs-merxex-exchange")
        var joined = Data()
        for day in try FileManager.default.contentsOfDirectory(atPath: app.path).sorted() {
            let folder = app.appendingPathComponent(day)
            for part in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where part.hasSuffix(".gz") {
                joined.append(try Data(contentsOf: folder.appendingPathComponent(part)))
            }
            try FileManager.default.removeItem(at: folder)
        }
        try joined.write(to: app.appendingPathComponent("all-days.jsonl.gz"))
        self.input = input.path
    }

    /// Runs `replay` with `arguments`; returns the exit status (negative: the signal) and standard error.
    @discardableResult
    func replay(_ arguments: [String], killAfter seconds: Double? = nil) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary!)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        if let seconds {
            Thread.sleep(forTimeInterval: seconds)
            kill(process.processIdentifier, SIGKILL)
        }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
        return (status, text)
    }

    func analyze(_ db: String, _ name: String, extra: [String] = []) throws -> (status: Int32, json: NSDictionary?) {
        let json = work.appendingPathComponent("\(name).json").path
        let result = try replay(["analyze", input, "--db", db, "--json", json, "--report", work.appendingPathComponent("\(name).md").path] + extra)
        return (result.status, Self.comparable(json))
    }

    /// The incidents JSON without what differs between runs by design (`generatedAt`, the run's own `input` counts).
    static func comparable(_ path: String) -> NSDictionary? {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        var document = object
        document["generatedAt"] = nil
        document["input"] = nil
        return document as NSDictionary
    }

    @Test func ingestKilledAtRandomMomentsThenRerunAnalysesLikeACleanRun() throws {
        let clean = try analyze(work.appendingPathComponent("clean.sqlite").path, "clean")
        #expect(clean.status == 0)
        let expected = try #require(clean.json)
        var rng = SeededGenerator(seed: 42)
        for trial in 0..<2 {
            let db = work.appendingPathComponent("kill-\(trial).sqlite").path
            for kill in 0..<2 {
                let status = try replay(["ingest", input, "--db", db, "--commit-seconds", "0"], killAfter: Double.random(in: 0.05...(1.5 / Double(kill + 1)), using: &rng)).status
                #expect(status == -SIGKILL || status == 0)
            }
            let rerun = try analyze(db, "kill-\(trial)")
            #expect(rerun.status == 0)
            #expect(rerun.json == expected, "trial \(trial): the analysis after SIGKILL differs from the clean one")
        }
    }

    @Test func twoRunsAtOnceEndCleanlyAndTheFinalAnalysisEqualsTheCleanOne() throws {
        let clean = try analyze(work.appendingPathComponent("clean.sqlite").path, "clean")
        let expected = try #require(clean.json)
        for (round, wait) in [["--wait", "0"], []].enumerated() {
            let db = work.appendingPathComponent("overlap-\(round).sqlite").path
            let results = ResultBox()
            let group = DispatchGroup()
            for k in 0..<2 {
                group.enter()
                Thread {
                    if k == 1 { Thread.sleep(forTimeInterval: 0.3) }  // the second starts while the first ingests
                    results.add((try? self.replay(["analyze", self.input, "--db", db, "--json", self.work.appendingPathComponent("o\(round)-\(k).json").path,
                                                   "--report", self.work.appendingPathComponent("o\(round)-\(k).md").path] + wait)) ?? (-1, ""))
                    group.leave()
                }.start()
            }
            group.wait()
            let statuses = results.all.map(\.status).sorted()
            if wait.isEmpty {
                #expect(statuses == [0, 0], "without --wait 0 the second run waits for the first")
            } else {
                #expect(statuses == [0, 1] || statuses == [0, 0])
                #expect(results.all.filter { $0.status == 1 }.allSatisfy { $0.stderr.contains("another replay run (pid ") })
            }
            let final = try analyze(db, "overlap-\(round)-final")
            #expect(final.status == 0)
            #expect(final.json == expected, "round \(round): the analysis after two overlapping runs differs from the clean one")
        }
    }

    final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [(status: Int32, stderr: String)] = []
        func add(_ item: (status: Int32, stderr: String)) { lock.lock(); items.append(item); lock.unlock() }
        var all: [(status: Int32, stderr: String)] { lock.lock(); defer { lock.unlock() }; return items }
    }
}

/// Where the built `replay` executable is: beside the test bundle in the same build folder.
enum ReplayBinary {
    static let path: String? = {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("replay").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()
}
