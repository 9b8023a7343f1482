import Replay

/// One result of the external monitor: what a `/health` or `/graphql` request got at an instant.
struct ProbeResult: Sendable {
    enum Check: String, Sendable {
        case health = "health"
        case graphqlExposure = "graphql_exposure"
    }

    var at: Timestamp
    var check: Check
    /// HTTP status, 0 when no answer came.
    var status: Int
    var latencyMs: Int
    var error: String?
    /// The task that answered, if one did.
    var servedBy: Int?
    /// The version the answering task reported in `/health`'s body.
    var version: String?

    var succeeded: Bool { (200..<300).contains(status) }
}

/// Runs the external monitor against the simulated service.
///
/// The outcome of each probe is decided by the simulated state at its instant and
/// nothing else: `/health` succeeds exactly when some task is serving, and
/// `/graphql` answers 200 exactly when a serving task has the playground on. That
/// is what lets `truth.json` use the probes in its outage bounds without reading logs.
enum ProbeSchedule {
    static func run(_ world: SimulatedWorld, seed: UInt64) -> [ProbeResult] {
        var random = SeededRandom(seed: seed).derived(0x9B0B_E5)
        let interval = Int64(world.scenario.volume.probeEvery * 1000)
        var results: [ProbeResult] = []
        var round = world.windowStart.adding(millis: random.millis(seconds: 5...9))
        while round < world.windowEnd {
            let healthAt = round.adding(millis: random.millis(seconds: 0...2))
            results.append(probe(.health, at: healthAt, world, &random))
            let graphqlAt = healthAt.adding(millis: random.millis(seconds: 1...3))
            if graphqlAt < world.windowEnd { results.append(probe(.graphqlExposure, at: graphqlAt, world, &random)) }
            round = round.adding(millis: interval)
        }
        return results
    }

    private static func probe(_ check: ProbeResult.Check, at t: Timestamp, _ world: SimulatedWorld,
                              _ random: inout SeededRandom) -> ProbeResult {
        let serving = world.tasks.filter { $0.isServing(at: t) }
        if !serving.isEmpty {
            switch check {
            case .health:
                let task = random.pick(serving)
                return ProbeResult(at: t, check: check, status: 200, latencyMs: random.int(18...95),
                                   servedBy: task.index, version: task.definition.version)
            case .graphqlExposure:
                let open = serving.filter { $0.definition.graphqlPlayground }
                let task = open.isEmpty ? random.pick(serving) : random.pick(open)
                return ProbeResult(at: t, check: check, status: open.isEmpty ? 404 : 200,
                                   latencyMs: random.int(25...140), servedBy: task.index)
            }
        }
        let hung = world.tasks.contains { $0.isRunning(at: t) && ($0.hangAt.map { $0 <= t } ?? false) }
        if hung {
            return ProbeResult(at: t, check: check, status: 0, latencyMs: 10_000 + random.int(0...9), error: "timeout")
        }
        if random.chance(0.7) {
            return ProbeResult(at: t, check: check, status: 503, latencyMs: random.int(2...9),
                               error: "503 Service Temporarily Unavailable")
        }
        return ProbeResult(at: t, check: check, status: 0, latencyMs: random.int(1...4), error: "connection refused")
    }
}
