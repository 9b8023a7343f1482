import Testing
@testable import Analytics

/// The literal pre-check finds text every match must contain, and gives up rather than guess.
struct LiteralPrefilterTests {
    @Test func aPlainPatternNeedsItsLongestLiteralRun() {
        #expect(LiteralPrefilter.requiredLiterals(of: #"memory allocation of \d+ bytes failed"#) == ["memory allocation of "])
    }

    @Test func alternationNeedsOneLiteralPerBranch() {
        #expect(LiteralPrefilter.requiredLiterals(of: "(?i)Too many open files|EMFILE") == ["emfile", "too many open files"])
    }

    @Test func optionalAtomsAreNotRequired() {
        #expect(LiteralPrefilter.requiredLiterals(of: "(?:thread '[^']*' )?panicked at ") == ["panicked at "])
        #expect(LiteralPrefilter.requiredLiterals(of: "Kill(?:ed)? process") == [" process"])
        #expect(LiteralPrefilter.requiredLiterals(of: "abcd?e") == ["abc"])
    }

    @Test func aRequiredGroupOfAlternativesCounts() {
        #expect(LiteralPrefilter.requiredLiterals(of: "^(?:panic: |fatal error: )") == ["fatal error: ", "panic: "])
    }

    @Test func escapedPunctuationIsLiteral() {
        #expect(LiteralPrefilter.requiredLiterals(of: #"java\.lang\.OutOfMemoryError: (?:Java heap space|Metaspace)"#) == ["java.lang.outofmemoryerror: "])
    }

    @Test func itGivesUpWhenABranchHasNoLiteral() {
        #expect(LiteralPrefilter.requiredLiterals(of: #"abc|\d+"#) == nil)
        #expect(LiteralPrefilter.requiredLiterals(of: #"\QPoolTimedOut\E"#) == nil)
        #expect(LiteralPrefilter.requiredLiterals(of: "ab") == nil)
    }
}
