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
