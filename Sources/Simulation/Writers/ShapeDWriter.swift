import Replay

/// Writes shape D: a CloudWatch export to S3. Each export task (one per day here)
/// gets a UUID folder; each log stream a folder below it, its name keeping the
/// stream's slashes (`ecs/app/<task id>`); each file `<ISO time> <message>` lines, gzipped.
struct ShapeDWriter {
    let prefix: String
    var random: SeededRandom

    mutating func write(_ records: [LogRecord]) throws -> [OutputFile] {
        var files: [OutputFile] = []
        for bucket in RecordBuckets.split(records, byHour: false) {
            let exportTask = random.uuid()
            var byStream: [String: [LogRecord]] = [:]
            for record in bucket.records { byStream[record.stream, default: []].append(record) }
            for stream in byStream.keys.sorted() {
                let text = byStream[stream]!.map { TimeText.millis($0.timestamp) + " " + $0.message + "\n" }.joined()
                files.append(OutputFile(path: "\(prefix)/\(exportTask)/\(stream)/000000.gz",
                                        bytes: try GzipWriter.compress(Array(text.utf8))))
            }
        }
        return files
    }
}
