/// Picks the container whose exit ended the task: the essential one, not a sidecar.
///
/// EventBridge task events list containers without their `essential` flag, often
/// with the log router or an agent first. Preference: a container marked essential;
/// then one that is not a known sidecar; among those, one with an exit code and a
/// reason; else the first listed.
enum EssentialContainer {
    /// Name fragments of common sidecars (FireLens, Datadog, App Mesh, X-Ray, OpenTelemetry, CloudWatch agent).
    static let sidecarHints = ["log_router", "log-router", "firelens", "fluent", "datadog", "dd-agent", "envoy",
                               "xray", "x-ray", "otel", "collector", "cwagent", "cloudwatch-agent", "sidecar", "proxy"]

    static func pick(_ containers: [ContainerState]) -> ContainerState? {
        if let marked = containers.first(where: { $0.essential == true }) { return marked }
        let main = containers.filter { c in !sidecarHints.contains { c.name.lowercased().contains($0) } }
        let pool = main.isEmpty ? containers : main
        return pool.first { $0.exitCode != nil && $0.reason != nil }
            ?? pool.first { $0.exitCode != nil && $0.exitCode != 0 }
            ?? pool.first { $0.exitCode != nil }
            ?? pool.first
    }
}
