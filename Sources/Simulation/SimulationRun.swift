import Replay

/// One scenario simulated in memory: the world, the probes, every log event, and the truth.
///
/// `Simulator.write` puts this on disk; tests use it directly to check the engine
/// against many seeds without writing files.
struct SimulationRun {
    let world: SimulatedWorld
    let probes: [ProbeResult]
    /// Every event inside the window, sorted by time, with event ids assigned.
    let records: [LogRecord]
    let truth: IncidentsDocument

    init(_ scenario: Scenario, seed: UInt64) throws {
        var scheduler = ServiceScheduler(scenario: scenario, seed: seed)
        world = try scheduler.run()
        probes = ProbeSchedule.run(world, seed: seed)
        let root = SeededRandom(seed: seed)
        var taskEvents = TaskStateChangeRenderer(world: world, random: root.derived(0xEC5))
        var serviceEvents = ServiceEventRenderer(world: world, random: root.derived(0x5E4))
        var all = taskEvents.render() + serviceEvents.render()
        all += AppLogRenderer(world: world, probes: probes, seed: seed).render()
        all += ProbeRenderer.render(probes)
        records = SimulationRun.finish(all, scenario: scenario, random: root.derived(0x1D5))
        truth = TruthBuilder(world: world, probes: probes).build()
    }

    /// Keeps the window, sorts by time (stable), and gives each event its CloudWatch id.
    private static func finish(_ records: [LogRecord], scenario: Scenario, random: SeededRandom) -> [LogRecord] {
        var r = random
        let kept = records.enumerated().filter {
            $0.element.timestamp >= scenario.windowStart && $0.element.timestamp < scenario.windowEnd
        }.sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }
        return kept.enumerated().map { n, pair in
            var record = pair.element
            // 56 digits like CloudWatch's: time first, so ids sort roughly by time; the position keeps them unique.
            record.eventId = "3" + TimeText.padded(Int(record.timestamp.millis), 15) + TimeText.padded(n, 16) + r.decimal(24)
            if record.ingestionDelay == 0 { record.ingestionDelay = r.int64(300...3000) }
            return record
        }
    }
}
