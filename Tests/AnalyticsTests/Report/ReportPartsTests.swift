import Analytics
import Foundation
import Replay
import Testing

@Suite("Rapid-fire crash episodes")
struct CrashEpisodeTests {
    func crash(_ id: String, _ time: String) -> IncidentsDocument.Crash {
        .init(id: id, task: "t-\(id)", at: ReportFixtures.time(time), cause: .unknown, mechanism: .exit)
    }

    @Test func crashesCloserThanTheWindowFormOneEpisode() {
        let crashes = [crash("C1", "2026-03-23T01:40:00Z"), crash("C2", "2026-03-23T01:41:00Z"),
                       crash("C3", "2026-03-23T01:45:00Z"), crash("C4", "2026-03-23T06:10:00Z")]
        let episodes = CrashEpisode.group(crashes, window: 600)
        #expect(episodes.map { $0.crashes.map(\.id) } == [["C1", "C2", "C3"], ["C4"]])
        #expect(episodes[0].idsText == "C1–C3")
        #expect(episodes[0].spanSeconds == 300)
        #expect(episodes[0].isRapidFire)
        #expect(!episodes[1].isRapidFire)
    }

    @Test func aGapOfExactlyTheWindowStartsANewEpisode() {
        let episodes = CrashEpisode.group([crash("C1", "2026-03-23T01:00:00Z"), crash("C2", "2026-03-23T01:10:00Z")], window: 600)
        #expect(episodes.count == 2)
    }

    @Test func crashesAreGroupedInTimeOrderWhateverTheInputOrder() {
        let episodes = CrashEpisode.group([crash("C2", "2026-03-23T01:01:00Z"), crash("C1", "2026-03-23T01:00:00Z")], window: 600)
        #expect(episodes.map { $0.crashes.map(\.id) } == [["C1", "C2"]])
        #expect(episodes[0].idsText == "C1, C2")
    }

    @Test func idsThatAreNotConsecutiveAreListed() {
        let episodes = CrashEpisode.group([crash("C1", "2026-03-23T01:00:00Z"), crash("C3", "2026-03-23T01:01:00Z"),
                                           crash("C4", "2026-03-23T01:02:00Z")], window: 600)
        #expect(episodes[0].idsText == "C1, C3, C4")
    }
}

@Suite("Durations and numbers as printed")
struct ReportNumberTests {
    @Test func durationsPrintOneWay() {
        #expect(DurationText.short(4080) == "1h 08m")
        #expect(DurationText.short(996) == "16m 36s")
        #expect(DurationText.short(45) == "45s")
        #expect(DurationText.short(131_999) == "36h 39m")
        #expect(DurationText.precise(4080) == "1h 08m (4,080 s)")
        #expect(DurationText.precise(59) == "59s")
    }

    @Test func numbersIgnoreTheLocale() {
        #expect(NumberText.grouped(481_233) == "481,233")
        #expect(NumberText.fixed(0.5, decimals: 2) == "0.50")
        #expect(NumberText.fixed(2.999, decimals: 2) == "3.00")
        #expect(NumberText.dollars(1280) == "$1,280.00")
        #expect(NumberText.multiple(0.5, of: 0.01) == "50x")
        #expect(NumberText.multiple(0.025, of: 0.01) == "2.5x")
        #expect(NumberText.rate(0.004) == "0.004")
    }
}

@Suite("Report settings")
struct ReportSettingsTests {
    @Test func missingKeysKeepTheirDefaults() throws {
        let settings = try JSONDecoder().decode(ReportSettings.self, from: Data(#"{"costPerHourHigh": 40}"#.utf8))
        #expect(settings.costPerHourHigh == 40)
        #expect(settings.costPerHourLow == 10)
        #expect(settings.rollbackCrashes == 15)
        #expect(settings.episodeWindowSeconds == 600)
    }

    @Test func anUnknownKeyIsAnError() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ReportSettings.self, from: Data(#"{"rollbackCrash": 10}"#.utf8))
        }
    }

    @Test func settingsRoundTripThroughJSON() throws {
        var settings = ReportSettings()
        settings.serviceName = "merxex"
        let decoded = try JSONDecoder().decode(ReportSettings.self, from: JSONEncoder().encode(settings))
        #expect(decoded == settings)
    }
}
