/// Deployments and configuration drift (stale tasks).
extension TimelineBuilder {
    /// Deployments from ECS deployment events, with the revision each started inferred from its tasks;
    /// plus deployments no event announced, seen as the first task of a newer revision.
    func deployments(from source: TimelineSource, tasks: [TaskRecord]) -> [DeploymentRecord] {
        var records: [DeploymentRecord] = []
        var indexById: [String: Int] = [:]
        for event in source.serviceEvents {
            let id = event.deploymentId
            switch event.eventName {
            case "SERVICE_DEPLOYMENT_IN_PROGRESS":
                if let id, indexById[id] != nil { continue }
                records.append(DeploymentRecord(at: event.at, taskDefinition: nil, version: nil, deploymentId: id, source: .event))
                if let id { indexById[id] = records.count - 1 }
            case "SERVICE_DEPLOYMENT_COMPLETED":
                if let id, let i = indexById[id] { records[i].completedAt = records[i].completedAt ?? event.at }
            case "SERVICE_DEPLOYMENT_FAILED":
                if let id, let i = indexById[id] {
                    records[i].failedAt = records[i].failedAt ?? event.at
                    records[i].failureReason = event.reason
                }
            default:
                break
            }
        }
        // Infer each announced deployment's revision from the tasks it started.
        for i in records.indices {
            let at = records[i].at
            let limit = at.adding(seconds: settings.deploymentInferenceSeconds)
            let started: [TaskRecord]
            if let id = records[i].deploymentId, tasks.contains(where: { $0.startedBy == id }) {
                started = tasks.filter { $0.startedBy == id }
            } else {
                let next = i + 1 < records.count ? records[i + 1].at : limit
                started = tasks.filter { t in
                    let created = t.createdAt ?? t.startedAt ?? t.firstLogAt ?? at
                    return created >= at && created < min(limit, next)
                }
            }
            if let newest = started.filter({ $0.revision != nil }).max(by: { $0.revision! < $1.revision! }) {
                records[i].taskDefinition = newest.taskDefinition
                records[i].version = started.first { $0.taskDefinition == newest.taskDefinition && $0.configuration?.version != nil }?
                    .configuration?.version
            }
        }
        // Deployments nobody announced: the first task of a revision newer than any seen so far.
        var newest: [String: Int] = [:]
        var events = records
        var announcedRevisions = Set(records.compactMap(\.taskDefinition))
        for task in tasks {
            guard let family = task.family, let revision = task.revision else { continue }
            guard let known = newest[family] else {
                newest[family] = revision  // what was running when the logs begin: not a deployment
                continue
            }
            if revision > known {
                newest[family] = revision
                if !announcedRevisions.contains(task.taskDefinition!) {
                    events.append(DeploymentRecord(at: task.createdAt ?? task.startedAt ?? task.firstLogAt!, taskDefinition: task.taskDefinition,
                                                   version: task.configuration?.version, deploymentId: task.startedBy, source: .inferredFromTasks))
                    announcedRevisions.insert(task.taskDefinition!)
                }
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
