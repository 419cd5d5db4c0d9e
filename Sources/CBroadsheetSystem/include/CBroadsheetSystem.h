#ifndef C_BROADSHEET_SYSTEM_H
#define C_BROADSHEET_SYSTEM_H

/// Atomically swaps two existing paths on the same file system (Linux renameat2 RENAME_EXCHANGE,
/// macOS renamex_np RENAME_SWAP). Returns 0 on success, or -1 with errno set.
int broadsheet_exchange_paths(const char *first, const char *second);

/// Tunes the C allocator for a build: each thread's heap grows in large steps and large buffers are
/// kept for reuse instead of being mapped and unmapped for every page. Does nothing where unsupported.
void broadsheet_tune_allocator(void);

/// Makes the calling thread's heap usable in one large step rather than page by page as it grows.
void broadsheet_reserve_thread_heap(void);

#endif
