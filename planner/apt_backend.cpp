// The apt backend behind the planner: apt::AptSystem (libsolv with apt's
// policy) over the distro's Packages indexes and base image.
#include <fmt/format.h>

#include "backends/apt/base_image.hpp"
#include "backends/apt/index_reader.hpp"
#include "backends/apt/repository.hpp"
#include "backends/apt/resolver.hpp"
#include "backends/apt/stanza.hpp"
#include "common/error.hpp"
#include "planner/backend_factories.hpp"

namespace locidep::planner {

namespace {

class AptBackend : public backends::SolverBackend {
 public:
  AptBackend(const profiles::Distro& distro, const DataOptions& options, const LocalData& data)
      : repositories_(data.repositories), system_(distro.architecture) {
    auto cache = CacheSettings::resolve(options.cache_directory);
    cache.refresh = options.cache_refresh;
    for (const auto& repository : repositories_) system_.add_repository(repository, cache);
    if (options.base_root) {
      system_.set_base(apt::read_base_root(*options.base_root, distro.architecture), cache);
      base_description_ = "image root " + options.base_root->string();
    } else if (options.base_status) {
      system_.set_base(
          apt::read_base_status(*options.base_status, std::nullopt, distro.architecture), cache);
      base_description_ = "dpkg status " + options.base_status->string();
    } else if (data.bundled && !distro.base_status.empty()) {
      system_.set_base(apt::read_base_status(distro.base_status, std::nullopt, distro.architecture),
                       cache);
      base_description_ = "bundled dpkg status of " + distro.base_image;
    } else {
      base_description_ = "empty root";
    }
  }

  std::string name() const override { return "apt"; }

  std::optional<std::set<std::string>> available_names() const override {
    std::set<std::string> names;
    for (const auto& repository : repositories_) {
      for (const auto& index : apt::find_package_indexes(repository)) {
        const std::string text = apt::read_packages_index(index);
        for (const auto& stanza : apt::scan_stanzas(text)) {
          names.emplace(stanza.package);
          for (const auto& provided : provided_names(stanza.text)) names.insert(provided);
        }
      }
    }
    return names;
  }
  std::string base_description() const override { return base_description_; }

  backends::SolveAnswer solve(const backends::SolveRequest& request) override {
    apt::ResolveRequest apt_request;
    apt_request.packages = request.install;
    apt_request.purge = request.purge;
    apt_request.recommends = request.recommends;
    backends::SolveAnswer answer = system_.resolve(apt_request);
    if (answer.solved() && request.dependency_links) {
      // The system after the install: the base, upgraded and extended.
      std::map<std::string, backends::PackageVersion> after;
      for (const auto& package : system_.base_packages()) after[package.name] = package;
      for (const auto& item : answer.install)
        after[item.name] = {item.name, item.version, item.arch};
      std::vector<backends::PackageVersion> system;
      for (const auto& [name, package] : after) system.push_back(package);
      answer.links = system_.dependency_links(system);
    }
    return answer;
  }

 private:
  // The names of a stanza's Provides field ("a (= 1), b" → a, b).
  static std::vector<std::string> provided_names(std::string_view stanza) {
    std::vector<std::string> names;
    std::size_t at = stanza.starts_with("Provides:") ? 0 : stanza.find("\nProvides:");
    if (at == std::string_view::npos) return names;
    at = stanza.find(':', at) + 1;
    const std::string_view field = stanza.substr(at, stanza.find('\n', at) - at);
    std::size_t start = 0;
    while (start < field.size()) {
      std::size_t end = field.find(',', start);
      if (end == std::string_view::npos) end = field.size();
      std::string_view entry = field.substr(start, end - start);
      const auto first = entry.find_first_not_of(' ');
      if (first != std::string_view::npos) {
        entry = entry.substr(first);
        names.emplace_back(entry.substr(0, entry.find_first_of(" (")));
      }
      start = end + 1;
    }
    return names;
  }

  std::vector<std::filesystem::path> repositories_;
  apt::AptSystem system_;
  std::string base_description_;
};

}  // namespace

std::unique_ptr<backends::SolverBackend> make_apt_backend(const profiles::Distro& distro,
                                                          const DataOptions& options,
                                                          const LocalData& data) {
  return std::make_unique<AptBackend>(distro, options, data);
}

}  // namespace locidep::planner
