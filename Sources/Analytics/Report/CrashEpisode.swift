import Replay

/// Crashes that came in quick succession, shown as one line in the timeline.
///
/// A task that crash-loops produces a burst of crashes minutes apart; listing each as
/// its own timeline entry buries the story (the reference postmortem consolidated
/// "three rapid-fire outages" by hand and miscounted them). An episode is a maximal
/// run of crashes in which each is less than `window` seconds after the one before.
/// A crash with no close neighbour is an episode of one. The appendix keeps every
/// crash; only the timeline consolidates.
public struct CrashEpisode: Sendable, Equatable {
    /// The crashes of the episode, in time order (never empty).
    public let crashes: [IncidentsDocument.Crash]

    public init(crashes: [IncidentsDocument.Crash]) {
        precondition(!crashes.isEmpty, "an episode has at least one crash")
        self.crashes = crashes
    }

    public var first: IncidentsDocument.Crash { crashes[0] }
    public var last: IncidentsDocument.Crash { crashes[crashes.count - 1] }
    public var start: Timestamp { first.at }
    public var end: Timestamp { last.at }
    /// Seconds from the first crash to the last.
    public var spanSeconds: Int64 { end.secondsSince(start) }
    /// More than one crash: shown as one consolidated line.
    public var isRapidFire: Bool { crashes.count > 1 }

    /// The crash ids, as a range when they are consecutive numbers with one prefix
    /// (`C12–C14`), else listed (`C3, C7`).
    public var idsText: String {
        let ids = crashes.map(\.id)
        guard ids.count > 2, let range = Self.numberedRange(ids) else { return ids.joined(separator: ", ") }
        return range
    }

    /// Groups crashes (any order) into episodes in time order; ties keep document order.
    ///
    /// - Parameter window: seconds; a crash less than this after the previous one joins its episode.
    public static func group(_ crashes: [IncidentsDocument.Crash], window: Int64) -> [CrashEpisode] {
        let ordered = crashes.enumerated()
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
        var episodes: [CrashEpisode] = []
        var current: [IncidentsDocument.Crash] = []
        for crash in ordered {
            if let previous = current.last, crash.at.secondsSince(previous.at) >= window {
                episodes.append(CrashEpisode(crashes: current))
                current = []
            }
            current.append(crash)
        }
        if !current.isEmpty { episodes.append(CrashEpisode(crashes: current)) }
        return episodes
    }

    /// `C12–C14` when ids are `<prefix><n>`, `<prefix><n+1>`, ... with one prefix; else nil.
    static func numberedRange(_ ids: [String]) -> String? {
        func split(_ id: String) -> (prefix: Substring, number: Int)? {
            let digits = id.reversed().prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count < id.count, let number = Int(String(digits.reversed())) else { return nil }
            return (id.dropLast(digits.count), number)
        }
        let parts = ids.compactMap(split)
        guard parts.count == ids.count, let firstPart = parts.first else { return nil }
        for (offset, part) in parts.enumerated() where part.prefix != firstPart.prefix || part.number != firstPart.number + offset {
            return nil
        }
        return "\(ids[0])–\(ids[ids.count - 1])"
    }
}
