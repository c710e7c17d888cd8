// What every fuzz target shares: bad input must end in locidep::Error (the
// exit-2/3 path users see); anything else escaping a reader is a finding,
// and libFuzzer reports it as a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/error.hpp"

namespace locidep::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs READ(text); a locidep::Error is the expected way to refuse input.
template <class Read>
void expect_answer_or_error(const std::uint8_t* data, std::size_t size, Read&& read) {
  try {
    read(as_text(data, size));
  } catch (const Error&) {
  }
}

}  // namespace locidep::fuzz
