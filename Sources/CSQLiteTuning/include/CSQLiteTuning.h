#ifndef CSQLITETUNING_H
#define CSQLITETUNING_H

/// Turns off SQLite's memory statistics for this process: with them on (Debian's build), every
/// allocation SQLite makes takes a global mutex. Takes effect only before SQLite's first use in
/// the process (later it returns SQLITE_MISUSE and changes nothing). Returns SQLite's result code.
int replay_sqlite_disable_memory_statistics(void);

typedef struct sqlite3 sqlite3;

/// Flushes the main database file of `db` to disk (its VFS's `xSync`, as SQLite itself syncs
/// after a checkpoint), through SQLite's own file handle: opening and closing the file
/// separately would drop the process's POSIX locks on it. Returns SQLite's result code.
int replay_sqlite_sync_main_file(sqlite3 *db);

#endif
