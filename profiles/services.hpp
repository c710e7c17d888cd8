// The service catalogue: LOCI's service images, their default profiles, the
// bootstrap packages of each package manager, and the rule files evaluated
// for every service (profiles/data/services.yaml).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "profiles/profiles.hpp"

namespace locidep::profiles {

struct Service {
  std::string name;
  std::vector<std::string> profiles;      // default profiles, without the service's name
  std::vector<std::string> pip_packages;  // extra pip packages
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
  void set_bindep_files(std::vector<std::filesystem::path> files) { bindep_files_ = std::move(files); }
  void set_pydep_files(std::vector<std::filesystem::path> files) { pydep_files_ = std::move(files); }

 private:
  std::filesystem::path directory_;
  std::vector<Service> services_;
  std::vector<std::string> build_profiles_;
  std::map<Backend, BootstrapPackages> bootstrap_;
  std::vector<std::filesystem::path> bindep_files_;
  std::vector<std::filesystem::path> pydep_files_;
};

}  // namespace locidep::profiles
