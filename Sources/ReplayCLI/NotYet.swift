import ArgumentParser

/// Subcommands whose stage has not landed yet say so plainly (exit 1) rather than pretending.
enum NotYet {
    static func fail(_ what: String) -> Error {
        CommandFailure("replay: \(what) is not built yet")
    }
}
