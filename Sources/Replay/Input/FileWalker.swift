import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lists the files to read under the paths a user gave, in a stable sorted order.
///
/// Directories are walked recursively; hidden files and folders (`.name`) and
/// SQLite files (`*.sqlite`, `-wal`, `-shm`, `-journal`) are skipped, so pointing
/// `replay` at a folder that also holds its database is safe. Symlinked folders
/// are followed once: a link loop is noticed by device and inode and not re-entered.
/// FIFOs, sockets and devices are reported, never opened for reading (they could block forever).
public struct FileWalker {
    public struct Found: Sendable {
        public var path: String
        public var size: Int64
    }

    public init() {}

    /// Returns the files and the problems met (missing paths, special files, unreadable folders).
    public func files(under inputs: [String]) -> (files: [Found], problems: [InputProblem]) {
        var files: [Found] = []
        var problems: [InputProblem] = []
        var visited = Set<String>()
        for input in inputs {
            var info = stat()
            guard stat(input, &info) == 0 else {
                problems.append(InputProblem(file: input, line: 0, kind: .unreadable, detail: String(cString: strerror(errno))))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walk(input, info: info, into: &files, problems: &problems, visited: &visited)
            } else {
                add(input, info: info, explicit: true, into: &files, problems: &problems)
            }
        }
        // Stable and deterministic whatever the order the user gave.
        var seen = Set<String>()
        files = files.filter { seen.insert($0.path).inserted }
        files.sort { $0.path < $1.path }
        return (files, problems)
    }

    private func walk(_ folder: String, info: stat, into files: inout [Found], problems: inout [InputProblem], visited: inout Set<String>) {
        let identity = "\(info.st_dev):\(info.st_ino)"
        guard visited.insert(identity).inserted else { return }  // a symlink loop or a folder seen twice
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            problems.append(InputProblem(file: folder, line: 0, kind: .unreadable, detail: "cannot list the folder"))
            return
        }
        for name in names where !FileWalker.isSkipped(name) {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var child = stat()
            guard stat(path, &child) == 0 else {
                // a dangling symlink
                problems.append(InputProblem(file: path, line: 0, kind: .unreadable, detail: String(cString: strerror(errno))))
                continue
            }
            if (child.st_mode & S_IFMT) == S_IFDIR {
                walk(path, info: child, into: &files, problems: &problems, visited: &visited)
            } else {
                add(path, info: child, explicit: false, into: &files, problems: &problems)
            }
        }
    }

    private func add(_ path: String, info: stat, explicit: Bool, into files: inout [Found], problems: inout [InputProblem]) {
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            problems.append(InputProblem(file: path, line: 0, kind: .unreadable, detail: "not a regular file (a FIFO, socket or device); skipped"))
            return
        }
        if !explicit, FileWalker.isDatabase((path as NSString).lastPathComponent) { return }
        files.append(Found(path: path, size: Int64(info.st_size)))
    }

    static func isSkipped(_ name: String) -> Bool {
        name.hasPrefix(".") || isDatabase(name)
    }

    static func isDatabase(_ name: String) -> Bool {
        name.hasSuffix(".sqlite") || name.hasSuffix(".sqlite-wal") || name.hasSuffix(".sqlite-shm")
            || name.hasSuffix(".sqlite-journal") || name.hasSuffix(".sqlite3") || name.hasSuffix(".db-wal")
    }
}
