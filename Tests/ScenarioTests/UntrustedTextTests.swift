import Analytics
import Foundation
import Replay
import Testing

/// Log text is untrusted: planted secrets never leave the tool, and HTML/Markdown in logs stays inert
/// in the report, the JSON and the terminal timeline.
@Suite struct UntrustedTextTests {
    static let secrets = ["hunter2", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                          "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                          "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "s3cr3t-Pa55"]

    /// One task: starts in development with a connection string, logs injection attempts, panics, is stopped.
    static func logs() -> String {
        let task = "4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c"
        let stream = "ecs/app/\(task)"
        func event(_ ms: Int64, _ group: String, _ stream: String, _ message: String) -> String {
            let object: [String: Any] = ["timestamp": ms, "logGroup": group, "logStream": stream, "message": message]
            return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        func ecs(_ status: String, health: String, time: String, extra: [String: Any] = [:]) -> String {
            var detail: [String: Any] = [
                "taskArn": "arn:aws:ecs:us-east-1:123456789012:task/prod/\(task)",
                "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/merxex-exchange:14",
                "group": "service:merxex-exchange", "lastStatus": status, "desiredStatus": status == "STOPPED" ? "STOPPED" : "RUNNING",
                "healthStatus": health, "startedAt": "2026-03-22T10:00:00Z", "containers": [["name": "app", "lastStatus": status]],
            ]
            detail.merge(extra) { $1 }
            let e: [String: Any] = ["detail-type": "ECS Task State Change", "source": "aws.ecs", "time": time, "detail": detail]
            return String(decoding: try! JSONSerialization.data(withJSONObject: e, options: [.sortedKeys]), as: UTF8.self)
        }
        let t0: Int64 = 1_774_173_600_000  // 2026-03-22T10:00:00Z
        let lines = [
            event(t0, "/aws/events/ecs", "e1", ecs("RUNNING", health: "UNKNOWN", time: "2026-03-22T10:00:00Z")),
            event(t0 + 30_000, "/aws/events/ecs", "e2", ecs("RUNNING", health: "HEALTHY", time: "2026-03-22T10:00:30Z")),
            event(t0 + 1_000, "/ecs/merxex-exchange", stream,
                  #"{"level":"INFO","fields":{"message":"starting merxex-exchange <script>alert(1)</script>","version":"0.1.0","environment":"development","graphql_playground":true,"database_url":"postgres://app:hunter2@db.internal:5432/exchange"}}"#),
            event(t0 + 3_000_000, "/ecs/merxex-exchange", stream,
                  #"{"level":"ERROR","fields":{"message":"upstream rejected [click](javascript:alert(1)) ![x](http://evil/x.png) | AKIAIOSFODNN7EXAMPLE aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}}"#),
            event(t0 + 3_500_000, "/ecs/merxex-exchange", stream, "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U token ghp_16C7e42F292c6912E7710c838347Ae178B4a"),
            event(t0 + 3_590_000, "/ecs/merxex-exchange", stream, "thread 'main' panicked at src/pay.rs:9:5:"),
            event(t0 + 3_590_001, "/ecs/merxex-exchange", stream, "stripe key sk_live_4eC39HqLyjWDarjtT1zdp7dc rejected <img src=x onerror=alert(1)> password=s3cr3t-Pa55"),
            event(t0 + 3_600_000, "/aws/events/ecs", "e3", ecs("STOPPED", health: "UNHEALTHY", time: "2026-03-22T11:00:00Z", extra: [
                "stoppedAt": "2026-03-22T11:00:00Z", "stopCode": "EssentialContainerExited",
                "stoppedReason": "Essential container in task exited <b>pwned</b> password=s3cr3t-Pa55",
                "containers": [["name": "app", "lastStatus": "STOPPED", "exitCode": 101, "reason": "panic: token=ghp_16C7e42F292c6912E7710c838347Ae178B4a"]],
            ])),
            event(t0 + 3_660_000, "/monitoring/heartbeat", "prober/us-east-1",
                  #"{"check":"graphql_exposure","url":"https://app:hunter2@exchange.example.com/graphql","status":200}"#),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func plantedSecretsAndInjectionNeverLeaveTheToolLive() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-untrusted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.logs().write(to: folder.appendingPathComponent("hostile.jsonl"), atomically: true, encoding: .utf8)
        let database = try ReplayDatabase(path: folder.appendingPathComponent("db.sqlite").path)
        let ingest = try Ingestor(database: database).ingest([folder.appendingPathComponent("hostile.jsonl").path])
        #expect(ingest.problems.isEmpty, "\(ingest.problems)")
        let configuration = try ReplayConfiguration.defaults()
        let analysis = try IncidentAnalysis.run(database: database, configuration: configuration, input: ingest,
                                                generatedAt: Timestamp(iso8601: "2026-04-01T00:00:00Z")!)
        #expect(analysis.document.crashes.count == 1)
        #expect(analysis.document.exposures.count == 1)
        let json = String(decoding: try JSONEncoder().encode(analysis.document), as: UTF8.self)
        let markdown = try PostmortemReport(document: analysis.document, settings: configuration.report).markdown()
        let terminal = TimelineText.lines(analysis.timeline).joined(separator: "\n")
        for (name, output) in [("JSON", json), ("report", markdown), ("terminal", terminal)] {
            for secret in Self.secrets { #expect(!output.contains(secret), "\(name) leaks \(secret)") }
        }
        // The evidence is there, redacted, not dropped.
        #expect(json.contains("[REDACTED:"))
        #expect(markdown.contains("[REDACTED:"))
        #expect(markdown.contains("script"))
        // Nothing renders live in the Markdown: every tag and link is inside a code span or escaped.
        for live in ["<script>", "<img ", "<b>", "](javascript:", "![x](http"] {
            #expect(!MarkdownOutside.codeSpans(markdown).contains(live), "live \(live) in the report")
        }
    }
}

/// The Markdown with code spans and fenced blocks removed: what a renderer would interpret.
enum MarkdownOutside {
    static func codeSpans(_ markdown: String) -> String {
        var out = ""
        var inFence = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inFence.toggle(); continue }
            if inFence { continue }
            var text = Substring(line)
            var kept = ""
            while let open = text.firstIndex(of: "`") {
                kept += text[..<open]
                let fence = text[open...].prefix { $0 == "`" }
                let after = text[open...].dropFirst(fence.count)
                guard let close = after.range(of: String(fence)) else { kept += text[open...]; text = ""; break }
                text = after[close.upperBound...]
            }
            out += kept + text + "\n"
        }
        return out
    }
}
