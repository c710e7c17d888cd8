#include "common/heap_tuning.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace locidep {

void prefer_large_heap_pages() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return;
#else
  constexpr std::size_t pad = std::size_t{32} << 20;
  constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
  // Grow by the pad, never give it back while running, and keep blocks up
  // to 4 MiB in the (advised) heap rather than in separate mappings.
  if (mallopt(M_TOP_PAD, static_cast<int>(pad)) != 1 ||
      mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * pad)) != 1 ||
      mallopt(M_MMAP_THRESHOLD, 4 << 20) != 1) {
    return;
  }
  // A block larger than the free top of the heap makes glibc extend the
  // heap now, by the block and the pad; the 2 MiB-aligned part of the new
  // region up to the program break is then advised.
  const std::uintptr_t old_break = reinterpret_cast<std::uintptr_t>(::sbrk(0));
  void* block = std::malloc(mallinfo2().keepcost + 4096);
  if (block == nullptr) return;
  const std::uintptr_t new_break = reinterpret_cast<std::uintptr_t>(::sbrk(0));
  const std::uintptr_t start = (old_break + huge_page - 1) & ~(huge_page - 1);
  const std::uintptr_t end = new_break & ~(huge_page - 1);
  if (end > start) ::madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
  std::free(block);
#endif
}

}  // namespace locidep
