import Foundation
import Testing
@testable import Replay

/// Work run beside the caller hands back exactly what it computed, or what it threw.
struct ConcurrentWorkTests {
    struct Failure: Error, Equatable { let code: Int }

    @Test func theValueIsWhatTheWorkComputedAndCanBeAskedAgain() throws {
        let work = ConcurrentWork { (1...10_000).reduce(0, +) }
        #expect(try work.value() == 50_005_000)
        #expect(try work.value() == 50_005_000)
    }

    @Test func anErrorIsThrownWhereTheValueIsAsked() {
        let work = ConcurrentWork { () throws -> Int in throw Failure(code: 7) }
        #expect(throws: Failure(code: 7)) { try work.value() }
        #expect(throws: Failure(code: 7)) { try work.value() }
    }

    @Test func workRunsBesideTheCaller() throws {
        // The worker waits for the caller, which only gets past the semaphore if the work started without it.
        let callerReady = DispatchSemaphore(value: 0)
        let work = ConcurrentWork { () -> String in
            callerReady.wait()
            return "done"
        }
        callerReady.signal()
        #expect(try work.value() == "done")
    }
}
