// rpm-md primary.xml as the rpm backend reads it (libsolv's rpm-md reader
// behind our wrapper). libsolv reads files, so each input is written to one.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "backends/solv/pool.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

const std::filesystem::path& input_file() {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("locidep-fuzz-primary-" + std::to_string(::getpid()) + ".xml");
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  locidep::fuzz::expect_answer_or_error(data, size, [](std::string_view text) {
    std::ofstream(input_file(), std::ios::binary | std::ios::trunc)
        .write(text.data(), static_cast<std::streamsize>(text.size()));
    locidep::solv::Pool pool(locidep::solv::Disttype::rpm, "x86_64");
    auto repo = pool.create_repo("fuzz");
    (void)repo.add_rpmmd_file(input_file());
  });
  return 0;
}
