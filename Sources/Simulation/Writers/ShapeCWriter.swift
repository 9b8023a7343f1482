import Replay

/// Writes shape C: `aws logs filter-log-events` output, pretty-printed as the AWS CLI
/// prints it (4-space indent), one document per day in a folder named after the group.
struct ShapeCWriter {
    let folder: String

    func write(_ records: [LogRecord]) -> [OutputFile] {
        RecordBuckets.split(records, byHour: false).map { bucket in
            let events = bucket.records.map { r -> String in
                let fields = [
                    "\"logStreamName\": " + JSONText.quoted(r.stream),
                    "\"timestamp\": \(r.timestamp.millis)",
                    "\"message\": " + JSONText.quoted(r.message),
                    "\"ingestionTime\": \(r.timestamp.millis + r.ingestionDelay)",
                    "\"eventId\": " + JSONText.quoted(r.eventId),
                ]
                return "        {\n" + fields.map { "            " + $0 }.joined(separator: ",\n") + "\n        }"
            }
            let text = "{\n    \"events\": [\n" + events.joined(separator: ",\n") + "\n    ],\n    \"searchedLogStreams\": []\n}\n"
            return OutputFile(path: "\(folder)/filter-log-events-\(bucket.day).json", bytes: Array(text.utf8))
        }
    }
}
