/// Numbers the stream names of one batch's routine lines, on the reader thread.
///
/// Consecutive lines nearly always name the same stream, through the same name objects (the
/// reader's `NameCache` and line memo hand them out): known by comparing two addresses, with
/// no String touched (reading the two names as Strings, to compare them, retained and
/// released both for every routine line). Names that are other objects are compared as text.
struct NameIndex {
    private var lastName: StreamName?
    private var lastIndex: Int32 = -1
    private var indexes: [StreamName: Int32] = [:]
    /// The name objects of the last line indexed, and where they are. Held, so that no other
    /// name takes their place in memory while they are compared with.
    private var lastObjects: (group: LogName?, stream: LogName?)
    private var lastAddresses: (group: UnsafeMutableRawPointer?, stream: UnsafeMutableRawPointer?)

    /// The index of the view's stream and group in `batch.names` (`index(stream:group:in:)`).
    @inline(__always) mutating func index(of view: EventView, in batch: inout EventBatch) -> Int32 {
        let addresses = view.nameAddresses
        if lastName != nil, addresses.stream == lastAddresses.stream, addresses.group == lastAddresses.group { return lastIndex }
        let index = self.index(stream: view.logStream, group: view.logGroup, in: &batch)
        lastObjects = (view.groupName, view.streamName)
        lastAddresses = addresses
        return index
    }

    /// The index of `stream`/`group` in `batch.names`, adding it when new; -1 when there is no stream.
    mutating func index(stream: String?, group: String?, in batch: inout EventBatch) -> Int32 {
        guard let stream else {
            lastName = nil
            return -1
        }
        if let last = lastName, last.stream == stream, last.group == group { return lastIndex }
        let name = StreamName(stream: stream, group: group)
        let index: Int32
        if let known = indexes[name] {
            index = known
        } else {
            index = Int32(batch.names.count)
            batch.names.append(name)
            indexes[name] = index
        }
        lastName = name
        lastIndex = index
        return index
    }

    /// Forgets every name: the next batch starts its own table.
    mutating func reset() {
        lastName = nil
        lastIndex = -1
        lastObjects = (nil, nil)
        lastAddresses = (nil, nil)
        indexes.removeAll(keepingCapacity: true)
    }
}
