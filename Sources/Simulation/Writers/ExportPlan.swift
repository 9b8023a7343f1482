import Replay

/// Where a scenario's log groups are written, and in which export shapes
/// (`input-formats.md` section 2). One group may be delivered several times, in
/// several shapes or spans: that is how real exports overlap.
struct ExportPlan: Sendable {
    var deliveries: [Delivery]
    /// Adds the deliberate damage of the `messy-export` scenario (`MessyArtifacts`).
    var damaged = false
}

/// One log group (or part of its time span) written in one shape.
struct Delivery: Sendable {
    var group: String
    var shape: ExportShape
    /// Only events at or after this instant (nil: from the window start).
    var from: Timestamp?
    /// Only events before this instant (nil: to the window end).
    var to: Timestamp?

    init(_ group: String, _ shape: ExportShape, from: String? = nil, to: String? = nil) {
        self.group = group
        self.shape = shape
        self.from = from.map(Happening.time)
        self.to = to.map(Happening.time)
    }
}

enum ExportShape: Sendable {
    /// Shape A: gzipped JSON Lines of events.
    case jsonLines(JSONLinesOptions)
    /// Shape B: subscription-filter records as Firehose writes them to S3.
    case firehose(FirehoseOptions)
    /// Shape C: `aws logs filter-log-events` output, one document per day, in a folder named after the group.
    case filterLogEvents(folder: String)
    /// Shape D: CloudWatch export to S3, `<prefix>/<export task id>/<log stream>/000000.gz`, one export task per day.
    case s3Export(prefix: String)
}

/// How a shape-A delivery looks.
struct JSONLinesOptions: Sendable {
    enum Split: Sendable { case hour, day }
    var folder: String
    var split: Split = .day
    /// Mixes ISO and epoch timestamps, `logStreamName`/`id` spellings and key orders, as hand-made exports do.
    var varied = false
    /// Writes each file as two gzip members back to back.
    var multiMember = false
    /// Ends the last file of the delivery without a newline.
    var noFinalNewline = false
}

/// How a shape-B delivery looks.
struct FirehoseOptions: Sendable {
    var folder: String
    /// Records back to back with no separator (`}{`), as Firehose writes them; else one per line.
    var concatenated: Bool
    /// Starts with a `CONTROL_MESSAGE` record, as every new subscription does.
    var controlMessage = true
}

/// A file the simulator writes: a path relative to the output folder, and its bytes.
struct OutputFile: Sendable {
    var path: String
    var bytes: [UInt8]
}
