import Dispatch

/// Work started on another thread at once, whose result is waited for where it is needed.
///
/// The analysis after ingest ran on one core of a machine that has more. Work that needs
/// nothing from the rest of it (loading the rules, parsing the template, classifying half
/// of the crashes, storing the verdicts while the report is rendered) now runs beside it.
/// Each piece computes exactly what it computed in line, and its result (or its error) is
/// taken where the line used to compute it, so output and the order of errors stay the same.
public final class ConcurrentWork<Value>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    /// Written once by the worker before `finished` is signalled; read only after waiting on it.
    private var outcome: Result<Value, Error>?

    public init(_ work: @escaping () throws -> Value) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.outcome = Result { try work() }
            self.finished.signal()
        }
    }

    /// Waits for the work; its value, or the error it threw. May be asked more than once.
    public func value() throws -> Value {
        finished.wait()
        finished.signal()  // for the next caller
        return try outcome!.get()
    }
}
