#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file's content in chunks, inflating it when it starts with the gzip magic `1f 8b`.
///
/// Compression is detected from the bytes, never the name: S3 and Firehose objects
/// often lack `.gz`, and some `.gz` files are plain. Decoded content that starts
/// with a UTF-16 byte order mark is transcoded to UTF-8 (`UTF16Transcoder`).
///
/// Two caps keep a decompression bomb from running for minutes or filling memory
/// downstream, each reported as `tooLarge` with everything before it kept:
/// - `maxInflatedBytes`: the most one file may decode to (`--max-file-bytes`);
/// - `maxInflationRatio`: past `ratioGraceBytes` (4 MiB) of output, a gzip may
///   not inflate to more than 100 times the compressed bytes read so far. Real
///   CloudWatch exports inflate 8-20 times (the samples: 9-14); deflate's maximum
///   is about 1030, which is what a bomb of zeros or of one repeated short line
///   reaches. A 300 KB bomb that would inflate to 300 MB stops after 30 MB.
struct ByteSource {
    let path: String
    var chunkSize = 1 << 18
    var maxInflatedBytes: Int64
    var maxInflationRatio: Int64 = 100
    var ratioGraceBytes: Int64 = 4 << 20

    struct Outcome {
        var rawBytes: Int64 = 0
        var decodedBytes: Int64 = 0
        var compressed = false
        /// Set when the stream ended early or was damaged; everything before was delivered.
        var problem: InputProblem.Kind?
        var problemDetail = ""
    }

    private struct Stop: Error { var detail: String }

    /// Streams the decoded content into `sink`. Throws only when the file cannot be opened or read.
    func read(_ sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Outcome {
        // O_NONBLOCK: a FIFO that slipped past the walker must not block the open; it is refused below.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw InputProblem(file: path, line: 0, kind: .unreadable, detail: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw InputProblem(file: path, line: 0, kind: .unreadable, detail: "not a regular file")
        }
        var outcome = Outcome()
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var decoder: GzipDecoder?
        let text = UTF16Transcoder()
        var first = true
        let limit = maxInflatedBytes
        let tooBig = Stop(detail: "inflates past \(limit / (1 << 20)) MiB; the rest is skipped (raise --max-file-bytes to read it)")
        let bomb = Stop(detail: "inflates more than \(maxInflationRatio) times its compressed size (a decompression bomb?); "
                        + "the rest is skipped")
        do {
            while true {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    // EAGAIN on an O_NONBLOCK "regular" file (a /proc or FUSE stream): retrying would spin forever.
                    let detail = errno == EAGAIN ? "reading would block (not an ordinary file); skipped" : String(cString: strerror(errno))
                    throw InputProblem(file: path, line: 0, kind: .unreadable, detail: detail)
                }
                if n == 0 { break }
                outcome.rawBytes += Int64(n)
                try buffer.withUnsafeBufferPointer { all in
                    let chunk = UnsafeBufferPointer(rebasing: all[0..<n])
                    if first {
                        first = false
                        if n >= 2, chunk[0] == 0x1F, chunk[1] == 0x8B {
                            decoder = GzipDecoder()
                            outcome.compressed = true
                        }
                    }
                    if let decoder {
                        let rawSoFar = outcome.rawBytes
                        try decoder.feed(chunk) { inflated in
                            outcome.decodedBytes += Int64(inflated.count)
                            if outcome.decodedBytes > limit { throw tooBig }
                            if outcome.decodedBytes > ratioGraceBytes, outcome.decodedBytes / maxInflationRatio > rawSoFar { throw bomb }
                            try text.feed(inflated, sink: sink)
                        }
                    } else {
                        outcome.decodedBytes += Int64(n)
                        if outcome.decodedBytes > limit { throw tooBig }
                        try text.feed(chunk, sink: sink)
                    }
                }
            }
            try decoder?.finish()
            try text.finish(sink: sink)
        } catch let stop as Stop {
            outcome.problem = .tooLarge
            outcome.problemDetail = stop.detail
        } catch GzipDecoder.Failure.truncated {
            outcome.problem = .truncatedGzip
            outcome.problemDetail = "stream ends before its end marker; events before the cut are kept"
        } catch let GzipDecoder.Failure.corrupt(message) {
            outcome.problem = .corruptGzip
            outcome.problemDetail = message + "; events before the damage are kept"
        }
        return outcome
    }
}
