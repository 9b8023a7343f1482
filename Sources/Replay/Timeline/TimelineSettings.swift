/// The thresholds and word lists the timeline uses, with documented defaults.
///
/// Part of the user's `--config FILE` (section `timeline`); every key is optional
/// and unknown keys are refused by the loader.
public struct TimelineSettings: Codable, Sendable, Equatable {
    /// `ENVIRONMENT` values that count as production; any other value is an exposure.
    public var productionEnvironments: [String] = ["production", "prod"]
    /// Paths production must not serve: a 2xx probe answer from one is an exposure.
    public var sensitivePaths: [String] = ["/graphql", "/graphiql", "/playground", "/debug", "/_debug", "/admin", "/actuator", "/swagger-ui"]
    /// Paths of health endpoints; probe results on them are outage evidence.
    public var healthPaths: [String] = ["/health", "/healthz", "/ready", "/readyz"]
    /// A crash up to this long before an outage starts is counted as that outage's crash (seconds).
    public var outageCrashSlackSeconds: Int64 = 120
    /// A deployment's tasks start within this long after its event (seconds); used to infer its revision.
    public var deploymentInferenceSeconds: Int64 = 1800
    /// A task known only from its logs is taken to have ended when silent this long while a newer task runs (seconds).
    public var silenceSeconds: Int64 = 300

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = TimelineSettings()
        productionEnvironments = try c.decodeIfPresent([String].self, forKey: .productionEnvironments) ?? d.productionEnvironments
        sensitivePaths = try c.decodeIfPresent([String].self, forKey: .sensitivePaths) ?? d.sensitivePaths
        healthPaths = try c.decodeIfPresent([String].self, forKey: .healthPaths) ?? d.healthPaths
        outageCrashSlackSeconds = try c.decodeIfPresent(Int64.self, forKey: .outageCrashSlackSeconds) ?? d.outageCrashSlackSeconds
        deploymentInferenceSeconds = try c.decodeIfPresent(Int64.self, forKey: .deploymentInferenceSeconds) ?? d.deploymentInferenceSeconds
        silenceSeconds = try c.decodeIfPresent(Int64.self, forKey: .silenceSeconds) ?? d.silenceSeconds
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case productionEnvironments, sensitivePaths, healthPaths, outageCrashSlackSeconds, deploymentInferenceSeconds, silenceSeconds
    }

    /// True when this configuration is one production must not run.
    public func isNonProduction(_ configuration: TaskConfiguration?) -> Bool {
        guard let configuration else { return false }
        if configuration.playground == true { return true }
        if let environment = configuration.environment?.lowercased(), !environment.isEmpty {
            return !productionEnvironments.map { $0.lowercased() }.contains(environment)
        }
        return false
    }
}
