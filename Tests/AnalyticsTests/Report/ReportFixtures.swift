import Foundation
import Replay

/// Hand-built incidents documents for the report tests.
enum ReportFixtures {
    static func time(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    static let taskA = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
    static let taskB = "b2c3d4e5f60718293a4b5c6d7e8f90a1"
    static let taskC = "c3d4e5f60718293a4b5c6d7e8f90a1b2"
    static let taskD = "d4e5f60718293a4b5c6d7e8f90a1b2c3"
    static let taskE = "e5f60718293a4b5c6d7e8f90a1b2c3d4"
    static let staleTask1 = "f60718293a4b5c6d7e8f90a1b2c3d4e5"
    static let staleTask2 = "0718293a4b5c6d7e8f90a1b2c3d4e5f6"

    /// A small incident: 2 deployments, 5 crashes (C2–C4 a rapid-fire episode of 3),
    /// 2 outages, 2 exposures of which E2 is still open at the window's end.
    static var smallIncident: IncidentsDocument {
        var document = IncidentsDocument()
        document.generatedAt = time("2026-03-23T04:00:03Z")
        document.window = .init(start: time("2026-03-22T04:00:00Z"), end: time("2026-03-23T04:00:00Z"))
        document.input = .init(files: 3, events: 48_123, duplicates: 102, rejectedLines: 1)
        document.deployments = [
            .init(at: time("2026-03-22T04:34:00Z"), taskDefinition: "merxex-exchange:15", version: "0.2.0",
                  deploymentId: "ecs-svc/1111111111111111111"),
            .init(at: time("2026-03-22T18:00:00Z"), taskDefinition: "merxex-exchange:16", version: "0.2.1"),
        ]
        document.tasks = [
            .init(id: taskA, taskDefinition: "merxex-exchange:15", startedAt: time("2026-03-22T04:35:10Z"),
                  stoppedAt: time("2026-03-22T12:53:04Z"), environment: "production", version: "0.2.0", stale: false),
            .init(id: staleTask1, taskDefinition: "merxex-exchange:14", startedAt: time("2026-03-22T13:09:12Z"),
                  stoppedAt: time("2026-03-22T13:14:04Z"), environment: "development", version: "0.1.0", stale: true),
            .init(id: taskB, taskDefinition: "merxex-exchange:15", startedAt: time("2026-03-22T13:13:30Z"),
                  stoppedAt: time("2026-03-22T14:15:10Z"), environment: "production", version: "0.2.0", stale: false),
            .init(id: taskC, taskDefinition: "merxex-exchange:15", startedAt: time("2026-03-22T14:16:00Z"),
                  stoppedAt: time("2026-03-22T14:18:40Z"), environment: "production", version: "0.2.0", stale: false),
            .init(id: taskD, taskDefinition: "merxex-exchange:15", startedAt: time("2026-03-22T14:19:00Z"),
                  stoppedAt: time("2026-03-22T14:20:12Z"), environment: "production", version: "0.2.0", stale: false),
            .init(id: taskE, taskDefinition: "merxex-exchange:16", startedAt: time("2026-03-22T18:01:00Z"),
                  stoppedAt: time("2026-03-22T21:05:00Z"), environment: "production", version: "0.2.1", stale: false),
            .init(id: staleTask2, taskDefinition: "merxex-exchange:14", startedAt: time("2026-03-22T22:30:00Z"),
                  stoppedAt: nil, environment: "development", version: "0.1.0", stale: true),
        ]
        let ecs = "/aws/events/ecs", app = "/ecs/merxex-exchange"
        document.crashes = [
            .init(id: "C1", task: taskA, at: time("2026-03-22T12:53:04Z"), exitCode: 137,
                  stoppedReason: "Essential container in task exited", cause: .oom, mechanism: .oomKill, confidence: 0.95,
                  rule: "oom.ecs-reason", sinceDeploymentSeconds: 29_944,
                  evidence: [.init(at: time("2026-03-22T12:53:04Z"), logGroup: ecs, logStream: nil,
                                   text: "OutOfMemoryError: Container killed due to memory usage"),
                             .init(at: time("2026-03-22T12:52:58Z"), logGroup: app, logStream: "ecs/app/\(taskA)",
                                   text: "memory rss_mb=1019 limit_mb=1024")]),
            .init(id: "C2", task: taskB, at: time("2026-03-22T14:15:10Z"), exitCode: 101,
                  stoppedReason: "Essential container in task exited", cause: .connectionExhaustion, mechanism: .panic,
                  confidence: 0.9, rule: "pool.timeout-panic", sinceDeploymentSeconds: 34_870,
                  evidence: [.init(at: time("2026-03-22T14:15:09Z"), logGroup: app, logStream: "ecs/app/\(taskB)",
                                   text: "thread 'tokio-runtime-worker' panicked at 'called `Result::unwrap()` on an `Err` value: PoolTimedOut'")]),
            .init(id: "C3", task: taskC, at: time("2026-03-22T14:18:40Z"), exitCode: 101,
                  stoppedReason: "Essential container in task exited", cause: .connectionExhaustion, mechanism: .panic,
                  confidence: 0.9, rule: "pool.timeout-panic", sinceDeploymentSeconds: 35_080,
                  evidence: [.init(at: time("2026-03-22T14:18:39Z"), logGroup: app, logStream: nil,
                                   text: "sqlx: pool timed out while waiting for an open connection")]),
            .init(id: "C4", task: taskD, at: time("2026-03-22T14:20:12Z"), exitCode: 137,
                  stoppedReason: "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/merxex/abc)",
                  cause: .healthCheck, mechanism: .healthCheckKill, confidence: 0.7, rule: "health.elb",
                  sinceDeploymentSeconds: 35_172, evidence: []),
            .init(id: "C5", task: taskE, at: time("2026-03-22T21:05:00Z"), exitCode: 1,
                  stoppedReason: "Essential container in task exited", cause: .unknown, mechanism: .exit,
                  confidence: 0.3, sinceDeploymentSeconds: 11_100, evidence: nil),
        ]
        document.outages = [
            .init(id: "O1", start: time("2026-03-22T12:53:04Z"), end: time("2026-03-22T13:09:40Z"),
                  durationSeconds: 996, crashes: ["C1"]),
            .init(id: "O2", start: time("2026-03-22T14:15:10Z"), end: time("2026-03-22T15:23:10Z"),
                  durationSeconds: 4080, crashes: ["C2", "C3", "C4"]),
        ]
        document.exposures = [
            .init(id: "E1", start: time("2026-03-22T13:09:12Z"), end: time("2026-03-22T13:14:04Z"), durationSeconds: 292,
                  kind: .nonProductionConfig, tasks: [staleTask1],
                  evidence: [.init(at: time("2026-03-22T13:09:12Z"), logGroup: app, logStream: nil,
                                   text: "starting merxex-exchange 0.1.0 ENVIRONMENT=development graphql_playground=true")]),
            .init(id: "E2", start: time("2026-03-22T22:30:00Z"), end: nil, durationSeconds: nil,
                  kind: .nonProductionConfig, tasks: [staleTask2],
                  evidence: [.init(at: time("2026-03-22T22:35:00Z"), logGroup: "/probes", logStream: nil,
                                   text: "GET https://exchange.example.com/graphql -> 200 (GraphQL Playground)")]),
        ]
        document.metrics = .init(crashes: 5, outages: 2, exposures: 2, downtimeSeconds: 5076, exposureSeconds: 20_092,
                                 crashesPerHour: 5.0 / 24, crashesPerHourSinceDeployment: nil, mttrSeconds: 2538,
                                 mtbfSeconds: 7379, rollbackTrigger: .init(crashes: 15, withinHours: 48, metAt: nil))
        return document
    }

    /// A day in which nothing went wrong.
    static var quietDay: IncidentsDocument {
        var document = IncidentsDocument()
        document.generatedAt = time("2026-03-25T00:00:02Z")
        document.window = .init(start: time("2026-03-24T00:00:00Z"), end: time("2026-03-25T00:00:00Z"))
        document.input = .init(files: 1, events: 1_200, duplicates: 0, rejectedLines: 0)
        document.tasks = [
            .init(id: taskA, taskDefinition: "merxex-exchange:17", startedAt: time("2026-03-23T23:40:00Z"),
                  stoppedAt: nil, environment: "production", version: "0.2.2", stale: false),
        ]
        document.metrics = .init(crashes: 0, outages: 0, exposures: 0, downtimeSeconds: 0, exposureSeconds: 0,
                                 crashesPerHour: 0, crashesPerHourSinceDeployment: nil, mttrSeconds: nil,
                                 mtbfSeconds: nil, rollbackTrigger: .init(crashes: 15, withinHours: 48, metAt: nil))
        return document
    }

    /// Hostile text in every log-derived field, and secrets that must not reach the page.
    static let hostileTexts = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "![a](http://x/y.png)",
        "| pipes | in | cells |",
        "``` fenced ``` and `single` backticks",
        "# heading\n> quote\n- item\n\n<b>after a blank line</b>",
        "db url postgres://app:hunter2@db:5432/x",
        "key AKIAIOSFODNN7EXAMPLE",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc",
    ]

    static let plantedSecrets = ["hunter2", "AKIAIOSFODNN7EXAMPLE", "eyJhbGciOiJIUzI1NiJ9", "eyJzdWIiOiIxIn0"]

    static var injection: IncidentsDocument {
        var document = IncidentsDocument()
        document.window = .init(start: time("2026-03-22T00:00:00Z"), end: time("2026-03-22T12:00:00Z"))
        let evil = "t`|<img src=x onerror=alert(1)>"
        document.deployments = [
            .init(at: time("2026-03-22T01:00:00Z"), taskDefinition: "evil<script>alert(1)</script>:3",
                  version: "[x](javascript:alert(1))", deploymentId: "![a](http://x/y.png)"),
        ]
        document.tasks = [
            .init(id: evil, taskDefinition: "evil|def:`2`", startedAt: time("2026-03-22T01:01:00Z"),
                  stoppedAt: time("2026-03-22T02:00:00Z"), environment: "<b>dev</b> | [x](javascript:alert(1))",
                  version: "`0.1.0`", stale: true),
        ]
        let evidence = hostileTexts.enumerated().map { index, text in
            EvidenceLine(at: time("2026-03-22T01:59:00Z").adding(seconds: Int64(index)), logGroup: "/ecs/<i>app</i>",
                         logStream: nil, text: text)
        }
        document.crashes = [
            .init(id: "C1", task: evil, at: time("2026-03-22T02:00:00Z"), exitCode: 1,
                  stoppedReason: "<script>alert(1)</script> postgres://app:hunter2@db:5432/x",
                  cause: .panic, mechanism: .panic, confidence: 0.8, rule: "panic.`rust`|x", evidence: evidence),
        ]
        document.outages = [.init(id: "O1", start: time("2026-03-22T02:00:00Z"), end: time("2026-03-22T02:10:00Z"), crashes: ["C1"])]
        document.exposures = [
            .init(id: "E1", start: time("2026-03-22T01:01:00Z"), end: time("2026-03-22T02:00:00Z"),
                  kind: .nonProductionConfig, tasks: [evil], evidence: evidence),
        ]
        return document
    }
}

extension ReportFixtures {
    /// The night before `smallIncident`: one OOM crash and an exposure left open.
    static var previousNight: IncidentsDocument {
        var document = IncidentsDocument()
        document.window = .init(start: time("2026-03-21T04:00:00Z"), end: time("2026-03-22T04:00:00Z"))
        document.crashes = [
            .init(id: "C1", task: taskA, at: time("2026-03-21T09:00:00Z"), exitCode: 137, cause: .oom, mechanism: .oomKill,
                  confidence: 0.95),
            .init(id: "C2", task: taskB, at: time("2026-03-21T15:00:00Z"), exitCode: 137, cause: .oom, mechanism: .oomKill,
                  confidence: 0.95),
        ]
        document.exposures = [
            .init(id: "E1", start: time("2026-03-22T03:00:00Z"), end: nil, kind: .nonProductionConfig, tasks: [staleTask1]),
        ]
        return document
    }
}
