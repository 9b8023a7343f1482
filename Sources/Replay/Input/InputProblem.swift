/// A problem with one piece of input: where it is, what kind, and a short redacted excerpt.
///
/// Printed as `samples/logs/a.jsonl.gz:17: not JSON (expected '{' at column 1)`,
/// in the style of compilers and lnav, so editors and terminals can jump to it.
public struct InputProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// The gzip stream ends before its end marker (a cut download or a killed writer).
        case truncatedGzip = "truncated gzip"
        /// The gzip stream is damaged (bad header, bad CRC, bad deflate data).
        case corruptGzip = "corrupt gzip"
        /// A line or record is not valid JSON where JSON was expected.
        case notJSON = "not JSON"
        /// The bytes are not valid UTF-8.
        case invalidUTF8 = "invalid UTF-8"
        /// A line or record is longer than the configured limit.
        case lineTooLong = "line too long"
        /// A file holds no bytes at all.
        case emptyFile = "empty file"
        /// The bytes fit none of the known export shapes.
        case unknownShape = "unknown shape"
        /// An event's timestamp is missing, malformed or out of range.
        case badTimestamp = "bad timestamp"
        /// An event lacks its message, or a field has the wrong type.
        case badEvent = "bad event"
        /// A file inflates to more than the configured limit (a decompression bomb).
        case tooLarge = "too large"
        /// The file cannot be opened or read, or is not a regular file.
        case unreadable = "unreadable"
    }

    public var file: String
    /// 1-based line number; 0 when the problem concerns the whole file.
    public var line: Int
    public var kind: Kind
    /// What exactly was wrong, short.
    public var detail: String

    public init(file: String, line: Int, kind: Kind, detail: String = "") {
        self.file = file; self.line = line; self.kind = kind; self.detail = detail
    }

    public var description: String {
        let location = line > 0 ? "\(file):\(line)" : file
        return detail.isEmpty ? "\(location): \(kind.rawValue)" : "\(location): \(kind.rawValue) (\(detail))"
    }
}
