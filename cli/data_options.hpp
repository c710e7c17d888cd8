// The options that say where a command's packages and rules come from —
// repositories, base image, caches, solver choices, rule files — registered
// the same way (names, help texts, exclusions) on every command that plans
// or solves, and turned into the planner's inputs in one place.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "planner/backends.hpp"
#include "planner/planner.hpp"
#include "profiles/profiles.hpp"
#include "profiles/services.hpp"

namespace locidep::cli {

// Which options of the group a command takes: each command registers only
// those it can act on (lint reads no base image, resolve no rule files).
struct DataOptionSelection {
  bool repositories = true;      // --repo
  bool base_image = true;        // --base-status, --base-packages, --base-root
  bool cache_directory = true;   // --cache-dir
  bool enable_module = true;     // --enable-module
  bool recommends = true;        // --recommends
  bool skip_unavailable = true;  // --skip-unavailable
  bool rule_sources = true;      // --loci-dir, -f/--file, --catalog, --constraints
  // Put before the long names: diff's NEW side is "to-" (--to-repo, …).
  std::string prefix;
  // The side of a comparison the repository and base options describe
  // ("NEW"), put before their help texts; "" for a command with one side.
  std::string side;
  // Repeatable options take one value per occurrence, so that a command's
  // PKG… positionals are not taken for repositories or modules (resolve).
  bool one_value_per_occurrence = false;

  // Every option: the commands that plan (plan, why).
  static DataOptionSelection planning() { return {}; }
  // Named packages solved on a distro's data (resolve): no rule files, and
  // PKG… after the repeatable options.
  static DataOptionSelection solving();
  // The repositories and base image of one side of a comparison (diff).
  static DataOptionSelection comparison_side(std::string prefix, std::string side);
  // --repo and --cache-dir: where package names come from (lint).
  static DataOptionSelection names_only();
};

// The group's values as given on the command line ("" and empty: not given).
struct DataOptionValues {
  std::string prefix;  // the selection's, for messages that name the options
  std::vector<std::string> repositories;
  std::string base_status;
  std::string base_packages;
  std::string base_root;
  std::string cache_directory;
  std::vector<std::string> enabled_modules;
  bool recommends = false;
  bool skip_unavailable = false;
  std::string loci_directory;
  std::vector<std::string> rule_files;
  std::string catalog_directory;
  std::string constraints;

  // True when a repository or base image option is given.
  bool names_repository_data() const;

  // The repositories, base image, cache and module streams as the planner
  // takes them. Throws Error(bad_input) for a malformed --enable-module and
  // when DISTRO has no bundled data and no --repo is given: the message
  // names this group's options (--to-repo on diff's NEW side), which the
  // planner's own check cannot know.
  planner::DataOptions data_options(const profiles::Distro& distro) const;

  // The distros: --catalog's distros.yaml when that folder has one, else
  // the bundled catalogue.
  profiles::Catalog load_distros() const;
  // The services: --catalog's services.yaml, else those beside DISTROS;
  // their rules replaced by --loci-dir's, then by -f's files.
  profiles::ServiceCatalog load_services(const profiles::Catalog& distros) const;
  // --recommends, --skip-unavailable and --constraints; the caller adds
  // which services and profiles.
  planner::PlanOptions plan_options() const;
};

// Registers SELECTION's options on COMMAND, storing into VALUES (which must
// outlive the parse). The three base image options exclude one another.
// A check for --profile values: bindep's profile words only (they reach
// generated files' comments and lock files).
CLI::Validator profile_word_check();

void add_data_options(CLI::App& command, DataOptionValues& values,
                      const DataOptionSelection& selection);

}  // namespace locidep::cli
