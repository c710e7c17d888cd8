// Private helpers of profiles/: Python's string semantics where bindep and
// python-distro rely on them. Not part of the interface (profiles.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "profiles/profiles.hpp"

namespace locidep::profiles::detail {

// parse_os_release, with errors naming display_name.
OsRelease parse_os_release_named(std::string_view text, const std::string& display_name);

// str.lower() restricted to ASCII: os-release keys, ids and versions are ASCII
// in practice, and bindep's selector grammar cannot name anything else.
std::string ascii_lower(std::string_view text);

// str.split() without arguments: splits on runs of Unicode whitespace and
// drops empty pieces. The text is UTF-8; malformed bytes count as non-space.
std::vector<std::string> python_split(std::string_view text);

// text[::-1] on a Python str: code points reversed, each one's UTF-8 bytes
// kept in order.
std::string reverse_code_points(std::string_view text);

// str.strip() without arguments (Unicode whitespace at both ends).
std::string python_strip(std::string_view text);

// Number of code points (a malformed byte counts as one).
std::size_t code_points(std::string_view text);

}  // namespace locidep::profiles::detail
