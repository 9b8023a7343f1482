/// Every scenario `replay simulate` knows, in the order `--help` lists them.
enum ScenarioCatalog {
    static let all: [Scenario] = [
        ReferenceScenario.scenario,
        OomLeakScenario.scenario,
        PoolExhaustionScenario.scenario,
        QuietScenario.scenario,
        MessyExportScenario.scenario,
    ]

    static func named(_ name: String) -> Scenario? { all.first { $0.name == name } }
}
