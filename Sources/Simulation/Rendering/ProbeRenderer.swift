import Replay

/// Writes each probe result as the monitor logs it, one JSON object per CloudWatch event.
enum ProbeRenderer {
    static let baseURL = "https://exchange.example.com"

    static func render(_ results: [ProbeResult]) -> [LogRecord] {
        results.map { result in
            var line = JSONText()
            line.add("check", result.check.rawValue)
            line.add("url", baseURL + (result.check == .health ? "/health" : "/graphql"))
            line.add("status", result.status)
            line.add("latency_ms", result.latencyMs)
            if let error = result.error { line.add("error", error) }
            if result.check == .health, result.succeeded {
                var body = JSONText()
                body.add("service", "merxex-exchange")
                body.add("status", "healthy")
                body.add("version", result.version ?? "unknown")
                line.add("body", body)
            }
            return LogRecord(timestamp: result.at, group: LogGroups.heartbeat,
                             stream: LogGroups.heartbeatStream, message: line.text)
        }
    }
}
