import Analytics
import ArgumentParser
import Replay

/// `replay timeline`: the rebuilt timeline on the terminal.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Print the rebuilt timeline, one line per event that matters (UTC, with time since deployment).")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var window: WindowOptions
    @Option(name: .long, help: ArgumentHelp("A JSON configuration (see docs/configuration.md).", valueName: "file"))
    var config: String?

    func run() throws {
        let db: ReplayDatabase
        let configuration: ReplayConfiguration
        do {
            db = try ReplayDatabase(path: database.db)
            configuration = try ReplayConfiguration.load(config)
        } catch { throw CommandFailure("\(error)") }
        let redactor = Redactor.standard
        let source = try TimelineSource.load(from: db, from: window.start, to: window.end, redactor: { redactor.redact($0) })
        let timeline = TimelineBuilder(settings: configuration.timeline, redactor: { redactor.redact($0) })
            .build(source, from: window.start, to: window.end)
        guard timeline.window != nil else { throw CommandFailure("no events in \(database.db)") }
        for line in TimelineText.lines(timeline, redactor: redactor) { print(line) }
    }
}
