import Testing
@testable import Replay

/// Which probes are outage evidence and which paths exposure evidence, whatever their case.
@Suite struct ProbeKindsTests {
    static func probe(check: String, path: String?) -> ProbeResult {
        ProbeResult(check: check, url: nil, path: path, status: 200, latencyMs: nil, error: nil, version: nil, at: T.at("01:00:00"))
    }

    @Test func aHealthProbeIsNamedHealthOrOnAHealthPathInAnyCase() {
        var settings = TimelineSettings()
        settings.healthPaths = ["/Health", "/readyz"]
        let kinds = ProbeKinds(settings)
        #expect(kinds.isHealth(Self.probe(check: "health", path: nil)))
        #expect(kinds.isHealth(Self.probe(check: "uptime", path: "/health")))
        #expect(kinds.isHealth(Self.probe(check: "uptime", path: "/HEALTH")))
        #expect(kinds.isHealth(Self.probe(check: "uptime", path: "/ReadyZ")))
        #expect(!kinds.isHealth(Self.probe(check: "uptime", path: "/health/deep")))
        #expect(!kinds.isHealth(Self.probe(check: "uptime", path: nil)))
        #expect(!kinds.isHealth(Self.probe(check: "Health", path: "/graphql")))
    }

    @Test func aSensitivePathMatchesItselfAndWhatIsBelowItInAnyCase() {
        var settings = TimelineSettings()
        settings.sensitivePaths = ["/GraphQL", "/admin"]
        let kinds = ProbeKinds(settings)
        #expect(kinds.isSensitive("/graphql"))
        #expect(kinds.isSensitive("/GRAPHQL/console"))
        #expect(kinds.isSensitive("/Admin"))
        #expect(!kinds.isSensitive("/graphqlx"))
        #expect(!kinds.isSensitive("/api/graphql"))
        #expect(!kinds.isSensitive(nil))
    }
}
