import Testing
@testable import Replay

/// The byte-level path of an ASCII probe URL is the one the Character-level reading finds.
@Suite struct ProbePathTests {
    @Test func asciiURLsGiveTheSamePathByBytesAndByCharacters() {
        let urls = [
            "https://exchange.example.com/graphql?x=1", "http://a/b/c#frag", "https://host", "https://host/",
            "host/path?q", "://", ":///", "a://b://c/d", "/just/a/path", "", "?", "#/x", "https://h?x=/y",
            "https://h/p?q#f", "ftp://h/p#f?q", "https://h/a\r\n/b", "x:/y//z", "::////",
        ]
        for url in urls {
            #expect(ProbeResult.asciiPath(of: url) == ProbeResult.characterPath(of: url), "\(url)")
        }
        #expect(ProbeResult.path(of: "https://exchange.example.com/graphql?x=1") == "/graphql")
    }

    @Test func nonASCIIURLsAreLeftToTheCharacterReading() {
        #expect(ProbeResult.asciiPath(of: "https://hôte/chemin") == nil)
        #expect(ProbeResult.path(of: "https://hôte/chemin?x") == "/chemin")
    }
}
