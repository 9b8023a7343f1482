import Replay

/// Writes "ECS Task State Change" EventBridge events, exactly as ECS emits them.
///
/// A field appears only once ECS would know it: `startedAt` from RUNNING on, the
/// stop fields from the first event after the stop began, exit codes only on
/// STOPPED. A sidecar, when the revision has one, is listed before the essential
/// `app` container, so a reader that takes the first container's exit code is wrong.
struct TaskStateChangeRenderer {
    let world: SimulatedWorld
    var random: SeededRandom

    mutating func render() -> [LogRecord] {
        world.stateChanges.map { change in
            let task = world.tasks[change.taskIndex]
            let eventId = random.uuid()
            let message = event(change, task, id: eventId)
            return LogRecord(timestamp: Timestamp(seconds: change.at.seconds), group: LogGroups.ecsEvents,
                             stream: eventId, message: message)
        }
    }

    private func event(_ change: TaskStateChange, _ task: SimulatedTask, id: String) -> String {
        let t = change.at
        var detail = JSONText()
        detail.add("attachments", objects: [])
        detail.add("availabilityZone", "us-east-1" + ["a", "b", "c"][task.index % 3])
        detail.add("clusterArn", AWSAccount.clusterArn)
        if let started = task.startedAt, started <= t {
            detail.add("connectivity", "CONNECTED")
            detail.add("connectivityAt", TimeText.millis(started.adding(millis: -1800)))
        }
        detail.add("containers", objects: containers(change, task))
        detail.add("cpu", "1024")
        detail.add("createdAt", TimeText.millis(task.createdAt))
        detail.add("desiredStatus", change.desiredStatus)
        detail.add("enableExecuteCommand", false)
        if change.lastStatus == "STOPPED", let stopped = task.stoppedAt {
            detail.add("executionStoppedAt", TimeText.millis(stopped.adding(millis: -700)))
        }
        detail.add("group", "service:\(AWSAccount.service)")
        detail.add("healthStatus", change.healthStatus)
        detail.add("lastStatus", change.lastStatus)
        detail.add("launchType", "FARGATE")
        detail.add("memory", "2048")
        detail.add("platformVersion", "1.4.0")
        if let started = task.startedAt, started <= t {
            detail.add("pullStartedAt", TimeText.millis(started.adding(millis: -24_000)))
            detail.add("pullStoppedAt", TimeText.millis(started.adding(millis: -2_500)))
            detail.add("startedAt", TimeText.millis(started))
        }
        detail.add("startedBy", task.deploymentId)
        if let stopping = task.stoppingAt, stopping <= t {
            detail.add("stopCode", stopCode(task))
            detail.add("stoppedAt", ifPresent: change.lastStatus == "STOPPED" ? task.stoppedAt.map(TimeText.millis) : nil)
            detail.add("stoppedReason", stoppedReason(task))
            detail.add("stoppingAt", TimeText.millis(stopping))
        }
        detail.add("taskArn", AWSAccount.taskArn(task.id))
        detail.add("taskDefinitionArn", AWSAccount.taskDefinitionArn(task.definition.name))
        detail.add("updatedAt", TimeText.millis(t))
        detail.add("version", change.version)

        var event = JSONText()
        event.add("version", "0")
        event.add("id", id)
        event.add("detail-type", "ECS Task State Change")
        event.add("source", "aws.ecs")
        event.add("account", AWSAccount.id)
        event.add("time", TimeText.seconds(t))
        event.add("region", AWSAccount.region)
        event.add("resources", strings: [AWSAccount.taskArn(task.id)])
        event.add("detail", detail)
        return event.text
    }

    private func containers(_ change: TaskStateChange, _ task: SimulatedTask) -> [JSONText] {
        let stopped = change.lastStatus == "STOPPED"
        let running = task.startedAt.map { $0 <= change.at } ?? false
        let status = stopped ? "STOPPED" : (running ? "RUNNING" : "PENDING")
        var list: [JSONText] = []
        if let sidecar = task.definition.sidecar {
            var c = JSONText()
            c.add("containerArn", "arn:aws:ecs:\(AWSAccount.region):\(AWSAccount.id):container/\(AWSAccount.cluster)/\(task.id)/\(containerSuffix(task, 1))")
            if stopped { c.add("exitCode", 0) }
            c.add("lastStatus", status)
            c.add("name", sidecar)
            c.add("image", "public.ecr.aws/aws-observability/\(sidecar):v0.40.0")
            if running { c.add("runtimeId", "\(task.id)-\(runtimeSuffix(task, 3))") }
            c.add("taskArn", AWSAccount.taskArn(task.id))
            c.add("cpu", "0")
            list.append(c)
        }
        var app = JSONText()
        app.add("containerArn", "arn:aws:ecs:\(AWSAccount.region):\(AWSAccount.id):container/\(AWSAccount.cluster)/\(task.id)/\(containerSuffix(task, 2))")
        if stopped, let exit = task.exitCode { app.add("exitCode", exit) }
        app.add("lastStatus", status)
        app.add("name", "app")
        app.add("image", AWSAccount.image(task.definition.version))
        if running { app.add("runtimeId", "\(task.id)-\(runtimeSuffix(task, 4))") }
        app.add("taskArn", AWSAccount.taskArn(task.id))
        if stopped, let reason = task.containerReason { app.add("reason", reason) }
        app.add("healthStatus", change.healthStatus)
        app.add("cpu", "0")
        list.append(app)
        return list
    }

    /// A stable per-task, per-container id, derived so it does not consume the event stream's draws.
    private func containerSuffix(_ task: SimulatedTask, _ n: UInt64) -> String {
        var r = SeededRandom(seed: UInt64(task.index) &* 7919 &+ n).derived(0xC0DE)
        return r.uuid()
    }

    /// The ten digits ECS appends to the task id in a container's `runtimeId`.
    private func runtimeSuffix(_ task: SimulatedTask, _ n: UInt64) -> String {
        var r = SeededRandom(seed: UInt64(task.index) &* 104_729 &+ n).derived(0x2B1D)
        return r.decimal(10)
    }

    private func stopCode(_ task: SimulatedTask) -> String {
        switch task.stopCause {
        case .failure(let f) where !f.isHealthCheckKill: return "EssentialContainerExited"
        case .user: return "UserInitiated"
        default: return "ServiceSchedulerInitiated"
        }
    }

    private func stoppedReason(_ task: SimulatedTask) -> String {
        switch task.stopCause {
        case .failure(.poolStarvedHang(let check)), .failure(.hang(let check)):
            return check == .loadBalancer
                ? "Task failed ELB health checks in (target-group \(AWSAccount.targetGroupArn))"
                : "Task failed container health checks"
        case .failure: return "Essential container in task exited"
        case .deployment(let id): return "Scaling activity initiated by (deployment \(id))"
        case .scaleIn(let id): return "Scaling activity initiated by (deployment \(id))"
        case .user: return "Task stopped by user"
        case nil: return ""
        }
    }
}
