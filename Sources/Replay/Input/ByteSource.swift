#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file's content in chunks, inflating it when it starts with the gzip magic `1f 8b`.
///
/// Compression is detected from the bytes, never the name: S3 and Firehose objects
/// often lack `.gz`, and some `.gz` files are plain. The inflated size is capped
/// (`maxInflatedBytes`) so a small bomb cannot run for minutes or fill the disk.
struct ByteSource {
    let path: String
    var chunkSize = 1 << 18
    var maxInflatedBytes: Int64

    struct Outcome {
        var rawBytes: Int64 = 0
        var decodedBytes: Int64 = 0
        var compressed = false
        /// Set when the stream ended early or was damaged; everything before was delivered.
        var problem: InputProblem.Kind?
        var problemDetail = ""
    }

    private struct Stop: Error {}

    /// Streams the decoded content into `sink`. Throws only when the file cannot be opened or read.
    func read(_ sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Outcome {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw InputProblem(file: path, line: 0, kind: .unreadable, detail: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw InputProblem(file: path, line: 0, kind: .unreadable, detail: "not a regular file")
        }
        var outcome = Outcome()
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var decoder: GzipDecoder?
        var first = true
        let limit = maxInflatedBytes
        do {
            while true {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    throw InputProblem(file: path, line: 0, kind: .unreadable, detail: String(cString: strerror(errno)))
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
                        try decoder.feed(chunk) { inflated in
                            outcome.decodedBytes += Int64(inflated.count)
                            if outcome.decodedBytes > limit { throw Stop() }
                            try sink(inflated)
                        }
                    } else {
                        outcome.decodedBytes += Int64(n)
                        if outcome.decodedBytes > limit { throw Stop() }
                        try sink(chunk)
                    }
                }
            }
            try decoder?.finish()
        } catch is Stop {
            outcome.problem = .tooLarge
            outcome.problemDetail = "inflates past \(limit / (1 << 20)) MiB; the rest is skipped"
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
