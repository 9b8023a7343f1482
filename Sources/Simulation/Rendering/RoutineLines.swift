import Replay

/// The everyday lines of a healthy merxex-exchange: requests, and the warnings and
/// benign errors that every service logs and that must not be mistaken for a crash.
///
/// Several deliberately contain the words a naive classifier looks for ("memory",
/// "panic", "connection closed", "pool"), in lines that mean nothing is wrong.
enum RoutineLines {
    private static let routes: [(method: String, path: String)] = [
        ("GET", "/api/v1/markets"), ("GET", "/api/v1/orderbook/BTC-USD"), ("GET", "/api/v1/orderbook/ETH-USD"),
        ("POST", "/api/v1/orders"), ("GET", "/api/v1/trades"), ("POST", "/api/v1/bids"),
        ("GET", "/api/v1/agents/me"), ("DELETE", "/api/v1/orders/pending"), ("GET", "/api/v1/quotes"),
    ]

    /// One routine request line.
    static func request(_ log: inout AppLogLine, at t: Timestamp) {
        let route = log.random.pick(routes)
        let roll = log.random.unit()
        let status = roll < 0.86 ? (route.method == "POST" ? 201 : 200)
            : roll < 0.92 ? 400 : roll < 0.96 ? 404 : roll < 0.985 ? 401 : 429
        let latency = log.random.int(2...40) + (log.random.chance(0.05) ? log.random.int(40...400) : 0)
        log.json(t, "INFO", "request completed", target: "merxex::http") {
            $0.add("method", route.method)
            $0.add("path", route.path)
            $0.add("status", status)
            $0.add("latency_ms", latency)
        }
    }

    /// One warning or benign error instead of a request line.
    static func noise(_ log: inout AppLogLine, at t: Timestamp) {
        switch log.random.int(0...10) {
        case 0:
            let ms = log.random.int(1000...2900)
            log.json(t, "WARN", "slow statement", target: "sqlx::query") {
                $0.add("elapsed_ms", ms)
                $0.add("statement", "SELECT o.id, o.price, o.qty FROM orders o WHERE o.market = $1 ORDER BY o.price LIMIT 200")
            }
        case 1:
            let agent = "agt_" + log.random.hex(10)
            log.json(t, "ERROR", "order rejected", target: "merxex::orders") {
                $0.add("reason", "insufficient balance")
                $0.add("agent_id", agent)
            }
        case 2:
            log.json(t, "WARN", "recovered from panic in handler", target: "merxex::http") {
                $0.add("handler", "/api/v1/quotes")
                $0.add("detail", "quote source returned malformed price")
            }
        case 3:
            let peer = "10.0.\(log.random.int(0...15)).\(log.random.int(2...250)):\(log.random.int(30000...60000))"
            log.json(t, "INFO", "connection closed by client", target: "merxex::ws") { $0.add("peer", peer) }
        case 4:
            let client = "203.0.113.\(log.random.int(1...254))"
            log.json(t, "WARN", "rate limit exceeded", target: "merxex::http") {
                $0.add("client", client)
                $0.add("limit_per_minute", 600)
            }
        case 5:
            let url = "https://hooks.example.net/agents/\(log.random.hex(8))"
            let status = log.random.pick([500, 502, 504])
            let attempt = log.random.int(1...3)
            log.json(t, "ERROR", "webhook delivery failed", target: "merxex::webhooks") {
                $0.add("url", url)
                $0.add("status", status)
                $0.add("attempt", attempt)
            }
        case 6:
            log.json(t, "WARN", "failed to refresh exchange rates, retrying", target: "merxex::rates") {
                $0.add("error", "operation timed out")
                $0.add("retry_in_s", 30)
            }
        case 7:
            let ratio = "0.9\(log.random.int(0...9))"
            let entries = log.random.int(30000...52000)
            log.json(t, "INFO", "memory cache hit ratio", target: "merxex::cache") {
                $0.add("ratio", raw: ratio)
                $0.add("entries", entries)
            }
        case 8:
            let after = log.random.int(100...90000)
            log.json(t, "INFO", "connection closed by client", target: "merxex::http") {
                $0.add("path", "/api/v1/stream")
                $0.add("after_ms", after)
            }
        case 9:
            log.json(t, "ERROR", "graphql request rejected", target: "merxex::graphql") {
                $0.add("error", "query depth 14 exceeds limit 10")
            }
        default:
            log.json(t, "WARN", "db pool connection recycled", target: "merxex::db") {
                $0.add("reason", "max lifetime reached")
            }
        }
    }

    /// The request line a monitor's `/graphql` probe leaves in the task that answered it.
    static func graphqlProbe(_ log: inout AppLogLine, _ probe: ProbeResult) {
        log.json(probe.at.adding(millis: Int64(probe.latencyMs)), "INFO", "request completed", target: "merxex::http") {
            $0.add("method", "GET")
            $0.add("path", "/graphql")
            $0.add("status", probe.status)
            $0.add("latency_ms", max(1, probe.latencyMs - 20))
            $0.add("user_agent", "merxex-heartbeat/1.0")
        }
    }
}
