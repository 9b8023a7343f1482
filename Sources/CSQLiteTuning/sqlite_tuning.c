// SQLite's process-wide settings that Swift cannot reach: `sqlite3_config` is variadic.
#include "CSQLiteTuning.h"
#include <sqlite3.h>

int replay_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int replay_sqlite_sync_main_file(sqlite3 *db) {
    sqlite3_file *file = 0;
    int rc = sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
    if (rc != SQLITE_OK) return rc;
    if (file == 0 || file->pMethods == 0) return SQLITE_ERROR;
    return file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
}
