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

} // namespace crewline
