#include "common/allocator.h"

#include <cstdlib> // first: defines __GLIBC__ for the tests below
#include <cstring>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#include <unistd.h>
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

void useHugePagesForTheHeap(char *argv[])
{
#if defined(__GLIBC__) && defined(__linux__)
    if (std::getenv("CREWLINE_NO_THP"))
        return;
    const char *current = std::getenv("GLIBC_TUNABLES");
    if (current && std::strstr(current, "glibc.malloc.hugetlb="))
        return; // already set, by us before the re-execution or by whoever started us
    const bool hadTunables = current != nullptr;
    const std::string previous = hadTunables ? std::string(current) : std::string(); // setenv may replace it
    std::string tunables = previous.empty() ? std::string() : previous + ':';
    tunables += "glibc.malloc.hugetlb=1";
    if (::setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0)
        return;
    // The program's own path (not /proc/self/exe itself, which would rename the process "exe" in ps and top).
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        ::execv(self, argv);
    }
    // Could not re-execute (no /proc?): carry on with 4 KiB pages, and do not pass the tunable on to children.
    if (hadTunables)
        ::setenv("GLIBC_TUNABLES", previous.c_str(), 1);
    else
        ::unsetenv("GLIBC_TUNABLES");
#else
    (void)argv;
#endif
}

} // namespace crewline
