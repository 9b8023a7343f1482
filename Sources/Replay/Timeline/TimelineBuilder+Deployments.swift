/// Deployments and configuration drift (stale tasks).
extension TimelineBuilder {
    /// Deployments from ECS deployment events, with the revision each started inferred from its tasks;
    /// plus deployments no event announced, seen as the first task of a newer revision.
    func deployments(from source: TimelineSource, tasks: [TaskRecord]) -> [DeploymentRecord] {
        var records: [DeploymentRecord] = []
        var indexById: [String: Int] = [:]
        // A deployment whose IN_PROGRESS event is missing from the export (only COMPLETED or FAILED
        // seen) still happened when tasks name it in `startedBy`: it starts when its first task did.
        func record(for event: ServiceEvent, starting: Bool) -> Int? {
            if let id = event.deploymentId, let i = indexById[id] { return i }
            var at = event.at
            if !starting {
                guard let id = event.deploymentId,
                      let first = tasks.filter({ $0.startedBy == id }).compactMap({ $0.createdAt ?? $0.startedAt }).min()
                else { return nil }
                at = min(first, event.at)
            }
            var record = DeploymentRecord(at: at, taskDefinition: nil, version: nil,
                                          deploymentId: event.deploymentId, source: .event)
            record.service = event.service
            records.append(record)
            if let id = event.deploymentId { indexById[id] = records.count - 1 }
            return records.count - 1
        }
        for event in source.serviceEvents {
            switch event.eventName {
            case "SERVICE_DEPLOYMENT_IN_PROGRESS":
                if let id = event.deploymentId, let i = indexById[id] {
                    records[i].at = min(records[i].at, event.at)  // a COMPLETED seen first, or the same deployment twice
                    continue
                }
                _ = record(for: event, starting: true)
            case "SERVICE_DEPLOYMENT_COMPLETED":
                if let i = record(for: event, starting: false) { records[i].completedAt = records[i].completedAt ?? event.at }
            case "SERVICE_DEPLOYMENT_FAILED":
                if let i = record(for: event, starting: false) {
                    records[i].failedAt = records[i].failedAt ?? event.at
                    records[i].failureReason = event.reason
                }
            default:
                break
            }
        }
        records.sort { $0.at < $1.at }
        // Infer each announced deployment's revision from the tasks it started.
        for i in records.indices {
            let at = records[i].at
            let limit = at.adding(seconds: settings.deploymentInferenceSeconds)
            let started: [TaskRecord]
            if let id = records[i].deploymentId, tasks.contains(where: { $0.startedBy == id }) {
                started = tasks.filter { $0.startedBy == id }
            } else {
                let sameService = { (other: DeploymentRecord) in other.service == nil || records[i].service == nil || other.service == records[i].service }
                let next = records[(i + 1)...].first(where: sameService)?.at ?? limit
                // Tasks of the deployed service only, when both sides name it (several services in one export).
                let service = records[i].service
                started = tasks.filter { t in
                    let created = t.createdAt ?? t.startedAt ?? t.firstLogAt ?? at
                    let sameService = service == nil || t.service == nil || t.service == service
                    return sameService && created >= at && created < min(limit, next)
                }
            }
            if let newest = started.filter({ $0.revision != nil }).max(by: { $0.revision! < $1.revision! }) {
                records[i].taskDefinition = newest.taskDefinition
                records[i].version = started.first { $0.taskDefinition == newest.taskDefinition && $0.configuration?.version != nil }?
                    .configuration?.version
            }
        }
        // Deployments nobody announced: the first task of a revision newer than any seen so far,
        // or of a version never seen before on the newest revision (an image re-pushed under the same tag).
        var newest: [String: Int] = [:]
        var seenVersions: [String: Set<String>] = [:]
        var events = records
        var announced = Set(records.compactMap(\.taskDefinition))
        for task in tasks {
            guard let family = task.family, let revision = task.revision else { continue }
            let version = task.configuration?.version
            guard let known = newest[family] else {
                newest[family] = revision  // what was running when the logs begin: not a deployment
                if let version { seenVersions[family, default: []].insert(version) }
                continue
            }
            let begin = task.createdAt ?? task.startedAt ?? task.firstLogAt
            let newRevision = revision > known && !announced.contains(task.taskDefinition!)
            let newVersion = revision == known && version.map { !(seenVersions[family]?.contains($0) ?? false) } == true
                && !records.contains { d in begin.map { d.at <= $0 && $0 <= d.at.adding(seconds: settings.deploymentInferenceSeconds) } ?? false }
            if let version { seenVersions[family, default: []].insert(version) }
            newest[family] = max(known, revision)
            if (newRevision || newVersion), let begin {
                events.append(DeploymentRecord(at: begin, taskDefinition: task.taskDefinition, version: version,
                                               deploymentId: task.startedBy, source: .inferredFromTasks))
                announced.insert(task.taskDefinition!)
            }
        }
        return events.sorted { $0.at < $1.at }
    }

    /// A task is stale when its revision is older than the one the service was deploying or had deployed when it started.
    func markStale(_ tasks: [TaskRecord], deployments: [DeploymentRecord]) -> [TaskRecord] {
        tasks.map { task in
            var task = task
            guard let family = task.family, let revision = task.revision,
                  let begin = task.createdAt ?? task.startedAt ?? task.firstLogAt else { return task }
            let target = deployments.last { d in
                d.at <= begin && (d.failedAt.map { $0 > begin } ?? true)
                    && d.taskDefinition.flatMap(TaskRecord.split)?.family == family
            }
            if let targetRevision = target?.taskDefinition.flatMap(TaskRecord.split)?.revision {
                task.stale = revision < targetRevision
            }
            return task
        }
    }
}
