// lint: problems a maintainer of a bindep file should fix before an image
// build finds them.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "profiles/profiles.hpp"
#include "profiles/services.hpp"

namespace locidep::planner {

struct LintFinding {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string severity;  // "error" (parse errors) or "warning"
  std::string check;     // a short id: parse, no-such-package, …
  std::string message;
};

// A distro to check names against; `names` is nullopt when it has no data.
struct DistroNames {
  const profiles::Distro* distro = nullptr;
  std::optional<std::set<std::string>> names;
};

// Checks rule files, each on its own, then together: profiles the
// catalogue's services pass that no rule of any of them uses. Files named
// pydep* hold pip names (LOCI's convention) and are not checked against the
// distros' repositories. Throws Error(bad_input) when a file cannot be read
// at all (missing, binary, not UTF-8); a parse error is a finding.
std::vector<LintFinding> lint_files(const std::vector<std::filesystem::path>& paths,
                                    const profiles::Catalog& catalog,
                                    const profiles::ServiceCatalog& services,
                                    const std::vector<DistroNames>& distros);

// A names list (one a line; plain, .gz or .xz), as the catalogue's `names:`.
std::set<std::string> read_names_file(const std::filesystem::path& path);

enum class LintFormat { text, json, github };
// The one list of lint formats: the names --format takes, in this order.
struct LintFormatEntry {
  std::string_view name;
  LintFormat format;
};
inline constexpr std::array<LintFormatEntry, 3> lint_formats{{
    {"text", LintFormat::text},
    {"json", LintFormat::json},
    {"github", LintFormat::github},
}};
std::string render_findings(const std::vector<LintFinding>& findings, LintFormat format);

// The names closest to NAME (edit distance), best first, at most COUNT.
std::vector<std::string> nearest_names(const std::string& name, const std::set<std::string>& names,
                                       std::size_t count);

}  // namespace locidep::planner
