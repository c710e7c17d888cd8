// Differences between two plans of the same services: packages added,
// removed and changed in version (each direct — a rule asks for it — or
// transitive), installed size, and the purge sets.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "planner/plan.hpp"

namespace locidep::planner {

struct DiffEntry {
  std::string name;
  std::string version;  // "" when no repository has it
  bool direct = false;
  std::string rule;  // FILE:LINE for direct entries; "bootstrap" for LOCI's bootstrap packages
  std::string
      absent;  // with no version: "in no repository" or "already met" (base image, Provides)
};

struct VersionChange {
  std::string name;
  // "" when that side installs nothing under this name though its rules ask
  // for it; the *_absent reason then says why (as DiffEntry::absent).
  std::string from;
  std::string to;
  std::string from_absent;
  std::string to_absent;
};

struct ServiceDiff {
  std::string service;
  std::string distro;  // "A" or "A -> B" across distros
  std::vector<DiffEntry> added;
  std::vector<DiffEntry> removed;
  std::vector<VersionChange> changed;
  std::vector<std::string> purge_added;
  std::vector<std::string> purge_removed;
  std::int64_t installed_size_change = 0;  // bytes
  bool empty() const {
    return added.empty() && removed.empty() && changed.empty() && purge_added.empty() &&
           purge_removed.empty();
  }
};

// Services that differ, in OLD's order then NEW's new ones; a service only
// one side has is all added or all removed.
std::vector<ServiceDiff> diff_plans(const Plan& old_plan, const Plan& new_plan);

enum class DiffFormat { text, markdown, json };
// The one list of diff formats: the names --format takes, in this order.
struct DiffFormatEntry {
  std::string_view name;
  DiffFormat format;
};
inline constexpr std::array<DiffFormatEntry, 3> diff_formats{{
    {"text", DiffFormat::text},
    {"markdown", DiffFormat::markdown},
    {"json", DiffFormat::json},
}};
std::string render_diff(const std::vector<ServiceDiff>& diffs, DiffFormat format);

}  // namespace locidep::planner
