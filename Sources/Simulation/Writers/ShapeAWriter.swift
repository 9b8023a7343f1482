import Replay

/// Writes shape A: one JSON event per line, gzipped, split by hour or by day.
struct ShapeAWriter {
    let options: JSONLinesOptions
    var random: SeededRandom

    mutating func write(_ records: [LogRecord]) throws -> [OutputFile] {
        let buckets = RecordBuckets.split(records, byHour: options.split == .hour)
        var files: [OutputFile] = []
        for (n, bucket) in buckets.enumerated() {
            var text = bucket.records.map { line($0) }.joined(separator: "\n")
            let last = n == buckets.count - 1
            if !(last && options.noFinalNewline) { text += "\n" }
            let bytes = Array(text.utf8)
            let compressed: [UInt8]
            if options.multiMember, bytes.count > 2 {
                let cut = newlineNear(bytes.count / 2, in: bytes)
                compressed = try GzipWriter.compress(Array(bytes[..<cut])) + GzipWriter.compress(Array(bytes[cut...]))
            } else {
                compressed = try GzipWriter.compress(bytes)
            }
            let name = options.split == .hour ? "\(bucket.day)/\(bucket.hour).jsonl.gz" : "\(bucket.day).jsonl.gz"
            files.append(OutputFile(path: "\(options.folder)/\(name)", bytes: compressed))
        }
        return files
    }

    private func newlineNear(_ index: Int, in bytes: [UInt8]) -> Int {
        var i = index
        while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
        return min(bytes.count, i + 1)
    }

    /// One event as a line: the documented key order, or a varied one.
    mutating func line(_ record: LogRecord) -> String {
        var json = JSONText()
        guard options.varied else {
            json.add("timestamp", record.timestamp.millis)
            json.add("logGroup", record.group)
            json.add("logStream", record.stream)
            json.add("eventId", record.eventId)
            json.add("ingestionTime", record.timestamp.millis + record.ingestionDelay)
            json.add("message", record.message)
            return json.text
        }
        switch random.int(0...3) {
        case 0: json.add("timestamp", TimeText.millis(record.timestamp))
        case 1: json.add("timestamp", TimeText.millisWithOffset(record.timestamp))
        default: json.add("timestamp", record.timestamp.millis)
        }
        if random.chance(0.8) { json.add("logGroup", record.group) }
        json.add(random.chance(0.5) ? "logStreamName" : "logStream", record.stream)
        json.add(random.chance(0.5) ? "id" : "eventId", record.eventId)
        if random.chance(0.5) { json.add("ingestionTime", record.timestamp.millis + record.ingestionDelay) }
        json.add("message", record.message)
        return json.shuffledText(&random)
    }
}

/// Records grouped by UTC day or hour, as exporters name their files.
struct RecordBuckets {
    var day: String
    var hour: String
    var records: [LogRecord]

    /// Splits time-sorted records; buckets come out in time order.
    static func split(_ records: [LogRecord], byHour: Bool) -> [RecordBuckets] {
        var buckets: [RecordBuckets] = []
        for record in records {
            let iso = record.timestamp.iso8601
            let day = String(iso.prefix(10))
            let hour = byHour ? String(iso.dropFirst(11).prefix(2)) : ""
            // Compare keys only: binding `buckets.last` would copy its records on every append.
            if !buckets.isEmpty, buckets[buckets.count - 1].day == day, buckets[buckets.count - 1].hour == hour {
                buckets[buckets.count - 1].records.append(record)
            } else {
                buckets.append(RecordBuckets(day: day, hour: hour, records: [record]))
            }
        }
        return buckets
    }
}
