// A plan: for one service on one distro, what to install on top of the base
// image (with exact versions and why each package is there), the pip step,
// what the cleanup step purges, and the shell steps that carry them out.
// Plain value types: built by planner.cpp, printed by the renderers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "profiles/profiles.hpp"

namespace locidep::planner {

enum class Role { build, runtime };
const char* to_string(Role role);

struct InstallItem {
  std::string name;
  std::string version;
  std::string arch;
  Role role = Role::runtime;
  // Why it is installed: "FILE:LINE" of the rule that asked for it,
  // "bootstrap" for LOCI's bootstrap packages, or "pulled in by NAME".
  std::string source;
  bool direct = false;    // asked for by a rule or the bootstrap list
  std::string rule_text;  // the rule as written, for direct ones ("libvirt0 [platform:dpkg nova]")
  // The rule's word when the package manager meets it with a package of
  // another name (apache2-mod_wsgi-python3 → apache2-mod_wsgi); "" otherwise.
  // Not serialised: plans and lock files name installed packages.
  std::string requested_as;
  // Every request word of another name that this package meets, in request
  // order (a package named by one rule can also meet another's word: apache2
  // for "httpd"). Shown in JSON as "meets".
  std::vector<std::string> meets;
  std::string previous_version;      // the base image's version when this is an upgrade
  std::string checksum;              // "sha256:…" where the metadata has one
  std::uint64_t installed_size = 0;  // bytes, where the metadata has it
};

struct PurgeItem {
  std::string name;
  std::string version;
  std::string arch;
};

// A build package the cleanup cannot purge because the image needs it.
struct KeptItem {
  std::string name;
  std::string reason;
};

// A requested package no repository of the distro has (diff and lint plan
// on regardless, with skip_unavailable).
struct UnavailableItem {
  std::string name;
  std::string source;   // the rule that asked for it
  std::string problem;  // the solver's words
};

// A name a rule asks for that the install set does not hold under that name
// because something already meets it: the base image has it, or a package of
// another name provides it (diff needs these to tell a new rule from a rule
// whose package moved).
struct MetItem {
  std::string name;
  std::string source;  // the rule that asked for it
};

struct ServicePlan {
  std::string service;
  std::vector<std::string> profiles;       // as passed to the rule evaluation, in order
  std::vector<InstallItem> install;        // sorted by name
  std::vector<PurgeItem> purge;            // sorted by name
  std::vector<KeptItem> kept;              // build packages that stay, with why
  std::vector<std::string> purge_request;  // the names given to the purge command
  std::vector<std::string>
      enabled_modules;                // dnf module streams the install step enables ("nginx:1.24")
  std::vector<std::string> pip;       // pip requirements ("name" or "name==version")
  std::vector<std::string> warnings;  // profiles that select nothing, …
  std::vector<UnavailableItem> unavailable;  // only with PlanOptions::skip_unavailable
  std::vector<MetItem> met;                  // rule requests already met, sorted by name
  // Who needs whom after the install (from the solver's final system), for
  // `why`; not serialised.
  struct Link {
    std::string from;
    std::string dependency;
    std::string to;
  };
  std::vector<Link> links;
};

struct InputDigest {
  std::string path;  // as shown to the user
  std::string sha256;
};

struct Plan {
  std::string distro;  // catalogue id
  profiles::Backend backend = profiles::Backend::apt;
  std::string architecture;
  std::string base_image;
  std::string base_source;          // where the base's installed set came from
  std::vector<InputDigest> inputs;  // every file the plan was computed from
  std::vector<ServicePlan> services;
};

}  // namespace locidep::planner
