import Foundation

/// One result of an external monitor's check, e.g. `{"check":"health","url":".../health","status":200}`.
///
/// `status` 0 means no answer (refused, reset, timeout). A failing `/health` probe
/// is outage evidence; a 2xx from a path production must not serve is exposure evidence.
public struct ProbeResult: Sendable, Codable, Equatable {
    public var check: String
    public var url: String?
    /// The URL's path (`/health`, `/graphql`), for matching the sensitive-path list.
    public var path: String?
    public var status: Int
    public var latencyMs: Double?
    public var error: String?
    /// `body.version` when the service reported it.
    public var version: String?
    public var at: Timestamp

    public init(check: String, url: String?, path: String?, status: Int, latencyMs: Double?, error: String?,
                version: String?, at: Timestamp) {
        self.check = check; self.url = url; self.path = path; self.status = status; self.latencyMs = latencyMs
        self.error = error; self.version = version; self.at = at
    }

    public var succeeded: Bool { (200..<300).contains(status) }

    static func parse(_ value: JSONValue, at: Timestamp) -> ProbeResult? {
        // Monitors write the status as a number, some as a string ("200"); `status_code` is a common spelling.
        let raw = value["status"] ?? value["status_code"]
        guard let check = value["check"]?.string,
              let status = raw?.int ?? raw?.string.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else { return nil }
        let url = value["url"]?.string
        return ProbeResult(check: check, url: url, path: url.map(ProbeResult.path(of:)), status: status,
                           latencyMs: value["latency_ms"]?.double, error: value["error"]?.string,
                           version: value["body"]?["version"]?.string, at: at)
    }

    /// `/graphql` from `https://exchange.example.com/graphql?x=1`.
    static func path(of url: String) -> String {
        asciiPath(of: url) ?? characterPath(of: url)
    }

    /// `path(of:)` for any URL, by Characters.
    static func characterPath(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        var path = rest[slash...]
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
        return String(path)
    }

    /// `path(of:)` on the UTF-8 bytes of an ASCII URL, nil for any other.
    ///
    /// `range(of:)` and Character search cost ~23 000 instructions per probe line (2% of
    /// ingest on the benchmark slice). In ASCII every Character is one byte except CR LF,
    /// and neither `://`, `/`, `?` nor `#` is part of that one, so byte search finds the
    /// same places.
    static func asciiPath(of url: String) -> String? {
        var url = url
        return url.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var start = 0
            if bytes.count >= 3 {
                for i in 0...(bytes.count - 3) where bytes[i] == 0x3A && bytes[i + 1] == 0x2F && bytes[i + 2] == 0x2F {
                    start = i + 3
                    break
                }
            }
            guard let slash = bytes[start...].firstIndex(of: 0x2F) else { return "/" }
            let end = bytes[slash...].firstIndex(where: { $0 == 0x3F || $0 == 0x23 }) ?? bytes.count
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[slash..<end]), as: UTF8.self)
        }
    }
}
