import Testing
import Analytics
import Replay

/// One formula each; the numbers a reader can re-add from the report must add up.
@Suite struct IncidentMetricsTests {
    static func at(_ clock: String) -> Timestamp { Timestamp(iso8601: "2026-03-22T\(clock)Z")! }
    static func crash(_ clock: String) -> IncidentsDocument.Crash {
        .init(id: "C", task: "t", at: at(clock), cause: .unknown, mechanism: .exit)
    }

    @Test func theRollbackTriggerIsMetAtTheCrashThatCompletesTheCountWithinTheHours() {
        let crashes = ["01:00:00", "02:00:00", "10:00:00", "10:30:00", "11:00:00"].map(Self.crash)
        #expect(IncidentMetrics.rollbackMetAt(crashes, count: 3, withinHours: 2) == Self.at("11:00:00"))
        #expect(IncidentMetrics.rollbackMetAt(crashes, count: 3, withinHours: 9) == Self.at("10:00:00"))
        #expect(IncidentMetrics.rollbackMetAt(crashes, count: 6, withinHours: 48) == nil)
    }

    @Test func mtbfIsTheMeanGapBetweenConsecutiveCrashes() {
        #expect(IncidentMetrics.mtbfSeconds(["01:00:00", "02:00:00", "04:00:00"].map(Self.crash)) == 5400)
        #expect(IncidentMetrics.mtbfSeconds([Self.crash("01:00:00")]) == nil)
    }

    @Test func mttrIsTheMeanOfClosedOutagesAndDowntimeCountsOpenOnesToTheWindowsEnd() {
        let outages: [IncidentsDocument.Outage] = [
            .init(id: "O1", start: Self.at("01:00:00"), end: Self.at("01:10:00")),
            .init(id: "O2", start: Self.at("02:00:00"), end: Self.at("02:20:00")),
            .init(id: "O3", start: Self.at("23:00:00"), end: nil),
        ]
        #expect(IncidentMetrics.mttrSeconds(outages) == 900)
        #expect(IncidentMetrics.downtimeSeconds(outages, windowEnd: Self.at("23:30:00")) == 600 + 1200 + 1800)
    }

    @Test func theCrashRateIsPerHourOfTheWindow() {
        #expect(IncidentMetrics.crashesPerHour(19, from: Self.at("00:00:00"), to: Timestamp(iso8601: "2026-03-23T14:00:00Z")!) == 0.5)
        #expect(IncidentMetrics.crashesPerHour(3, from: Self.at("01:00:00"), to: Self.at("01:00:00")) == nil)
    }
}
