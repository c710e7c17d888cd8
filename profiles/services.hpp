// The service catalogue: LOCI's service images, their default profiles, the
// bootstrap packages of each package manager, and the rule files evaluated
// for every service (profiles/data/services.yaml).
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "profiles/profiles.hpp"

namespace locidep::profiles {

inline constexpr std::string_view project_service_name = "project";

struct Service {
  std::string name;
  std::vector<std::string> profiles;      // default profiles, without the service's name
  std::vector<std::string> pip_packages;  // extra pip packages
  // Evaluated as bindep evaluates a file: with exactly the user's profiles
  // (bindep's `default` when none), without LOCI's service name, defaults and
  // codename. Set for the pseudo-service of a project's own bindep file.
  bool bindep_profiles = false;
};

struct BootstrapPackages {
  std::vector<std::string> runtime;  // kept in the image
  std::vector<std::string> build;    // purged after the build
};

class ServiceCatalog {
 public:
  // Reads DIR/services.yaml; rule file paths are made absolute against DIR.
  // Throws Error(bad_input) with file:line:col.
  static ServiceCatalog load(const std::filesystem::path& directory);

  // A project's own bindep files (openstack/nova's bindep.txt, …), which name
  // no LOCI image: one pseudo-service `project_service_name`, evaluated as
  // bindep would (Service::bindep_profiles), with no bootstrap packages, no
  // build profiles and no pip step. DIRECTORY is where relative names start.
  static ServiceCatalog for_project(std::filesystem::path directory,
                                    std::vector<std::filesystem::path> bindep_files);

  // The profiles the catalogue passes by itself: every service's name, its
  // default profiles and the build profiles. A rule file that uses none of
  // them is not written for these images (see for_project).
  std::set<std::string> catalogue_profiles() const;

  const std::vector<Service>& services() const { return services_; }
  // The folder services.yaml was read from.
  const std::filesystem::path& directory() const { return directory_; }
  // Throws Error(bad_input) listing the known services.
  const Service& find(std::string_view name) const;

  const std::vector<std::string>& build_profiles() const { return build_profiles_; }
  const BootstrapPackages& bootstrap(Backend backend) const;
  const std::vector<std::filesystem::path>& bindep_files() const { return bindep_files_; }
  const std::vector<std::filesystem::path>& pydep_files() const { return pydep_files_; }

  // Replaces the rule files (--loci-dir, -f).
  void set_bindep_files(std::vector<std::filesystem::path> files) {
    bindep_files_ = std::move(files);
  }
  void set_pydep_files(std::vector<std::filesystem::path> files) {
    pydep_files_ = std::move(files);
  }

 private:
  std::filesystem::path directory_;
  std::vector<Service> services_;
  std::vector<std::string> build_profiles_;
  std::map<Backend, BootstrapPackages> bootstrap_;
  std::vector<std::filesystem::path> bindep_files_;
  std::vector<std::filesystem::path> pydep_files_;
};

}  // namespace locidep::profiles
