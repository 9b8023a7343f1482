// SQLite's process-wide settings that Swift cannot reach: `sqlite3_config` is variadic.
#include "CSQLiteTuning.h"
#include <sqlite3.h>

int replay_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
