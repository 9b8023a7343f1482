/// What the message layer learned from one application log line.
///
/// Structured lines come in several dialects (Rust tracing-subscriber's nested
/// `fields`, Go slog/zap's flat `msg`, generic `severity`/`message`); plain text
/// lines (stderr, panics) have no level.
public struct AppLine: Sendable, Equatable {
    /// Normalised: `trace`, `debug`, `info`, `warn`, `error`, `fatal`; nil for plain text or unknown.
    public var level: String?
    /// The human message (`fields.message`, `msg`, `message`), or the whole plain-text line.
    public var text: String
    /// Set when the line states the service's configuration at start.
    public var configuration: TaskConfiguration?
    /// Set when the line is a periodic gauge.
    public var gauge: Gauge?
    /// The time inside the message, when more precise than the event's.
    public var innerTime: Timestamp?
}

/// The configuration a task announced when it started.
public struct TaskConfiguration: Sendable, Codable, Equatable {
    /// e.g. `production`, `development` (from `environment`, `env`, `ENVIRONMENT`).
    public var environment: String?
    public var version: String?
    /// `graphql_playground` (or `playground`) when logged.
    public var playground: Bool?

    public init(environment: String?, version: String?, playground: Bool?) {
        self.environment = environment; self.version = version; self.playground = playground
    }
}

/// A periodic measurement: memory (`rss_mb` or `heap_mb`, `limit_mb`) or a connection pool (`size`, `idle`, `waiting`).
public struct Gauge: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case memory, pool }
    public var kind: Kind
    /// Numeric fields as logged, sorted by name.
    public var fields: [String: Double]

    public init(kind: Kind, fields: [String: Double]) { self.kind = kind; self.fields = fields }
}
