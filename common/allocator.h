#pragma once

// Process-wide tuning of glibc's allocator for programs that build and parse messages of several hundred kilobytes
// (a page of the ticket list, the console's load). By default glibc serves each block above its mmap threshold
// with a fresh mmap and returns it with munmap on free, so every large message pays a page fault per 4 KiB page,
// twice: perf showed 20 % of the server's and 18 % of the console's time in page faults while the console loaded
// 100,000 tickets (docs/performance.md). Raising the mmap threshold keeps such blocks in the heap, and a trim
// threshold above it stops the heap from being handed back and faulted in again after each message. Memory freed
// beyond the trim threshold still goes back to the system. No effect outside glibc.

namespace crewline {

// Call once at the start of main(), before threads are started.
void tuneAllocatorForLargeMessages();

// Transparent huge pages for the heap. This kernel's THP mode is "madvise": memory is given 4 KiB at a time, and a
// page fault costs several microseconds in this virtual machine; holding 100,000 tickets the console faulted in
// ~150 MB that way, and the server its message buffers. glibc (2.35+) advises huge pages for its heap when the
// tunable glibc.malloc.hugetlb=1 is set — but it reads tunables only when a process starts. So, unless
// GLIBC_TUNABLES already names that tunable (set it to 0 to opt out) or CREWLINE_NO_THP is set (e.g. under
// valgrind), this sets it and re-executes the program with the same arguments (same process id). Measured
// (docs/performance.md): console load CPU 1.7 → 1.1 s on each side, resident memory unchanged. Returns only when
// it did not re-execute. Call first thing in main(), before any thread or file is opened.
void useHugePagesForTheHeap(char *argv[]);

} // namespace crewline
