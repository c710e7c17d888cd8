// What bindep itself answers, computed from our parser, selection and
// installed-package databases: the -l lists, the --profiles listing, and the
// missing / bad-version report of its default mode. Text is byte-for-byte
// bindep's (bindep-spec.md §4).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backends/installed/installed_database.hpp"
#include "parser/ast.hpp"
#include "profiles/profiles.hpp"

namespace locidep::planner {

enum class ListFormat { newline, csv, json };

// bindep -l newline|csv: the active package names in file order, duplicates
// kept, each list ending in one '\n' (an empty list is a lone "\n").
// json: one object per active rule: name, constraints, file, line.
std::string render_package_list(const std::vector<const parser::Rule*>& active,
                                const std::string& file_name, ListFormat format);

// bindep --profiles.
std::string render_profile_listing(const parser::RuleFile& file,
                                   const std::vector<std::string>& platform_atoms);

// The user-partition profile names a file mentions (negated ones without '!',
// group members included), sorted and unique: bindep's Depends.profiles().
std::vector<std::string> configuration_profiles(const parser::RuleFile& file);

struct BadVersion {
  std::string name;
  std::string constraint;  // as written, e.g. ">=1.2"
  std::string installed;
};

struct CheckResult {
  std::vector<std::string> missing;      // unique, sorted by code point
  std::vector<BadVersion> bad_versions;  // in rule order
  bool ok() const { return missing.empty() && bad_versions.empty(); }
};

// bindep's check_rules: each active rule's installed version; not installed →
// missing (its constraints are not checked); else every constraint compared
// with the database's own version comparison.
CheckResult check_rules(const std::vector<const parser::Rule*>& active,
                        const backends::InstalledDatabase& database);

// The installed-package database of ROOT for the platform's package family.
// Throws Error(environment) for families without one (bindep: "Unknown
// package manager for current platform").
std::unique_ptr<backends::InstalledDatabase> open_installed_database(
    const profiles::Platform& platform, const std::filesystem::path& root);

// The report bindep prints for a check (plain or -b/--brief); empty when ok.
std::string render_check_report(const CheckResult& result, bool brief);

// Where bindep looks when no -f is given: bindep.txt, else
// other-requirements.txt, in DIRECTORY. Throws Error(bad_input) with bindep's
// own sentences when neither or both exist.
std::filesystem::path default_rule_file(const std::filesystem::path& directory);

// The platform of the host ("/") or of an image root.
// Throws Error(bad_input) when the root has no os-release.
profiles::Platform platform_of_root(const std::filesystem::path& root);

// Warnings (one line each, for stderr) for active package names that break
// the naming rules of the platform's package family: a name that can never be
// installed there, and must never reach a Dockerfile.
std::vector<std::string> package_name_warnings(const std::vector<const parser::Rule*>& active,
                                               const std::string& file_name,
                                               profiles::PackageFamily family);

// Whether NAME follows the family's naming rules (Debian policy for dpkg,
// rpm's for rpm; other families accept what the grammar accepts).
bool is_valid_package_name(const std::string& name, profiles::PackageFamily family);

}  // namespace locidep::planner
