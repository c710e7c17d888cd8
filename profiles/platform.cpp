// bindep's platform detection (e48cd51, Depends.platform_profiles) over
// python-distro 1.8.0's reading of os-release, for an os-release given as
// data: no lsb_release, no uname, no distro release files (python-distro
// ignores the first two for an image root anyway). bindep-spec.md §3 is the
// reference; the comments below name the Python each step mirrors.
#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "profiles/detail.hpp"
#include "profiles/profiles.hpp"

namespace locidep::profiles {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Python's \s on the characters that matter (ASCII, as str.isspace()).
bool is_regex_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f');
}

// re.search(r"\((\D+)\)|,\s*(\D+)", version): group(1) or group(2), or
// nothing. Written out by hand so that a long value cannot exhaust the stack
// of a backtracking regex engine; the search order is Python's.
std::optional<std::string> codename_from_version(std::string_view version) {
  const std::size_t n = version.size();
  for (std::size_t p = 0; p < n; ++p) {
    if (version[p] == '(') {
      // \D+ is greedy, then backs off to the last ')' of the non-digit run.
      std::size_t run_end = p + 1;
      while (run_end < n && !is_digit(version[run_end])) ++run_end;
      for (std::size_t q = run_end; q-- > p + 2;) {
        if (version[q] == ')') return std::string(version.substr(p + 1, q - p - 1));
      }
    } else if (version[p] == ',') {
      std::size_t spaces_end = p + 1;
      while (spaces_end < n && is_regex_space(version[spaces_end])) ++spaces_end;
      if (spaces_end < n && !is_digit(version[spaces_end])) {
        std::size_t run_end = spaces_end;
        while (run_end < n && !is_digit(version[run_end])) ++run_end;
        return std::string(version.substr(spaces_end, run_end - spaces_end));
      }
      // \s* gives back its last character, which \D+ then matches alone.
      if (spaces_end > p + 1) return std::string(version.substr(spaces_end - 1, 1));
    }
  }
  return std::nullopt;
}

bool in_version_class(char c) {  // [\d.+\-a-z]
  return is_digit(c) || c == '.' || c == '+' || c == '-' || (c >= 'a' && c <= 'z');
}

// The version python-distro's _parse_distro_release_content finds in a line:
//   re.match(r"(?:[^)]*\)(.*)\()? *(?:STL )?([\d.+\-a-z]*\d) *(?:esaeler *)?(.+)",
//            line.strip()[::-1])
// group(2) reversed. Only group 2 is needed; the alternatives are tried in the
// order Python's backtracking tries them.
std::string version_from_release_line(std::string_view line) {
  const std::string reversed = detail::reverse_code_points(detail::python_strip(line));
  const std::string_view s = reversed;
  const std::size_t n = s.size();

  // Where the optional "(codename)" group may end, most preferred first:
  // [^)]*\) reaches the first ')', then (.*)\( ends at a '(' — the last one
  // before a line break first. Skipping the group altogether comes last.
  std::vector<std::size_t> starts;
  if (const std::size_t close = s.find(')'); close != std::string_view::npos) {
    std::size_t line_end = s.find('\n', close + 1);
    if (line_end == std::string_view::npos) line_end = n;
    for (std::size_t k = line_end; k-- > close + 1;) {
      if (s[k] == '(') starts.push_back(k + 1);
    }
  }
  starts.push_back(0);

  for (const std::size_t start : starts) {
    std::size_t pos = start;
    while (pos < n && s[pos] == ' ') ++pos;  // ` *`: giving spaces back never helps
    for (const bool stl : {true, false}) {   // (?:STL )? tries to match first
      if (stl && s.substr(pos, 4) != "STL ") continue;
      const std::size_t version_start = pos + (stl ? 4 : 0);
      std::size_t run_end = version_start;
      while (run_end < n && in_version_class(s[run_end])) ++run_end;
      for (std::size_t end = run_end; end > version_start; --end) {
        if (!is_digit(s[end - 1])) continue;
        // ` *(?:esaeler *)?(.+)` matches iff one character other than a line
        // break follows (the spaces can always be given back to (.+)).
        if (end < n && s[end] != '\n') {
          return detail::reverse_code_points(s.substr(version_start, end - version_start));
        }
      }
    }
  }
  return {};
}

// distro.codename() for an os-release-only LinuxDistribution: the "codename"
// entry _parse_os_release_content leaves in its dict, "" without one.
std::string distro_codename(const OsRelease& os_release) {
  std::optional<std::string> codename;
  // The dict is the file's own keys, so a literal CODENAME= counts.
  if (os_release.has("codename")) codename = os_release.get("codename");
  if (os_release.has("version")) {
    if (auto from_version = codename_from_version(os_release.get("version"))) {
      codename = std::move(from_version);
    }
  }
  // Present but empty (Fedora: VERSION_CODENAME="") means "no codename".
  if (os_release.has("version_codename")) {
    codename = os_release.get("version_codename");
  } else if (os_release.has("ubuntu_codename")) {
    codename = os_release.get("ubuntu_codename");
  }
  return codename.value_or("");
}

// distro.version(): VERSION_ID, else the version in PRETTY_NAME.
std::string distro_version(const OsRelease& os_release) {
  std::string version = os_release.get("version_id");
  if (version.empty()) version = version_from_release_line(os_release.get("pretty_name"));
  return version;
}

// distro.id(): lower-cased, blanks to underscores, then NORMALIZED_OS_ID.
std::string distro_id(const OsRelease& os_release) {
  std::string id = detail::ascii_lower(os_release.get("id"));
  std::replace(id.begin(), id.end(), ' ', '_');
  static const std::map<std::string, std::string, std::less<>> normalized_os_id = {
      {"ol", "oracle"},               // Oracle Linux
      {"opensuse-leap", "opensuse"},  // newer openSUSE Leap
  };
  if (const auto it = normalized_os_id.find(id); it != normalized_os_id.end()) return it->second;
  return id;
}

// Depends.codenamebits / releasebits.
void add_version_bits(std::set<std::string>& atoms, const std::string& id,
                      const std::string& codename, const std::string& release) {
  std::string prefix;
  for (const std::string& word : detail::python_split(codename)) {
    prefix += prefix.empty() ? word : "-" + word;
    atoms.insert(id + "-" + prefix);
  }
  // release.split("."): an empty release still gives one (empty) part.
  std::size_t from = 0;
  while (true) {
    const std::size_t dot = release.find('.', from);
    atoms.insert(id + "-" + release.substr(0, dot));
    if (dot == std::string::npos) break;
    from = dot + 1;
  }
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool one_of(const std::string& id, std::initializer_list<std::string_view> ids) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

const char* to_string(PackageFamily family) {
  switch (family) {
    case PackageFamily::dpkg: return "dpkg";
    case PackageFamily::rpm: return "rpm";
    case PackageFamily::emerge: return "emerge";
    case PackageFamily::pacman: return "pacman";
    case PackageFamily::apk: return "apk";
    case PackageFamily::unknown: return "unknown";
  }
  return "unknown";
}

bool Platform::has_atom(std::string_view atom) const {
  return std::binary_search(atoms.begin(), atoms.end(), atom);
}

Platform derive_platform(const OsRelease& os_release) {
  const std::string normalised_id = distro_id(os_release);
  if (normalised_id.empty()) {
    throw Error(ExitCode::environment,
                "Unable to determine distro ID. Does /etc/os-release exist or is lsb_release "
                "installed?");
  }
  Platform platform;
  platform.codename = detail::ascii_lower(distro_codename(os_release));
  platform.release = detail::ascii_lower(distro_version(os_release));
  // "space is a delimiter for bindep, so remove the spaces"
  std::string id;
  for (const std::string& piece : detail::python_split(normalised_id)) id += piece;
  id = detail::ascii_lower(id);
  platform.distro_id = id;
  const std::string& codename = platform.codename;
  const std::string& release = platform.release;

  std::set<std::string> atoms{id};
  add_version_bits(atoms, id, codename, release);
  const auto add_alias = [&](const std::string& alias) {
    atoms.insert(alias);
    add_version_bits(atoms, alias, codename, release);
  };

  // "pop" (Pop!_OS) is the post-2019 addition of bindep 2.12.0.
  if (one_of(id, {"debian", "ubuntu", "pop"})) {
    atoms.insert("dpkg");
    platform.family = PackageFamily::dpkg;
  } else if (one_of(id, {"amzn", "amazonami", "centos", "rhel", "redhatenterpriseserver",
                         "redhatenterpriseworkstation", "fedora", "opensuseproject", "opensuse",
                         "opensuse-leap", "opensuse-tumbleweed", "sles", "suselinux",
                         // post-2019: Oracle Linux (2.9.0), Rocky (2.10.0), AlmaLinux (2.11.0)
                         "ol", "oracle", "rocky", "almalinux"})) {
    const std::string name = detail::ascii_lower(os_release.get("name"));
    // One alias branch at most, in bindep's order.
    if (id == "redhatenterpriseserver" || id == "redhatenterpriseworkstation") {
      add_alias("rhel");
    } else if (id == "rhel" && contains(name, "server")) {
      add_alias("redhatenterpriseserver");
    } else if (id == "rhel" && contains(name, "workstation")) {
      add_alias("redhatenterpriseworkstation");
    } else if (contains(id, "amzn")) {
      add_alias("amazonami");
    } else if (contains(id, "amazonami")) {
      add_alias("amzn");
    } else if (contains(id, "opensuse")) {
      add_alias("opensuse");
      add_alias("opensuseproject");
    } else if (contains(id, "sles")) {
      add_alias("suselinux");
    } else if (contains(id, "suselinux")) {
      add_alias("sles");
    }
    atoms.insert(contains(id, "suse") || id == "sles" ? "suse" : "redhat");
    atoms.insert("rpm");
    platform.family = PackageFamily::rpm;
  } else if (id == "gentoo") {
    atoms.insert("emerge");
    platform.family = PackageFamily::emerge;
  } else if (id == "arch" || id == "manjaro") {  // manjaro: bindep 2.10.0
    atoms.insert("pacman");
    platform.family = PackageFamily::pacman;
  } else if (id == "alpine") {
    atoms.insert("apk");
    platform.family = PackageFamily::apk;
  }

  platform.atoms.reserve(atoms.size());
  for (const std::string& atom : atoms) platform.atoms.push_back("platform:" + atom);
  return platform;
}

}  // namespace locidep::profiles
