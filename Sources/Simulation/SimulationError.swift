/// Why `Simulator.write` could not produce a scenario.
public enum SimulationError: Error, CustomStringConvertible, Equatable {
    /// The name is not one of `Simulator.scenarioNames`.
    case unknownScenario(String, valid: [String])
    /// A scenario's happenings do not fit the simulated service (a crash with no task to hit).
    case invalidScenario(String, String)
    /// A file or folder could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownScenario(let name, let valid):
            return "unknown scenario '\(name)'; valid scenarios: \(valid.joined(separator: ", "))"
        case .invalidScenario(let name, let why):
            return "scenario '\(name)' cannot be simulated: \(why)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
