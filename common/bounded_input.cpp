#include "common/bounded_input.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace locidep {

std::string describe_bytes(std::uint64_t bytes) {
  if (bytes >= (1ull << 30) && bytes % (1ull << 30) == 0) return fmt::format("{} GiB", bytes >> 30);
  if (bytes >= (1ull << 20) && bytes % (1ull << 20) == 0) return fmt::format("{} MiB", bytes >> 20);
  return fmt::format("{} bytes", bytes);
}

std::size_t find_binary_byte(std::string_view bytes) {
  const auto found = std::find_if(bytes.begin(), bytes.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7f;
  });
  return found == bytes.end() ? std::string_view::npos
                              : static_cast<std::size_t>(found - bytes.begin());
}

void StreamBudget::take(std::string_view chunk) {
  if (text_only_) {
    if (const std::size_t at = find_binary_byte(chunk); at != std::string_view::npos) {
      throw Error(ExitCode::bad_input,
                  fmt::format("{} is not text: byte 0x{:02x} at offset {} of its decompressed "
                              "content",
                              file_, static_cast<unsigned char>(chunk[at]), taken_ + at));
    }
  }
  taken_ += chunk.size();
  if (taken_ > cap_) {
    throw Error(ExitCode::bad_input,
                fmt::format("{} decompresses to more than {}, the cap on one input file "
                            "(a compression bomb?)",
                            file_, describe_bytes(cap_)));
  }
}

BudgetedFile::BudgetedFile(FILE* inner, StreamBudget budget)
    : state_(new State{inner, std::move(budget), std::nullopt}) {
  const cookie_io_functions_t functions{&BudgetedFile::read, nullptr, nullptr, nullptr};
  outer_ = fopencookie(state_.get(), "r", functions);
  if (!outer_) {
    std::fclose(inner);
    state_->inner = nullptr;
    throw Error(ExitCode::environment, "cannot open a counting stream (fopencookie)");
  }
}

BudgetedFile::~BudgetedFile() {
  if (outer_) std::fclose(outer_);
  if (state_->inner) std::fclose(state_->inner);
}

ssize_t BudgetedFile::read(void* cookie, char* buffer, std::size_t size) {
  auto& state = *static_cast<State*>(cookie);
  if (state.failure) return -1;
  const std::size_t got = std::fread(buffer, 1, size, state.inner);
  if (got == 0 && std::ferror(state.inner)) return -1;
  try {
    state.budget.take(std::string_view(buffer, got));
  } catch (const Error& refused) {
    state.failure = refused;
    return -1;
  }
  return static_cast<ssize_t>(got);
}

}  // namespace locidep
