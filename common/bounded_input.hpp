// Bounds on what a hostile input can cost: decompressed text is counted and
// checked for binary bytes as it streams, so a compression bomb fails after
// the first chunk (zeros) or at the cap (repeated text), never after
// gigabytes. docs/security.md ("Bounds") states the caps.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace locidep {

// Text held whole in memory (a Packages index, a dpkg status, modules.yaml):
// the full Debian bookworm main index is 50 MB decompressed, a tenth of this.
inline constexpr std::uint64_t max_index_text_bytes = 512ull << 20;

// rpm-md streamed into libsolv (primary, filelists, other): never held whole,
// and a distribution's filelists is the largest file real metadata has.
inline constexpr std::uint64_t max_rpmmd_stream_bytes = 1ull << 30;

// "512 MiB", "1 GiB": how errors and docs spell a cap.
std::string describe_bytes(std::uint64_t bytes);

// The offset of the first byte no deb822 or XML text holds: a control
// character other than tab, line feed and carriage return, or DEL. npos when
// there is none.
std::size_t find_binary_byte(std::string_view bytes);

// Counts the decompressed bytes of one file and checks each chunk as it
// arrives. take() throws Error(bad_input) naming the file and the cap, or the
// offset of a binary byte.
class StreamBudget {
 public:
  StreamBudget(std::string file, std::uint64_t cap, bool text_only = true)
      : file_(std::move(file)), cap_(cap), text_only_(text_only) {}

  void take(std::string_view chunk);
  std::uint64_t taken() const noexcept { return taken_; }

 private:
  std::string file_;
  std::uint64_t cap_;
  bool text_only_;
  std::uint64_t taken_ = 0;
};

// A FILE* that reads INNER through a StreamBudget, for C readers (libsolv's
// rpm-md parser) that take a FILE*. Owns INNER. A read past the budget
// returns an error to the reader; failure() then holds the Error to throw.
class BudgetedFile {
 public:
  BudgetedFile(FILE* inner, StreamBudget budget);
  ~BudgetedFile();
  BudgetedFile(const BudgetedFile&) = delete;
  BudgetedFile& operator=(const BudgetedFile&) = delete;

  FILE* get() const noexcept { return outer_; }
  // The budget's refusal, when a read was refused (C code cannot carry an
  // exception through it).
  const std::optional<Error>& failure() const noexcept { return state_->failure; }

 private:
  struct State {
    FILE* inner;
    StreamBudget budget;
    std::optional<Error> failure;
  };
  static ssize_t read(void* cookie, char* buffer, std::size_t size);
  std::unique_ptr<State> state_;
  FILE* outer_ = nullptr;
};

}  // namespace locidep
