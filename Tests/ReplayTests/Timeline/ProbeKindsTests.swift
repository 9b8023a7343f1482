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

    @Test func sensitiveProbesAreGroupedByTheirPathInProbeOrder() {
        var settings = TimelineSettings()
        settings.sensitivePaths = ["/graphql", "/admin"]
        let kinds = ProbeKinds(settings)
        let paths: [String?] = ["/graphql", "/health", nil, "/Admin", "/graphql", "/admin", "/GRAPHQL", "/graphql/x", "/health",
                                "/graphql", "/Admin"] + (0..<40).map { "/p\($0 % 20)" }
        let probes = paths.map { Self.probe(check: "uptime", path: $0) }
        // The plain way: every probe asked, grouped by path, groups in path order.
        var expected: [String: [Int]] = [:]
        for (i, probe) in probes.enumerated() where kinds.isSensitive(probe.path) { expected[probe.path!, default: []].append(i) }
        let grouped = kinds.sensitiveProbes(in: probes)
        #expect(grouped.map(\.path) == expected.keys.sorted())
        #expect(grouped.map(\.indices) == expected.keys.sorted().map { expected[$0]! })
        #expect(grouped.map(\.path) == ["/Admin", "/GRAPHQL", "/admin", "/graphql", "/graphql/x"])
    }
}
