import ArgumentParser

/// `replay timeline`: the rebuilt timeline on the terminal.
struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the rebuilt timeline, one line per event that matters.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var window: WindowOptions
    func run() throws { throw NotYet.fail("timeline") }
}
