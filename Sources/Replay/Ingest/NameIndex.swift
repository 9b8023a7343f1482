/// Numbers the stream names of one batch's routine lines, on the reader thread.
///
/// Consecutive lines nearly always name the same stream (and the names come from
/// `NameCache`, so they are the same String): one comparison, no hashing, per line.
struct NameIndex {
    private var lastName: StreamName?
    private var lastIndex: Int32 = -1
    private var indexes: [StreamName: Int32] = [:]

    /// The index of `stream`/`group` in `batch.names`, adding it when new; -1 when there is no stream.
    mutating func index(stream: String?, group: String?, in batch: inout EventBatch) -> Int32 {
        guard let stream else { return -1 }
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
        indexes.removeAll(keepingCapacity: true)
    }
}
