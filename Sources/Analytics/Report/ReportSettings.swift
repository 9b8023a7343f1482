/// The thresholds and rates the postmortem judges an incident by, with documented defaults.
///
/// These are opinions, not measurements, so they are configuration: a team with a
/// different revenue per hour or rollback policy sets its own (`--config FILE`, a JSON
/// object with any of these keys; a key not listed here is an error so a typo cannot
/// silently leave a default in place). The report writes every one of them out where
/// it uses it, so a reader can see what the verdicts rest on.
public struct ReportSettings: Sendable, Codable, Equatable {
    /// The service's name for the title. Nil: the family of the newest deployed task
    /// definition (`merxex-exchange:15` -> `merxex-exchange`), else of the tasks seen.
    public var serviceName: String?

    /// Opportunity cost of one hour in which the service was down or exposed, low end, in dollars.
    ///
    /// The cost figure is `(hours down or exposed) x [costPerHourLow, costPerHourHigh]`,
    /// where "hours down or exposed" is the union of every outage span and every
    /// exposure span (an hour that was both counts once): while the service is down it
    /// earns nothing, and while it serves what production must not, it cannot be sold
    /// (the reference postmortem: "cannot onboard agents while vulnerable").
    public var costPerHourLow: Double = 10
    /// Opportunity cost of one hour down or exposed, high end, in dollars (see ``costPerHourLow``).
    public var costPerHourHigh: Double = 20

    /// Crashes per hour the team accepts (default 0.01: one crash per 100 hours).
    /// The report prints the observed rate as a multiple of it ("50x").
    public var acceptableCrashesPerHour: Double = 0.01

    /// Crashes less than this many seconds apart (each from the one before) are shown
    /// as one rapid-fire episode in the timeline ("3 crashes in 5m 02s: C12–C14").
    /// The appendix still lists each crash.
    public var episodeWindowSeconds: Int64 = 600

    /// The rollback rule of thumb: `rollbackCrashes` crashes within `rollbackWithinHours`
    /// hours mean "roll back now". Met at the first crash that brings the count of
    /// crashes in the preceding `rollbackWithinHours` hours (that crash included) to
    /// `rollbackCrashes`.
    public var rollbackCrashes: Int = 15
    /// See ``rollbackCrashes``.
    public var rollbackWithinHours: Int = 48

    public init() {}

    /// Why a set of settings cannot be used.
    public func validationProblems() -> [String] {
        var problems: [String] = []
        if !(costPerHourLow >= 0) { problems.append("costPerHourLow must be 0 or more (got \(costPerHourLow))") }
        if !(costPerHourHigh >= costPerHourLow) {
            problems.append("costPerHourHigh must be at least costPerHourLow (got \(costPerHourHigh) < \(costPerHourLow))")
        }
        if !(acceptableCrashesPerHour > 0) {
            problems.append("acceptableCrashesPerHour must be more than 0 (got \(acceptableCrashesPerHour))")
        }
        if episodeWindowSeconds < 0 { problems.append("episodeWindowSeconds must be 0 or more (got \(episodeWindowSeconds))") }
        if rollbackCrashes < 1 { problems.append("rollbackCrashes must be at least 1 (got \(rollbackCrashes))") }
        if rollbackWithinHours < 1 { problems.append("rollbackWithinHours must be at least 1 (got \(rollbackWithinHours))") }
        return problems
    }

    /// The JSON keys a settings object may have, for callers that check a configuration file's keys themselves.
    public static let knownKeys: [String] = CodingKeys.allCases.map(\.stringValue)

    enum CodingKeys: String, CodingKey, CaseIterable {
        case serviceName, costPerHourLow, costPerHourHigh, acceptableCrashesPerHour
        case episodeWindowSeconds, rollbackCrashes, rollbackWithinHours
    }

    /// Any subset of the keys; missing keys keep their defaults, unknown keys are an error.
    public init(from decoder: Decoder) throws {
        let known = Set(Self.knownKeys)
        let everything = try decoder.container(keyedBy: AnyKey.self)
        if let unknown = everything.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorruptedError(
                forKey: AnyKey(stringValue: unknown), in: everything,
                debugDescription: "unknown report setting '\(unknown)'; known: \(CodingKeys.allCases.map(\.stringValue).joined(separator: ", "))")
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        serviceName = try c.decodeIfPresent(String.self, forKey: .serviceName)
        costPerHourLow = try c.decodeIfPresent(Double.self, forKey: .costPerHourLow) ?? costPerHourLow
        costPerHourHigh = try c.decodeIfPresent(Double.self, forKey: .costPerHourHigh) ?? costPerHourHigh
        acceptableCrashesPerHour = try c.decodeIfPresent(Double.self, forKey: .acceptableCrashesPerHour) ?? acceptableCrashesPerHour
        episodeWindowSeconds = try c.decodeIfPresent(Int64.self, forKey: .episodeWindowSeconds) ?? episodeWindowSeconds
        rollbackCrashes = try c.decodeIfPresent(Int.self, forKey: .rollbackCrashes) ?? rollbackCrashes
        rollbackWithinHours = try c.decodeIfPresent(Int.self, forKey: .rollbackWithinHours) ?? rollbackWithinHours
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
