/// Limits and choices for one ingest run, with documented defaults.
public struct IngestOptions: Sendable {
    /// The longest line or JSON record accepted, in bytes (default 1 MiB). Longer ones are reported and skipped.
    public var maxLineBytes: Int = 1 << 20
    /// The most one file may inflate to, in bytes (default 4 GiB): a guard against decompression bombs.
    public var maxFileBytes: Int64 = 4 << 30
    /// The log group of shape C documents, which do not name theirs (default: the folder's name).
    public var logGroup: String?
    /// Files read at once (default: the number of cores, at least 1).
    public var readers: Int = max(1, ProcessInfoCores.count)
    /// Events per batch a reader hands to the writer.
    public var batchSize: Int = 20_000
    /// Seconds a write transaction gathers batches before it commits (group commit):
    /// what a killed run can lose, at most, and redo on the next run. 0 commits every batch.
    ///
    /// A quarter of a second since the dedup key's index follows time (migration v4): a commit
    /// then writes few pages beyond the new rows, and the last commit of a load, which runs
    /// alone at its end, is small (0.065 s -> 0.01 s on the 1 GB benchmark: `analyze` 1.265 ->
    /// 1.235 s, 10 alternating rounds; the load wrote no more, 203 -> 190 MB).
    public var commitSeconds: Double = 0.25

    /// Routine lines a batch makes room for at once (at most 65 536 however big `batchSize` is).
    var batchReserve: Int { min(batchSize, 1 << 16) }
    /// Records per chunk a reader hands to a thread with no file left (`RecordChunk`): about
    /// 4 MB of the benchmark's lines, a few milliseconds of parsing, so the work left at the
    /// end of a file splits finely.
    var chunkRecords = 8192
    /// Records a reader parses between two looks at whether a thread waits for a chunk (each look takes a lock).
    var idleCheckInterval = 1024

    public init() {}

    /// Line problems listed in full per file; past this they are only counted (memory stays flat on garbage).
    public static let listedProblemsPerFile = 1000
}

enum ProcessInfoCores {
    static var count: Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 2
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
