import ArgumentParser
import Replay
#if canImport(Glibc)
import Glibc
#endif

/// `replay`: turns exported CloudWatch logs of an ECS service into its postmortem.
@main
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay exported CloudWatch logs of an ECS service into a timeline, root causes and a postmortem.",
        discussion: "The main job is `replay analyze LOGS...`: ingest the exports into an embedded SQLite database (.replay/replay.sqlite), rebuild the timeline of deployments, tasks, crashes, outages and exposures, classify every crash's root cause, and write a Markdown postmortem to reports/ (and, with --json, the incidents JSON).\n\nFor a nightly cron run: `replay ingest NEW_EXPORTS... && replay report --last 24h`. Exit status: 0 success, 1 failure (printed with file and line), 2 a --fail-on condition held, 64 bad usage.",
        version: ReplayVersion.string,
        subcommands: [AnalyzeCommand.self, IngestCommand.self, ReportCommand.self, TimelineCommand.self, ExplainCommand.self, SimulateCommand.self]
    )

    /// Runs the command with SIGPIPE and SIGXFSZ ignored.
    ///
    /// Cron pipes output through `mail` or `head`, and some hosts cap file sizes
    /// (`ulimit -f`): by default either signal kills the process mid-write. Ignored,
    /// the failing write returns an error (EPIPE, EFBIG) that is reported with the
    /// path and exit status 1, and SQLite rolls the transaction back.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        main(nil)
    }
}
