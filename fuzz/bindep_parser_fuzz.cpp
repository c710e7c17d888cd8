// The bindep grammar: any bytes parse to rules or to a positioned Error.
#include "fuzz/fuzz_support.hpp"
#include "parser/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  locidep::fuzz::expect_answer_or_error(data, size, [](std::string_view text) {
    (void)locidep::parser::parse_rules(text, "fuzz.txt");
  });
  return 0;
}
