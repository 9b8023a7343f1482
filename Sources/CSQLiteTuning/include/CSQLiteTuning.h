#ifndef CSQLITETUNING_H
#define CSQLITETUNING_H

/// Turns off SQLite's memory statistics for this process: with them on (Debian's build), every
/// allocation SQLite makes takes a global mutex. Takes effect only before SQLite's first use in
/// the process (later it returns SQLITE_MISUSE and changes nothing). Returns SQLite's result code.
int replay_sqlite_disable_memory_statistics(void);

#endif
