#include "common/allocator.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace crewline {

void tuneAllocatorForLargeMessages()
{
#if defined(__GLIBC__)
    // Blocks up to 32 MiB come from the heap (the largest frame is 1 MiB in and a few MiB out); up to 64 MiB of
    // free heap top is kept for the next message instead of being trimmed.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
}

} // namespace crewline
