/// A run of consecutive whole-line records of one file, copied out by the thread reading
/// that file for an idle reader thread to parse (`ChunkExchange`).
///
/// Files are read whole by one thread each, so once the last files are being read, a
/// thread with no file left would idle: on the 1 GB benchmark one core waited 0.05-0.15 s
/// for the other's last file, and a single big file was read on one core from start to end.
/// Inflating and framing a file must stay on one thread (a gzip stream is read in order),
/// but its records are independent once framed: the reading thread copies the next ones
/// into a chunk, and the idle thread parses them with its own shape reader into a batch of
/// its own. The batch keeps its place in the file by `sequence`, and the writer stores a
/// file's batches in that order (`BatchSequencer`), so a file's `lines_done` still only
/// counts lines whose events are all stored.
struct RecordChunk: Sendable {
    var fileIndex: Int
    /// The file's context, as its reader made it (the group and stream its path gives).
    var context: ShapeContext
    var skipThroughLine: Int
    /// This chunk's batch's place among the file's batches.
    var sequence: Int
    /// Lines of the file all done once this chunk is stored: those before the record after it
    /// (a record may span lines), set by the reading thread when it closes the chunk.
    var linesDone = 0
    /// The records' bytes, back to back.
    var bytes: [UInt8] = []
    /// Per record: where it ends in `bytes`, and its line.
    var ends: [Int] = []
    var lines: [Int] = []

    var count: Int { ends.count }

    mutating func append(_ record: UnsafeBufferPointer<UInt8>, line: Int) {
        bytes.append(contentsOf: record)
        ends.append(bytes.count)
        lines.append(line)
    }

    /// Parses every record into one batch.
    func parse(routineKeys: RoutineKeySet, reserve: Int) -> EventBatch {
        let builder = BatchBuilder(fileIndex: fileIndex, displayPath: context.displayPath, skipThroughLine: skipThroughLine,
                                   reserve: min(reserve, count))
        var detector = ShapeDetector(context: context, emit: { builder.add($0) }, problem: { builder.report($0, $1, $2) })
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            for k in 0..<ends.count {
                detector.record(UnsafeBufferPointer(rebasing: all[start..<ends[k]]), line: lines[k], origin: .whole)
                start = ends[k]
            }
        }
        var batch = builder.take(linesDone: linesDone, sequence: sequence, keys: routineKeys)
        batch.shapeCounts = detector.shapeCounts
        batch.helpedRecords = count
        return batch
    }
}
