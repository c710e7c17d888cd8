// The installed set of the image a build starts from: its dpkg status file
// and, when present, apt's extended_states (auto-installed marks).
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace locidep::apt {

struct BaseImage {
  std::filesystem::path status_file;
  // The stanzas of really installed packages (Status: … installed), joined;
  // config-files and not-installed leftovers are dropped.
  std::string installed_stanzas;
  int installed_count = 0;
  // (name, architecture) marked Auto-Installed: 1. apt writes the native
  // architecture for arch:all packages, so `all` is stored as native too.
  std::set<std::pair<std::string, std::string>> auto_installed;
  bool has_extended_states = false;
};

// Throws Error(bad_input) naming the file when it cannot be read.
BaseImage read_base_status(const std::filesystem::path& status_file,
                           const std::optional<std::filesystem::path>& extended_states,
                           std::string_view native_architecture);

// ROOT/var/lib/dpkg/status, plus ROOT/var/lib/apt/extended_states when it
// exists (no file means every package is manual, as debootstrap leaves it).
BaseImage read_base_root(const std::filesystem::path& root, std::string_view native_architecture);

// Whether a dpkg Status value ("install ok installed") means installed.
bool is_installed_status(std::string_view status);

}  // namespace locidep::apt
