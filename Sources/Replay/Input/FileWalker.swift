import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lists the files to read under the paths a user gave, in a stable sorted order.
///
/// Directories are walked recursively; hidden files and folders (`.name`) and
/// SQLite files (`*.sqlite`, `-wal`, `-shm`, `-journal`, `-lock`) are skipped, so
/// pointing `replay` at a folder that also holds its database is safe.
///
/// Symlinked folders are followed once, except a link to a folder that contains
/// the link (`self -> .`, `up -> ..`, `root -> /`): following it would walk the
/// input again or escape into the whole file system, so it is reported as a
/// symlink loop. Cycles of links (`a -> b -> a`) fail `stat` with `ELOOP` and
/// are reported too; a folder reached twice by other routes is noticed by device
/// and inode and not re-entered. Folders nested deeper than `maxDepth` are not
/// entered. FIFOs, sockets and devices are reported, never opened for reading
/// (a FIFO with no writer blocks a reader forever).
public struct FileWalker {
    public struct Found: Sendable {
        public var path: String
        public var size: Int64
    }

    /// The deepest folder nesting walked below an input (recursion stays shallow).
    public var maxDepth = 128

    public init() {}

    /// Returns the files and the problems met (missing paths, special files, unreadable folders, symlink loops).
    public func files(under inputs: [String]) -> (files: [Found], problems: [InputProblem]) {
        var files: [Found] = []
        var problems: [InputProblem] = []
        var visited = Set<String>()
        for input in inputs {
            var info = stat()
            guard stat(input, &info) == 0 else {
                problems.append(InputProblem(file: input, line: 0, kind: .unreadable, detail: FileWalker.errorText(errno)))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walk(input, info: info, depth: 0, into: &files, problems: &problems, visited: &visited)
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

    private func walk(_ folder: String, info: stat, depth: Int, into files: inout [Found], problems: inout [InputProblem],
                      visited: inout Set<String>) {
        let identity = "\(info.st_dev):\(info.st_ino)"
        guard visited.insert(identity).inserted else { return }  // a folder reached twice
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
                let code = errno
                // a dangling symlink, or a cycle of links (ELOOP)
                problems.append(InputProblem(file: path, line: 0, kind: .unreadable,
                                             detail: code == ELOOP ? "symlink loop; not followed" : FileWalker.errorText(code)))
                continue
            }
            if (child.st_mode & S_IFMT) == S_IFDIR {
                if FileWalker.isLinkToAncestor(path, in: folder) {
                    problems.append(InputProblem(file: path, line: 0, kind: .unreadable,
                                                 detail: "symlink loop (links to a folder that contains it); not followed"))
                    continue
                }
                guard depth < maxDepth else {
                    problems.append(InputProblem(file: path, line: 0, kind: .unreadable,
                                                 detail: "folders nested deeper than \(maxDepth); not entered"))
                    continue
                }
                walk(path, info: child, depth: depth + 1, into: &files, problems: &problems, visited: &visited)
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

    /// True when `path` is a symlink whose target folder is `folder` itself or one of its ancestors.
    static func isLinkToAncestor(_ path: String, in folder: String) -> Bool {
        var link = stat()
        guard lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK else { return false }
        guard let target = realPath(path), let here = realPath(folder) else { return true }  // unresolvable: do not follow
        return target == "/" || here == target || here.hasPrefix(target + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    static func isSkipped(_ name: String) -> Bool {
        name.hasPrefix(".") || isDatabase(name)
    }

    static func isDatabase(_ name: String) -> Bool {
        name.hasSuffix(".sqlite") || name.hasSuffix(".sqlite-wal") || name.hasSuffix(".sqlite-shm")
            || name.hasSuffix(".sqlite-journal") || name.hasSuffix(".sqlite3") || name.hasSuffix(".db-wal")
            || name.hasSuffix(".sqlite-lock") || name.hasSuffix(".sqlite3-lock") || name.hasSuffix(".db-lock")
    }
}
