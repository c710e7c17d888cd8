// The zypper and dnf backends behind the planner: rpm::RpmSystem (libsolv
// with zypper's or dnf's policy) over the distro's rpm-md repositories and
// base image.
#include <fmt/format.h>

#include "backends/rpm/system.hpp"
#include "common/error.hpp"
#include "planner/backend_factories.hpp"

namespace locidep::planner {

namespace {

class RpmBackend : public SolverBackend {
 public:
  RpmBackend(rpm::Tool tool, const profiles::Distro& distro, const DataOptions& options)
      : tool_(tool),
        system_(tool_, distro.architecture.empty() ? "x86_64" : distro.architecture),
        enabled_modules_(options.enabled_modules) {
    const auto cache = rpm::CacheSettings::resolve(options.cache_directory);
    const bool bundled = options.repositories.empty();
    for (const auto& repository : bundled ? distro.repositories : options.repositories) {
      system_.add_repository(repository, cache);
    }
    if (options.base_root) {
      system_.set_base_root(*options.base_root);
      base_description_ = "image root " + options.base_root->string();
    } else if (options.base_packages) {
      system_.set_base_packages(*options.base_packages);
      base_description_ = "package list " + options.base_packages->string();
    } else if (bundled && !distro.base_packages.empty()) {
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

  SolveAnswer solve(const SolveRequest& request) override {
    rpm::ResolveRequest rpm_request;
    rpm_request.install = request.install;
    rpm_request.purge = request.purge;
    rpm_request.recommends = request.recommends;
    rpm_request.enabled_modules = enabled_modules_;
    const rpm::ResolveResult result = system_.resolve(rpm_request);
    SolveAnswer answer;
    for (const auto& problem : result.problems) {
      std::string message = problem.message;
      for (const auto& detail : problem.details) message += "\n    " + detail;
      answer.problems.push_back({problem.subject, message});
    }
    for (const auto& item : result.install) {
      answer.install.push_back({item.name, item.version, item.arch, item.previous_version,
                                item.checksum, item.installed_size, item.requested_as});
    }
    for (const auto& [name, by] : result.pulled_in_by) answer.pulled_in_by.emplace(name, by);
    for (const auto& item : result.purge)
      answer.purge.push_back({item.name, item.version, item.arch});
    for (const auto& kept : result.kept) answer.kept[kept.name] = kept.reason;
    for (const auto& link : result.links)
      answer.links.push_back({link.from, link.dependency, link.to});
    return answer;
  }

 private:
  rpm::Tool tool_;
  rpm::RpmSystem system_;
  std::map<std::string, std::string> enabled_modules_;
  std::string base_description_;
};

}  // namespace

std::unique_ptr<SolverBackend> make_zypper_backend(const profiles::Distro& distro,
                                                   const DataOptions& options) {
  return std::make_unique<RpmBackend>(rpm::Tool::zypper, distro, options);
}

std::unique_ptr<SolverBackend> make_dnf_backend(const profiles::Distro& distro,
                                                const DataOptions& options) {
  return std::make_unique<RpmBackend>(rpm::Tool::dnf, distro, options);
}

}  // namespace locidep::planner
