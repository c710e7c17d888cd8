// The grammars of text that does not come from a bindep file: package
// names, versions and architectures as each family's own tools define them,
// pip names and versions, image references, profile words. Every such text
// is checked where it is read; a renderer can then rely on it (and quotes
// it anyway).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace locidep::grammar {

// Each check returns why TEXT is not a word of its grammar ("contains ';'",
// "is empty"), or nullopt when it is one.
using Problem = std::optional<std::string>;

// dpkg's rules (lib/dpkg/parse.c, pkg_name_is_illegal and parseversion):
// a name starts with a letter or digit and holds letters, digits and
// "+-._"; a version is [epoch:]upstream[-revision], the epoch digits, the
// upstream starting with a digit and holding letters, digits and ".+~-:",
// the revision letters, digits and ".+~"; an architecture is lower-case
// letters, digits and '-'.
Problem debian_package_name(std::string_view text);
Problem debian_version(std::string_view text);
Problem debian_architecture(std::string_view text);

// rpm's rules (rpmbuild's allowed characters, after macro expansion): a name
// starts with a letter, digit or '_' and holds letters, digits and "-._+";
// a version or a release holds letters, digits and "._+~^"; an epoch is
// digits; an architecture is letters, digits and '_'.
Problem rpm_package_name(std::string_view text);
Problem rpm_version_part(std::string_view text);
// "[epoch:]version-release", as libsolv writes an rpm solvable's evr; the
// release may be absent (rpm dependencies, some rpmdb entries).
Problem rpm_evr(std::string_view text);
Problem rpm_architecture(std::string_view text);

// PEP 508's distribution name and the characters of a PEP 440 version
// (public and local parts).
Problem pip_name(std::string_view text);
Problem pip_version(std::string_view text);

// A container image reference as `FROM` takes it:
// [registry[:port]/]path[:tag][@algorithm:digest].
Problem image_reference(std::string_view text);

// A bindep profile or platform word: lower-case letters, digits, ':', '-'
// and '.' (the characters of bindep's own grammar).
Problem profile_word(std::string_view text);

// A module stream as dnf names it: NAME[:STREAM], letters, digits and
// "._+-" in each part.
Problem module_stream(std::string_view text);

// TEXT with every byte that is not printable escaped as \xNN: control
// characters (newline included), DEL and bytes that are not valid UTF-8.
// Anything read from outside is shown through this in messages.
std::string printable(std::string_view text);

}  // namespace locidep::grammar
