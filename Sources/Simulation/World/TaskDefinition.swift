/// One revision of the service's ECS task definition, with the configuration the
/// application reads from it at start.
///
/// The incident this project replays is configuration drift: replacement tasks
/// started from an older revision whose environment said `development`, which turns
/// the GraphQL playground on. So the configuration lives here, on the revision, and
/// every task inherits it.
struct TaskDefinition: Hashable, Sendable {
    var family: String = "merxex-exchange"
    var revision: Int
    /// The application version baked into the image (`0.2.0`).
    var version: String
    /// The `ENVIRONMENT` variable: `production`, `development`, ...
    var environment: String
    /// Whether the application serves the GraphQL playground at `/graphql`.
    var graphqlPlayground: Bool
    /// A sidecar container that ECS lists before the essential `app` container, if any.
    var sidecar: String?
    /// How fast the application's memory grows while it runs, in MB per hour (a leak in a bad version).
    var leakMBPerHour: Double = 0

    /// `merxex-exchange:15`.
    var name: String { "\(family):\(revision)" }

    /// A production task serves nothing production must not serve.
    var isProductionConfig: Bool { environment == "production" && !graphqlPlayground }

    /// The same revision number with a production configuration.
    static func production(_ revision: Int, version: String, sidecar: String? = "aws-otel-collector",
                           leakMBPerHour: Double = 0) -> TaskDefinition {
        TaskDefinition(revision: revision, version: version, environment: "production",
                       graphqlPlayground: false, sidecar: sidecar, leakMBPerHour: leakMBPerHour)
    }

    /// A revision whose environment says `development` (playground on).
    static func development(_ revision: Int, version: String, sidecar: String? = nil) -> TaskDefinition {
        TaskDefinition(revision: revision, version: version, environment: "development",
                       graphqlPlayground: true, sidecar: sidecar)
    }
}
