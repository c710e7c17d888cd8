#include "common/shell_quote.hpp"

#include <fmt/format.h>

#include "common/error.hpp"
#include "common/text_grammar.hpp"

namespace locidep {

namespace {

bool plain_character(std::string_view word, std::size_t at) {
  const char c = word[at];
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  if (std::string_view("_./:=+,@%-").find(c) != std::string_view::npos) return true;
  // A tilde expands at the start of a word and, in bash, after '=' or ':'.
  return c == '~' && at > 0 && word[at - 1] != '=' && word[at - 1] != ':';
}

}  // namespace

std::string shell_word(std::string_view word, std::string_view what) {
  if (word.empty()) throw Error(ExitCode::bad_input, fmt::format("empty {} in a command", what));
  bool plain = true;
  for (std::size_t at = 0; at < word.size(); ++at) {
    const auto byte = static_cast<unsigned char>(word[at]);
    if (byte < 0x20 || byte == 0x7f) {
      throw Error(ExitCode::bad_input,
                  fmt::format("{} '{}' holds a control character", what, grammar::printable(word)));
    }
    plain = plain && plain_character(word, at);
  }
  if (plain) return std::string(word);
  std::string quoted = "'";
  for (const char c : word) {
    if (c == '\'')
      quoted += "'\\''";
    else
      quoted += c;
  }
  return quoted + "'";
}

std::string comment_text(std::string_view text) { return grammar::printable(text); }

}  // namespace locidep
