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

    static let sidecarHintBytes = sidecarHints.map { Array($0.utf8) }

    static func pick(_ containers: [ContainerState]) -> ContainerState? {
        if let marked = containers.first(where: { $0.essential == true }) { return marked }
        let main = containers.filter { !isSidecar($0.name) }
        let pool = main.isEmpty ? containers : main
        return pool.first { $0.exitCode != nil && $0.reason != nil }
            ?? pool.first { $0.exitCode != nil && $0.exitCode != 0 }
            ?? pool.first { $0.exitCode != nil }
            ?? pool.first
    }

    /// Whether the name contains a sidecar hint, in any case.
    ///
    /// Asked for every container of every state change; an ASCII name (they all are, in
    /// practice) is searched as lower-cased bytes, which finds exactly what the Character
    /// search finds in ASCII text at a fraction of its cost (100 M instructions for the
    /// benchmark's 1 100 state changes). Any other name takes the Character search.
    static func isSidecar(_ name: String) -> Bool {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            let lowered = ByteSearch.lowercased(name)
            return sidecarHintBytes.contains { ByteSearch.contains(lowered, $0) }
        }
        let lowered = name.lowercased()
        return sidecarHints.contains { lowered.contains($0) }
    }
}
