// dnf's modules.yaml (modulemd v2 streams and defaults) as the rpm backend
// reads it.
#include "backends/rpm/metadata.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  locidep::fuzz::expect_answer_or_error(data, size, [](std::string_view text) {
    (void)locidep::rpm::parse_modules_yaml(text, "modules.yaml");
  });
  return 0;
}
