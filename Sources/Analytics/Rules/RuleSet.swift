import Foundation
import Replay

/// The cause rules in use and how they are ranked: the bundled files, plus a user's own.
///
/// Bundled rules live in `Rules/Bundled/*.json`, one file per cause family, and
/// `Rules/Bundled/ranking.json`. Every file is checked when it loads (see
/// `RuleFileParser`): a rule whose sample does not fire, or whose counter-sample
/// does, stops the load with `RuleLoadError` naming file, line and rule.
public struct RuleSet: Sendable {
    /// In evaluation order (files in name order, rules in file order, user rules replacing by id or appended).
    public private(set) var rules: [CauseRule]
    public private(set) var ranking: RuleRanking

    public init(rules: [CauseRule], ranking: RuleRanking) {
        self.rules = rules; self.ranking = ranking
    }

    /// The folder of bundled rule files inside the Analytics resources.
    public static var bundledDirectory: URL? {
        Bundle.module.url(forResource: "Bundled", withExtension: nil)
    }

    private static let bundledCache: Result<RuleSet, RuleLoadError> = {
        do { return .success(try loadBundled()) } catch let error as RuleLoadError {
            return .failure(error)
        } catch {
            return .failure(RuleLoadError(file: "Bundled", message: "\(error)"))
        }
    }()

    /// The rules shipped with the tool (loaded and verified once per process).
    public static func bundled() throws -> RuleSet { try bundledCache.get() }

    private static func loadBundled() throws -> RuleSet {
        guard let directory = bundledDirectory else {
            throw RuleLoadError(file: "Rules/Bundled", message: "the bundled rules folder is missing from the Analytics resources")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        guard names.contains("ranking.json") else {
            throw RuleLoadError(file: "Rules/Bundled/ranking.json", message: "missing")
        }
        let ranking = try RuleRanking.parse(try Data(contentsOf: directory.appendingPathComponent("ranking.json")),
                                            source: "ranking.json")
        let files = names.filter { $0 != "ranking.json" }.map { directory.appendingPathComponent($0) }
        return try load(files: files, ranking: ranking, displayNames: true)
    }

    /// Loads rule files (not a ranking file); `ranking` nil means the bundled ranking.
    public static func load(files: [URL], ranking: RuleRanking? = nil) throws -> RuleSet {
        try load(files: files, ranking: ranking, displayNames: false)
    }

    private static func load(files: [URL], ranking: RuleRanking?, displayNames: Bool) throws -> RuleSet {
        var set = RuleSet(rules: [], ranking: try ranking ?? bundled().ranking)
        var origin: [String: String] = [:]
        for url in files {
            let name = displayNames ? url.lastPathComponent : url.path
            for entry in try RuleFileParser.parse(try read(url, name: name), source: name) {
                switch entry {
                case .rule(let rule):
                    if let other = origin[rule.id] {
                        throw RuleLoadError(file: name, line: rule.line, ruleId: rule.id, message: "duplicate rule id (also in \(other))")
                    }
                    origin[rule.id] = name
                    set.rules.append(rule)
                case .disable(let id, let line):
                    throw RuleLoadError(file: name, line: line, ruleId: id,
                                        message: "\"disabled\" only makes sense in a user file merged over other rules")
                }
            }
        }
        return set
    }

    /// This set with a user's rule file (`--config FILE`) merged in: a rule with a known id
    /// replaces that rule in place, `{"id": ..., "disabled": true}` removes it, a new id is appended.
    public func merging(file url: URL) throws -> RuleSet {
        try merging(data: try RuleSet.read(url, name: url.path), source: url.path)
    }

    /// As `merging(file:)`, from the file's bytes (`source` names it in errors).
    public func merging(data: Data, source: String) throws -> RuleSet {
        var merged = self
        for entry in try RuleFileParser.parse(data, source: source) {
            switch entry {
            case .rule(let rule):
                if let i = merged.rules.firstIndex(where: { $0.id == rule.id }) {
                    merged.rules[i] = rule
                } else {
                    merged.rules.append(rule)
                }
            case .disable(let id, let line):
                guard let i = merged.rules.firstIndex(where: { $0.id == id }) else {
                    throw RuleLoadError(file: source, line: line, ruleId: id, message: "disables a rule that does not exist")
                }
                merged.rules.remove(at: i)
            }
        }
        return merged
    }

    /// The rule with this id.
    public subscript(id: String) -> CauseRule? { rules.first { $0.id == id } }

    private static func read(_ url: URL, name: String) throws -> Data {
        do { return try Data(contentsOf: url) } catch {
            throw RuleLoadError(file: name, message: "cannot read the file: \(RuleFileParser.describe(error))")
        }
    }
}
