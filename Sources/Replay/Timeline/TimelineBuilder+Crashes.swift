/// Crashes: stops nobody asked for.
extension TimelineBuilder {
    func crashesAndOtherStops(_ tasks: [TaskRecord], deployments: [DeploymentRecord], healthProbes: [ProbeResult], window: Span)
        -> ([CrashRecord], [(taskId: String, at: Timestamp, why: StopClassifier.Verdict)]) {
        var crashes: [CrashRecord] = []
        var others: [(taskId: String, at: Timestamp, why: StopClassifier.Verdict)] = []
        let end = window.end ?? window.start
        for task in tasks {
            guard let at = task.stoppedAt, at >= window.start, at <= end else { continue }
            let verdict: StopClassifier.Verdict
            if !task.stopInferred {
                verdict = StopClassifier.classify(stopCode: task.stopCode, stoppedReason: task.stoppedReason, exitCode: task.exitCode)
            } else {
                // ECS said nothing of the stop: silence alone is not a crash. Only when the service then failed
                // its health probes (before any success) is the silent task taken to have crashed.
                let after = healthProbes.filter { $0.at >= at && $0.at <= at.adding(seconds: settings.silenceSeconds) }
                guard let first = after.first, !first.succeeded else { continue }
                let since = deployments.last { $0.at <= at }.map { at.secondsSince($0.at) }
                crashes.append(CrashRecord(id: "", taskId: task.id, at: at, exitCode: nil, containerReason: nil, stopCode: nil,
                                           stoppedReason: nil, healthCheckKill: false, sinceDeploymentSeconds: since, inferred: true))
                continue
            }
            guard verdict.isCrash else {
                others.append((task.id, at, verdict))
                continue
            }
            let since = deployments.last { $0.at <= at }.map { at.secondsSince($0.at) }
            crashes.append(CrashRecord(id: "", taskId: task.id, at: at, exitCode: task.exitCode, containerReason: task.containerReason,
                                       stopCode: task.stopCode, stoppedReason: task.stoppedReason,
                                       healthCheckKill: verdict == .healthCheckKill, sinceDeploymentSeconds: since, inferred: false))
        }
        crashes.sort { ($0.at, $0.taskId) < ($1.at, $1.taskId) }
        for i in crashes.indices { crashes[i].id = "C\(i + 1)" }
        return (crashes, others)
    }
}
