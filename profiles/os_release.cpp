// os-release parsing as python-distro 1.8.0 does it: the whole file goes
// through shlex.shlex(posix=True, whitespace_split=True), and every token that
// contains '=' is an assignment. That is laxer than the os-release spec (keys
// may be any case, several assignments may share a line, `export` is ignored)
// and bindep's answers depend on exactly that laxness, so we mirror it.
#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "common/error.hpp"
#include "common/text_file.hpp"
#include "profiles/detail.hpp"
#include "profiles/profiles.hpp"

namespace locidep::profiles {

std::string OsRelease::get(const std::string& lower_key) const {
  const auto it = fields.find(lower_key);
  return it == fields.end() ? std::string() : it->second;
}

namespace {

SourceLocation location_at(std::string_view text, std::size_t offset, const std::string& name) {
  SourceLocation where{name, 1, 1, {}};
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++where.line;
      line_start = i + 1;
    }
  }
  const std::size_t line_end = text.find('\n', line_start);
  where.line_text = std::string(text.substr(line_start, line_end == std::string_view::npos
                                                            ? std::string_view::npos
                                                            : line_end - line_start));
  where.column = detail::code_points(text.substr(line_start, offset - line_start)) + 1;
  return where;
}

bool is_shlex_whitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// shlex.shlex(text, posix=True) with whitespace_split=True: the tokens, with
// quotes removed, backslash escapes applied and '#' comments dropped.
std::vector<std::string> shlex_split(std::string_view text, const std::string& display_name) {
  enum class State { space, word, single_quote, double_quote, escape };
  std::vector<std::string> tokens;
  std::string token;
  bool quoted = false;  // the token holds a quoted part, so it counts even when empty
  State state = State::space;
  State escaped_from = State::word;
  std::size_t quote_start = 0;
  std::size_t escape_start = 0;

  const auto emit = [&] {
    if (!token.empty() || quoted) tokens.push_back(token);
    token.clear();
    quoted = false;
  };
  // shlex's instream.readline(): everything up to and including the next '\n'.
  const auto skip_comment = [&](std::size_t& i) {
    const std::size_t newline = text.find('\n', i);
    i = newline == std::string_view::npos ? text.size() - 1 : newline;
  };

  for (std::size_t i = 0; i <= text.size(); ++i) {
    const bool eof = i == text.size();
    const char c = eof ? '\0' : text[i];
    switch (state) {
      case State::space:
        if (eof || is_shlex_whitespace(c)) break;
        if (c == '#') {
          skip_comment(i);
        } else if (c == '\\') {
          escaped_from = State::word;
          escape_start = i;
          state = State::escape;
        } else if (c == '\'' || c == '"') {
          quote_start = i;
          state = c == '"' ? State::double_quote : State::single_quote;
        } else {
          token = c;
          state = State::word;
        }
        break;
      case State::word:
        if (eof) {
          emit();
        } else if (is_shlex_whitespace(c)) {
          state = State::space;
          emit();
        } else if (c == '#') {
          skip_comment(i);
          state = State::space;
          emit();
        } else if (c == '\'' || c == '"') {
          quote_start = i;
          state = c == '"' ? State::double_quote : State::single_quote;
        } else if (c == '\\') {
          escaped_from = State::word;
          escape_start = i;
          state = State::escape;
        } else {
          token += c;
        }
        break;
      case State::single_quote:
      case State::double_quote: {
        quoted = true;
        const char quote = state == State::double_quote ? '"' : '\'';
        if (eof) {
          throw Error(
              ExitCode::bad_input,
              fmt::format(
                  "unterminated quoted value; expected a closing {} before the end of the file",
                  quote),
              location_at(text, quote_start, display_name));
        }
        if (c == quote) {
          state = State::word;
        } else if (c == '\\' && state == State::double_quote) {
          escaped_from = State::double_quote;
          escape_start = i;
          state = State::escape;
        } else {
          token += c;
        }
        break;
      }
      case State::escape:
        if (eof) {
          throw Error(ExitCode::bad_input,
                      "backslash at the end of the file; expected a character after it",
                      location_at(text, escape_start, display_name));
        }
        // Inside double quotes only '"' and '\' are escapable; elsewhere the
        // backslash stays, as in a POSIX shell.
        if (escaped_from == State::double_quote && c != '\\' && c != '"') token += '\\';
        token += c;
        state = escaped_from;
        break;
    }
  }
  return tokens;
}

}  // namespace

namespace detail {

OsRelease parse_os_release_named(std::string_view text, const std::string& display_name) {
  OsRelease os_release;
  for (const std::string& token : shlex_split(text, display_name)) {
    const std::size_t equals = token.find('=');
    if (equals == std::string::npos) continue;  // `export` and other stray words
    os_release.fields[detail::ascii_lower(token.substr(0, equals))] = token.substr(equals + 1);
  }
  return os_release;
}

}  // namespace detail

OsRelease parse_os_release(std::string_view text) {
  return detail::parse_os_release_named(text, "<os-release>");
}

namespace {

// The file a path inside an image root names, with symbolic links resolved
// inside that root: /etc/os-release -> /usr/lib/os-release in an unpacked image
// must not lead to the host's file. nullopt when it does not name a regular file.
std::optional<std::filesystem::path> resolve_in_root(const std::filesystem::path& root,
                                                     const std::filesystem::path& inside) {
  namespace fs = std::filesystem;
  fs::path current = root / inside;
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(current, ec);
    if (ec || !fs::exists(status)) return std::nullopt;
    if (!fs::is_symlink(status)) {
      if (!fs::is_regular_file(fs::status(current, ec)) || ec) return std::nullopt;
      return current;
    }
    const fs::path target = fs::read_symlink(current, ec);
    if (ec) return std::nullopt;
    current = target.is_absolute() ? root / target.relative_path() : current.parent_path() / target;
  }
  return std::nullopt;  // a loop of links
}

}  // namespace

std::optional<OsRelease> read_os_release(const std::filesystem::path& root) {
  for (const char* inside : {"etc/os-release", "usr/lib/os-release"}) {
    if (const auto file = resolve_in_root(root, inside)) {
      // Python reads it in text mode: universal newlines.
      const std::string text = normalize_newlines(read_text_file(*file));
      return detail::parse_os_release_named(text, file->string());
    }
  }
  return std::nullopt;
}

}  // namespace locidep::profiles
