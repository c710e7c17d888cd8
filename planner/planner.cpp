#include "planner/planner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "common/digest.hpp"
#include "common/error.hpp"
#include "common/text_file.hpp"
#include "common/text_grammar.hpp"
#include "parser/parser.hpp"
#include "planner/bindep_compat.hpp"
#include "planner/selection.hpp"

namespace locidep::planner {

namespace {

struct ParsedInputs {
  std::vector<parser::RuleFile> bindep;
  std::vector<parser::RuleFile> pydep;
  std::vector<InputDigest> digests;
};

ParsedInputs parse_inputs(const profiles::ServiceCatalog& catalog,
                          const std::optional<std::filesystem::path>& constraints) {
  ParsedInputs inputs;
  // Plans and lock files name inputs as the user would: relative to the
  // catalogue for its own files, so the same inputs give the same bytes on
  // any machine; as given otherwise.
  const auto display_name = [&](const std::filesystem::path& path) {
    const auto relative =
        path.lexically_normal().lexically_relative(catalog.directory().lexically_normal());
    return !relative.empty() && *relative.begin() != ".." ? relative.string() : path.string();
  };
  const auto read = [&](const std::filesystem::path& path) {
    const std::string name = display_name(path);
    const std::string text = read_text_file(path);
    inputs.digests.push_back({name, sha256_hex(text)});
    return parser::parse_rules(normalize_newlines(text), name);
  };
  for (const auto& path : catalog.bindep_files()) inputs.bindep.push_back(read(path));
  for (const auto& path : catalog.pydep_files()) inputs.pydep.push_back(read(path));
  if (constraints)
    inputs.digests.push_back({display_name(*constraints), sha256_file(*constraints)});
  return inputs;
}

// A requested distro package and the first rule (or list) that asked for it.
struct Request {
  std::string name;
  std::string source;
  Role role = Role::runtime;
  std::string rule_text;
};

// A rule as its author wrote it (normalised spacing).
std::string rule_text(const parser::Rule& rule) {
  std::string text = rule.name;
  if (rule.has_selector) text += " " + parser::selector_text(rule.selector);
  for (std::size_t i = 0; i < rule.constraints.size(); ++i)
    text += (i ? "," : " ") + rule.constraints[i].text();
  return text;
}

std::string rule_source(const parser::RuleFile& file, const parser::Rule& rule) {
  return fmt::format("{}:{}", file.path, rule.position.line);
}

struct SelectedName {
  std::string name;
  std::string source;
  std::string rule_text;
};

// Names selected by FILES for PROFILES, in file order, unique, with sources.
std::vector<SelectedName> selected_names(const std::vector<parser::RuleFile>& files,
                                         const std::vector<std::string>& profiles,
                                         const std::vector<std::string>& atoms) {
  std::vector<SelectedName> names;
  std::set<std::string> seen;
  const ActiveProfiles active_profiles(profiles, atoms, false);
  for (const auto& file : files) {
    for (const auto* rule : active_rules(file, active_profiles)) {
      if (seen.insert(rule->name).second)
        names.push_back({rule->name, rule_source(file, *rule), rule_text(*rule)});
    }
  }
  return names;
}

std::vector<std::string> profile_warnings(const std::vector<std::string>& profiles,
                                          const ParsedInputs& inputs,
                                          const profiles::Distro& distro,
                                          const std::string& service_name) {
  std::set<std::string> known;
  for (const auto* files : {&inputs.bindep, &inputs.pydep}) {
    for (const auto& file : *files) {
      for (auto& profile : configuration_profiles(file)) known.insert(std::move(profile));
    }
  }
  std::vector<std::string> warnings;
  for (const auto& profile : profiles) {
    // The service's name and the codename are always passed (LOCI's
    // convention); a rule may use them, but nothing is wrong when none does.
    // bindep's `default` is only a stand-in for "no profile given".
    if (profile == distro.platform.codename || profile == service_name || profile == "default")
      continue;
    if (!known.contains(profile)) {
      warnings.push_back(fmt::format("profile '{}' selects nothing in any rule", profile));
    }
  }
  return warnings;
}

// The requests an installed package answers, first asked first: its own
// name and the words the backend installed it for.
std::vector<std::size_t> requests_met_by(const backends::InstallEntry& solved,
                                         const std::map<std::string, std::size_t>& request_index) {
  std::set<std::size_t> met;
  if (const auto it = request_index.find(solved.name); it != request_index.end())
    met.insert(it->second);
  for (const auto& word : solved.requested_as) {
    if (const auto it = request_index.find(word); it != request_index.end()) met.insert(it->second);
  }
  return {met.begin(), met.end()};
}

std::string fold_pip_name(std::string name) {
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_' || c == '.') c = '-';
  }
  return name;
}

// A service's requests, first asked first, and where each name stands.
struct ServiceRequests {
  std::vector<Request> requests;
  std::map<std::string, std::size_t> request_index;  // name → its place in requests

  void add(const std::string& name, const std::string& source, Role role, const std::string& text) {
    const auto [it, inserted] = request_index.emplace(name, requests.size());
    if (inserted) {
      requests.push_back({name, source, role, text});
    } else if (role == Role::runtime) {
      requests[it->second].role = Role::runtime;  // runtime anywhere wins
    }
  }
};

// Roles: what the profiles select without the build profiles is runtime;
// what only the build profiles add is build.
std::vector<std::string> runtime_profiles_of(const std::vector<std::string>& profiles,
                                             const std::vector<std::string>& build_profiles) {
  std::vector<std::string> runtime_profiles;
  for (const auto& profile : profiles) {
    if (std::find(build_profiles.begin(), build_profiles.end(), profile) == build_profiles.end()) {
      runtime_profiles.push_back(profile);
    }
  }
  return runtime_profiles;
}

ServiceRequests service_requests(const profiles::Distro& distro,
                                 const profiles::ServiceCatalog& catalog,
                                 const ParsedInputs& inputs,
                                 const std::vector<std::string>& profiles) {
  ServiceRequests requests;
  const auto& atoms = distro.platform.atoms;
  const auto runtime_names =
      selected_names(inputs.bindep, runtime_profiles_of(profiles, catalog.build_profiles()), atoms);
  std::set<std::string> runtime_set;
  for (const auto& selected : runtime_names) runtime_set.insert(selected.name);
  for (const auto& selected : selected_names(inputs.bindep, profiles, atoms)) {
    requests.add(selected.name, selected.source,
                 runtime_set.contains(selected.name) ? Role::runtime : Role::build,
                 selected.rule_text);
  }
  const auto& bootstrap = catalog.bootstrap(distro.backend);
  for (const auto& name : bootstrap.runtime) requests.add(name, "bootstrap", Role::runtime, name);
  for (const auto& name : bootstrap.build) requests.add(name, "bootstrap", Role::build, name);
  return requests;
}

void check_package_names(const ServiceRequests& requests, const profiles::Distro& distro) {
  for (const auto& request : requests.requests) {
    if (!is_valid_package_name(request.name, distro.platform.family)) {
      throw Error(ExitCode::bad_input,
                  fmt::format("{}: '{}' is not a valid {} package name", request.source,
                              request.name, profiles::to_string(distro.platform.family)));
    }
  }
}

// The backend's answer, and the requests left out of it because nothing
// could install them.
struct ServiceAnswer {
  backends::SolveAnswer answer;
  std::set<std::string> dropped;
};

// With skip_unavailable, the requests the problems name are dropped and
// the rest solved again; a problem that names no request stays an error.
bool can_drop_requests_of(const std::vector<backends::SolveProblem>& problems,
                          const ServiceRequests& requests, const std::set<std::string>& dropped,
                          bool skip_unavailable) {
  bool progress = skip_unavailable;
  for (const auto& problem : problems) {
    const auto it = requests.request_index.find(problem.subject);
    if (!skip_unavailable || it == requests.request_index.end() ||
        dropped.contains(problem.subject)) {
      progress = false;
      break;
    }
  }
  return progress;
}

Error unplannable(const std::vector<backends::SolveProblem>& problems,
                  const ServiceRequests& requests, const std::string& service_name,
                  const std::string& distro_id) {
  std::string message = fmt::format("cannot plan {} on {}:", service_name, distro_id);
  for (const auto& problem : problems) {
    message += "\n  " + problem.text();
    if (const auto it = requests.request_index.find(problem.subject);
        it != requests.request_index.end()) {
      message += fmt::format(" (asked for by {})", requests.requests[it->second].source);
    }
  }
  return Error(ExitCode::bad_input, message);
}

ServiceAnswer solve_requests(const ServiceRequests& requests, backends::SolverBackend& backend,
                             const PlanOptions& options, const std::string& distro_id,
                             ServicePlan& plan) {
  ServiceAnswer solved;
  for (;;) {
    backends::SolveRequest solve_request;
    solve_request.recommends = options.recommends;
    for (const auto& request : requests.requests) {
      if (solved.dropped.contains(request.name)) continue;
      solve_request.install.push_back(request.name);
      if (request.role == Role::build) solve_request.purge.push_back(request.name);
    }
    solved.answer = backend.solve(solve_request);
    const auto& problems = solved.answer.problems;
    if (problems.empty()) break;
    if (!can_drop_requests_of(problems, requests, solved.dropped, options.skip_unavailable))
      throw unplannable(problems, requests, plan.service, distro_id);
    for (const auto& problem : problems) {
      solved.dropped.insert(problem.subject);
      plan.unavailable.push_back(
          {problem.subject, requests.requests[requests.request_index.at(problem.subject)].source,
           problem.text()});
    }
  }
  return solved;
}

// Who pulled each package in: the backend's answer, else the first
// package of the install set whose dependency it meets.
std::map<std::string, std::string> pulled_in_by_of(const backends::SolveAnswer& answer) {
  std::map<std::string, std::string> pulled_in_by = answer.pulled_in_by;
  if (pulled_in_by.empty()) {
    std::set<std::string> new_names;
    for (const auto& solved : answer.install) new_names.insert(solved.name);
    for (const auto& link : answer.links) {
      if (new_names.contains(link.from) && link.from != link.to)
        pulled_in_by.emplace(link.to, link.from);
    }
  }
  return pulled_in_by;
}

// The packages installed for each request (by its place in the requests):
// its own name, or the package of another name the package manager chose
// for its word.
using InstalledFor = std::map<std::size_t, std::vector<std::string>>;

// Fills PLAN's install list from the answer.
InstalledFor add_install_items(const backends::SolveAnswer& answer,
                               const ServiceRequests& service_requests,
                               const std::set<std::string>& purged, ServicePlan& plan) {
  const auto& requests = service_requests.requests;
  const auto pulled_in_by = pulled_in_by_of(answer);
  InstalledFor installed_for;
  for (const auto& solved : answer.install) {
    InstallItem item;
    item.name = solved.name;
    item.version = solved.version;
    item.arch = solved.arch;
    item.previous_version = solved.previous_version;
    item.checksum = solved.checksum;
    item.installed_size = solved.installed_size;
    const auto met = requests_met_by(solved, service_requests.request_index);
    if (!met.empty()) {
      // The first rule that asked names it; runtime anywhere wins.
      const auto& request = requests[met.front()];
      item.direct = true;
      item.role = std::any_of(met.begin(), met.end(),
                              [&](std::size_t i) { return requests[i].role == Role::runtime; })
                      ? Role::runtime
                      : Role::build;
      item.source = request.source;
      item.rule_text = request.rule_text;
      if (request.name != solved.name) item.requested_as = request.name;
      for (const std::size_t i : met) {
        installed_for[i].push_back(solved.name);
        if (requests[i].name != solved.name) item.meets.push_back(requests[i].name);
      }
    } else {
      item.role = purged.contains(solved.name) ? Role::build : Role::runtime;
      const auto by = pulled_in_by.find(solved.name);
      item.source = by == pulled_in_by.end() ? "dependency" : "pulled in by " + by->second;
    }
    plan.install.push_back(std::move(item));
  }
  return installed_for;
}

// Requests nothing was installed for: the base image or a package that
// provides the name already meets them.
void add_met_requests(const ServiceRequests& service_requests, const std::set<std::string>& dropped,
                      const InstalledFor& installed_for, ServicePlan& plan) {
  const auto& requests = service_requests.requests;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto& request = requests[i];
    if (request.source != "bootstrap" && !dropped.contains(request.name) &&
        !installed_for.contains(i)) {
      plan.met.push_back({request.name, request.source});
    }
  }
  std::sort(plan.met.begin(), plan.met.end(),
            [](const MetItem& a, const MetItem& b) { return a.name < b.name; });
}

// A request by the names the image holds (a request met by a package
// already in the base keeps its word).
std::vector<std::string> installed_names(const std::string& word, const ServiceRequests& requests,
                                         const InstalledFor& installed_for) {
  const auto it = requests.request_index.find(word);
  const auto found =
      it == requests.request_index.end() ? installed_for.end() : installed_for.find(it->second);
  return found == installed_for.end() ? std::vector<std::string>{word} : found->second;
}

// The purge command names the packages of the build requests that really
// go, as installed (`zypper remove` takes no capability, `dnf remove` of
// a provide would be a different question).
std::vector<std::string> purge_request_of(const ServiceRequests& requests,
                                          const std::set<std::string>& dropped,
                                          const InstalledFor& installed_for,
                                          const std::set<std::string>& purged) {
  std::set<std::string> purge_request;
  for (const auto& request : requests.requests) {
    if (request.role != Role::build || dropped.contains(request.name)) continue;
    for (const auto& name : installed_names(request.name, requests, installed_for)) {
      if (purged.contains(name)) purge_request.insert(name);
    }
  }
  return {purge_request.begin(), purge_request.end()};
}

// The contract: nothing the image needs at run time is purged.
void check_no_runtime_purged(const ServiceRequests& requests, const std::set<std::string>& dropped,
                             const InstalledFor& installed_for, const std::set<std::string>& purged,
                             const std::string& backend_name, const std::string& service_name) {
  for (const auto& request : requests.requests) {
    if (request.role != Role::runtime || dropped.contains(request.name)) continue;
    for (const auto& name : installed_names(request.name, requests, installed_for)) {
      if (purged.contains(name)) {
        throw Error(
            ExitCode::environment,
            fmt::format("internal error: the {} purge set of {} contains the runtime package {}",
                        backend_name, service_name, name));
      }
    }
  }
}

// The pip requirements: the pydep names the profiles select, then the
// service's own, pinned where the constraints pin them.
std::vector<std::string> pip_requirements(const ParsedInputs& inputs,
                                          const std::vector<std::string>& profiles,
                                          const std::vector<std::string>& atoms,
                                          const profiles::Service& service,
                                          const std::map<std::string, std::string>& constraints) {
  std::vector<std::string> pip_names;
  for (const auto& selected : selected_names(inputs.pydep, profiles, atoms))
    pip_names.push_back(selected.name);
  for (const auto& name : service.pip_packages) {
    if (std::find(pip_names.begin(), pip_names.end(), name) == pip_names.end())
      pip_names.push_back(name);
  }
  std::vector<std::string> requirements;
  for (const auto& name : pip_names) {
    const auto pinned = constraints.find(fold_pip_name(name));
    requirements.push_back(pinned == constraints.end() ? name : name + "==" + pinned->second);
  }
  return requirements;
}

ServicePlan plan_service(const profiles::Distro& distro, const profiles::ServiceCatalog& catalog,
                         const profiles::Service& service, const ParsedInputs& inputs,
                         backends::SolverBackend& backend, const PlanOptions& options,
                         const std::map<std::string, std::string>& constraints) {
  ServicePlan plan;
  plan.service = service.name;
  plan.profiles = service_profiles(service, options.extra_profiles, distro);
  plan.warnings = profile_warnings(plan.profiles, inputs, distro, service.name);
  plan.enabled_modules = backend.enabled_modules();

  const ServiceRequests requests = service_requests(distro, catalog, inputs, plan.profiles);
  check_package_names(requests, distro);
  const auto [answer, dropped] = solve_requests(requests, backend, options, distro.id, plan);

  // A dependency's text is the metadata's, unchecked (rpm allows nearly
  // anything there): `why` shows it with controls escaped.
  for (const auto& link : answer.links)
    plan.links.push_back({link.from, grammar::printable(link.dependency), link.to});
  std::set<std::string> purged;
  for (const auto& item : answer.purge) {
    purged.insert(item.name);
    plan.purge.push_back({item.name, item.version, item.arch});
  }
  const InstalledFor installed_for = add_install_items(answer, requests, purged, plan);
  add_met_requests(requests, dropped, installed_for, plan);
  // By request word, in name order (a word named twice keeps its last reason).
  std::map<std::string, std::string> kept_reasons;
  for (const auto& kept : answer.kept) kept_reasons[kept.name] = kept.reason;
  for (const auto& [word, reason] : kept_reasons) {
    for (const auto& name : installed_names(word, requests, installed_for))
      plan.kept.push_back({name, reason});
  }
  plan.purge_request = purge_request_of(requests, dropped, installed_for, purged);
  check_no_runtime_purged(requests, dropped, installed_for, purged, backend.name(), service.name);

  plan.pip = pip_requirements(inputs, plan.profiles, distro.platform.atoms, service, constraints);
  std::sort(plan.install.begin(), plan.install.end(),
            [](const InstallItem& a, const InstallItem& b) { return a.name < b.name; });
  std::sort(plan.purge.begin(), plan.purge.end(),
            [](const PurgeItem& a, const PurgeItem& b) { return a.name < b.name; });
  return plan;
}

}  // namespace

std::vector<std::string> service_profiles(const profiles::Service& service,
                                          const std::vector<std::string>& extra_profiles,
                                          const profiles::Distro& distro) {
  std::vector<std::string> profiles;
  const auto add = [&](const std::string& profile) {
    if (std::find(profiles.begin(), profiles.end(), profile) == profiles.end())
      profiles.push_back(profile);
  };
  if (service.bindep_profiles) {
    for (const auto& profile : extra_profiles) add(profile);
    if (profiles.empty()) profiles.push_back("default");
    return profiles;
  }
  profiles.push_back(service.name);
  for (const auto& profile : service.profiles) add(profile);
  for (const auto& profile : extra_profiles) add(profile);
  if (!distro.platform.codename.empty()) add(distro.platform.codename);
  return profiles;
}

namespace {

// Where WORD starts in LINE (for the caret of an error), 1-based.
std::size_t column_of(const std::string& line, const std::string& word) {
  const auto at = word.empty() ? std::string::npos : line.find(word);
  return at == std::string::npos ? 1 : at + 1;
}

}  // namespace

// Pins are written into the pip command: the name and the version are
// checked (PEP 508 name, PEP 440 characters) and a line that pins anything
// else is refused at its position.
std::map<std::string, std::string> read_constraints(const std::filesystem::path& path) {
  const std::string text = normalize_newlines(read_text_file(path));
  std::map<std::string, std::string> pins;
  std::size_t start = 0;
  std::size_t line_number = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string whole_line = text.substr(start, end - start);
    std::string line = whole_line;
    start = end + 1;
    ++line_number;
    if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    if (const auto marker = line.find(';'); marker != std::string::npos) line.resize(marker);
    const auto op = line.find("==");
    if (op == std::string::npos) continue;
    std::string name = line.substr(0, op);
    std::string version = line.substr(op + 2);
    if (!version.empty() && version.front() == '=') version.erase(0, 1);  // "==="
    const auto trim = [](std::string& s) {
      s.erase(0, s.find_first_not_of(" \t"));
      s.erase(s.find_last_not_of(" \t") + 1);
    };
    trim(name);
    trim(version);
    const auto refuse = [&](const char* what, const std::string& word, const std::string& problem) {
      throw Error(
          ExitCode::bad_input,
          fmt::format("constraint {} '{}' {}", what, grammar::printable(word), problem),
          SourceLocation{path.string(), line_number, column_of(whole_line, word), whole_line});
    };
    if (const auto problem = grammar::pip_name(name)) refuse("name", name, *problem);
    if (const auto problem = grammar::pip_version(version)) refuse("version", version, *problem);
    pins[fold_pip_name(name)] = version;
  }
  return pins;
}

Plan make_plan(const profiles::Distro& distro, const profiles::ServiceCatalog& catalog,
               backends::SolverBackend& backend, const PlanOptions& options) {
  const ParsedInputs inputs = parse_inputs(catalog, options.constraints);
  const auto constraints = options.constraints ? read_constraints(*options.constraints)
                                               : std::map<std::string, std::string>{};
  Plan plan;
  plan.distro = distro.id;
  plan.backend = distro.backend;
  plan.architecture = distro.architecture;
  plan.base_image = distro.base_image;
  plan.base_source = backend.base_description();
  plan.inputs = inputs.digests;
  std::vector<const profiles::Service*> services;
  if (options.services.empty()) {
    for (const auto& service : catalog.services()) services.push_back(&service);
  } else {
    for (const auto& name : options.services) services.push_back(&catalog.find(name));
  }
  for (const auto* service : services) {
    plan.services.push_back(
        plan_service(distro, catalog, *service, inputs, backend, options, constraints));
  }
  return plan;
}

}  // namespace locidep::planner
