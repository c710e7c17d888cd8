#include "cli/data_options.hpp"

#include <fmt/format.h>

#include "cli/inputs.hpp"
#include "common/error.hpp"
#include "common/text_grammar.hpp"

namespace locidep::cli {

namespace {

// The help texts, one per option whatever the command.
constexpr const char* repo_help =
    "Repository metadata: a Packages index (plain, .gz, .xz, .lz4, .zst), a folder of them, or "
    "apt's lists folder; for zypper/dnf distros an rpm-md folder (holding repodata/); repeatable; "
    "default: the distro's bundled data";
constexpr const char* base_status_help = "apt: the base image's dpkg status file";
constexpr const char* base_packages_help =
    "zypper/dnf: the base image's package list (NAME-[EPOCH:]VERSION-RELEASE.ARCH a line, as "
    "`rpm -qa` prints it)";
constexpr const char* base_root_help =
    "An unpacked base image (var/lib/dpkg/status and apt's extended_states, or an rpmdb)";
constexpr const char* cache_directory_help =
    "Where .solv caches go (default $LOCIDEP_CACHE_DIR, else $XDG_CACHE_HOME/locidep)";
constexpr const char* enable_module_help =
    "dnf: enable this module stream (NAME:STREAM, repeatable), as `dnf module enable` would";
constexpr const char* recommends_help =
    "Install Recommends too (apt without --no-install-recommends, zypper --recommends, dnf "
    "install_weak_deps=True)";
constexpr const char* skip_unavailable_help =
    "Plan on when a requested package is in no repository: leave it out and report it (default: "
    "an error naming the rule)";
constexpr const char* loci_directory_help =
    "Use a LOCI checkout's bindep* and pydep* files instead of the bundled rules";
constexpr const char* rule_files_help =
    "Use this bindep file instead of the bundled rules (repeatable)";
constexpr const char* catalog_help =
    "Folder with services.yaml (and optionally distros.yaml) to use instead of the bundled "
    "catalogue";
constexpr const char* constraints_help = "pip upper-constraints.txt: pins for the pip step";

}  // namespace

DataOptionSelection DataOptionSelection::solving() {
  DataOptionSelection selection;
  selection.skip_unavailable = false;
  selection.rule_sources = false;
  selection.one_value_per_occurrence = true;
  return selection;
}

DataOptionSelection DataOptionSelection::comparison_side(std::string prefix, std::string side) {
  DataOptionSelection selection;
  selection.cache_directory = false;
  selection.enable_module = false;
  selection.recommends = false;
  selection.skip_unavailable = false;
  selection.rule_sources = false;
  selection.prefix = std::move(prefix);
  selection.side = std::move(side);
  return selection;
}

DataOptionSelection DataOptionSelection::names_only() {
  auto selection = comparison_side("", "");
  selection.base_image = false;
  selection.cache_directory = true;
  return selection;
}

bool DataOptionValues::names_repository_data() const {
  return !repositories.empty() || !base_status.empty() || !base_packages.empty() ||
         !base_root.empty();
}

planner::DataOptions DataOptionValues::data_options(const profiles::Distro& distro) const {
  planner::DataOptions data;
  for (const auto& repository : repositories) data.repositories.emplace_back(repository);
  if (!base_status.empty()) data.base_status = base_status;
  if (!base_packages.empty()) data.base_packages = base_packages;
  if (!base_root.empty()) data.base_root = base_root;
  if (!cache_directory.empty()) data.cache_directory = cache_directory;
  data.enabled_modules = parse_module_streams(enabled_modules);
  // The planner's check says the same with the unprefixed names.
  if (data.repositories.empty() && !distro.has_bundled_data()) {
    const auto& p = prefix;
    throw Error(
        ExitCode::bad_input,
        fmt::format(
            "distro '{}' has no bundled repository data; name its repositories with --{}repo PATH "
            "(Packages indexes or rpm-md folders) and its base image with --{}base-status FILE, "
            "--{}base-packages FILE or --{}base-root DIR",
            distro.id, p, p, p, p));
  }
  return data;
}

profiles::Catalog DataOptionValues::load_distros() const {
  if (!catalog_directory.empty() &&
      std::filesystem::exists(std::filesystem::path(catalog_directory) / "distros.yaml")) {
    return profiles::Catalog::load(catalog_directory);
  }
  return profiles::Catalog::load_default();
}

profiles::ServiceCatalog DataOptionValues::load_services(const profiles::Catalog& distros) const {
  auto services = profiles::ServiceCatalog::load(
      catalog_directory.empty() ? distros.directory() : std::filesystem::path(catalog_directory));
  if (!loci_directory.empty()) use_loci_directory(services, loci_directory);
  if (!rule_files.empty()) use_rule_files(services, {rule_files.begin(), rule_files.end()});
  return services;
}

planner::PlanOptions DataOptionValues::plan_options() const {
  planner::PlanOptions options;
  options.recommends = recommends;
  options.skip_unavailable = skip_unavailable;
  if (!constraints.empty()) options.constraints = constraints;
  return options;
}

CLI::Validator profile_word_check() {
  return CLI::Validator(
      [](const std::string& word) {
        const auto problem = grammar::profile_word(word);
        return problem ? fmt::format(
                             "profile '{}' {}; a profile is lower-case letters, digits, "
                             "':', '-' and '.'",
                             grammar::printable(word), *problem)
                       : std::string();
      },
      "PROFILE");
}

void add_data_options(CLI::App& command, DataOptionValues& values,
                      const DataOptionSelection& selection) {
  values.prefix = selection.prefix;
  const auto name = [&](const char* option) { return "--" + selection.prefix + option; };
  const auto side_help = [&](const char* help) -> std::string {
    return selection.side.empty() ? help : fmt::format("{}: {}", selection.side, help);
  };
  // A repeatable option's values: with PKG… positionals after it, one value
  // per occurrence, every occurrence kept.
  const auto repeatable = [&](CLI::Option* option) {
    if (selection.one_value_per_occurrence) {
      option->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    }
    return option;
  };
  if (selection.rule_sources) {
    command.add_option(name("loci-dir"), values.loci_directory, loci_directory_help);
    repeatable(command.add_option(selection.prefix.empty() ? "-f,--file" : name("file"),
                                  values.rule_files, rule_files_help));
    command.add_option(name("catalog"), values.catalog_directory, catalog_help);
    command.add_option(name("constraints"), values.constraints, constraints_help);
  }
  if (selection.repositories) {
    repeatable(command.add_option(name("repo"), values.repositories, side_help(repo_help)));
  }
  if (selection.base_image) {
    auto* status =
        command.add_option(name("base-status"), values.base_status, side_help(base_status_help));
    auto* packages = command.add_option(name("base-packages"), values.base_packages,
                                        side_help(base_packages_help));
    auto* root = command.add_option(name("base-root"), values.base_root, side_help(base_root_help));
    // One base image: CLI11 makes each exclusion symmetric.
    status->excludes(packages)->excludes(root);
    packages->excludes(root);
  }
  if (selection.cache_directory) {
    command.add_option(name("cache-dir"), values.cache_directory, cache_directory_help);
  }
  if (selection.recommends)
    command.add_flag(name("recommends"), values.recommends, recommends_help);
  if (selection.enable_module) {
    repeatable(
        command.add_option(name("enable-module"), values.enabled_modules, enable_module_help));
  }
  if (selection.skip_unavailable) {
    command.add_flag(name("skip-unavailable"), values.skip_unavailable, skip_unavailable_help);
  }
}

}  // namespace locidep::cli
