// Requests met by a package of another name, on the bundled data: zypper's
// capabilities (apache2-mod_wsgi-python3 → apache2-mod_wsgi, libxml2 →
// libxml2-tools on the Leap model), dnf's provides (genisoimage → xorriso,
// iptables and ebtables → iptables-nft, pkg-config → pkgconf-pkg-config) and
// apt's virtual packages with one provider (git-core → git, aspell-bin →
// aspell). Such a package is a requested one: direct, with the role, source
// and rule of the rule that asked for the word; the install command pins its
// real name, the purge command names it as installed, and `why` names the rule.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "planner/backends.hpp"
#include "planner/planner.hpp"
#include "planner/steps.hpp"
#include "planner/why.hpp"
#include "profiles/profiles.hpp"
#include "profiles/services.hpp"

namespace {

namespace fs = std::filesystem;
using locidep::planner::InstallItem;
using locidep::planner::Role;
using locidep::planner::ServicePlan;

// One rule file for the three families: line numbers are what the sources name.
constexpr const char* rules = R"(apache2-mod_wsgi-python3 [platform:suse]
libxml2 [platform:suse requirements]
genisoimage [platform:redhat]
iptables [platform:redhat]
pkg-config [platform:redhat requirements]
ebtables [platform:redhat requirements]
git-core [platform:dpkg requirements]
aspell-bin [platform:dpkg]
)";

class OtherNamePlan : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new fs::path(fs::temp_directory_path() /
                              ("locidep-requested-as-" + std::to_string(::getpid())));
    fs::create_directories(*directory_);
    std::ofstream(*directory_ / "bindep.txt") << rules;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*directory_);
    delete directory_;
  }

  // The plan of the `requirements` service (no profiles of its own besides
  // the build profile `requirements`) on DISTRO with the rules above.
  static locidep::planner::Plan plan(const std::string& distro_id) {
    const auto catalog = locidep::profiles::Catalog::load_default();
    const auto& distro = catalog.find(distro_id);
    auto services = locidep::profiles::ServiceCatalog::load(catalog.directory());
    services.set_bindep_files({*directory_ / "bindep.txt"});
    locidep::planner::DataOptions data;
    data.cache_directory = *directory_ / "cache";
    const auto backend = locidep::planner::open_backend(distro, data);
    locidep::planner::PlanOptions options;
    options.services = {"requirements"};
    return locidep::planner::make_plan(distro, services, *backend, options);
  }

  static std::string source(int line) {
    return (*directory_ / "bindep.txt").string() + ":" + std::to_string(line);
  }

  static const InstallItem& item(const ServicePlan& service, const std::string& name) {
    const auto found = std::find_if(service.install.begin(), service.install.end(),
                                    [&](const InstallItem& i) { return i.name == name; });
    if (found == service.install.end())
      throw std::runtime_error(name + " is not in the install set");
    return *found;
  }

  // ITEM is a requested package: direct, with ROLE and the source of rule LINE.
  static void expect_request(const InstallItem& item, Role role, int line) {
    EXPECT_TRUE(item.direct) << item.name;
    EXPECT_EQ(item.role, role) << item.name;
    EXPECT_EQ(item.source, source(line)) << item.name;
  }

  // `why NAME` quotes rule LINE (RULE_TEXT) and, when WORD differs from NAME,
  // says that BACKEND installs NAME for WORD.
  static void expect_why_names_the_rule(const locidep::planner::Plan& plan,
                                        const ServicePlan& service, const std::string& name,
                                        int line, const std::string& rule_text,
                                        const std::string& backend, const std::string& word) {
    const std::string why = locidep::planner::explain(plan, service, name);
    EXPECT_NE(why.find(source(line) + "  " + rule_text), std::string::npos) << why;
    EXPECT_NE(why.find(backend + " installs " + name + " for '" + word + "'"), std::string::npos)
        << why;
  }

  static bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
  }
  static bool purged(const ServicePlan& service, const std::string& name) {
    return std::any_of(service.purge.begin(), service.purge.end(),
                       [&](const auto& p) { return p.name == name; });
  }

  // The package arguments of the step PURPOSE's command starting with HEAD.
  static std::vector<std::string> arguments(const std::string& backend, const ServicePlan& service,
                                            const std::string& purpose, const std::string& head) {
    for (const auto& step :
         locidep::planner::plan_steps(locidep::profiles::backend_named(backend).value(), service)) {
      if (step.purpose != purpose) continue;
      for (const auto& command : step.commands) {
        if (command.head.starts_with(head)) return command.items;
      }
    }
    return {};
  }

  static fs::path* directory_;
};
fs::path* OtherNamePlan::directory_ = nullptr;

TEST_F(OtherNamePlan, ZypperCapabilityIsARequestPinnedByItsRealName) {
  const auto plan = this->plan("opensuse-leap-15.6");
  const ServicePlan& service = plan.services.at(0);
  const InstallItem& wsgi = item(service, "apache2-mod_wsgi");
  expect_request(wsgi, Role::runtime, 1);
  EXPECT_EQ(wsgi.rule_text, "apache2-mod_wsgi-python3 [platform:suse]");
  EXPECT_EQ(wsgi.requested_as, "apache2-mod_wsgi-python3");
  const auto install = arguments("zypper", service, "install", "zypper --non-interactive install");
  EXPECT_TRUE(contains(install, "apache2-mod_wsgi=" + wsgi.version))
      << testing::PrintToString(install);
  EXPECT_FALSE(std::any_of(install.begin(), install.end(), [](const std::string& a) {
    return a.starts_with("apache2-mod_wsgi-python3");
  }));
  expect_why_names_the_rule(plan, service, "apache2-mod_wsgi", 1,
                            "apache2-mod_wsgi-python3 [platform:suse]", "zypper",
                            "apache2-mod_wsgi-python3");
}

TEST_F(OtherNamePlan, ZypperBuildCapabilityIsPurgedByTheInstalledName) {
  const auto plan = this->plan("opensuse-leap-15.6");
  const ServicePlan& service = plan.services.at(0);
  const InstallItem& tools = item(service, "libxml2-tools");
  expect_request(tools, Role::build, 2);
  EXPECT_TRUE(purged(service, "libxml2-tools"));
  EXPECT_TRUE(contains(service.purge_request, "libxml2-tools"))
      << testing::PrintToString(service.purge_request);
  EXPECT_FALSE(contains(service.purge_request, "libxml2"));
  const auto remove = arguments("zypper", service, "cleanup", "zypper --non-interactive remove");
  EXPECT_TRUE(contains(remove, "libxml2-tools")) << testing::PrintToString(remove);
  const std::string why = locidep::planner::explain(plan, service, "libxml2-tools");
  EXPECT_NE(why.find(source(2) + "  libxml2 [platform:suse requirements]"), std::string::npos)
      << why;
  EXPECT_NE(why.find("is purged after the build: it is build-only"), std::string::npos) << why;
}

TEST_F(OtherNamePlan, DnfProvidesAreRequestsPinnedByTheirRealNames) {
  const auto plan = this->plan("centos-stream-9");
  const ServicePlan& service = plan.services.at(0);
  const auto install = arguments("dnf", service, "install", "dnf install");
  for (const auto& [name, word, line] : std::vector<std::tuple<std::string, std::string, int>>{
           {"xorriso", "genisoimage", 3}, {"iptables-nft", "iptables", 4}}) {
    const InstallItem& solved = item(service, name);
    expect_request(solved, Role::runtime, line);
    EXPECT_EQ(solved.requested_as, word) << name;
    EXPECT_TRUE(contains(install, name + "-" + solved.version)) << testing::PrintToString(install);
    EXPECT_FALSE(contains(install, word));
    expect_why_names_the_rule(plan, service, name, line, word + " [platform:redhat]", "dnf", word);
  }
}

TEST_F(OtherNamePlan, DnfBuildProvideIsPurgedByTheInstalledName) {
  const auto plan = this->plan("centos-stream-9");
  const ServicePlan& service = plan.services.at(0);
  const InstallItem& pkgconf = item(service, "pkgconf-pkg-config");
  expect_request(pkgconf, Role::build, 5);
  EXPECT_TRUE(purged(service, "pkgconf-pkg-config"));
  const auto remove = arguments("dnf", service, "cleanup", "dnf remove");
  EXPECT_TRUE(contains(remove, "pkgconf-pkg-config")) << testing::PrintToString(remove);
  EXPECT_FALSE(contains(remove, "pkg-config"));
}

// iptables (runtime) and ebtables (build) both meet iptables-nft: it is a
// runtime package, named by the first rule, and the cleanup leaves it.
TEST_F(OtherNamePlan, OnePackageForARuntimeAndABuildWordStaysAsRuntime) {
  const auto plan = this->plan("centos-stream-9");
  const ServicePlan& service = plan.services.at(0);
  const InstallItem& nft = item(service, "iptables-nft");
  EXPECT_EQ(nft.role, Role::runtime);
  EXPECT_EQ(nft.source, source(4));
  EXPECT_FALSE(purged(service, "iptables-nft"));
  EXPECT_FALSE(contains(service.purge_request, "iptables-nft"));
  EXPECT_FALSE(contains(service.purge_request, "ebtables"));
  const auto kept = std::find_if(service.kept.begin(), service.kept.end(),
                                 [](const auto& k) { return k.name == "iptables-nft"; });
  ASSERT_NE(kept, service.kept.end());
  EXPECT_NE(kept->reason.find("runtime"), std::string::npos) << kept->reason;
}

TEST_F(OtherNamePlan, AptVirtualPackageWithOneProviderIsARequest) {
  const auto plan = this->plan("debian-bookworm");
  const ServicePlan& service = plan.services.at(0);
  const InstallItem& aspell = item(service, "aspell");
  expect_request(aspell, Role::runtime, 8);
  EXPECT_EQ(aspell.requested_as, "aspell-bin");
  // Requested packages are not marked automatic after the install.
  const auto mark_auto = arguments("apt", service, "install", "apt-mark auto");
  EXPECT_FALSE(contains(mark_auto, "aspell")) << testing::PrintToString(mark_auto);

  const InstallItem& git = item(service, "git");
  expect_request(git, Role::build, 7);
  EXPECT_TRUE(purged(service, "git"));
  const auto purge = arguments("apt", service, "cleanup", "apt-get purge");
  EXPECT_TRUE(contains(purge, "git")) << testing::PrintToString(purge);
  EXPECT_FALSE(contains(purge, "git-core"));
  expect_why_names_the_rule(plan, service, "git", 7, "git-core [platform:dpkg requirements]", "apt",
                            "git-core");
}

}  // namespace
