import ArgumentParser

/// `replay analyze INPUT...`: the main job in one go.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ingest, rebuild the timeline, classify every crash and write the postmortem (and --json).")
    @OptionGroup var input: InputOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var window: WindowOptions
    func run() throws { throw NotYet.fail("analyze") }
}
