import Replay

/// The damage real export folders carry, for the `messy-export` scenario.
///
/// Every artifact either repeats events written elsewhere (so truth does not depend
/// on it) or holds nothing a reader should keep: a truncated gzip, lines that are
/// not JSON, invalid UTF-8, a 3 MB line, an empty file, a hidden file, a stray
/// database, S3's write-test object, CRLF endings.
struct MessyArtifacts {
    var random: SeededRandom

    mutating func files(records: [LogRecord], alreadyWritten: [OutputFile]) throws -> [OutputFile] {
        var files: [OutputFile] = []
        // A copy of an hourly shape-A file, cut in the middle of its gzip stream.
        if let source = alreadyWritten.first(where: { $0.path.hasSuffix(".jsonl.gz") && $0.bytes.count > 4096 }) {
            let cut = source.bytes.count * 3 / 5
            files.append(OutputFile(path: "partial-download/" + source.path.replacingSlashes(),
                                    bytes: Array(source.bytes[..<cut])))
        }
        // A hand-made extract: CRLF endings, duplicates of real events, and bad lines among them.
        let app = records.filter { $0.group == LogGroups.application }
        if app.count > 40 {
            let sample = Array(app[(app.count / 2)..<(app.count / 2 + 30)])
            var lines: [[UInt8]] = sample.prefix(10).map { Array(shapeALine($0).utf8) }
            lines.append(Array("--- copied from the CloudWatch console, page 2 ---".utf8))
            lines += sample.dropFirst(10).prefix(10).map { Array(shapeALine($0).utf8) }
            var invalid = Array("{\"timestamp\":\(sample[10].timestamp.millis),\"message\":\"caf".utf8)
            invalid += [0xC3, 0x28, 0xFF, 0xFE]
            invalid += Array("\"}".utf8)
            lines.append(invalid)
            let filler = String(repeating: "x", count: 3 * 1024 * 1024)
            var huge = JSONText()
            huge.add("timestamp", sample[15].timestamp.millis)
            huge.add("logStream", sample[15].stream)
            huge.add("message", "{\"level\":\"DEBUG\",\"fields\":{\"message\":\"request body dump\",\"body\":\"\(filler)\"}}")
            lines.append(Array(huge.text.utf8))
            lines += sample.dropFirst(20).map { Array(shapeALine($0).utf8) }
            var bytes: [UInt8] = []
            for line in lines { bytes += line + [0x0D, 0x0A] }
            files.append(OutputFile(path: "cloudwatch/manual-extract.jsonl", bytes: bytes))
        }
        files.append(OutputFile(path: "cloudwatch/empty.jsonl", bytes: []))
        files.append(OutputFile(path: "cloudwatch/.DS_Store", bytes: [0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31] + Array(repeating: 0, count: 56)))
        files.append(OutputFile(path: ".export-state", bytes: Array("last_export_task=\(random.uuid())\n".utf8)))
        files.append(OutputFile(path: "replay.sqlite", bytes: Array("SQLite format 3".utf8) + [0] + Array(repeating: 0, count: 4080)))
        files.append(OutputFile(path: "s3-export/aws-logs-write-test", bytes: Array("Permission Check Successful".utf8)))
        return files
    }

    private func shapeALine(_ r: LogRecord) -> String {
        var json = JSONText()
        json.add("timestamp", r.timestamp.millis)
        json.add("logGroup", r.group)
        json.add("logStream", r.stream)
        json.add("eventId", r.eventId)
        json.add("message", r.message)
        return json.text
    }
}

private extension String {
    func replacingSlashes() -> String { String(map { $0 == "/" ? "_" : $0 }) }
}
