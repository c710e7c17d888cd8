#include "common/text_grammar.hpp"

#include <fmt/format.h>

namespace locidep::grammar {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_letter(char c) { return is_lower(c) || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_letter(c) || is_digit(c); }

// The first character of TEXT that is neither a letter/digit (when
// ALNUM_ALLOWED) nor one of ALSO, as a problem.
Problem first_foreign(std::string_view text, std::string_view also, bool alnum_allowed = true) {
  for (const char c : text) {
    if ((alnum_allowed && is_alnum(c)) || also.find(c) != std::string_view::npos) continue;
    return fmt::format("contains '{}'", printable(std::string_view(&c, 1)));
  }
  return std::nullopt;
}

Problem digits_only(std::string_view text, const char* what) {
  if (text.empty()) return fmt::format("has an empty {}", what);
  for (const char c : text) {
    if (!is_digit(c))
      return fmt::format("has '{}' in its {}", printable(std::string_view(&c, 1)), what);
  }
  return std::nullopt;
}

}  // namespace

Problem debian_package_name(std::string_view text) {
  if (text.empty()) return "is empty";
  if (!is_alnum(text.front())) return "does not start with a letter or digit";
  return first_foreign(text, "+-._");
}

Problem debian_version(std::string_view text) {
  if (text.empty()) return "is empty";
  std::string_view upstream = text;
  if (const auto colon = upstream.find(':'); colon != std::string_view::npos) {
    if (auto problem = digits_only(upstream.substr(0, colon), "epoch")) return problem;
    upstream.remove_prefix(colon + 1);
  }
  if (const auto dash = upstream.rfind('-'); dash != std::string_view::npos) {
    const std::string_view revision = upstream.substr(dash + 1);
    if (revision.empty()) return "has an empty revision";
    if (auto problem = first_foreign(revision, ".+~")) return problem;
    upstream = upstream.substr(0, dash);
  }
  if (upstream.empty()) return "has an empty upstream version";
  if (!is_digit(upstream.front())) return "does not start with a digit";
  return first_foreign(upstream, ".+~-:");
}

Problem debian_architecture(std::string_view text) {
  if (text.empty()) return "is empty";
  for (const char c : text) {
    if (!is_lower(c) && !is_digit(c) && c != '-')
      return fmt::format("contains '{}'", printable(std::string_view(&c, 1)));
  }
  return std::nullopt;
}

Problem rpm_package_name(std::string_view text) {
  if (text.empty()) return "is empty";
  if (!is_alnum(text.front()) && text.front() != '_')
    return "does not start with a letter, digit or '_'";
  return first_foreign(text, "-._+");
}

Problem rpm_version_part(std::string_view text) {
  if (text.empty()) return "is empty";
  return first_foreign(text, "._+~^");
}

Problem rpm_evr(std::string_view text) {
  if (text.empty()) return "is empty";
  std::string_view rest = text;
  if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
    if (auto problem = digits_only(rest.substr(0, colon), "epoch")) return problem;
    rest.remove_prefix(colon + 1);
  }
  const auto dash = rest.find('-');
  if (auto problem = rpm_version_part(rest.substr(0, dash)))
    return "has a version that " + *problem;
  if (dash != std::string_view::npos) {
    if (auto problem = rpm_version_part(rest.substr(dash + 1)))
      return "has a release that " + *problem;
  }
  return std::nullopt;
}

Problem rpm_architecture(std::string_view text) {
  if (text.empty()) return "is empty";
  return first_foreign(text, "_");
}

Problem pip_name(std::string_view text) {
  if (text.empty()) return "is empty";
  if (!is_alnum(text.front()) || !is_alnum(text.back()))
    return "does not start and end with a letter or digit";
  return first_foreign(text, "._-");
}

Problem pip_version(std::string_view text) {
  if (text.empty()) return "is empty";
  if (!is_alnum(text.front())) return "does not start with a letter or digit";
  return first_foreign(text, ".!+_-");
}

Problem image_reference(std::string_view text) {
  if (text.empty()) return "is empty";
  if (!is_alnum(text.front())) return "does not start with a letter or digit";
  if (text.find("..") != std::string_view::npos) return "contains '..'";
  return first_foreign(text, "._-/:@");
}

Problem profile_word(std::string_view text) {
  if (text.empty()) return "is empty";
  for (const char c : text) {
    if (!is_lower(c) && !is_digit(c) && c != ':' && c != '-' && c != '.')
      return fmt::format("contains '{}'", printable(std::string_view(&c, 1)));
  }
  return std::nullopt;
}

Problem module_stream(std::string_view text) {
  const auto colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  if (name.empty()) return "has an empty module name";
  if (auto problem = first_foreign(name, "._+-")) return problem;
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string_view stream = text.substr(colon + 1);
  if (stream.empty()) return "has an empty stream";
  return first_foreign(stream, "._+-");
}

namespace {

// The length of the valid UTF-8 sequence at TEXT[AT], or 0.
std::size_t utf8_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) low = 0xa0;
    if (lead == 0xed) high = 0x9f;  // no UTF-16 surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) low = 0x90;
    if (lead == 0xf4) high = 0x8f;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(at + i) < 0x80 || byte(at + i) > 0xbf) return 0;
  }
  // C1 controls (U+0080..U+009F) are controls too.
  if (lead == 0xc2 && byte(at + 1) <= 0x9f) return 0;
  return length;
}

}  // namespace

std::string printable(std::string_view text) {
  std::string shown;
  shown.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte >= 0x20 && byte < 0x7f) {
      shown += text[at++];
      continue;
    }
    if (const std::size_t length = byte >= 0x80 ? utf8_length(text, at) : 0; length > 0) {
      shown.append(text.substr(at, length));
      at += length;
      continue;
    }
    shown += fmt::format("\\x{:02x}", byte);
    ++at;
  }
  return shown;
}

}  // namespace locidep::grammar
