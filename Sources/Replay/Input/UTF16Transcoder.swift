/// Turns a UTF-16 file (Windows tools and PowerShell's `>` write them) into UTF-8, streaming.
///
/// The layers above read UTF-8 only. A file whose decoded bytes start with a
/// UTF-16 byte order mark (`FF FE` little-endian, `FE FF` big-endian) is
/// transcoded chunk by chunk, carrying an odd byte and a high surrogate across
/// chunk edges; a lone surrogate becomes U+FFFD, as in `JSONScanner`. Anything
/// else passes through untouched, so a UTF-8 file costs one look at two bytes.
/// A UTF-16 file without a mark is not guessed at: its lines are reported as not JSON.
final class UTF16Transcoder {
    private enum Mode { case undecided, passThrough, utf16(bigEndian: Bool) }

    private var mode = Mode.undecided
    private var head: [UInt8] = []
    private var oddByte: UInt8?
    private var highSurrogate: UInt32?
    private var output: [UInt8] = []

    /// True once the input was found to be UTF-16.
    var isUTF16: Bool { if case .utf16 = mode { return true }; return false }

    /// Feeds decoded bytes; calls `sink` with UTF-8.
    func feed(_ chunk: UnsafeBufferPointer<UInt8>, sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        switch mode {
        case .passThrough:
            try sink(chunk)
        case let .utf16(bigEndian):
            try transcode(chunk, bigEndian: bigEndian, sink: sink)
        case .undecided:
            head.append(contentsOf: chunk)
            guard head.count >= 2 else { return }
            let bytes = head
            head = []
            if bytes[0] == 0xFF, bytes[1] == 0xFE {
                mode = .utf16(bigEndian: false)
                try bytes.withUnsafeBufferPointer { try transcode(UnsafeBufferPointer(rebasing: $0[2...]), bigEndian: false, sink: sink) }
            } else if bytes[0] == 0xFE, bytes[1] == 0xFF {
                mode = .utf16(bigEndian: true)
                try bytes.withUnsafeBufferPointer { try transcode(UnsafeBufferPointer(rebasing: $0[2...]), bigEndian: true, sink: sink) }
            } else {
                mode = .passThrough
                try bytes.withUnsafeBufferPointer { try sink($0) }
            }
        }
    }

    /// Ends the input: flushes a held byte or surrogate (as U+FFFD).
    func finish(sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        if !head.isEmpty {
            let bytes = head
            head = []
            try bytes.withUnsafeBufferPointer { try sink($0) }
        }
        if isUTF16, oddByte != nil || highSurrogate != nil {
            oddByte = nil
            highSurrogate = nil
            output = [0xEF, 0xBF, 0xBD]
            try output.withUnsafeBufferPointer { try sink($0) }
        }
    }

    private func transcode(_ chunk: UnsafeBufferPointer<UInt8>, bigEndian: Bool, sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity(chunk.count * 3 / 2 + 8)
        var i = 0
        if let first = oddByte, chunk.count > 0 {
            unit(bigEndian ? UInt32(first) << 8 | UInt32(chunk[0]) : UInt32(chunk[0]) << 8 | UInt32(first))
            oddByte = nil
            i = 1
        }
        while i + 1 < chunk.count {
            let a = UInt32(chunk[i]), b = UInt32(chunk[i + 1])
            unit(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        if i < chunk.count { oddByte = chunk[i] }
        if !output.isEmpty { try output.withUnsafeBufferPointer { try sink($0) } }
    }

    private func unit(_ u: UInt32) {
        if let high = highSurrogate {
            highSurrogate = nil
            if u >= 0xDC00, u < 0xE000 {
                append(0x10000 + ((high - 0xD800) << 10) + (u - 0xDC00))
                return
            }
            append(0xFFFD)
        }
        if u >= 0xD800, u < 0xDC00 {
            highSurrogate = u
        } else if u >= 0xDC00, u < 0xE000 {
            append(0xFFFD)
        } else {
            append(u)
        }
    }

    private func append(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (scalar >> 6))); output.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (scalar >> 12))); output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (scalar >> 18))); output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F))); output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
