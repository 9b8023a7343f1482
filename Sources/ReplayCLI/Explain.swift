import ArgumentParser

/// `replay explain CRASH_ID`: why a crash got its cause.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show why a crash got its cause: the rule that fired, the evidence, what was ruled out.")
    @Argument(help: "A crash id from the report or JSON, e.g. C3.") var crashId: String
    @OptionGroup var database: DatabaseOptions
    func run() throws { throw NotYet.fail("explain") }
}
