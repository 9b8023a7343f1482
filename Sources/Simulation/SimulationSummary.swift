import Replay

/// What `Simulator.write` produced.
public struct SimulationSummary: Sendable {
    /// Log files written (not counting `truth.json`).
    public var files: Int
    /// Distinct log events across all files (an event written in two shapes counts once).
    public var events: Int
    /// The ground truth also written to `truth.json`.
    public var truth: IncidentsDocument

    public init(files: Int, events: Int, truth: IncidentsDocument) {
        self.files = files; self.events = events; self.truth = truth
    }
}
