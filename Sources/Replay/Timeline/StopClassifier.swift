/// Decides whether a task's stop was a crash, from ECS's `stopCode` and `stoppedReason`.
///
/// The contract: a crash is a stop nobody asked for. Deployment replacements and
/// scale-ins (`Scaling activity initiated by ...`) and user stops are not crashes
/// whatever their exit code (a replaced task that ignores SIGTERM exits 137);
/// health-check kills are. A task that never started (`TaskFailedToStart`) did not
/// crash; it is listed as a failed start. Infrastructure stops (Spot interruption,
/// host maintenance) are not the service's crashes either.
public enum StopClassifier {
    public enum Verdict: String, Sendable {
        case crash
        case healthCheckKill = "health-check kill"
        case deploymentReplacement = "deployment replacement"
        case scaleIn = "scale-in"
        case userStop = "user stop"
        case failedToStart = "failed to start"
        case infrastructure = "infrastructure stop"
        case schedulerStop = "scheduler stop"

        public var isCrash: Bool { self == .crash || self == .healthCheckKill }
    }

    public static func classify(stopCode: String?, stoppedReason: String?, exitCode: Int?) -> Verdict {
        let reason = (stoppedReason ?? "").lowercased()
        let code = stopCode ?? ""
        if code == "UserInitiated" || reason.contains("stopped by user") { return .userStop }
        if reason.contains("health check") { return .healthCheckKill }
        if reason.contains("scaling activity initiated by (deployment") || reason.contains("initiated by (deployment") {
            return .deploymentReplacement
        }
        if reason.contains("scaling activity initiated by") { return .scaleIn }
        if code == "TaskFailedToStart" || reason.contains("cannotpullcontainer") { return .failedToStart }
        if code == "SpotInterruption" || code == "TerminationNotice" || reason.contains("maintenance") { return .infrastructure }
        if code == "EssentialContainerExited" || reason.contains("essential container") { return .crash }
        if code == "ServiceSchedulerInitiated" { return .schedulerStop }
        if let exitCode, exitCode != 0 { return .crash }
        return .schedulerStop
    }
}
