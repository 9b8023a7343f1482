import Foundation
import Testing
@testable import Replay

/// Hostile files end in named problems, never a crash, a hang or a memory blow-up, and the valid events among them are kept.
///
/// Issue 7: the tool runs unattended from cron on logs nobody checked. Each test
/// hides valid events (`hidden-N` markers) around one kind of hostility and
/// checks that all of them are stored and the hostility is reported.
@Suite struct HostileInputTests {
    @Test func randomBytesBetweenValidLinesCostOnlyTheirOwnLines() throws {
        let w = try HostileWorkspace()
        var rng = SeededGenerator(seed: 7)
        var markers: [String] = []
        for file in 0..<4 {
            var bytes: [UInt8] = []
            for _ in 0..<5 {
                let (line, marker) = HostileWorkspace.validLine()
                bytes += [0x0A] + line + rng.bytes(Int.random(in: 0...20_000, using: &rng))
                markers.append(marker)
            }
            try w.write("random-\(file).jsonl", bytes)
        }
        _ = try w.ingest()
        #expect(try w.foundMarkers() == markers.sorted())
    }

    @Test func gzipWithABadCRCKeepsItsWholeLinesAndNamesTheDamage() throws {
        let w = try HostileWorkspace()
        let (lines, markers) = HostileWorkspace.validLines(4)
        guard var gz = try HostileWorkspace.gzip(lines) else { return }
        gz[gz.count - 8] ^= 0xFF  // the member's CRC32
        try w.write("crc.jsonl.gz", gz)
        let s = try w.ingest()
        #expect(s.problems.map(\.kind) == [.corruptGzip])
        #expect(s.problems.first?.detail.contains("incorrect data check") == true)
        #expect(try w.foundMarkers() == markers.sorted())
    }

    @Test func gzipCutAnywhereIsReportedAndKeepsOnlyWholeLines() throws {
        let w = try HostileWorkspace()
        let (lines, markers) = HostileWorkspace.validLines(6)
        guard let gz = try HostileWorkspace.gzip(lines) else { return }
        for cut in stride(from: 1, to: gz.count, by: 5) {
            try w.write("cut-\(cut).jsonl.gz", Array(gz[0..<cut]))
        }
        let s = try w.ingest()
        // One problem per file, about the cut (one byte is not even a gzip magic); nothing thrown, no partial line stored.
        #expect(s.files == (gz.count - 1 + 4) / 5)
        #expect(s.problems.allSatisfy { [.truncatedGzip, .corruptGzip, .emptyFile].contains($0.kind) || $0.file.hasSuffix("cut-1.jsonl.gz") },
                "\(s.problems)")
        #expect(Set(try w.foundMarkers()).isSubset(of: Set(markers)))
        #expect(try w.count("SELECT COUNT(*) FROM event WHERE message NOT LIKE '%request failed'") == 0)
    }

    @Test func aSmallGzipThatInflatesToHundredsOfMegabytesStopsEarlyAndSaysSo() throws {
        let w = try HostileWorkspace()
        let (lines, markers) = HostileWorkspace.validLines(3)
        guard let gz = try HostileWorkspace.gzip(lines + [UInt8](repeating: 0, count: 96 << 20)) else { return }
        #expect(gz.count < 200_000)
        try w.write("bomb.log.gz", gz)
        let s = try w.ingest()
        let cap = s.problems.first { $0.kind == .tooLarge }
        #expect(cap?.detail.contains("times its compressed size") == true, "\(s.problems)")
        // 100 times the ~96 KB read, not the 96 MB it would inflate to
        #expect(s.decodedBytes < 12 << 20)
        #expect(try w.foundMarkers() == markers.sorted())
    }

    @Test func aPlainFileOverTheFileCapIsCutThereAndSaysSo() throws {
        let w = try HostileWorkspace()
        let (lines, markers) = HostileWorkspace.validLines(2)
        try w.write("big.jsonl", lines + [UInt8](repeating: 0x20, count: 3 << 20))
        var options = IngestOptions()
        options.maxFileBytes = 1 << 20
        let s = try w.ingest(options: options)
        #expect(s.problems.contains { $0.kind == .tooLarge && $0.detail.hasPrefix("inflates past 1 MiB") }, "\(s.problems)")
        #expect(try w.foundMarkers() == markers.sorted())
    }

    @Test func nulBytesAndByteOrderMarksDoNotHideTheEventsAroundThem() throws {
        let w = try HostileWorkspace()
        let a = HostileWorkspace.validLines(2), b = HostileWorkspace.validLines(2), c = HostileWorkspace.validLines(2)
        try w.write("nul.jsonl", a.bytes + [UInt8](repeating: 0, count: 3000) + [0x0A]
                    + Array(#"{"timestamp":1774184000000,"message":"nul"#.utf8) + [0] + Array(#" inside"}"#.utf8) + [0x0A] + b.bytes)
        try w.write("bom.jsonl", [0xEF, 0xBB, 0xBF] + c.bytes)
        try w.write("bom-only.jsonl", [0xEF, 0xBB, 0xBF])
        let s = try w.ingest()
        #expect(try w.foundMarkers() == (a.markers + b.markers + c.markers).sorted())
        #expect(s.problems.contains { $0.kind == .notJSON })
    }

    @Test func utf16FilesWithAByteOrderMarkAreReadAsText() throws {
        let w = try HostileWorkspace()
        let (le, leMarker) = HostileWorkspace.validLine()
        let (be, beMarker) = HostileWorkspace.validLine()
        let (gzLine, gzMarker) = HostileWorkspace.validLine()
        let emoji = Array(#"{"timestamp":1774184000000,"logStream":"s","message":"ERROR hidden-0 café 😀"}"#.utf8) + [0x0A]
        func utf16(_ bytes: [UInt8], bigEndian: Bool) -> [UInt8] {
            let units = Array(String(decoding: bytes, as: UTF8.self).utf16)
            return (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + units.flatMap { u in
                bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)]
            }
        }
        try w.write("le.jsonl", utf16(le + emoji, bigEndian: false))
        try w.write("be.jsonl", utf16(be, bigEndian: true))
        if let gz = try HostileWorkspace.gzip(utf16(gzLine, bigEndian: false)) { try w.write("le.jsonl.gz", gz) }
        let s = try w.ingest()
        #expect(s.problems.isEmpty, "\(s.problems)")
        #expect(try w.foundMarkers().contains(leMarker))
        #expect(try w.foundMarkers().contains(beMarker))
        #expect(try w.foundMarkers().contains(gzMarker))
        #expect(try w.count("SELECT COUNT(*) FROM event WHERE message = 'ERROR hidden-0 café 😀'") == 1)
    }

    @Test func objectsNested100000DeepAreReportedWithoutRecursion() throws {
        let w = try HostileWorkspace()
        let (lines, markers) = HostileWorkspace.validLines(2)
        let deep = 100_000
        let nested = Array(String(repeating: #"{"a":"#, count: deep).utf8) + [0x31] + [UInt8](repeating: 0x7D, count: deep)
        let inMessage = Array(#"{"timestamp":1774184000000,"message":"x","extra":"#.utf8) + nested + [0x7D]
        let unclosed = [UInt8](repeating: 0x5B, count: deep)
        try w.write("deep.jsonl", lines + nested + [0x0A] + inMessage + [0x0A] + unclosed + [0x0A])
        _ = try w.ingest()
        #expect(try w.foundMarkers() == markers.sorted())
    }

    @Test
    func arraysNested100000DeepAreReportedWithoutRecursion() throws {
        let w = try HostileWorkspace()
        let (lines, markers) = HostileWorkspace.validLines(2)
        try w.write("deep-array.jsonl", lines + [UInt8](repeating: 0x5B, count: 100_000) + [UInt8](repeating: 0x5D, count: 100_000) + [0x0A])
        let s = try w.ingest()
        #expect(s.problems.count == 1)
        #expect(try w.foundMarkers() == markers.sorted())
    }

    @Test func hugeNumbersAndOutOfRangeTimestampsAreRejectedOneByOne() throws {
        let w = try HostileWorkspace()
        let values = ["1e400", "-1e400", "99999999999999999999999999", "-9223372036854775808", "9223372036854775807",
                      "0", "-1", "1e-400", "123.456e789", "4102444800000", String(repeating: "1", count: 400),
                      #""9999-12-31T23:59:59Z""#, #""0000-01-01T00:00:00Z""#, #""2026-13-45T99:99:99Z""#, "true", "null", "[]", "{}",
                      #""2026-03-22T12:53:20.\#(String(repeating: "9", count: 5000))Z""#]
        var bytes: [UInt8] = []
        var markers: [String] = []
        for v in values {
            let (line, marker) = HostileWorkspace.validLine()
            bytes += line + Array(#"{"timestamp":\#(v),"message":"bad"}"#.utf8) + [0x0A]
                + Array(#"{"timestamp":1774184000000,"message":"{\"level\":\#(v),\"status\":\#(v),\"check\":\"health\",\"ts\":\#(v)}"}"#.utf8) + [0x0A]
            markers.append(marker)
        }
        try w.write("numbers.jsonl", bytes)
        let s = try w.ingest()
        #expect(s.problems.filter { $0.kind == .badTimestamp }.count >= values.count - 1, "\(s.problems)")
        #expect(try w.foundMarkers() == markers.sorted())
    }

    @Test
    func aHugeNegativeEpochIsABadTimestampNotACrash() throws {
        let w = try HostileWorkspace()
        try w.write("negative.jsonl", Array(#"{"timestamp":-9000000000000000000,"message":"x"}"#.utf8) + [0x0A])
        let s = try w.ingest()
        #expect(s.problems.map(\.kind) == [.badTimestamp])
    }

    @Test
    func aGaugeWithAnInfiniteValueDoesNotFailTheRun() throws {
        let w = try HostileWorkspace()
        let (line, marker) = HostileWorkspace.validLine()
        try w.write("gauge.jsonl", Array(#"{"timestamp":1774184000000,"logStream":"ecs/app/4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c","message":"{\"fields\":{\"message\":\"memory\",\"rss_mb\":1e400,\"limit_mb\":2048}}"}"#.utf8) + [0x0A] + line)
        _ = try w.ingest()
        #expect(try w.foundMarkers() == [marker])
    }

    @Test func aMessageOfSeveralMegabytesIsReportedAndTheNextLineKept() throws {
        let w = try HostileWorkspace()
        let a = HostileWorkspace.validLines(1), b = HostileWorkspace.validLines(1)
        let big = Array(#"{"timestamp":1774184000000,"message":""#.utf8) + [UInt8](repeating: 0x4D, count: 5 << 20) + Array(#""}"#.utf8)
        try w.write("huge.jsonl", a.bytes + big + [0x0A] + b.bytes)
        let s = try w.ingest()
        #expect(s.problems.map(\.kind) == [.lineTooLong])
        #expect(s.problems.first?.line == 2)
        #expect(try w.foundMarkers() == (a.markers + b.markers).sorted())
    }

    @Test func shapesWithTheWrongTypesAreReportedAsBadEvents() throws {
        let w = try HostileWorkspace()
        let wrong = [
            #"{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","logEvents":{"a":1}}"#,
            #"{"messageType":"DATA_MESSAGE","logEvents":"nope"}"#,
            #"{"messageType":"DATA_MESSAGE","logEvents":[1,"x",null,[]]}"#,
            #"{"events":{"timestamp":1774184000000,"message":"x"}}"#,
            #"{"events":[1,2,{"message":{"a":1},"timestamp":1774184000000}]}"#,
            #"{"timestamp":1774184000000,"message":{"nested":true}}"#,
            #"{"timestamp":1774184000000,"message":"x","logStream":{"a":1},"logGroup":[1],"eventId":{}}"#,
            #"{"timestamp":1774184000000,"message":"{\"detail-type\":\"ECS Task State Change\",\"detail\":[]}"}"#,
            #"{"timestamp":1774184000000,"message":"{\"detail-type\":\"ECS Task State Change\",\"detail\":{\"taskArn\":5,\"containers\":{}}}"}"#,
        ]
        var bytes: [UInt8] = [], markers: [String] = []
        for line in wrong {
            let (valid, marker) = HostileWorkspace.validLine()
            bytes += valid + Array(line.utf8) + [0x0A]
            markers.append(marker)
        }
        try w.write("types.jsonl", bytes)
        try w.write("stream.json", Array("{\"events\": [\n {\"timestamp\": 1774184000000,\n  \"message\": 5},\n [1, {\"x\": 2}],\n \"s\"\n]}\n".utf8))
        let s = try w.ingest()
        #expect(s.problems.filter { $0.kind == .badEvent }.count >= 6, "\(s.problems)")
        #expect(try w.foundMarkers() == markers.sorted())
    }
}
