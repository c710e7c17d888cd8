#include "backends/apt/base_image.hpp"

#include <fstream>
#include <sstream>

#include "backends/apt/stanza.hpp"
#include "common/bounded_input.hpp"
#include "common/deb822_check.hpp"
#include "common/error.hpp"

namespace locidep::apt {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(ExitCode::bad_input, std::string("cannot read ") + what + " " + path.string());
  std::error_code error;
  if (const auto size = fs::file_size(path, error); !error && size > max_index_text_bytes) {
    throw Error(ExitCode::bad_input, std::string(what) + " " + path.string() + " is larger than " +
                                         describe_bytes(max_index_text_bytes) +
                                         ", the cap on one input file");
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

bool is_installed_status(std::string_view status) {
  // "want eflag status": the third word is dpkg's package state.
  const auto last_space = status.find_last_of(' ');
  const std::string_view state =
      last_space == std::string_view::npos ? status : status.substr(last_space + 1);
  return state == "installed" || state == "triggers-pending" || state == "triggers-awaited";
}

BaseImage read_base_status(const fs::path& status_file,
                           const std::optional<fs::path>& extended_states,
                           std::string_view native_architecture) {
  BaseImage base;
  base.status_file = status_file;
  const std::string text = read_file(status_file, "dpkg status file");
  check_deb822(text, status_file.string(), Deb822Kind::dpkg_status, ExitCode::bad_input);
  for (const StanzaFields& stanza : scan_stanzas(text)) {
    if (stanza.package.empty() || !is_installed_status(stanza.status)) continue;
    base.installed_stanzas.append(stanza.text);
    if (!base.installed_stanzas.ends_with('\n')) base.installed_stanzas.push_back('\n');
    base.installed_stanzas.push_back('\n');
    ++base.installed_count;
  }
  if (extended_states) {
    base.has_extended_states = true;
    const std::string states = read_file(*extended_states, "apt extended_states file");
    for (const StanzaFields& stanza : scan_stanzas(states)) {
      if (stanza.package.empty() || stanza.auto_installed != "1") continue;
      std::string arch(stanza.architecture);
      if (arch.empty() || arch == "all") arch = native_architecture;
      base.auto_installed.emplace(std::string(stanza.package), arch);
    }
  }
  return base;
}

BaseImage read_base_root(const fs::path& root, std::string_view native_architecture) {
  const fs::path status = root / "var/lib/dpkg/status";
  if (!fs::exists(status)) {
    throw Error(ExitCode::bad_input,
                "base root " + root.string() + " has no dpkg status file (var/lib/dpkg/status)");
  }
  const fs::path states = root / "var/lib/apt/extended_states";
  return read_base_status(status,
                          fs::exists(states) ? std::optional<fs::path>(states) : std::nullopt,
                          native_architecture);
}

}  // namespace locidep::apt
