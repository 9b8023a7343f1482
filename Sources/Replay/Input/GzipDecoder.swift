import CISAL

/// Streaming gzip inflate over Intel ISA-L (igzip), reading every concatenated member.
///
/// `cat a.gz b.gz`, S3 exports and Firehose all produce multi-member files; many
/// decoders stop after the first member (compress-nio even hangs), silently
/// dropping data. After each member's end this decoder resets and goes on while
/// input remains. A stream that ends mid-member is reported as truncated after
/// everything before the cut has been delivered.
///
/// ISA-L inflates the benchmark corpus in about a third of zlib's time (docs/decisions.md,
/// "Gzip decoding"). Only the deflate data goes through it (`ISAL_GZIP_NO_HDR`, which
/// keeps the CRC32 of the output in `state.crc`); the gzip header and the CRC32/ISIZE
/// trailer are read here, so that exactly what the zlib decoder accepted is accepted
/// and damage is named as zlib named it, which messages and tests rely on:
/// - a gzip wrapper only (never zlib or raw deflate); reserved flag bits are refused
///   ("unknown header flags set"; ISA-L's own header reader accepts them);
/// - a bad CRC is "incorrect data check" and a bad ISIZE "incorrect length check"
///   (ISA-L's `ISAL_GZIP` mode does verify both, but as one `ISAL_INCORRECT_CHECKSUM`);
/// - header damage and cuts are reported at the same bytes as zlib did.
///
/// One difference remains at a cut: ISA-L decodes up to three literals per table
/// lookup and gives them all back when the last one is incomplete, so a truncated
/// member can deliver up to 2 bytes fewer than zlib did. Over all 92 980 cuts of a
/// 3000-line slice of the benchmark corpus none of those bytes was a newline, so no
/// whole line was lost (the partial last line is dropped anyway).
final class GzipDecoder {
    enum Failure: Error { case truncated, corrupt(String) }

    private enum Phase {
        /// Reading a member's gzip header (`header`).
        case header
        /// ISA-L inflating the member's deflate data.
        case body
        /// Collecting the member's 8-byte trailer (CRC32 and ISIZE, little-endian).
        case trailer
        /// After a whole member: zero padding, the next member, or the end.
        case between
    }

    private let state: UnsafeMutablePointer<inflate_state>
    private let output: UnsafeMutableBufferPointer<UInt8>
    private var phase = Phase.header
    private var header = HeaderReader()
    private var trailer: UInt64 = 0
    private var trailerCount = 0
    /// Bytes delivered to the sink so far, over every member.
    private(set) var totalOut: Int = 0

    init(outputChunk: Int = 1 << 18) {
        // ~87 KB of state (Huffman tables, a 64 KB history buffer); zeroed so no field is ever read uninitialised.
        let raw = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<inflate_state>.size,
                                                   alignment: MemoryLayout<inflate_state>.alignment)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<inflate_state>.size)
        state = raw.bindMemory(to: inflate_state.self, capacity: 1)
        isal_inflate_init(state)
        // Raw deflate in, CRC32 of the output kept in `state.crc`, trailer left to us (see above).
        state.pointee.crc_flag = UInt32(ISAL_GZIP_NO_HDR)
        output = .allocate(capacity: max(outputChunk, 1))
    }

    deinit {
        UnsafeMutableRawPointer(state).deallocate()
        output.deallocate()
    }

    /// Feeds compressed bytes; calls `sink` with each run of inflated bytes.
    func feed(_ input: UnsafeBufferPointer<UInt8>, sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var offset = 0
        while offset < input.count {
            switch phase {
            case .between:
                // Skip zero padding between members (some writers pad blocks), then start a new member.
                while offset < input.count, input[offset] == 0 { offset += 1 }
                if offset == input.count { return }
                header = HeaderReader()
                phase = .header
            case .header:
                offset = try header.read(input, from: offset)
                if header.isComplete {
                    isal_inflate_reset(state)
                    trailer = 0
                    trailerCount = 0
                    phase = .body
                }
            case .body:
                offset = try inflate(input, from: offset, sink: sink)
            case .trailer:
                while offset < input.count, trailerCount < 8 {
                    takeTrailerByte(input[offset])
                    offset += 1
                }
                try checkTrailerIfComplete()
            }
        }
    }

    /// Call at end of input: throws `.truncated` when a member was left unfinished (or none was given at all).
    func finish() throws {
        if phase != .between { throw Failure.truncated }
    }

    /// Runs ISA-L over `input[start...]` until it needs more input or the member's deflate data ends.
    /// Returns the offset of the first byte it did not consume.
    private func inflate(_ input: UnsafeBufferPointer<UInt8>, from start: Int,
                         sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Int {
        let available = min(input.count - start, Int(UInt32.max))
        state.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + start)
        state.pointee.avail_in = UInt32(available)
        repeat {
            let inBefore = state.pointee.avail_in
            state.pointee.next_out = output.baseAddress
            state.pointee.avail_out = UInt32(output.count)
            let status = isal_inflate(state)
            let n = output.count - Int(state.pointee.avail_out)
            if n > 0 {
                totalOut += n
                try sink(UnsafeBufferPointer(start: output.baseAddress, count: n))
            }
            // isal_inflate folds "needs input" and "output full" into ISAL_DECOMP_OK; anything else is damage.
            guard status == ISAL_DECOMP_OK else { throw Failure.corrupt(Self.message(status)) }
            if state.pointee.block_state == ISAL_BLOCK_FINISH {
                takeHeldTrailerBytes()
                phase = .trailer
                try checkTrailerIfComplete()
                return start + available - Int(state.pointee.avail_in)
            }
            // Never spin: a call that neither read nor wrote anything with input left would repeat forever.
            if n == 0, state.pointee.avail_in == inBefore, inBefore > 0 {
                throw Failure.corrupt("inflate made no progress")
            }
        } while state.pointee.avail_in > 0 || state.pointee.avail_out == 0
        return start + available
    }

    /// At the end of the deflate data ISA-L has read ahead at most 64 bits, all of them the trailer's
    /// (after the padding bits of the last byte): take them from its bit buffer so none is lost.
    private func takeHeldTrailerBytes() {
        let bits = max(0, Int(state.pointee.read_in_length))
        var held = state.pointee.read_in >> UInt64(bits % 8)
        for _ in 0..<min(bits / 8, 8) {
            takeTrailerByte(UInt8(truncatingIfNeeded: held))
            held >>= 8
        }
        state.pointee.read_in = 0
        state.pointee.read_in_length = 0
    }

    private func takeTrailerByte(_ byte: UInt8) {
        trailer |= UInt64(byte) << UInt64(8 * trailerCount)
        trailerCount += 1
    }

    /// The CRC32 first, then ISIZE (the member's length mod 2^32), as zlib checked them.
    private func checkTrailerIfComplete() throws {
        guard trailerCount == 8 else { return }
        if UInt32(truncatingIfNeeded: trailer) != state.pointee.crc { throw Failure.corrupt("incorrect data check") }
        if UInt32(truncatingIfNeeded: trailer >> 32) != state.pointee.total_out { throw Failure.corrupt("incorrect length check") }
        phase = .between
    }

    private static func message(_ status: Int32) -> String {
        switch status {
        case ISAL_INVALID_BLOCK: return "invalid deflate block"
        case ISAL_INVALID_SYMBOL: return "invalid literal/length or distance code"
        case ISAL_INVALID_LOOKBACK: return "invalid distance too far back"
        default: return "inflate error \(status)"
        }
    }
}

/// Reads one gzip member header (RFC 1952) a byte run at a time, checking what zlib checked when
/// and as it did: the magic after 2 bytes, method and flags together after 4, the header CRC16 at its end.
private struct HeaderReader {
    private enum Step { case fixed, extraLength, extra, name, comment, headerCRC, done }

    private var step = Step.fixed
    private var fixed: [UInt8] = []
    private var flags: UInt8 = 0
    /// Bytes still to read in a counted field (extra length, extra, header CRC).
    private var remaining = 0
    /// Little-endian value of a counted field (extra length, header CRC).
    private var value = 0
    private var valueBytes = 0
    /// CRC32 of the header bytes read so far, kept only when FHCRC is set.
    private var crc: UInt32 = 0

    private static let fhcrc: UInt8 = 0x02, fextra: UInt8 = 0x04, fname: UInt8 = 0x08, fcomment: UInt8 = 0x10

    var isComplete: Bool { step == .done }

    /// Consumes header bytes from `input[start...]`; returns the offset after the last one used.
    mutating func read(_ input: UnsafeBufferPointer<UInt8>, from start: Int) throws -> Int {
        var offset = start
        while offset < input.count, step != .done {
            switch step {
            case .fixed:
                fixed.append(input[offset])
                offset += 1
                try checkFixed()
            case .extraLength:
                addToValue(input[offset], at: offset, in: input)
                offset += 1
                if valueBytes == 2 {
                    remaining = value
                    step = remaining > 0 ? .extra : nextStep(after: .extra)
                }
            case .extra:
                let n = min(remaining, input.count - offset)
                addToCRC(input, offset, n)
                offset += n
                remaining -= n
                if remaining == 0 { step = nextStep(after: .extra) }
            case .name, .comment:
                // Up to and including the terminating zero.
                var end = offset
                while end < input.count, input[end] != 0 { end += 1 }
                let done = end < input.count
                if done { end += 1 }
                addToCRC(input, offset, end - offset)
                offset = end
                if done { step = nextStep(after: step) }
            case .headerCRC:
                value |= Int(input[offset]) << (8 * valueBytes)
                valueBytes += 1
                offset += 1
                if valueBytes == 2 {
                    guard UInt32(value) == crc & 0xFFFF else { throw GzipDecoder.Failure.corrupt("header crc mismatch") }
                    step = .done
                }
            case .done:
                break
            }
        }
        return offset
    }

    private mutating func checkFixed() throws {
        switch fixed.count {
        case 2:
            guard fixed[0] == 0x1F, fixed[1] == 0x8B else { throw GzipDecoder.Failure.corrupt("incorrect header check") }
        case 4:
            guard fixed[2] == 8 else { throw GzipDecoder.Failure.corrupt("unknown compression method") }
            guard fixed[3] & 0xE0 == 0 else { throw GzipDecoder.Failure.corrupt("unknown header flags set") }
            flags = fixed[3]
        case 10:
            if flags & Self.fhcrc != 0 {
                crc = fixed.withUnsafeBufferPointer { crc32_gzip_refl(0, $0.baseAddress, UInt64($0.count)) }
            }
            step = flags & Self.fextra != 0 ? .extraLength : nextStep(after: .extra)
            value = 0
            valueBytes = 0
        default:
            break
        }
    }

    /// The optional field that follows `field`, or the end.
    private mutating func nextStep(after field: Step) -> Step {
        value = 0
        valueBytes = 0
        switch field {
        case .extra where flags & Self.fname != 0: return .name
        case .extra, .name: if flags & Self.fcomment != 0 { return .comment }; fallthrough
        default: return flags & Self.fhcrc != 0 ? .headerCRC : .done
        }
    }

    private mutating func addToValue(_ byte: UInt8, at offset: Int, in input: UnsafeBufferPointer<UInt8>) {
        value |= Int(byte) << (8 * valueBytes)
        valueBytes += 1
        addToCRC(input, offset, 1)
    }

    private mutating func addToCRC(_ input: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) {
        guard flags & Self.fhcrc != 0, count > 0 else { return }
        crc = crc32_gzip_refl(crc, input.baseAddress! + start, UInt64(count))
    }
}
