// Packages indexes and dpkg status files: our deb822 scanner, then the same
// text through libsolv's Packages reader as the apt backend loads it.
#include "backends/apt/resolver.hpp"
#include "backends/apt/stanza.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  locidep::fuzz::expect_answer_or_error(data, size, [](std::string_view text) {
    (void)locidep::apt::scan_stanzas(text);
    locidep::apt::AptSystem system("amd64");
    system.add_packages(text, "fuzz");
  });
  return 0;
}
