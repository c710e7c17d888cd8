#include "backends/installed/root_path.hpp"

#include <deque>
#include <string>
#include <system_error>
#include <vector>

namespace locidep::backends {
namespace fs = std::filesystem;

namespace {

constexpr int max_symlinks = 40;

void push_components(std::deque<std::string>& pending, const fs::path& path) {
  // In front of what is still pending, in order.
  std::vector<std::string> parts;
  for (const auto& part : path.relative_path()) {
    if (!part.empty()) parts.push_back(part.string());
  }
  pending.insert(pending.begin(), parts.begin(), parts.end());
}

fs::path join(const fs::path& root, const std::vector<std::string>& components) {
  fs::path result = root;
  for (const auto& component : components) result /= component;
  return result;
}

}  // namespace

fs::path resolve_in_root(const fs::path& root, const fs::path& relative) {
  std::deque<std::string> pending;
  push_components(pending, relative);
  std::vector<std::string> reached;
  int links_followed = 0;
  while (!pending.empty()) {
    std::string component = std::move(pending.front());
    pending.pop_front();
    if (component == ".") continue;
    if (component == "..") {
      if (!reached.empty()) reached.pop_back();
      continue;
    }
    reached.push_back(component);
    const fs::path candidate = join(root, reached);
    std::error_code error;
    if (!fs::is_symlink(fs::symlink_status(candidate, error))) continue;
    const fs::path target = fs::read_symlink(candidate, error);
    if (error) continue;
    if (++links_followed > max_symlinks) {
      for (auto& rest : pending) reached.push_back(std::move(rest));
      return join(root, reached);
    }
    reached.pop_back();
    if (target.is_absolute()) reached.clear();
    push_components(pending, target);
  }
  return join(root, reached);
}

}  // namespace locidep::backends
