import Testing
@testable import Analytics
import Replay

/// The byte-pair sets never hide a line that contains a literal, and do hide most that cannot.
struct BytePairsTests {
    @Test func aLineThatContainsALiteralIsNeverSkipped() {
        var state: UInt64 = 0x5851_F42D_4C95_7F2D
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        let alphabet = Array("abcdeflmnopst \":{}_0123456789".utf8)
        for _ in 0..<3000 {
            let line = (0..<next(120)).map { _ in alphabet[next(alphabet.count)] }
            // A literal cut from the line (must be found) and a random one (found or not).
            let start = line.isEmpty ? 0 : next(line.count)
            let cut = Array(line[start..<min(line.count, start + 3 + next(8))])
            let random = (0..<(3 + next(6))).map { _ in alphabet[next(alphabet.count)] }
            let sets = BytePairs.sets(of: [line])
            for literal in [cut, random] where literal.count >= 2 && ByteSearch.contains(line, literal) {
                #expect(BytePairs.mayContain(sets, text: 0, BytePairs.requirement(of: literal)), "\(line) \(literal)")
            }
        }
    }

    @Test func aLineWithoutTheLiteralsPairsIsSkipped() {
        let sets = BytePairs.sets(of: [Array("request completed in 41 ms".utf8), Array("thread 'main' panicked at src/main.rs".utf8)])
        let literal = BytePairs.requirement(of: Array("panicked at ".utf8))
        #expect(!BytePairs.mayContain(sets, text: 0, literal))
        #expect(BytePairs.mayContain(sets, text: 1, literal))
    }

    @Test func theCheckWithPairsAgreesWithTheSearchAlone() {
        let regex = try! CompiledRegex("(?i)PoolTimedOut|pool timed out while waiting")
        let texts = ["pool timed out while waiting for an open connection", "request ok", "POOLTIMEDOUT", "", "p", "pool timed"]
        let signals = PreparedSignals(Crash.signals(lines: Crash.plain(texts)))
        for i in texts.indices {
            #expect(regex.mayMatch(signals, i..<(i + 1)) == regex.mayMatch(signals.lowercased, i..<(i + 1)), "\(texts[i])")
        }
        #expect(regex.mayMatch(signals, 0..<texts.count))
    }
}
