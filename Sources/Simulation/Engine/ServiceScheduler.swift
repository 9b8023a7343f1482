import Replay

/// The discrete-event model of one ECS service: a scheduler keeping `desiredCount`
/// tasks running, rolling deployments, and the failures a scenario injects.
///
/// Each step of a task's life (PROVISIONING ... STOPPED) is an item on an agenda;
/// handling an item updates the task, records the ECS event it shows as, and
/// schedules what follows. Crash times in a scenario are stop times, so the engine
/// draws each crash's durations first and schedules its onset early enough.
struct ServiceScheduler {
    private enum Step {
        case happening(Int)
        case create(fromStale: Bool, deploymentId: String, rollout: Bool)
        case pending(Int), running(Int), healthy(Int), unhealthy(Int), death(Int)
        case stopping(Int, StopCause, StopBehavior?), stopped(Int)
        case startReplacementFirst(Int)
        case serviceEvent(ServiceEvent)
    }

    /// A deployment in progress: which old tasks still have to go.
    private struct Rollout {
        var id: String
        var oldTasks: [Int]
        var newTasks: [Int] = []
        var oldTaskBehavior: StopBehavior?
    }

    /// The durations drawn for one crash happening, so its onset can precede its stop.
    private struct CrashPlan {
        var onset: Timestamp
        var untilUnhealthy: Int64 = 0
        var untilStopping: Int64 = 0
        var stopBehavior: StopBehavior = .terminated
    }

    private let scenario: Scenario
    private var random: SeededRandom
    private var agenda = EventQueue<Step>()
    private var tasks: [SimulatedTask] = []
    private var stateChanges: [TaskStateChange] = []
    private var serviceEvents: [ServiceEvent] = []
    private var deployments: [DeploymentRecord] = []
    private var desiredCount: Int
    private var current: TaskDefinition
    private var newestDeployedRevision: Int
    private var primaryDeploymentId: String
    private let initialDeploymentId: String
    private var rollout: Rollout?
    private var crashPlans: [Int: CrashPlan] = [:]
    /// The replacement a crashed task asked for, by task index.
    private var replacementPlans: [Int: Replacement] = [:]
    /// The stop time a scenario asked for, by task index: the crash time in truth.
    private var plannedStops: [Int: Timestamp] = [:]
    private var eventVersions: [Int: Int] = [:]

    init(scenario: Scenario, seed: UInt64) {
        self.scenario = scenario
        self.random = SeededRandom(seed: seed).derived(0x5C4E_D01E)
        self.desiredCount = scenario.desiredCount
        self.current = scenario.initialDefinition
        self.newestDeployedRevision = scenario.initialDefinition.revision
        let id = "ecs-svc/" + random.decimal(19)
        self.primaryDeploymentId = id
        self.initialDeploymentId = id
    }

    /// Runs the scenario to the end of its window.
    mutating func run() throws -> SimulatedWorld {
        for created in scenario.initialTasksCreatedAt {
            agenda.schedule(.create(fromStale: false, deploymentId: primaryDeploymentId, rollout: false), at: created)
        }
        for (index, happening) in scenario.happenings.enumerated() {
            var onset = happening.at
            if case .crash(let failure, _, let replacement) = happening.action {
                let plan = planCrash(failure, stopAt: happening.at, replacement: replacement)
                crashPlans[index] = plan
                onset = plan.onset
            }
            agenda.schedule(.happening(index), at: onset)
        }
        while let (now, step) = agenda.next() {
            guard now < scenario.windowEnd else { break }
            try handle(step, at: now)
        }
        return SimulatedWorld(scenario: scenario, tasks: tasks, stateChanges: stateChanges,
                              serviceEvents: serviceEvents.sorted { $0.at < $1.at },
                              deployments: deployments, initialDeploymentId: initialDeploymentId)
    }

    // MARK: - Planning

    private mutating func planCrash(_ failure: Failure, stopAt: Timestamp, replacement: Replacement) -> CrashPlan {
        if failure.isHealthCheckKill {
            let behavior: StopBehavior = random.chance(0.5) ? .killedAfterTimeout : .terminated
            let stopDuration = random.millis(seconds: LifecycleTimings.stopDuration(behavior))
            let reaction = random.millis(seconds: replacement.startsBeforeStop
                ? LifecycleTimings.replaceFirstReaction : LifecycleTimings.schedulerReaction)
            let detection = random.millis(seconds: LifecycleTimings.healthDetection)
            let onset = stopAt.adding(millis: -(stopDuration + reaction + detection))
            return CrashPlan(onset: onset, untilUnhealthy: detection, untilStopping: detection + reaction,
                             stopBehavior: behavior)
        }
        let cleanup = random.millis(seconds: LifecycleTimings.deathCleanup)
        let noticed = random.millis(seconds: LifecycleTimings.deathNoticed)
        return CrashPlan(onset: stopAt.adding(millis: -(cleanup + noticed)), untilStopping: noticed)
    }

    // MARK: - Steps

    private mutating func handle(_ step: Step, at now: Timestamp) throws {
        switch step {
        case .happening(let index):
            try perform(scenario.happenings[index], index: index, at: now)
        case .create(let fromStale, let deploymentId, let isRollout):
            let task = createTask(fromStale: fromStale, deploymentId: deploymentId, at: now)
            if isRollout { rollout?.newTasks.append(task) }
        case .pending(let i):
            guard tasks[i].desiredRunning else { return }
            tasks[i].pendingAt = now
            record(i, "PENDING", desired: "RUNNING", health: "UNKNOWN", at: now)
        case .running(let i):
            guard tasks[i].desiredRunning else { return }
            tasks[i].startedAt = now
            record(i, "RUNNING", desired: "RUNNING", health: "UNKNOWN", at: now)
        case .healthy(let i):
            guard tasks[i].desiredRunning, tasks[i].hangAt == nil, tasks[i].deathAt == nil else { return }
            tasks[i].healthyAt = now
            record(i, "RUNNING", desired: "RUNNING", health: "HEALTHY", at: now)
            advanceRollout(healthyTask: i, at: now)
        case .unhealthy(let i):
            guard tasks[i].stoppedAt == nil else { return }
            tasks[i].unhealthyAt = now
            record(i, "RUNNING", desired: "RUNNING", health: "UNHEALTHY", at: now)
        case .death(let i):
            tasks[i].deathAt = now
        case .stopping(let i, let cause, let behavior):
            beginStop(i, cause: cause, behavior: behavior, at: now)
        case .stopped(let i):
            finishStop(i, at: now)
        case .startReplacementFirst(let i):
            let plan = replacementPlans.removeValue(forKey: i) ?? .current
            tasks[i].replacedBeforeStop = true
            agenda.schedule(.create(fromStale: plan.fromStaleRevision, deploymentId: primaryDeploymentId, rollout: false),
                            at: now)
        case .serviceEvent(let event):
            serviceEvents.append(event)
        }
    }

    private mutating func perform(_ happening: Happening, index: Int, at now: Timestamp) throws {
        switch happening.action {
        case .deploy(let definition, let oldTaskBehavior):
            let id = "ecs-svc/" + random.decimal(19)
            current = definition
            newestDeployedRevision = max(newestDeployedRevision, definition.revision)
            primaryDeploymentId = id
            deployments.append(DeploymentRecord(at: now, id: id, definition: definition))
            serviceEvents.append(ServiceEvent(at: now, kind: .deploymentInProgress, deploymentId: id))
            rollout = Rollout(id: id, oldTasks: activeTasks(), oldTaskBehavior: oldTaskBehavior)
            var start = now
            for _ in 0..<desiredCount {
                start = start.adding(millis: random.millis(seconds: LifecycleTimings.deploymentStart))
                agenda.schedule(.create(fromStale: false, deploymentId: id, rollout: true), at: start)
            }
        case .crash(let failure, let selector, let replacement):
            guard let victim = pick(selector, at: now, requireIdle: true) else {
                throw SimulationError.invalidScenario(scenario.name,
                    "no running task to crash at \(now.iso8601Millis) (crash planned for \(happening.at.iso8601))")
            }
            let plan = crashPlans[index]!
            tasks[victim].plannedFailure = failure
            replacementPlans[victim] = replacement
            plannedStops[victim] = happening.at
            if failure.isHealthCheckKill {
                tasks[victim].hangAt = now
                agenda.schedule(.unhealthy(victim), at: now.adding(millis: plan.untilUnhealthy))
                if replacement.startsBeforeStop {
                    let created = now.adding(millis: plan.untilUnhealthy + random.millis(seconds: 3...6))
                    agenda.schedule(.startReplacementFirst(victim), at: created)
                }
                agenda.schedule(.stopping(victim, .failure(failure), plan.stopBehavior),
                                at: now.adding(millis: plan.untilStopping))
            } else {
                agenda.schedule(.death(victim), at: now)
                agenda.schedule(.stopping(victim, .failure(failure), nil), at: now.adding(millis: plan.untilStopping))
            }
        case .scale(let count, let behavior):
            let active = activeTasks()
            desiredCount = count
            if count > active.count {
                var start = now
                for _ in active.count..<count {
                    start = start.adding(millis: random.millis(seconds: 2...6))
                    agenda.schedule(.create(fromStale: false, deploymentId: primaryDeploymentId, rollout: false), at: start)
                }
            } else {
                for victim in active.suffix(active.count - count) {
                    agenda.schedule(.stopping(victim, .scaleIn(deploymentId: primaryDeploymentId), behavior),
                                    at: now.adding(millis: random.millis(seconds: 1...5)))
                }
            }
            let steady = now.adding(seconds: Int64(random.int(150...300)))
            agenda.schedule(.serviceEvent(ServiceEvent(at: steady, kind: .steadyState)), at: steady)
        case .userStop(let selector, let behavior):
            guard let victim = pick(selector, at: now, requireIdle: false) else {
                throw SimulationError.invalidScenario(scenario.name, "no running task to stop at \(now.iso8601)")
            }
            agenda.schedule(.stopping(victim, .user, behavior), at: now)
        }
    }

    // MARK: - Task lifecycle

    private mutating func createTask(fromStale: Bool, deploymentId: String, at now: Timestamp) -> Int {
        let definition = fromStale ? (scenario.staleDefinition ?? current) : current
        let index = tasks.count
        tasks.append(SimulatedTask(index: index, id: random.hex(32), definition: definition,
                                   stale: definition.revision < newestDeployedRevision,
                                   deploymentId: deploymentId, createdAt: now))
        record(index, "PROVISIONING", desired: "RUNNING", health: "UNKNOWN", at: now)
        let pending = now.adding(millis: random.millis(seconds: LifecycleTimings.provisioning))
        let running = pending.adding(millis: random.millis(seconds: LifecycleTimings.pull))
        let healthy = running.adding(millis: random.millis(seconds: LifecycleTimings.healthGrace))
        agenda.schedule(.pending(index), at: pending)
        agenda.schedule(.running(index), at: running)
        agenda.schedule(.healthy(index), at: healthy)
        return index
    }

    /// The scheduler (or the kernel, or a person) ends the task: desiredStatus STOPPED.
    private mutating func beginStop(_ i: Int, cause: StopCause, behavior: StopBehavior?, at now: Timestamp) {
        guard tasks[i].stoppingAt == nil, tasks[i].stoppedAt == nil else { return }
        tasks[i].stoppingAt = now
        tasks[i].stopCause = cause
        var health = tasks[i].healthyAt == nil ? "UNKNOWN" : "HEALTHY"
        let stopDuration: Int64
        switch cause {
        case .failure(let failure) where !failure.isHealthCheckKill:
            tasks[i].exitCode = failure.ownExitCode
            if case .oomKill(ecsReason: true) = failure {
                tasks[i].containerReason = "OutOfMemoryError: Container killed due to memory usage"
            }
            if tasks[i].healthyAt != nil {
                health = "UNHEALTHY"
                tasks[i].unhealthyAt = min(tasks[i].unhealthyAt ?? now, now)
            }
            stopDuration = plannedStops[i].map { max(300, $0.millis - now.millis) }
                ?? random.millis(seconds: LifecycleTimings.deathCleanup)
        case .failure:
            health = "UNHEALTHY"
            let chosen = behavior ?? .terminated
            tasks[i].exitCode = chosen.exitCode
            stopDuration = plannedStops[i].map { max(300, $0.millis - now.millis) }
                ?? random.millis(seconds: LifecycleTimings.stopDuration(chosen))
        default:
            let chosen = behavior ?? randomRequestedStopBehavior()
            tasks[i].exitCode = chosen.exitCode
            stopDuration = random.millis(seconds: LifecycleTimings.stopDuration(chosen))
        }
        record(i, "DEACTIVATING", desired: "STOPPED", health: health, at: now)
        agenda.schedule(.stopped(i), at: now.adding(millis: stopDuration))
    }

    private mutating func finishStop(_ i: Int, at now: Timestamp) {
        tasks[i].stoppedAt = now
        let health: String
        if tasks[i].stopCause?.isCrash == true, tasks[i].healthyAt != nil { health = "UNHEALTHY" } else { health = "UNKNOWN" }
        record(i, "STOPPED", desired: "STOPPED", health: health, at: now)
        if var active = rollout, let position = active.oldTasks.firstIndex(of: i) {
            active.oldTasks.remove(at: position)
            rollout = active
        }
        completeRolloutIfDone(at: now)
        reconcile(after: i, at: now)
    }

    /// Starts replacements until `desiredCount` tasks are active again.
    private mutating func reconcile(after stopped: Int, at now: Timestamp) {
        let missing = desiredCount - activeTasks().count
        guard missing > 0 else { replacementPlans[stopped] = nil; return }
        let plan = replacementPlans.removeValue(forKey: stopped) ?? .current
        var start = now
        for n in 0..<missing {
            let delay = (n == 0 ? plan.delaySeconds : nil).map { Int64($0 * 1000) }
                ?? random.millis(seconds: LifecycleTimings.replacementDelay)
            start = start.adding(millis: delay)
            if delay > 120_000 {
                let warned = now.adding(millis: random.millis(seconds: 30...60))
                serviceEvents.append(ServiceEvent(at: warned, kind: .taskStartImpaired))
            }
            agenda.schedule(.create(fromStale: n == 0 && plan.fromStaleRevision, deploymentId: primaryDeploymentId,
                                    rollout: false), at: start)
        }
    }

    // MARK: - Deployments

    private mutating func advanceRollout(healthyTask i: Int, at now: Timestamp) {
        guard var active = rollout, active.newTasks.contains(i), !active.oldTasks.isEmpty else { return }
        let old = active.oldTasks.removeFirst()
        active.oldTasks.append(old)  // stays listed until STOPPED
        rollout = active
        let stopAt = now.adding(millis: random.millis(seconds: LifecycleTimings.deregistration))
        agenda.schedule(.stopping(old, .deployment(id: active.id), active.oldTaskBehavior), at: stopAt)
    }

    private mutating func completeRolloutIfDone(at now: Timestamp) {
        guard let active = rollout, active.oldTasks.isEmpty,
              active.newTasks.count >= desiredCount,
              active.newTasks.allSatisfy({ tasks[$0].healthyAt != nil }) else { return }
        let completed = now.adding(millis: random.millis(seconds: LifecycleTimings.deploymentSettle))
        agenda.schedule(.serviceEvent(ServiceEvent(at: completed, kind: .deploymentCompleted, deploymentId: active.id)),
                        at: completed)
        let steady = completed.adding(seconds: Int64(random.int(60...240)))
        agenda.schedule(.serviceEvent(ServiceEvent(at: steady, kind: .steadyState)), at: steady)
        rollout = nil
    }

    // MARK: - Helpers

    /// Tasks the scheduler counts toward the desired count, oldest first.
    private func activeTasks() -> [Int] { tasks.filter(\.desiredRunning).map(\.index) }

    private func pick(_ selector: TaskSelector, at now: Timestamp, requireIdle: Bool) -> Int? {
        let candidates = tasks.filter {
            $0.desiredRunning && $0.isRunning(at: now) && (!requireIdle || ($0.hangAt == nil && $0.deathAt == nil))
        }
        switch selector {
        case .oldest: return candidates.first?.index
        case .newest: return candidates.last?.index
        }
    }

    private mutating func randomRequestedStopBehavior() -> StopBehavior {
        let roll = random.unit()
        return roll < 0.6 ? .graceful : (roll < 0.85 ? .terminated : .killedAfterTimeout)
    }

    private mutating func record(_ i: Int, _ last: String, desired: String, health: String, at now: Timestamp) {
        let version = (eventVersions[i] ?? 0) + 1
        eventVersions[i] = version
        stateChanges.append(TaskStateChange(at: now, taskIndex: i, lastStatus: last, desiredStatus: desired,
                                            healthStatus: health, version: version))
    }
}
