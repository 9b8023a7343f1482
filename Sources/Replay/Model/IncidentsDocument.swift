import Foundation

/// The incidents JSON, schema `replay.incidents/1` (`../shared/spec/output-contract.md`).
///
/// One type serves both the tool's output and the simulator's `truth.json`, which
/// holds only what the simulator knows: every field that truth may lack is
/// optional and is left out of the JSON when nil. Field order is the contract's.
public struct IncidentsDocument: Codable, Equatable, Sendable {
    public static let schemaName = "replay.incidents/1"

    public var schema: String = IncidentsDocument.schemaName
    public var generatedAt: Timestamp?
    public var window: Window?
    public var input: InputSummary?
    public var deployments: [Deployment] = []
    public var tasks: [Task] = []
    public var crashes: [Crash] = []
    public var outages: [Outage] = []
    public var exposures: [Exposure] = []
    public var metrics: Metrics?

    public init() {}

    public struct Window: Codable, Equatable, Sendable {
        public var start: Timestamp
        public var end: Timestamp
        public init(start: Timestamp, end: Timestamp) { self.start = start; self.end = end }
    }

    /// What this run read. `events` counts distinct events new to the database.
    public struct InputSummary: Codable, Equatable, Sendable {
        public var files: Int
        public var events: Int
        public var duplicates: Int
        public var rejectedLines: Int
        public init(files: Int, events: Int, duplicates: Int, rejectedLines: Int) {
            self.files = files; self.events = events; self.duplicates = duplicates; self.rejectedLines = rejectedLines
        }
    }

    public struct Deployment: Codable, Equatable, Sendable {
        public var at: Timestamp
        /// `family:revision`, e.g. `merxex-exchange:15`.
        public var taskDefinition: String?
        public var version: String?
        /// The ECS deployment id (`ecs-svc/...`) when a deployment event named it.
        public var deploymentId: String?
        public init(at: Timestamp, taskDefinition: String?, version: String?, deploymentId: String? = nil) {
            self.at = at; self.taskDefinition = taskDefinition; self.version = version; self.deploymentId = deploymentId
        }
    }

    public struct Task: Codable, Equatable, Sendable {
        public var id: String
        public var taskDefinition: String?
        public var startedAt: Timestamp?
        public var stoppedAt: Timestamp?
        public var environment: String?
        public var version: String?
        public var stale: Bool?
        public init(id: String, taskDefinition: String?, startedAt: Timestamp?, stoppedAt: Timestamp?,
                    environment: String?, version: String?, stale: Bool?) {
            self.id = id; self.taskDefinition = taskDefinition; self.startedAt = startedAt; self.stoppedAt = stoppedAt
            self.environment = environment; self.version = version; self.stale = stale
        }
    }

    public struct Crash: Codable, Equatable, Sendable {
        public var id: String
        public var task: String
        public var at: Timestamp
        public var exitCode: Int?
        public var stoppedReason: String?
        public var cause: Cause
        public var mechanism: Mechanism
        public var confidence: Double?
        /// The id of the rule that decided the cause (absent in truth).
        public var rule: String?
        public var sinceDeploymentSeconds: Int64?
        public var evidence: [EvidenceLine]?
        public init(id: String, task: String, at: Timestamp, exitCode: Int? = nil, stoppedReason: String? = nil,
                    cause: Cause, mechanism: Mechanism, confidence: Double? = nil, rule: String? = nil,
                    sinceDeploymentSeconds: Int64? = nil, evidence: [EvidenceLine]? = nil) {
            self.id = id; self.task = task; self.at = at; self.exitCode = exitCode; self.stoppedReason = stoppedReason
            self.cause = cause; self.mechanism = mechanism; self.confidence = confidence; self.rule = rule
            self.sinceDeploymentSeconds = sinceDeploymentSeconds; self.evidence = evidence
        }
    }

    public struct Outage: Codable, Equatable, Sendable {
        public var id: String?
        public var start: Timestamp
        /// Nil while the outage is still open at the end of the window.
        public var end: Timestamp?
        public var durationSeconds: Int64?
        public var crashes: [String]?
        public init(id: String?, start: Timestamp, end: Timestamp?, durationSeconds: Int64? = nil, crashes: [String]? = nil) {
            self.id = id; self.start = start; self.end = end; self.durationSeconds = durationSeconds; self.crashes = crashes
        }
    }

    public struct Exposure: Codable, Equatable, Sendable {
        public var id: String?
        public var start: Timestamp
        /// Nil while the exposure is still open at the end of the window.
        public var end: Timestamp?
        public var durationSeconds: Int64?
        public var kind: ExposureKind
        public var tasks: [String]?
        public var evidence: [EvidenceLine]?
        public init(id: String?, start: Timestamp, end: Timestamp?, durationSeconds: Int64? = nil,
                    kind: ExposureKind, tasks: [String]? = nil, evidence: [EvidenceLine]? = nil) {
            self.id = id; self.start = start; self.end = end; self.durationSeconds = durationSeconds
            self.kind = kind; self.tasks = tasks; self.evidence = evidence
        }
    }

    public struct Metrics: Codable, Equatable, Sendable {
        public var crashes: Int
        public var outages: Int
        public var exposures: Int
        public var downtimeSeconds: Int64
        public var exposureSeconds: Int64
        /// Crashes per hour over the whole window.
        public var crashesPerHour: Double
        /// Crashes per hour from the first deployment in the window to its end (nil without one).
        public var crashesPerHourSinceDeployment: Double?
        /// Mean outage duration (mean time to recover), nil without a closed outage.
        public var mttrSeconds: Int64?
        /// Mean time between consecutive crashes, nil with fewer than two.
        public var mtbfSeconds: Int64?
        public var rollbackTrigger: RollbackTrigger
        public init(crashes: Int, outages: Int, exposures: Int, downtimeSeconds: Int64, exposureSeconds: Int64,
                    crashesPerHour: Double, crashesPerHourSinceDeployment: Double?, mttrSeconds: Int64?,
                    mtbfSeconds: Int64?, rollbackTrigger: RollbackTrigger) {
            self.crashes = crashes; self.outages = outages; self.exposures = exposures
            self.downtimeSeconds = downtimeSeconds; self.exposureSeconds = exposureSeconds
            self.crashesPerHour = crashesPerHour; self.crashesPerHourSinceDeployment = crashesPerHourSinceDeployment
            self.mttrSeconds = mttrSeconds; self.mtbfSeconds = mtbfSeconds; self.rollbackTrigger = rollbackTrigger
        }
    }

    /// "N crashes within W hours": when the rule of thumb for a rollback was first met.
    public struct RollbackTrigger: Codable, Equatable, Sendable {
        public var crashes: Int
        public var withinHours: Int
        /// The crash that made the count reach `crashes` within `withinHours`; nil if never met.
        public var metAt: Timestamp?
        public init(crashes: Int, withinHours: Int, metAt: Timestamp?) {
            self.crashes = crashes; self.withinHours = withinHours; self.metAt = metAt
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(crashes, forKey: .crashes)
            try c.encode(withinHours, forKey: .withinHours)
            try c.encode(metAt, forKey: .metAt)  // explicit null: "not met" is an answer
        }
    }
}

extension IncidentsDocument {
    /// The document as the contract's JSON: pretty, keys sorted, slashes unescaped, a final newline.
    ///
    /// Keys are sorted because Foundation's encoder on Linux emits keyed containers in
    /// hash order, which changes from one process to the next: sorted keys make the
    /// same input give byte-identical output.
    public func encodedJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
