import Foundation
import Replay
import Testing
@testable import Simulation

/// Reads every written file with `MinimalExportReader`, which shares no code with the simulator or `Replay`.
@Suite struct ExportFilesTests {
    static let cleanScenarios = ["reference", "oom-leak", "pool-exhaustion", "quiet"]

    func reports(_ name: String) throws -> [MinimalExportReader.FileReport] {
        let output = try ScenarioOutput.shared(name)
        return try output.relativePaths.filter { $0.hasPrefix("logs/") && !MinimalExportReader.skipped($0) }.map {
            try MinimalExportReader.read(output.directory.appendingPathComponent($0), path: $0)
        }
    }

    @Test(arguments: cleanScenarios)
    func everyFileOfACleanScenarioReadsWithoutABadLine(_ name: String) throws {
        for report in try reports(name) {
            #expect(report.badLines.isEmpty, "\(name): \(report.path) bad lines \(report.badLines.prefix(5))")
            #expect(!report.truncatedGzip, "\(name): \(report.path) truncated")
            #expect(!report.empty, "\(name): \(report.path) empty")
            #expect(report.goodLines > 0)
        }
    }

    @Test func theMessyExportIsDamagedOnlyWhereItMeansToBe() throws {
        let all = try reports("messy-export")
        let damaged = all.filter { !$0.badLines.isEmpty || $0.truncatedGzip || $0.empty }.map(\.path)
        #expect(Set(damaged) == [
            "logs/cloudwatch/manual-extract.jsonl", "logs/cloudwatch/empty.jsonl",
            "logs/s3-export/aws-logs-write-test",
            damaged.first { $0.hasPrefix("logs/partial-download/") } ?? "a truncated copy",
        ])
        let extract = try #require(all.first { $0.path.hasSuffix("manual-extract.jsonl") })
        #expect(extract.badLines.count == 3)
        let output = try ScenarioOutput.shared("messy-export")
        #expect(output.relativePaths.contains("logs/replay.sqlite"))
        #expect(output.relativePaths.contains { $0.hasPrefix("logs/") && ($0 as NSString).lastPathComponent.hasPrefix(".") })
    }

    @Test func theMessyExportUsesAllFourShapesWithOverlaps() throws {
        let all = try reports("messy-export")
        let messages = all.flatMap(ExportFilesTests.messages)
        #expect(all.contains { $0.path.hasSuffix(".jsonl.gz") })
        #expect(all.contains { $0.path.hasPrefix("logs/firehose/") && !$0.path.hasSuffix(".gz") })
        #expect(all.contains { $0.path.hasSuffix(".json") })
        #expect(all.contains { $0.path.hasSuffix("/000000.gz") && $0.path.contains("/ecs/app/") })
        let distinct = Set(messages.map { "\($0.stream ?? "-")|\($0.message)" })
        #expect(messages.count > distinct.count, "some events must appear twice")
    }

    @Test(arguments: Simulator.scenarioNames)
    func theCrashesInTruthAreTheStopsNobodyAskedForInTheWrittenEvents(_ name: String) throws {
        let truth = try ScenarioOutput.shared(name).summary.truth
        var unrequested = Set<String>()
        for (_, message) in try reports(name).flatMap(ExportFilesTests.messages).map({ ($0.stream, $0.message) }) {
            guard message.contains("\"ECS Task State Change\""),
                  let event = try? JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any],
                  let detail = event["detail"] as? [String: Any], detail["lastStatus"] as? String == "STOPPED" else { continue }
            let reason = detail["stoppedReason"] as? String ?? ""
            let requested = reason.hasPrefix("Scaling activity initiated by") || detail["stopCode"] as? String == "UserInitiated"
            if !requested { unrequested.insert(String((detail["taskArn"] as! String).split(separator: "/").last!)) }
        }
        #expect(unrequested == Set(truth.crashes.map(\.task)))
    }

    /// Every (stream, message) a report holds, whatever the shape.
    static func messages(_ report: MinimalExportReader.FileReport) -> [(stream: String?, message: String)] {
        var found: [(String?, String)] = []
        for object in report.objects {
            if let events = object["logEvents"] as? [[String: Any]] {
                let stream = object["logStream"] as? String
                found += events.compactMap { e in (e["message"] as? String).map { (stream, $0) } }
            } else if let events = object["events"] as? [[String: Any]] {
                found += events.compactMap { e in (e["message"] as? String).map { (e["logStreamName"] as? String, $0) } }
            } else if let message = object["message"] as? String {
                found.append(((object["logStream"] ?? object["logStreamName"]) as? String, message))
            }
        }
        for line in report.textLines {
            let message = line[line.index(after: line.firstIndex(of: " ")!)...]
            found.append((nil, String(message)))
        }
        return found
    }
}
