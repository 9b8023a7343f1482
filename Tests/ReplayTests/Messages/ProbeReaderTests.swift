import Foundation
import Testing
@testable import Replay

/// `ProbeReader` gives what `JSONValue.parse` and `ProbeResult.parse` give, wherever it answers,
/// and answers for the plain probes monitors write.
@Suite struct ProbeReaderTests {
    /// The reading through a `JSONValue`, as `MessageReader` did it for every probe.
    static func throughJSONValue(_ bytes: UnsafeBufferPointer<UInt8>) -> ProbeResult? {
        JSONValue.parse(bytes).flatMap { ProbeResult.parse($0, at: Timestamp(millis: 1_774_137_602_491)) }
    }

    static func fastReading(_ bytes: UnsafeBufferPointer<UInt8>) -> ProbeResult?? {
        let scanner = JSONScanner(bytes)
        guard let object = scanner.value(at: 0), object.kind == .object else { return nil }
        return ProbeReader.read(scanner, object, at: Timestamp(millis: 1_774_137_602_491))
    }

    static let values = [
        #""health""#, #""graphql_exposure""#, "200", "0", "404", "503", #""200""#, #"" 503 ""#, #""abc""#, "200.7", "-1", "1e3", "1E+2",
        "1e15", "1e400", "-0", "2.5e-1", "true", "false", "null", "{}", "[]", #"{"version":"0.1.0"}"#,
        #"{"service":"x","status":"healthy","version":"0.1.0"}"#, #"{"version":1}"#, #"{"version":"a","version":"b"}"#,
        #"[1,{"a":[true,null]}]"#, #""https://exchange.example.com/health""#, #""https://h/graphql?x=1#f""#, #""caf\u00e9""#,
        #""tab\there""#, #""quote\"d""#, "\"raw é\"", #""/""#, "01", "1.", "-.5", "tru", "nul", #"{"version":"x","a":{"b":{"c":[]}}}"#,
    ]
    static let keys = ["check", "url", "status", "status_code", "latency_ms", "error", "body", "x", "ch\\u0065ck", "stat"]

    @Test func plainProbesReadAsThroughAJSONValue() {
        let probes = [
            #"{"check":"health","url":"https://exchange.example.com/health","status":200,"latency_ms":53,"body":{"service":"merxex-exchange","status":"healthy","version":"0.1.0"}}"#,
            #"{"check":"graphql_exposure","url":"https://exchange.example.com/graphql","status":404,"latency_ms":80}"#,
            #"{"check":"health","url":"https://exchange.example.com/health","status":0,"error":"connection refused"}"#,
            #"{ "check" : "health" , "status_code" : "503" }"#,
        ]
        for probe in probes {
            Array(probe.utf8).withUnsafeBufferPointer { bytes in
                let fast = Self.fastReading(bytes)
                #expect(fast != nil, "not read: \(probe)")
                #expect(fast.flatMap { $0 } == Self.throughJSONValue(bytes), "\(probe)")
                #expect(Self.throughJSONValue(bytes) != nil, "\(probe)")
            }
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func seededProbesReadAsThroughAJSONValueWhereverTheReaderAnswers(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var answered = 0
        for n in 0..<20_000 {
            var members: [String] = []
            for _ in 0..<Int.random(in: 0...7, using: &rng) {
                let key = Int.random(in: 0..<4, using: &rng) == 0 ? Self.keys.randomElement(using: &rng)! : Self.keys[min(6, members.count)]
                let space = Int.random(in: 0..<10, using: &rng) == 0 ? " " : ""
                members.append("\"\(key)\"\(space):\(space)\(Self.values.randomElement(using: &rng)!)")
            }
            var text = "{" + members.joined(separator: ",") + "}"
            if n % 13 == 0, !text.isEmpty {
                var bytes = Array(text.utf8)
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = Array("{}[]\":,\\ 0e".utf8).randomElement(using: &rng)!
                text = String(decoding: bytes, as: UTF8.self)
            }
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                guard let fast = Self.fastReading(bytes) else { return }
                answered += 1
                #expect(fast == Self.throughJSONValue(bytes), "seed \(seed): \(text)")
            }
        }
        #expect(answered > 5_000, "seed \(seed): the reader answered only \(answered) times")
    }
}
