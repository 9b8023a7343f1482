/// Reads one file end to end on the calling thread: bytes -> records -> events -> batches.
///
/// This is the per-file half of the pipeline that runs on every core; it touches
/// no database. `skipThroughLine` resumes a file a killed run left half-done.
struct FileReader {
    var path: String
    var displayPath: String
    var fileIndex: Int
    var options: IngestOptions
    /// The run's routine keys, shared with the other readers: each batch is settled against it before it is sent.
    var routineKeys: RoutineKeySet
    var skipThroughLine: Int = 0

    /// Streams batches to `send`; the last one has `isLast` set.
    func read(send: @escaping (EventBatch) -> Void) {
        var batch = EventBatch(fileIndex: fileIndex)
        batch.routineLines.reserveCapacity(min(options.batchSize, 1 << 16))
        var names = NameIndex()
        let context = ShapeContext(path: path, displayPath: displayPath, logGroupOverride: options.logGroup)
        var problems: [InputProblem] = []
        var currentLine = 0
        var lastRecordLine = 0
        let batchSize = options.batchSize
        let skip = skipThroughLine

        // A file of garbage would otherwise hold one problem per line in memory (150 B each):
        // the first `listedProblemsPerFile` line problems are kept whole, the rest only counted.
        var listed = 0
        var unlisted: [InputProblem.Kind: Int] = [:]
        let listLimit = IngestOptions.listedProblemsPerFile
        func report(_ kind: InputProblem.Kind, _ line: Int, _ detail: String) {
            if line > 0 {
                guard listed < listLimit else { unlisted[kind, default: 0] += 1; return }
                listed += 1
            }
            problems.append(InputProblem(file: displayPath, line: line, kind: kind, detail: detail))
        }

        var detector = ShapeDetector(context: context, emit: { view in
            if view.line <= skip { return }
            let content = view.readContent()  // with this thread's memory of the previous message's keys
            if case .routine = content {
                // Counted, never stored: no String is built for it, and its key is the faster one.
                let name = names.index(stream: view.logStream, group: view.logGroup, in: &batch)
                batch.appendRoutine(key: view.routineKey, millis: view.timestampMillis, name: name)
                return
            }
            let key = view.contentKey  // StableHash.eventKey, the stream's part kept while it repeats
            batch.append(ParsedEvent(key: key, eventId: view.eventId, logGroup: view.logGroup, logStream: view.logStream,
                                     millis: view.timestampMillis, line: view.line,
                                     message: String(decoding: view.message, as: UTF8.self), content: content))
        }, problem: { kind, line, detail in
            report(kind, line, detail)
        })

        let framer = RecordFramer(maxRecordBytes: options.maxLineBytes, onRecord: { bytes, line, origin in
            // Flush on a record boundary so `linesDone` is exact: every line before this record is done.
            currentLine = line - 1
            if batch.eventCount >= batchSize {
                batch.linesDone = max(currentLine, skip)
                batch.problems = problems
                problems.removeAll()
                batch.settleRoutine(against: routineKeys)
                send(batch)
                batch = EventBatch(fileIndex: fileIndex)
                batch.routineLines.reserveCapacity(min(batchSize, 1 << 16))
                names.reset()
            }
            lastRecordLine = line
            if line <= skip && origin == .whole { return }
            detector.record(bytes, line: line, origin: origin)
        }, onProblem: { kind, line, detail in
            if line > skip { report(kind, line, detail) }
        })

        let source = ByteSource(path: path, maxInflatedBytes: options.maxFileBytes)
        do {
            let outcome = try source.read { chunk in framer.feed(chunk) }
            framer.finish(discardPartial: outcome.problem != nil)
            if outcome.rawBytes == 0 {
                report(.emptyFile, 0, "the file holds no bytes")
            } else if outcome.decodedBytes == 0 && outcome.problem == nil {
                report(.emptyFile, 0, "the gzip stream holds no bytes")
            }
            if let kind = outcome.problem {
                // Where the stream broke: the line after the last one read.
                report(kind, lastRecordLine + 1, outcome.problemDetail)
            }
            if framer.recordsEmitted > 0, detector.shapeCounts.isEmpty, batch.eventCount == 0, problems.count > 100 {
                problems = Array(problems.prefix(5))
                report(.unknownShape, 0, "no line of this file is a CloudWatch event; showing the first 5 problems")
            }
            batch.rawBytes = outcome.rawBytes
            batch.decodedBytes = outcome.decodedBytes
        } catch let problem as InputProblem {
            problems.append(problem)
        } catch {
            report(.unreadable, 0, "\(error)")
        }
        batch.problems = problems
        batch.unlistedProblems = unlisted
        batch.shapeCounts = detector.shapeCounts
        batch.linesDone = Int.max
        batch.isLast = true
        batch.settleRoutine(against: routineKeys)
        send(batch)
    }
}
