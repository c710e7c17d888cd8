#include "common/deb822_check.hpp"

#include <strings.h>

#include <optional>

#include "common/bounded_input.hpp"

namespace locidep {

namespace {

// A line quoted in an error stays short: render() cuts it to a window around
// the caret anyway, and a megabyte of garbage without a newline is one line.
constexpr std::size_t max_quoted_bytes = 4096;

struct Stanza {
  std::size_t first_line = 0;
  std::string_view first_text;
  bool package = false;
  bool version = false;
  bool architecture = false;
  bool status = false;
  bool not_installed = false;
};

bool field_is(std::string_view name, std::string_view wanted) {
  return name.size() == wanted.size() && strncasecmp(name.data(), wanted.data(), name.size()) == 0;
}

class Checker {
 public:
  Checker(std::string_view text, const std::string& file, Deb822Kind kind, ExitCode code)
      : text_(text), file_(file), kind_(kind), code_(code) {}

  void run() {
    if (const std::size_t at = find_binary_byte(text_); at != std::string_view::npos) {
      fail_at(at, "binary data: byte " + hex(static_cast<unsigned char>(text_[at])) +
                      " has no place in a deb822 text");
    }
    std::size_t pos = 0;
    std::size_t line_number = 0;
    std::optional<Stanza> stanza;
    while (pos < text_.size()) {
      std::size_t eol = text_.find('\n', pos);
      const bool last_unterminated = eol == std::string_view::npos;
      if (last_unterminated) eol = text_.size();
      ++line_number;
      std::string_view line = text_.substr(pos, eol - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (last_unterminated && !line.empty()) {
        const Stanza& cut = stanza ? *stanza : Stanza{line_number, line};
        fail_line(cut.first_line, cut.first_text, 1,
                  "the last stanza is cut short: the file does not end with a newline");
      }
      if (line.find_first_not_of(" \t") == std::string_view::npos) {
        if (stanza) finish(*stanza);
        stanza.reset();
      } else if (line.front() == '#') {
        // A comment line, as apt's deb822 parser allows.
      } else if (line.front() == ' ' || line.front() == '\t') {
        if (!stanza) fail_line(line_number, line, 1, "a continuation line outside any stanza");
      } else {
        const std::size_t colon = line.find(':');
        const std::string_view name = line.substr(0, colon);
        if (colon == std::string_view::npos || colon == 0 ||
            name.find_first_of(" \t") != std::string_view::npos) {
          fail_line(line_number, line, 1, "not a deb822 field (\"Name: value\")");
        }
        if (!stanza) stanza = Stanza{line_number, line};
        note(*stanza, name, line.substr(colon + 1));
      }
      pos = eol + 1;
    }
    if (stanza) finish(*stanza);
  }

 private:
  static std::string hex(unsigned char byte) {
    static constexpr char digits[] = "0123456789abcdef";
    return std::string("0x") + digits[byte >> 4] + digits[byte & 0xf];
  }

  void note(Stanza& stanza, std::string_view name, std::string_view value) {
    if (field_is(name, "Package")) stanza.package = true;
    if (field_is(name, "Version")) stanza.version = true;
    if (field_is(name, "Architecture")) stanza.architecture = true;
    if (field_is(name, "Status")) {
      stanza.status = true;
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.remove_suffix(1);
      stanza.not_installed = value.ends_with(" not-installed");
    }
  }

  void finish(const Stanza& stanza) const {
    const bool index = kind_ == Deb822Kind::packages_index;
    const bool versioned = index || !stanza.not_installed;
    std::string missing;
    auto need = [&](bool present, const char* name) {
      if (present) return;
      if (!missing.empty()) missing += ", ";
      missing += name;
    };
    need(stanza.package, "Package");
    if (!index) need(stanza.status, "Status");
    need(stanza.version || !versioned, "Version");
    need(stanza.architecture || !versioned, "Architecture");
    if (!missing.empty()) {
      fail_line(stanza.first_line, stanza.first_text, 1,
                std::string(index ? "a package stanza" : "a dpkg status stanza") + " without " +
                    missing + " (truncated or not a " +
                    (index ? "Packages index" : "dpkg status file") + ")");
    }
  }

  [[noreturn]] void fail_at(std::size_t offset, const std::string& message) const {
    const std::size_t line_start = text_.rfind('\n', offset == 0 ? 0 : offset - 1);
    const std::size_t begin =
        line_start == std::string_view::npos || offset == 0 ? 0 : line_start + 1;
    std::size_t line_number = 1;
    for (std::size_t i = 0; i < begin; ++i) line_number += text_[i] == '\n';
    std::size_t end = text_.find('\n', offset);
    if (end == std::string_view::npos) end = text_.size();
    const std::string_view line = text_.substr(begin, end - begin);
    fail_line(line_number, line, column_at(line, offset - begin), message);
  }

  [[noreturn]] void fail_line(std::size_t line_number, std::string_view line, std::size_t column,
                              const std::string& message) const {
    // Quote at most a window of the line that still holds the column.
    if (line.size() > max_quoted_bytes) {
      const std::size_t byte = byte_at_column(line, column);
      std::size_t from = byte > max_quoted_bytes / 2 ? byte - max_quoted_bytes / 2 : 0;
      while (from > 0 && (static_cast<unsigned char>(line[from]) & 0xc0) == 0x80) --from;
      line = line.substr(from, max_quoted_bytes);
      column = column_at(line, byte - from);
    }
    throw Error(code_, message, SourceLocation{file_, line_number, column, std::string(line)});
  }

  std::string_view text_;
  const std::string& file_;
  Deb822Kind kind_;
  ExitCode code_;
};

}  // namespace

void check_deb822(std::string_view text, const std::string& file, Deb822Kind kind, ExitCode code) {
  Checker(text, file, kind, code).run();
}

}  // namespace locidep
