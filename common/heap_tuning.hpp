// Process-wide malloc tuning for the commands that load whole repositories.
#pragma once

namespace locidep {

// libsolv grows its pool (strings, dependencies, the provides index) in many
// steps; each new 4 KiB page of heap is a page fault, and a warm `resolve`
// of CentOS BaseOS spent a third of its CPU time in the kernel on ~2,400 of
// them. This asks glibc to grow the heap 32 MiB at a time and the kernel to
// back it with transparent huge pages where it allows them (madvise mode):
// ~400 faults instead. What glibc.malloc.hugetlb=1 with a large top_pad does,
// from inside the process. Only the address space grows; untouched memory
// costs nothing. A no-op under the sanitizers (their allocator has no brk
// heap) and when THP is off.
void prefer_large_heap_pages();

}  // namespace locidep
