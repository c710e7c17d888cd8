// What `locidep resolve` prints, whatever the package manager: the install
// set, the purge set and the kept build packages, or the refusal. Each
// family's resolver result is turned into this (cmd_resolve.cpp).
#pragma once

#include <string>
#include <vector>

namespace locidep::cli {

struct ResolveAnswer {
  struct Package {
    std::string name;
    std::string version;
    std::string arch;
    std::string previous_version;  // install: the base's version for an upgrade
  };
  struct Kept {
    std::string name;
    std::string reason;
  };
  struct Problem {
    std::string subject;
    std::string message;
    std::vector<std::string> details;
  };
  std::vector<Package> install;  // sorted by name
  std::vector<Package> purge;    // sorted by name
  std::vector<Kept> kept;
  std::vector<Problem> problems;  // non-empty: refused
};

// "install: N new, M upgraded" and a line per package; with WITH_PURGE the
// purge set and the kept packages too.
std::string render_text(const ResolveAnswer& answer, bool with_purge);
// {"install":[{"name","version","arch"}…],"purge":[…]} (and "kept" with WITH_PURGE).
std::string render_json(const ResolveAnswer& answer, bool with_purge);
// The refusal as one message: each problem, then its details indented.
std::string render_problems(const ResolveAnswer& answer);

}  // namespace locidep::cli
