import CZlib
import Testing
@testable import Replay

/// What `GzipDecoder` promises, pinned on small inputs built here.
///
/// These tests were written against the zlib decoder and pass on the ISA-L one
/// that replaced it (docs/decisions.md, "Gzip decoding"): multi-member files, zero
/// padding, any chunking, truncation, damaged trailers and headers, and what
/// follows a member that is not another member. Where the two may differ (what a
/// cut member delivers, by up to 2 bytes) zlib itself is the reference.
@Suite struct GzipDecoderTests {
    // MARK: - Members

    @Test func oneMemberInflatesToItsBytes() throws {
        let text = Gz.lines(200)
        #expect(try Gz.decode(Gz.member(text)) == .ok(text))
    }

    @Test func everyMemberOfAConcatenatedFileIsReadIncludingEmptyOnes() throws {
        let a = Gz.lines(50, tag: "a"), b = Gz.lines(70, tag: "b")
        let file = Gz.member(a) + Gz.member([]) + Gz.member(b, level: 1) + Gz.member(a, level: 0)
        #expect(try Gz.decode(file) == .ok(a + b + a))
    }

    @Test func zeroPaddingBetweenAndAfterMembersIsSkipped() throws {
        let a = Gz.lines(20, tag: "a"), b = Gz.lines(20, tag: "b")
        let file = Gz.member(a) + [UInt8](repeating: 0, count: 1000) + Gz.member(b) + [UInt8](repeating: 0, count: 513)
        #expect(try Gz.decode(file) == .ok(a + b))
        #expect(try Gz.decode(file, chunk: 7) == .ok(a + b))
    }

    @Test func optionalHeaderFieldsAreSkippedAndTheHeaderCRCIsChecked() throws {
        let text = Gz.lines(30)
        let fancy = Gz.member(text, extra: [1, 2, 3, 0, 5], name: "export.jsonl", comment: "from S3", headerCRC: true)
        #expect(try Gz.decode(fancy + Gz.member(text)) == .ok(text + text))
        for chunk in [1, 2, 3, 5, 11] {
            #expect(try Gz.decode(fancy, chunk: chunk) == .ok(text), "chunk \(chunk)")
        }
        var bad = fancy
        bad[10 + 2 + 5 + 13 + 8] ^= 0x01  // the header CRC16's low byte
        #expect(try Gz.decode(bad) == .corrupt("header crc mismatch", delivered: []))
    }

    // MARK: - Chunking

    @Test func aFileSplitAtEveryByteOffsetInflatesTheSame() throws {
        let a = Gz.lines(12, tag: "a"), b = Gz.lines(9, tag: "b")
        let file = Gz.member(a, name: "a.jsonl") + [0, 0] + Gz.member([]) + Gz.member(b) + Gz.member(Array(b.prefix(300)), level: 0)
        for split in 0...file.count {
            let result = try Gz.decode(chunks: [Array(file[..<split]), Array(file[split...])])
            #expect(result == .ok(a + b + b.prefix(300)), "split at \(split)")
        }
        #expect(try Gz.decode(file, chunk: 1) == .ok(a + b + b.prefix(300)))
    }

    @Test func outputLargerThanTheOutputChunkArrivesInSeveralRuns() throws {
        let text = Gz.lines(20_000)
        #expect(text.count > 2 << 20)
        var runs = 0, total: [UInt8] = []
        let decoder = GzipDecoder(outputChunk: 1 << 16)
        try Gz.member(text).withUnsafeBufferPointer { input in
            try decoder.feed(input) { run in
                runs += 1
                total += run
            }
        }
        try decoder.finish()
        #expect(total == text)
        #expect(runs >= text.count / (1 << 16))
        #expect(decoder.totalOut == text.count)
    }

    @Test func storedFixedAndDynamicBlocksInflateAcrossSmallInputAndOutputChunks() throws {
        let text = Gz.lines(3000)
        let members = [Gz.member(text, level: 0), Gz.member(text, level: 6, strategy: Z_FIXED), Gz.member(text, level: 9)]
        for (i, member) in members.enumerated() {
            #expect(try Gz.decode(member, chunk: 997, outputChunk: 1000) == .ok(text), "member \(i)")
            #expect(try Gz.decode(member, chunk: 65_536, outputChunk: 1) == .ok(text), "member \(i)")
        }
        #expect(try Gz.decode(members.flatMap { $0 }, chunk: 4093, outputChunk: 777) == .ok(text + text + text))
    }

    @Test func anErrorThrownByTheSinkStopsDecodingAndComesOutOfFeed() throws {
        struct Enough: Error {}
        let decoder = GzipDecoder(outputChunk: 1 << 12)
        var calls = 0
        #expect(throws: Enough.self) {
            try Gz.member(Gz.lines(2000)).withUnsafeBufferPointer { input in
                try decoder.feed(input) { _ in
                    calls += 1
                    if calls == 3 { throw Enough() }
                }
            }
        }
        #expect(calls == 3)
    }

    // MARK: - Truncation

    @Test func aStreamCutAnywhereIsTruncatedAndDeliversOnlyWhatCameBefore() throws {
        let text = Gz.lines(40)
        let member = Gz.member(text)
        for cut in 1..<member.count {
            let result = try Gz.decode(Array(member[..<cut]))
            guard case let .truncated(delivered) = result else {
                Issue.record("cut at \(cut): \(result)")
                continue
            }
            #expect(Array(text.prefix(delivered.count)) == delivered, "cut at \(cut)")
            // ISA-L may hold back up to 2 literals that zlib would have delivered (GzipDecoder's doc comment).
            let zlib = Gz.zlibDeliveredCount(Array(member[..<cut]))
            #expect(delivered.count <= zlib && delivered.count >= zlib - 2, "cut at \(cut): \(delivered.count) vs zlib \(zlib)")
            // Once the deflate data is whole (only trailer bytes are missing), all of it has been delivered.
            if cut >= member.count - 8 { #expect(delivered == text, "cut at \(cut)") }
        }
    }

    @Test func aSecondMemberCutShortIsTruncatedAfterTheWholeFirst() throws {
        let a = Gz.lines(10, tag: "a"), b = Gz.lines(10, tag: "b")
        let second = Gz.member(b)
        for cut in [1, 2, 3, 4, 9, 10, 11, second.count / 2, second.count - 1] {
            let result = try Gz.decode(Gz.member(a) + Array(second[..<cut]))
            guard case let .truncated(delivered) = result else {
                Issue.record("cut at \(cut): \(result)")
                continue
            }
            #expect(Array(delivered.prefix(a.count)) == a, "cut at \(cut)")
        }
    }

    @Test func noInputAtAllIsTruncated() throws {
        #expect(try Gz.decode([]) == .truncated(delivered: []))
    }

    // MARK: - Damage

    @Test func aFlippedCRCByteIsCorruptAfterDeliveringTheWholeMember() throws {
        let text = Gz.lines(100)
        let member = Gz.member(text)
        for byte in 0..<4 {
            var bad = member
            bad[bad.count - 8 + byte] ^= 0x20
            #expect(try Gz.decode(bad) == .corrupt("incorrect data check", delivered: text), "CRC byte \(byte)")
            #expect(try Gz.decode(bad, chunk: 3) == .corrupt("incorrect data check", delivered: text), "CRC byte \(byte)")
        }
    }

    @Test func aFlippedISIZEByteIsCorruptAfterDeliveringTheWholeMember() throws {
        let text = Gz.lines(100)
        let member = Gz.member(text)
        for byte in 0..<4 {
            var bad = member
            bad[bad.count - 4 + byte] ^= 0x01
            #expect(try Gz.decode(bad) == .corrupt("incorrect length check", delivered: text), "ISIZE byte \(byte)")
            #expect(try Gz.decode(bad, chunk: 5) == .corrupt("incorrect length check", delivered: text), "ISIZE byte \(byte)")
        }
    }

    @Test func aDamagedSecondMemberKeepsTheFirst() throws {
        let a = Gz.lines(10, tag: "a"), b = Gz.lines(10, tag: "b")
        var second = Gz.member(b)
        second[second.count - 6] ^= 0xFF
        #expect(try Gz.decode(Gz.member(a) + second) == .corrupt("incorrect data check", delivered: a + b))
    }

    @Test func damagedDeflateDataIsCorruptAndKeepsAPrefix() throws {
        let text = Gz.lines(300)
        let member = Gz.member(text)
        var rng = SeededGenerator(seed: 11)
        var corrupt = 0
        for _ in 0..<60 {
            var bad = member
            let at = Int.random(in: 10..<(member.count - 8), using: &rng)
            bad[at] ^= UInt8.random(in: 1...255, using: &rng)
            switch try Gz.decode(bad) {
            case let .corrupt(_, delivered):
                corrupt += 1
                // Bytes before the damage are the original's; the damaged block may already differ.
                #expect(delivered.count <= text.count + (1 << 16))
            case .ok:
                Issue.record("byte \(at) damaged but the member decoded cleanly")
            case .truncated:
                break  // a damaged length can make the stream look longer than the file
            }
        }
        #expect(corrupt > 40)
    }

    @Test func aReservedBlockTypeIsCorrupt() throws {
        // Header, then BFINAL=1 BTYPE=11 (reserved).
        let file = Gz.header() + [0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        guard case .corrupt = try Gz.decode(file) else { Issue.record("not corrupt"); return }
    }

    // MARK: - Not gzip

    @Test func bytesWithoutTheGzipMagicAreCorruptNotData() throws {
        #expect(try Gz.decode(Array("hello world, not gzip\n".utf8)) == .corrupt("incorrect header check", delivered: []))
        // A zlib stream (78 9c ...) is not accepted either: a gzip wrapper only.
        #expect(try Gz.decode([0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) == .corrupt("incorrect header check", delivered: []))
    }

    @Test func aWrongMethodOrUnknownFlagsAreCorrupt() throws {
        #expect(try Gz.decode([0x1F, 0x8B, 0x07, 0x00] + [UInt8](repeating: 0, count: 20)) == .corrupt("unknown compression method", delivered: []))
        #expect(try Gz.decode([0x1F, 0x8B, 0x08, 0x20] + [UInt8](repeating: 0, count: 20)) == .corrupt("unknown header flags set", delivered: []))
    }

    /// After a whole member, what follows is either zero padding or another member: anything else is
    /// reported (after the member's content), never silently taken for data or dropped.
    @Test func trailingBytesAfterAMemberAreReportedTheWayZlibDid() throws {
        let text = Gz.lines(10)
        let member = Gz.member(text)
        // Two or more bytes that are not a gzip magic: corrupt, the member kept.
        #expect(try Gz.decode(member + Array("garbage after the member\n".utf8)) == .corrupt("incorrect header check", delivered: text))
        #expect(try Gz.decode(member + [0x41, 0x42]) == .corrupt("incorrect header check", delivered: text))
        #expect(try Gz.decode(member + [0, 0, 0x41, 0x42], chunk: 1) == .corrupt("incorrect header check", delivered: text))
        // A single stray byte is the start of a member that never came: truncated.
        #expect(try Gz.decode(member + [0x41]) == .truncated(delivered: text))
        #expect(try Gz.decode(member + [0, 0, 0x41]) == .truncated(delivered: text))
        // A magic alone, or a magic and a method byte: truncated too (zlib reads method and flags together).
        #expect(try Gz.decode(member + [0x1F, 0x8B]) == .truncated(delivered: text))
        #expect(try Gz.decode(member + [0x1F, 0x8B, 0x08]) == .truncated(delivered: text))
        #expect(try Gz.decode(member + [0x1F, 0x8B, 0x07, 0x00]) == .corrupt("unknown compression method", delivered: text))
    }
}

/// Builds gzip members with zlib's raw deflate and a hand-written wrapper, so headers can carry every optional field.
enum Gz {
    enum Result: Equatable, CustomStringConvertible {
        case ok([UInt8])
        case truncated(delivered: [UInt8])
        case corrupt(String, delivered: [UInt8])

        var description: String {
            switch self {
            case let .ok(bytes): return "ok(\(bytes.count) bytes)"
            case let .truncated(bytes): return "truncated(after \(bytes.count) bytes)"
            case let .corrupt(message, bytes): return "corrupt(\(message), after \(bytes.count) bytes)"
            }
        }
    }

    /// `count` JSON lines that look like an export (so deflate finds matches and literals alike).
    static func lines(_ count: Int, tag: String = "x") -> [UInt8] {
        var out: [UInt8] = []
        for i in 0..<count {
            let line = #"{"timestamp":\#(1_774_137_602_000 + i * 731),"logStream":"ecs/app/\#(tag)\#(i % 7)","message":"GET /api/v1/items/\#(i * 7919 % 10007) status=\#([200, 200, 404, 500][i % 4]) latency_ms=\#(i * 37 % 901)"}"# + "\n"
            out += Array(line.utf8)
        }
        return out
    }

    static func header(extra: [UInt8]? = nil, name: String? = nil, comment: String? = nil, headerCRC: Bool = false) -> [UInt8] {
        var flags: UInt8 = 0
        if extra != nil { flags |= 0x04 }
        if name != nil { flags |= 0x08 }
        if comment != nil { flags |= 0x10 }
        if headerCRC { flags |= 0x02 }
        var h: [UInt8] = [0x1F, 0x8B, 0x08, flags, 0, 0, 0, 0, 0, 0xFF]
        if let extra { h += [UInt8(extra.count & 0xFF), UInt8(extra.count >> 8)] + extra }
        if let name { h += Array(name.utf8) + [0] }
        if let comment { h += Array(comment.utf8) + [0] }
        if headerCRC {
            let crc = crc(h)
            h += [UInt8(crc & 0xFF), UInt8((crc >> 8) & 0xFF)]
        }
        return h
    }

    static func member(_ bytes: [UInt8], level: Int32 = 6, strategy: Int32 = Z_DEFAULT_STRATEGY, extra: [UInt8]? = nil,
                       name: String? = nil, comment: String? = nil, headerCRC: Bool = false) -> [UInt8] {
        var out = header(extra: extra, name: name, comment: comment, headerCRC: headerCRC)
        out += deflateRaw(bytes, level: level, strategy: strategy)
        let c = crc(bytes), n = UInt32(truncatingIfNeeded: bytes.count)
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((c >> UInt32(shift)) & 0xFF)) }
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((n >> UInt32(shift)) & 0xFF)) }
        return out
    }

    static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
    }

    static func deflateRaw(_ bytes: [UInt8], level: Int32, strategy: Int32) -> [UInt8] {
        var stream = z_stream()
        precondition(deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, strategy, ZLIB_VERSION,
                                   Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var input = bytes
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 16)
        let produced: Int = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { o in
                stream.next_in = inp.baseAddress
                stream.avail_in = UInt32(inp.count)
                stream.next_out = o.baseAddress
                stream.avail_out = UInt32(o.count)
                precondition(CZlib.deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return o.count - Int(stream.avail_out)
            }
        }
        return Array(out[..<produced])
    }

    /// How many bytes zlib's inflate delivers from a (cut) gzip stream before it stops: the reference
    /// for what the decoder delivered when it was built on zlib.
    static func zlibDeliveredCount(_ gzip: [UInt8]) -> Int {
        var stream = z_stream()
        precondition(inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { inflateEnd(&stream) }
        var input = gzip
        var out = [UInt8](repeating: 0, count: 1 << 16)
        var total = 0
        input.withUnsafeMutableBufferPointer { inp in
            stream.next_in = inp.baseAddress
            stream.avail_in = UInt32(inp.count)
            out.withUnsafeMutableBufferPointer { o in
                var status: Int32
                repeat {
                    stream.next_out = o.baseAddress
                    stream.avail_out = UInt32(o.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    total += o.count - Int(stream.avail_out)
                } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
            }
        }
        return total
    }

    /// Feeds `bytes` in chunks of `chunk` (whole when nil), then finishes.
    static func decode(_ bytes: [UInt8], chunk: Int? = nil, outputChunk: Int = 1 << 18) throws -> Result {
        let size = max(1, chunk ?? bytes.count)
        return try decode(chunks: stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) },
                          outputChunk: outputChunk)
    }

    static func decode(chunks: [[UInt8]], outputChunk: Int = 1 << 18) throws -> Result {
        let decoder = GzipDecoder(outputChunk: outputChunk)
        var out: [UInt8] = []
        do {
            for chunk in chunks {
                try chunk.withUnsafeBufferPointer { input in
                    try decoder.feed(input) { out += $0 }
                }
            }
            try decoder.finish()
            return .ok(out)
        } catch GzipDecoder.Failure.truncated {
            return .truncated(delivered: out)
        } catch let GzipDecoder.Failure.corrupt(message) {
            return .corrupt(message, delivered: out)
        }
    }
}
