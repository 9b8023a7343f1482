import ArgumentParser

/// `replay report`: the postmortem from what is already in the database.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the postmortem from the database, e.g. --last 24h for a nightly run.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var window: WindowOptions
    func run() throws { throw NotYet.fail("report") }
}
