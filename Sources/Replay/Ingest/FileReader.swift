/// Reads one file end to end on the calling thread: bytes -> records -> events -> batches.
///
/// This is the per-file half of the pipeline that runs on every core; it touches
/// no database. `skipThroughLine` resumes a file a killed run left half-done.
/// With an `exchange`, runs of its records go to reader threads that have no file
/// left whenever one is idle (`RecordChunk`).
struct FileReader {
    var path: String
    var displayPath: String
    var fileIndex: Int
    var options: IngestOptions
    /// The run's routine keys, shared with the other readers: each batch is settled against it before it is sent.
    var routineKeys: RoutineKeySet
    var skipThroughLine: Int = 0
    var exchange: ChunkExchange?

    /// Streams batches to `send`; the last one has `isLast` set.
    func read(send: @escaping (EventBatch) -> Void) {
        let builder = BatchBuilder(fileIndex: fileIndex, displayPath: displayPath, skipThroughLine: skipThroughLine,
                                   reserve: options.batchReserve)
        let context = ShapeContext(path: path, displayPath: displayPath, logGroupOverride: options.logGroup)
        var lastRecordLine = 0
        var sequence = 0
        let batchSize = options.batchSize
        let skip = skipThroughLine
        let routineKeys = self.routineKeys
        let exchange = self.exchange
        var chunk: RecordChunk?
        var sinceIdleCheck = 0
        var lastChunkBytes = 0
        let chunkRecords = options.chunkRecords
        let idleCheckInterval = options.idleCheckInterval

        var detector = ShapeDetector(context: context, emit: { builder.add($0) }, problem: { builder.report($0, $1, $2) })

        /// Sends the batch built so far as the file's next one.
        func flush(linesDone: Int) {
            send(builder.take(linesDone: linesDone, sequence: sequence, keys: routineKeys))
            sequence += 1
        }
        /// Offers the chunk being filled, complete through `linesDone`.
        func closeChunk(linesDone: Int) {
            guard var full = chunk else { return }
            chunk = nil
            lastChunkBytes = full.bytes.count
            full.linesDone = linesDone
            exchange?.offer(full)
        }

        let framer = RecordFramer(maxRecordBytes: options.maxLineBytes, onRecord: { bytes, line, origin in
            // Flush on a record boundary so `linesDone` is exact: every line before this record is done.
            let linesBefore = line - 1
            lastRecordLine = line
            if line <= skip && origin == .whole { return }
            if chunk != nil {
                if origin == .whole && chunk!.count < chunkRecords {
                    chunk!.append(bytes, line: line)
                    return
                }
                closeChunk(linesDone: linesBefore)
            }
            sinceIdleCheck += 1
            if builder.eventCount >= batchSize {
                flush(linesDone: max(linesBefore, skip))
            }
            // Once the file is known to hold events (a file of garbage keeps its own summary), a
            // thread with nothing to read gets the records that follow, when it is idle.
            if let exchange, origin == .whole, sinceIdleCheck >= idleCheckInterval {
                sinceIdleCheck = 0
                if detector.hasSeenRecords, exchange.wantsChunk {
                    if builder.eventCount > 0 || !builder.problems.isEmpty { flush(linesDone: max(linesBefore, skip)) }
                    var started = RecordChunk(fileIndex: fileIndex, context: context, skipThroughLine: skip, sequence: sequence)
                    sequence += 1
                    started.bytes = exchange.buffer()
                    // Room for what the last chunk held, so the buffer is not grown (and copied) as it fills.
                    started.bytes.reserveCapacity(lastChunkBytes + lastChunkBytes / 8)
                    started.ends.reserveCapacity(chunkRecords)
                    started.lines.reserveCapacity(chunkRecords)
                    started.append(bytes, line: line)
                    chunk = started
                    return
                }
            }
            detector.record(bytes, line: line, origin: origin)
        }, onProblem: { kind, line, detail in
            guard line > skip else { return }
            // Problems are listed in file order: the records before this line go first.
            closeChunk(linesDone: line - 1)
            builder.report(kind, line, detail)
        })

        let source = ByteSource(path: path, maxInflatedBytes: options.maxFileBytes)
        var rawBytes: Int64 = 0, decodedBytes: Int64 = 0
        do {
            let outcome = try source.read { chunk in framer.feed(chunk) }
            framer.finish(discardPartial: outcome.problem != nil)
            closeChunk(linesDone: lastRecordLine)
            if outcome.rawBytes == 0 {
                builder.report(.emptyFile, 0, "the file holds no bytes")
            } else if outcome.decodedBytes == 0 && outcome.problem == nil {
                builder.report(.emptyFile, 0, "the gzip stream holds no bytes")
            }
            if let kind = outcome.problem {
                // Where the stream broke: the line after the last one read.
                builder.report(kind, lastRecordLine + 1, outcome.problemDetail)
            }
            if framer.recordsEmitted > 0, !detector.hasSeenRecords, builder.eventCount == 0, builder.problems.count > 100 {
                builder.problems = Array(builder.problems.prefix(5))
                builder.report(.unknownShape, 0, "no line of this file is a CloudWatch event; showing the first 5 problems")
            }
            rawBytes = outcome.rawBytes
            decodedBytes = outcome.decodedBytes
        } catch let problem as InputProblem {
            closeChunk(linesDone: lastRecordLine)
            builder.problems.append(problem)
        } catch {
            closeChunk(linesDone: lastRecordLine)
            builder.report(.unreadable, 0, "\(error)")
        }
        var last = builder.take(linesDone: Int.max, sequence: sequence, keys: routineKeys)
        last.shapeCounts = detector.shapeCounts
        last.rawBytes = rawBytes
        last.decodedBytes = decodedBytes
        last.isLast = true
        send(last)
    }
}
