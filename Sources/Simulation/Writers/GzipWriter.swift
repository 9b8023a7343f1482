import CZlib

/// Compresses bytes into one gzip member with the system zlib.
///
/// Output is deterministic: zlib's default gzip header has modification time 0 and
/// no file name, so the same input always gives the same bytes. Several members
/// concatenated (`compress(a) + compress(b)`) make the multi-member files that S3
/// export, Firehose and `cat a.gz b.gz` produce.
enum GzipWriter {
    enum Failure: Error { case zlib(Int32) }

    static func compress(_ input: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16: write a gzip wrapper instead of a zlib one.
        var status = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure.zlib(status) }
        defer { deflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 4 + 64)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var source = input
        try source.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = UInt32(inBuffer.count)
            repeat {
                try chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    status = deflate(&stream, Z_FINISH)
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw Failure.zlib(status)
                    }
                    output.append(contentsOf: outBuffer[0..<(outBuffer.count - Int(stream.avail_out))])
                }
            } while status != Z_STREAM_END
        }
        return output
    }
}
