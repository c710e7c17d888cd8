// The apt backend behind the planner: apt::AptSystem (libsolv with apt's
// policy) over the distro's Packages indexes and base image.
#include <fmt/format.h>

#include "backends/apt/base_image.hpp"
#include "backends/apt/repository.hpp"
#include "backends/apt/resolver.hpp"
#include "common/error.hpp"
#include "planner/backend_factories.hpp"

namespace locidep::planner {

namespace {

class AptBackend : public SolverBackend {
 public:
  AptBackend(const profiles::Distro& distro, const DataOptions& options) : system_(distro.architecture) {
    const auto cache = apt::CacheSettings::resolve(options.cache_directory);
    const bool bundled = options.repositories.empty();
    for (const auto& repository : bundled ? distro.repositories : options.repositories) {
      system_.add_repository(repository, cache);
    }
    if (options.base_root) {
      system_.set_base(apt::read_base_root(*options.base_root, distro.architecture));
      base_description_ = "image root " + options.base_root->string();
    } else if (options.base_status) {
      system_.set_base(apt::read_base_status(*options.base_status, std::nullopt, distro.architecture));
      base_description_ = "dpkg status " + options.base_status->string();
    } else if (bundled && !distro.base_status.empty()) {
      system_.set_base(apt::read_base_status(distro.base_status, std::nullopt, distro.architecture));
      base_description_ = "bundled dpkg status of " + distro.base_image;
    } else {
      base_description_ = "empty root";
    }
  }

  std::string name() const override { return "apt"; }
  std::string base_description() const override { return base_description_; }

  SolveAnswer solve(const SolveRequest& request) override {
    apt::ResolveRequest apt_request;
    apt_request.packages = request.install;
    apt_request.purge = request.purge;
    apt_request.recommends = request.recommends;
    const apt::ResolveResult result = system_.resolve(apt_request);
    SolveAnswer answer;
    for (const auto& problem : result.problems) {
      std::string message = problem.message;
      for (const auto& detail : problem.details) message += "\n    " + detail;
      answer.problems.push_back({problem.subject, message});
    }
    for (const auto& item : result.install) {
      answer.install.push_back({item.name, item.version, item.arch, item.previous_version, {}, 0});
    }
    for (const auto& item : result.purge) answer.purge.push_back({item.name, item.version, item.arch});
    for (const auto& kept : result.kept) answer.kept[kept.name] = kept.reason;
    return answer;
  }

 private:
  apt::AptSystem system_;
  std::string base_description_;
};

}  // namespace

std::unique_ptr<SolverBackend> make_apt_backend(const profiles::Distro& distro, const DataOptions& options) {
  return std::make_unique<AptBackend>(distro, options);
}

}  // namespace locidep::planner
