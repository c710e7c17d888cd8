#include <fmt/format.h>

#include <functional>
#include <string_view>

#include "backends/sources/repository_source.hpp"
#include "common/cache_settings.hpp"
#include "common/error.hpp"
#include "planner/backend_traits.hpp"

namespace locidep::planner {

namespace {

// "dnf": the backends that have module streams, for --enable-module's message.
std::string backends_with_module_streams() {
  std::string names;
  for (const auto backend : profiles::all_backends()) {
    if (!traits_of(backend).has_module_streams()) continue;
    names += (names.empty() ? "" : " or ") + std::string(profiles::to_string(backend));
  }
  return names;
}

// A solve that fails on cached data is tried once more with every cache
// entry rebuilt from its source (and rewritten): a cache entry that is sound
// but wrong must not turn into a problem report. From then on the rebuilt
// backend answers.
class RetryFromSources : public backends::SolverBackend {
 public:
  RetryFromSources(std::unique_ptr<backends::SolverBackend> cached,
                   std::function<std::unique_ptr<backends::SolverBackend>()> reopen)
      : current_(std::move(cached)), reopen_(std::move(reopen)) {}

  std::string name() const override { return current_->name(); }
  std::string base_description() const override { return current_->base_description(); }
  std::optional<std::set<std::string>> available_names() const override {
    return current_->available_names();
  }
  std::vector<std::string> enabled_modules() const override { return current_->enabled_modules(); }
  backends::SolveAnswer solve(const backends::SolveRequest& request) override {
    backends::SolveAnswer answer = current_->solve(request);
    if (answer.solved() || !reopen_) return answer;
    current_ = reopen_();
    reopen_ = nullptr;
    return current_->solve(request);
  }

 private:
  std::unique_ptr<backends::SolverBackend> current_;
  std::function<std::unique_ptr<backends::SolverBackend>()> reopen_;
};

}  // namespace

void check_data_options(const profiles::Distro& distro, const DataOptions& options) {
  if (options.repositories.empty() && !distro.has_bundled_data()) {
    throw Error(
        ExitCode::bad_input,
        fmt::format(
            "distro '{}' has no bundled repository data; name its repositories with --repo PATH "
            "(Packages indexes or rpm-md folders) and its base image with --base-status FILE, "
            "--base-packages FILE or --base-root DIR",
            distro.id));
  }
  const BackendTraits& traits = traits_of(distro.backend);
  struct BaseList {
    std::string_view option;
    std::string_view what;
    bool given;
  };
  for (const BaseList& list :
       {BaseList{"--base-status", "a dpkg status file", options.base_status.has_value()},
        BaseList{"--base-packages", "an rpm package list", options.base_packages.has_value()}}) {
    if (!list.given || list.option == traits.base_list_option) continue;
    throw Error(ExitCode::bad_input,
                fmt::format("{} is {}; for {} ({}) use {} FILE or --base-root DIR", list.option,
                            list.what, distro.id, traits.name(), traits.base_list_option));
  }
  if (!options.enabled_modules.empty() && !traits.has_module_streams()) {
    throw Error(ExitCode::bad_input,
                fmt::format("--enable-module is for {} distros; {} uses {}, which has no module "
                            "streams",
                            backends_with_module_streams(), distro.id, traits.name()));
  }
}

namespace {

// --repo's paths, else the catalogue's bundled data, resolved to local files.
LocalData local_data(const profiles::Distro& distro, const DataOptions& options) {
  LocalData data;
  data.bundled = options.repositories.empty();
  std::vector<sources::RepositorySource> repository_sources;
  for (const auto& path : data.bundled ? distro.repositories : options.repositories) {
    repository_sources.push_back(sources::RepositorySource::local(path));
  }
  data.repositories = sources::paths_of(sources::resolve_sources(repository_sources));
  return data;
}

}  // namespace

std::unique_ptr<backends::SolverBackend> open_backend(const profiles::Distro& distro,
                                                      const DataOptions& options) {
  check_data_options(distro, options);
  const LocalData data = local_data(distro, options);
  auto backend = traits_of(distro.backend).open_solver(distro, options, data);
  if (options.cache_refresh || !CacheSettings::resolve(options.cache_directory).directory)
    return backend;
  return std::make_unique<RetryFromSources>(std::move(backend), [distro, options, data] {
    DataOptions refresh = options;
    refresh.cache_refresh = true;
    return traits_of(distro.backend).open_solver(distro, refresh, data);
  });
}

}  // namespace locidep::planner
