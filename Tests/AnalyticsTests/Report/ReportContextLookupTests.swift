import Mustache
import Testing
@testable import Analytics

/// The template finds every value by name without reflection, and finds the same values reflection would.
struct ReportContextLookupTests {
    /// Every value reachable from the context of the small incident (with a previous report), the context first.
    static func everyValue() -> [Any] {
        let document = ReportFixtures.smallIncident
        let context = ReportContext(facts: ReportFacts(document: document, settings: ReportSettings(), previous: document))
        var values: [Any] = [context]
        var index = 0
        while index < values.count {
            for child in Mirror(reflecting: values[index]).children {
                if let rows = child.value as? [Any] { values += rows.filter { !($0 is String) } }
            }
            index += 1
        }
        return values
    }

    @Test func everyStoredPropertyIsFoundByNameWithTheSameValue() throws {
        let values = Self.everyValue()
        #expect(values.count > 30)
        var typesSeen = Set<String>()
        for value in values {
            let parent = try #require(value as? MustacheParent, "\(type(of: value)) has no child(named:)")
            typesSeen.insert("\(type(of: value))")
            for child in Mirror(reflecting: value).children {
                let name = try #require(child.label)
                let found = try #require(parent.child(named: name), "\(type(of: value)).\(name) is not found by name")
                #expect(type(of: found) == type(of: child.value), "\(type(of: value)).\(name)")
                #expect(String(describing: found) == String(describing: child.value), "\(type(of: value)).\(name)")
            }
        }
        // Every row type of the template occurs in the small incident, so every conformance was checked.
        #expect(typesSeen.count == 12, "\(typesSeen.sorted())")
    }

    @Test func aNameAValueDoesNotHaveIsNotFound() throws {
        for value in Self.everyValue() {
            let parent = try #require(value as? MustacheParent)
            #expect(parent.child(named: "noSuchField") == nil)
            #expect(parent.child(named: "") == nil)
        }
    }
}
