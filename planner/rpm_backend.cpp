// The zypper and dnf backends behind the planner: rpm::RpmSystem (libsolv
// with zypper's or dnf's policy) over the distro's rpm-md repositories and
// base image.
#include <fmt/format.h>

#include "backends/rpm/system.hpp"
#include "common/error.hpp"
#include "planner/backend_factories.hpp"

namespace locidep::planner {

namespace {

class RpmBackend : public backends::SolverBackend {
 public:
  RpmBackend(rpm::Tool tool, const profiles::Distro& distro, const DataOptions& options,
             const LocalData& data)
      : tool_(tool),
        system_(tool_, distro.architecture.empty() ? "x86_64" : distro.architecture),
        enabled_modules_(options.enabled_modules) {
    auto cache = CacheSettings::resolve(options.cache_directory);
    cache.refresh = options.cache_refresh;
    for (const auto& repository : data.repositories) system_.add_repository(repository, cache);
    if (options.base_root) {
      system_.set_base_root(*options.base_root);
      base_description_ = "image root " + options.base_root->string();
    } else if (options.base_packages) {
      system_.set_base_packages(*options.base_packages);
      base_description_ = "package list " + options.base_packages->string();
    } else if (data.bundled && !distro.base_packages.empty()) {
      system_.set_base_packages(distro.base_packages);
      base_description_ = "bundled package list of " + distro.base_image;
    } else {
      base_description_ = "empty root";
    }
  }

  std::string name() const override { return rpm::to_string(tool_); }
  std::string base_description() const override { return base_description_; }
  std::vector<std::string> enabled_modules() const override {
    std::vector<std::string> streams;
    for (const auto& [module, stream] : enabled_modules_) streams.push_back(module + ":" + stream);
    return streams;
  }

  backends::SolveAnswer solve(const backends::SolveRequest& request) override {
    rpm::ResolveRequest rpm_request;
    rpm_request.install = request.install;
    rpm_request.purge = request.purge;
    rpm_request.recommends = request.recommends;
    rpm_request.enabled_modules = enabled_modules_;
    rpm_request.dependency_links = request.dependency_links;
    return system_.resolve(rpm_request);
  }

 private:
  rpm::Tool tool_;
  rpm::RpmSystem system_;
  std::map<std::string, std::string> enabled_modules_;
  std::string base_description_;
};

}  // namespace

std::unique_ptr<backends::SolverBackend> make_zypper_backend(const profiles::Distro& distro,
                                                             const DataOptions& options,
                                                             const LocalData& data) {
  return std::make_unique<RpmBackend>(rpm::Tool::zypper, distro, options, data);
}

std::unique_ptr<backends::SolverBackend> make_dnf_backend(const profiles::Distro& distro,
                                                          const DataOptions& options,
                                                          const LocalData& data) {
  return std::make_unique<RpmBackend>(rpm::Tool::dnf, distro, options, data);
}

}  // namespace locidep::planner
