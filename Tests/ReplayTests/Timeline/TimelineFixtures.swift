@testable import Replay

/// Builds timeline sources by hand: a task's life as a few calls, times as "HH:MM:SS" on 2026-03-22.
enum T {
    static func at(_ clock: String) -> Timestamp { Timestamp(iso8601: "2026-03-22T\(clock)Z")! }

    static func change(_ task: String, _ clock: String, _ status: String, health: String? = nil, revision: Int = 15,
                       started: String? = nil, stopped: String? = nil, stopCode: String? = nil, reason: String? = nil,
                       exitCode: Int? = nil, containers: [ContainerState]? = nil, startedBy: String? = nil,
                       service: String = "merxex-exchange") -> TaskStateChange {
        let essential = exitCode.map { [ContainerState(name: "app", lastStatus: status, exitCode: $0, reason: nil, healthStatus: health)] } ?? []
        return TaskStateChange(
            taskId: task, taskDefinition: "\(service):\(revision)", group: "service:\(service)", lastStatus: status,
            desiredStatus: status == "STOPPED" ? "STOPPED" : "RUNNING", healthStatus: health, createdAt: nil,
            startedAt: started.map(at), stoppingAt: nil, stoppedAt: stopped.map(at), stopCode: stopCode,
            stoppedReason: reason, containers: containers ?? essential, time: at(clock), sequence: nil).with(startedBy: startedBy)
    }

    /// A task that starts at `start`, is healthy from `healthy`, and (optionally) goes unhealthy and stops.
    static func life(_ task: String, start: String, healthy: String?, unhealthy: String? = nil, stop: String? = nil,
                     revision: Int = 15, stopCode: String = "EssentialContainerExited",
                     reason: String = "Essential container in task exited", exitCode: Int = 137,
                     service: String = "merxex-exchange") -> [TaskStateChange] {
        var changes = [change(task, start, "RUNNING", health: "UNKNOWN", revision: revision, started: start, service: service)]
        if let healthy { changes.append(change(task, healthy, "RUNNING", health: "HEALTHY", revision: revision, started: start, service: service)) }
        if let unhealthy { changes.append(change(task, unhealthy, "RUNNING", health: "UNHEALTHY", revision: revision, started: start, service: service)) }
        if let stop {
            changes.append(change(task, stop, "STOPPED", health: unhealthy == nil ? "UNKNOWN" : "UNHEALTHY", revision: revision,
                                  started: start, stopped: stop, stopCode: stopCode, reason: reason, exitCode: exitCode, service: service))
        }
        return changes
    }

    static func probe(_ clock: String, _ status: Int, path: String = "/health") -> ProbeResult {
        ProbeResult(check: path == "/health" ? "health" : "graphql_exposure", url: "https://exchange.example.com\(path)", path: path,
                    status: status, latencyMs: 10, error: status == 0 ? "connection refused" : nil, version: nil, at: at(clock))
    }

    static func source(_ changes: [[TaskStateChange]], probes: [ProbeResult] = [], deployments: [String] = [],
                       from: String = "00:00:00", to: String = "23:59:59") -> TimelineSource {
        var source = TimelineSource()
        source.taskChanges = changes.flatMap { $0 }
        source.probes = probes.sorted { $0.at < $1.at }
        source.serviceEvents = deployments.enumerated().map { i, clock in
            ServiceEvent(detailType: "ECS Deployment State Change", eventName: "SERVICE_DEPLOYMENT_IN_PROGRESS", eventType: "INFO",
                         deploymentId: "ecs-svc/\(i + 1)", reason: nil, service: "merxex-exchange", at: at(clock))
        }
        source.dataStart = at(from)
        source.dataEnd = at(to)
        return source
    }

    static func configure(_ source: inout TimelineSource, _ task: String, environment: String, at clock: String) {
        source.configurations[task] = (at(clock), TaskConfiguration(environment: environment, version: "0.1.0", playground: environment != "production"),
                                       EvidenceLine(at: at(clock), logGroup: "/ecs/x", logStream: "ecs/app/\(task)", text: "starting"))
    }

    static func build(_ source: TimelineSource) -> Timeline { TimelineBuilder().build(source) }
}
