import Foundation
import Replay

/// Writes shape B: CloudWatch subscription records delivered by Firehose to S3,
/// hourly objects without an extension, gzipped, records one per line or back to back.
struct ShapeBWriter {
    let options: FirehoseOptions
    var random: SeededRandom
    /// Events per record at most; CloudWatch batches a stream's events.
    let batchSize = 40

    mutating func write(_ records: [LogRecord]) throws -> [OutputFile] {
        var files: [OutputFile] = []
        for (n, bucket) in RecordBuckets.split(records, byHour: true).enumerated() {
            var texts: [String] = []
            if n == 0, options.controlMessage, let first = bucket.records.first { texts.append(control(at: first.timestamp)) }
            texts += batches(bucket.records).map(record)
            var text = texts.joined(separator: options.concatenated ? "" : "\n")
            if !options.concatenated { text += "\n" }
            let first = bucket.records[0].timestamp.iso8601
            let stamp = first.prefix(19).replacingOccurrences(of: "T", with: "-").replacingOccurrences(of: ":", with: "-")
            let folder = "\(options.folder)/\(first.prefix(4))/\(first.dropFirst(5).prefix(2))/\(first.dropFirst(8).prefix(2))/\(bucket.hour)"
            let name = "merxex-logs-to-s3-1-\(stamp)-\(random.uuid())"
            files.append(OutputFile(path: "\(folder)/\(name)", bytes: try GzipWriter.compress(Array(text.utf8))))
        }
        return files
    }

    /// Consecutive events of one stream, at most `batchSize` each, ordered by their first event.
    private func batches(_ records: [LogRecord]) -> [[LogRecord]] {
        var byStream: [String: [LogRecord]] = [:]
        var order: [String] = []
        for record in records {
            if byStream[record.stream] == nil { order.append(record.stream) }
            byStream[record.stream, default: []].append(record)
        }
        var result: [[LogRecord]] = []
        for stream in order {
            let events = byStream[stream]!
            var start = 0
            while start < events.count {
                result.append(Array(events[start..<min(events.count, start + batchSize)]))
                start += batchSize
            }
        }
        return result.sorted { ($0[0].timestamp, $0[0].eventId) < ($1[0].timestamp, $1[0].eventId) }
    }

    private func record(_ events: [LogRecord]) -> String {
        var json = JSONText()
        json.add("messageType", "DATA_MESSAGE")
        json.add("owner", AWSAccount.id)
        json.add("logGroup", events[0].group)
        json.add("logStream", events[0].stream)
        json.add("subscriptionFilters", strings: ["to-s3"])
        json.add("logEvents", objects: events.map { event in
            var e = JSONText()
            e.add("id", event.eventId)
            e.add("timestamp", event.timestamp.millis)
            e.add("message", event.message)
            return e
        })
        return json.text
    }

    private func control(at t: Timestamp) -> String {
        var event = JSONText()
        event.add("id", "")
        event.add("timestamp", t.millis)
        event.add("message", "CWL CONTROL MESSAGE: Checking health of destination Firehose.")
        var json = JSONText()
        json.add("messageType", "CONTROL_MESSAGE")
        json.add("owner", "CloudwatchLogs")
        json.add("logGroup", "")
        json.add("logStream", "")
        json.add("subscriptionFilters", strings: [])
        json.add("logEvents", objects: [event])
        return json.text
    }
}
