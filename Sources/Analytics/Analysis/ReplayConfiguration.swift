import Foundation
import Replay

/// The user's `--config FILE`: every threshold in one typed, documented JSON file.
///
/// ```json
/// {
///   "timeline": {"productionEnvironments": ["production"], "sensitivePaths": ["/graphql"]},
///   "causes":   {"signalWindowSeconds": 900, "ruleFiles": ["my-rules.json"]},
///   "report":   {"costPerHourLow": 10, "costPerHourHigh": 20, "rollbackCrashes": 15, "rollbackWithinHours": 48}
/// }
/// ```
/// Every key is optional and has the default documented on its type; an unknown
/// key, a missing file or a bad value is an error naming the file and the key.
public struct ReplayConfiguration: Sendable {
    public var timeline = TimelineSettings()
    public var report = ReportSettings()
    public var causes = CauseSettings()
    public var rules: RuleSet

    public init(rules: RuleSet) { self.rules = rules }

    /// The defaults and the bundled rules.
    public static func defaults() throws -> ReplayConfiguration {
        ReplayConfiguration(rules: try RuleSet.bundled())
    }

    public static func load(_ path: String?) throws -> ReplayConfiguration {
        var configuration = try defaults()
        guard let path else { return configuration }
        let url = URL(fileURLWithPath: path)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ConfigurationError(file: path, message: "cannot read the file (\(error.localizedDescription))")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ConfigurationError(file: path, message: "not a JSON object")
        }
        let sections = ["timeline", "report", "causes"]
        for key in object.keys.sorted() where !sections.contains(key) {
            throw ConfigurationError(file: path, message: "unknown key '\(key)' (known: \(sections.joined(separator: ", ")))")
        }
        func section<T: Decodable>(_ name: String, _ type: T.Type, keys: [String]?) throws -> T? {
            guard let value = object[name] else { return nil }
            guard let dict = value as? [String: Any] else { throw ConfigurationError(file: path, message: "'\(name)' must be an object") }
            for key in dict.keys.sorted() where keys.map({ !$0.contains(key) }) ?? false {
                throw ConfigurationError(file: path, message: "unknown key '\(name).\(key)' (known: \((keys ?? []).joined(separator: ", ")))")
            }
            do {
                return try JSONDecoder().decode(T.self, from: JSONSerialization.data(withJSONObject: dict))
            } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
                let key = context.codingPath.map(\.stringValue).joined(separator: ".")
                throw ConfigurationError(file: path, message: "'\(name).\(key)' has the wrong type")
            } catch let DecodingError.dataCorrupted(context) {
                throw ConfigurationError(file: path, message: "'\(name)': \(context.debugDescription)")
            } catch let error as ConfigurationError {
                throw error
            } catch {
                throw ConfigurationError(file: path, message: "'\(name)': \(error)")
            }
        }
        if let t = try section("timeline", TimelineSettings.self, keys: TimelineSettings.CodingKeys.allCases.map(\.rawValue)) {
            configuration.timeline = t
        }
        // ReportSettings refuses unknown keys itself.
        if let r = try section("report", ReportSettings.self, keys: nil) {
            configuration.report = r
            let problems = r.validationProblems()
            if let first = problems.first { throw ConfigurationError(file: path, message: "report: \(first)") }
        }
        if let c = try section("causes", CauseSettings.self, keys: CauseSettings.CodingKeys.allCases.map(\.rawValue)) {
            configuration.causes = c
            let folder = url.deletingLastPathComponent()
            for file in c.ruleFiles {
                let ruleURL = file.hasPrefix("/") ? URL(fileURLWithPath: file) : folder.appendingPathComponent(file)
                configuration.rules = try configuration.rules.merging(file: ruleURL)
            }
        }
        return configuration
    }
}

/// Settings of the cause stage.
public struct CauseSettings: Codable, Sendable {
    /// How far before a crash its task's lines, gauges and probes are read (seconds).
    public var signalWindowSeconds: Int64 = 900
    /// Rule files merged over the bundled rules (paths relative to the configuration file).
    public var ruleFiles: [String] = []

    public init() {}

    public enum CodingKeys: String, CodingKey, CaseIterable { case signalWindowSeconds, ruleFiles }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        signalWindowSeconds = try c.decodeIfPresent(Int64.self, forKey: .signalWindowSeconds) ?? 900
        ruleFiles = try c.decodeIfPresent([String].self, forKey: .ruleFiles) ?? []
    }
}

/// A bad configuration file, naming it.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}
