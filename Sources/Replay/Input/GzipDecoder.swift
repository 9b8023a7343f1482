import CZlib

/// Streaming gzip inflate over system zlib, reading every concatenated member.
///
/// `cat a.gz b.gz`, S3 exports and Firehose all produce multi-member files; many
/// decoders stop after the first member (compress-nio even hangs), silently
/// dropping data. After each member's end this decoder resets and goes on while
/// input remains. A stream that ends mid-member is reported as truncated after
/// everything before the cut has been delivered.
final class GzipDecoder {
    enum Failure: Error { case truncated, corrupt(String) }

    private var stream = z_stream()
    private var initialized = false
    private var memberDone = false
    private var sawAnyMember = false
    private var output: [UInt8]
    /// Bytes the current member produced so far (for the truncation check on an empty tail).
    private(set) var totalOut: Int = 0

    init(outputChunk: Int = 1 << 18) {
        output = [UInt8](repeating: 0, count: outputChunk)
        initialize()
    }

    deinit {
        if initialized { inflateEnd(&stream) }
    }

    private func initialize() {
        stream = z_stream()
        // 15 + 16: a gzip wrapper only (not zlib, not raw), so garbage is not mistaken for data.
        let status = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        initialized = status == Z_OK
    }

    /// Feeds compressed bytes; calls `sink` with each run of inflated bytes.
    func feed(_ input: UnsafeBufferPointer<UInt8>, sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard initialized else { throw Failure.corrupt("zlib could not start") }
        var offset = 0
        while offset < input.count {
            if memberDone {
                // Skip zero padding between members (some writers pad blocks), then start a new member.
                while offset < input.count, input[offset] == 0 { offset += 1 }
                if offset == input.count { return }
                inflateReset(&stream)
                memberDone = false
            }
            let consumed: Int = try output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + offset)
                stream.avail_in = UInt32(input.count - offset)
                var produced = 0
                repeat {
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    let n = out.count - Int(stream.avail_out)
                    if n > 0 {
                        totalOut += n
                        produced += n
                        try sink(UnsafeBufferPointer(rebasing: out[0..<n]))
                    }
                    switch status {
                    case Z_STREAM_END:
                        memberDone = true
                        sawAnyMember = true
                        return input.count - offset - Int(stream.avail_in)
                    case Z_OK, Z_BUF_ERROR:
                        continue
                    default:
                        let message = stream.msg.map { String(cString: $0) } ?? "inflate error \(status)"
                        throw Failure.corrupt(message)
                    }
                } while stream.avail_in > 0 || stream.avail_out == 0
                return input.count - offset - Int(stream.avail_in)
            }
            offset += consumed
        }
    }

    /// Call at end of input: throws `.truncated` when a member was left unfinished.
    func finish() throws {
        if !memberDone && (stream.total_in > 0 || !sawAnyMember) {
            throw Failure.truncated
        }
    }
}
