#include "CBroadsheetSystem.h"
#include <stdlib.h>  // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

// A build allocates hundreds of megabytes in short-lived page buffers on several threads. glibc's
// defaults grow the heap 128 KB at a time and hand buffers over 128 KB (or the dynamic threshold)
// straight back to the kernel, so the same memory is mapped, faulted in and unmapped thousands of
// times. (Threads keep heaps of their own: measured, one shared heap made rebuilds slower through lock
// contention than the extra mprotect calls of per-thread heaps cost.)
void broadsheet_tune_allocator(void) {
#if defined(__GLIBC__)
    mallopt(M_TOP_PAD, 16 << 20);
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

// glibc makes each thread but the first a heap of its own, usable up to the top pad at first and then
// grown by what each allocation lacks, one mprotect call per page: a rebuild made two thousand of them,
// most while decoding the cache. Allocating and freeing large blocks (each below the mmap threshold, so
// they come from the heap) makes 48 MB usable at once; the trim threshold keeps it so, and pages never
// touched cost no memory.
void broadsheet_reserve_thread_heap(void) {
#if defined(__GLIBC__)
    enum { blockCount = 4 };
    // volatile: a compiler may otherwise drop an allocation that is freed unused.
    void *volatile blocks[blockCount];
    for (int i = 0; i < blockCount; i++) blocks[i] = malloc(12 << 20);
    for (int i = blockCount - 1; i >= 0; i--) free(blocks[i]);
#endif
}
