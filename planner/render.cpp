#include "planner/render.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "common/shell_quote.hpp"
#include "common/text_grammar.hpp"
#include "planner/backend_traits.hpp"
#include "planner/steps.hpp"

namespace locidep::planner {

const char* to_string(Role role) { return role == Role::build ? "build" : "runtime"; }

PlanFormat plan_format_named(const std::string& name) {
  std::string expected;
  for (std::size_t i = 0; i < plan_formats.size(); ++i) {
    if (plan_formats[i].name == name) return plan_formats[i].format;
    expected += i == 0 ? "" : i + 1 == plan_formats.size() ? " or " : ", ";
    expected += plan_formats[i].name;
  }
  throw Error(ExitCode::bad_input, fmt::format("unknown format '{}'; expected {}", name, expected));
}

std::string output_file_name(PlanFormat format, const std::string& service) {
  for (const auto& entry : plan_formats) {
    if (entry.format == format)
      return fmt::format("{}{}{}", entry.file_prefix, service, entry.file_suffix);
  }
  return service;
}

namespace {

// Commands joined for a RUN: the head on the first line, one item a line.
std::string command_lines(const Command& command, const std::string& indent) {
  std::string text = command.head;
  for (const auto& item : command.items) text += " \\\n" + indent + item;
  return text;
}

// Every text of a comment stays on its line (comment_text escapes controls).
std::string header_comment(const Plan& plan, const ServicePlan& service) {
  std::string profiles;
  for (const auto& profile : service.profiles) profiles += (profiles.empty() ? "" : " ") + profile;
  return fmt::format(
      "# locidep plan for {} on {} ({}; base {})\n"
      "# profiles: {}\n"
      "# {} packages installed, {} purged after the build\n",
      comment_text(service.service), comment_text(plan.distro), profiles::to_string(plan.backend),
      comment_text(plan.base_image), comment_text(profiles), service.install.size(),
      service.purge.size());
}

// The base image of a FROM line: checked when the catalogue or the option
// named it; checked again here because a FROM line cannot quote.
const std::string& checked_base_image(const Plan& plan) {
  if (const auto problem = grammar::image_reference(plan.base_image)) {
    throw Error(ExitCode::bad_input,
                fmt::format("base image '{}' {}", grammar::printable(plan.base_image), *problem));
  }
  return plan.base_image;
}

std::uint64_t installed_bytes(const ServicePlan& service) {
  std::uint64_t total = 0;
  for (const auto& item : service.install) total += item.installed_size;
  return total;
}

std::string human_size(std::uint64_t bytes) {
  if (bytes >= 10ull * 1024 * 1024) return fmt::format("{} MiB", bytes / (1024 * 1024));
  if (bytes >= 10ull * 1024) return fmt::format("{} KiB", bytes / 1024);
  return fmt::format("{} B", bytes);
}

nlohmann::ordered_json service_json(profiles::Backend backend, const ServicePlan& service) {
  auto install = nlohmann::ordered_json::array();
  for (const auto& item : service.install) {
    nlohmann::ordered_json entry{{"name", item.name},     {"version", item.version},
                                 {"arch", item.arch},     {"role", to_string(item.role)},
                                 {"source", item.source}, {"direct", item.direct}};
    if (!item.previous_version.empty()) entry["upgrades"] = item.previous_version;
    // The request words of another name it meets (a virtual package, a
    // capability, a dnf provide).
    if (!item.meets.empty()) entry["meets"] = item.meets;
    if (!item.checksum.empty()) entry["checksum"] = item.checksum;
    if (item.installed_size > 0) entry["installed_size"] = item.installed_size;
    install.push_back(std::move(entry));
  }
  auto purge = nlohmann::ordered_json::array();
  for (const auto& item : service.purge) {
    purge.push_back({{"name", item.name}, {"version", item.version}, {"arch", item.arch}});
  }
  auto kept = nlohmann::ordered_json::array();
  for (const auto& item : service.kept)
    kept.push_back({{"name", item.name}, {"reason", item.reason}});
  auto steps = nlohmann::ordered_json::array();
  for (const auto& step : plan_steps(backend, service)) {
    for (const auto& command : step.commands) steps.push_back(command.text());
  }
  auto unavailable = nlohmann::ordered_json::array();
  for (const auto& item : service.unavailable) {
    unavailable.push_back(
        {{"name", item.name}, {"source", item.source}, {"problem", item.problem}});
  }
  return {{"service", service.service},
          {"profiles", service.profiles},
          {"install", install},
          {"unavailable", unavailable},
          {"purge", purge},
          {"kept", kept},
          {"pip", service.pip},
          {"steps", steps},
          {"warnings", service.warnings}};
}

// YAML scalars we write are names, versions, paths and hashes; quote them
// all so that "1.0" stays a string and a name like "yes" stays a name.
std::string yaml_quoted(const std::string& text) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '\n') {
      quoted += "\\n";
      continue;
    }
    // Other control characters as YAML's \xNN escapes: one scalar, one line.
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      quoted += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
      continue;
    }
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::string render_dockerfile(const Plan& plan, const ServicePlan& service) {
  std::string text = header_comment(plan, service);
  text += "FROM " + checked_base_image(plan) + "\n";
  const auto environment = traits_of(plan.backend).noninteractive_environment;
  if (!environment.empty()) text += fmt::format("ARG {}\n", environment);
  for (const auto& step : plan_steps(plan.backend, service)) {
    text += "# " + step.purpose + "\n";
    for (std::size_t i = 0; i < step.commands.size(); ++i) {
      text += (i == 0 ? "RUN " : " \\\n && ") + command_lines(step.commands[i], "      ");
    }
    text += "\n";
  }
  return text;
}

std::string render_shell(const Plan& plan, const ServicePlan& service) {
  std::string text = "#!/bin/sh\n" + header_comment(plan, service) + "set -eu\n";
  const auto environment = traits_of(plan.backend).noninteractive_environment;
  if (!environment.empty()) text += fmt::format("export {}\n", environment);
  for (const auto& step : plan_steps(plan.backend, service)) {
    text += "\n# " + step.purpose + "\n";
    for (const auto& command : step.commands) text += command_lines(command, "  ") + "\n";
  }
  return text;
}

std::string render_list(const ServicePlan& service) {
  std::string text;
  for (const auto& item : service.install) {
    if (item.direct) text += item.name + "\n";
  }
  return text;
}

std::string render_json(const Plan& plan) {
  auto services = nlohmann::ordered_json::array();
  for (const auto& service : plan.services) services.push_back(service_json(plan.backend, service));
  const nlohmann::ordered_json document{{"distro", plan.distro},
                                        {"backend", profiles::to_string(plan.backend)},
                                        {"architecture", plan.architecture},
                                        {"base_image", plan.base_image},
                                        {"services", services}};
  return document.dump(2) + "\n";
}

std::string render_lock(const Plan& plan) {
  std::string text =
      "# locidep lock file: exact versions of every package of every image, and the\n"
      "# SHA-256 of every input; the same inputs give the same bytes.\n";
  text += "lock_version: 1\n";
  text += "distro: " + yaml_quoted(plan.distro) + "\n";
  text += "backend: " + yaml_quoted(profiles::to_string(plan.backend)) + "\n";
  text += "architecture: " + yaml_quoted(plan.architecture) + "\n";
  text += "base_image: " + yaml_quoted(plan.base_image) + "\n";
  text += "inputs:\n";
  for (const auto& input : plan.inputs) {
    text += "  - path: " + yaml_quoted(input.path) + "\n    sha256: " + yaml_quoted(input.sha256) +
            "\n";
  }
  text += "services:\n";
  for (const auto& service : plan.services) {
    text += "  - service: " + yaml_quoted(service.service) + "\n";
    text += "    profiles: [";
    for (std::size_t i = 0; i < service.profiles.size(); ++i) {
      text += (i ? ", " : "") + yaml_quoted(service.profiles[i]);
    }
    text += "]\n    install:\n";
    for (const auto& item : service.install) {
      text += "      - name: " + yaml_quoted(item.name) + "\n";
      text += "        version: " + yaml_quoted(item.version) + "\n";
      text += "        arch: " + yaml_quoted(item.arch) + "\n";
      text += "        role: " + std::string(to_string(item.role)) + "\n";
      text += "        direct: " + std::string(item.direct ? "true" : "false") + "\n";
      text += "        source: " + yaml_quoted(item.source) + "\n";
      if (!item.checksum.empty()) text += "        checksum: " + yaml_quoted(item.checksum) + "\n";
      if (item.installed_size > 0)
        text += fmt::format("        installed_size: {}\n", item.installed_size);
    }
    text += "    purge:\n";
    for (const auto& item : service.purge) {
      text += "      - name: " + yaml_quoted(item.name) +
              "\n        version: " + yaml_quoted(item.version) +
              "\n        arch: " + yaml_quoted(item.arch) + "\n";
    }
    if (!service.unavailable.empty()) {
      text += "    unavailable:\n";
      for (const auto& item : service.unavailable) {
        text += "      - name: " + yaml_quoted(item.name) +
                "\n        source: " + yaml_quoted(item.source) +
                "\n        problem: " + yaml_quoted(item.problem) + "\n";
      }
    }
    if (!service.met.empty()) {
      text += "    met:\n";
      for (const auto& item : service.met) {
        text += "      - name: " + yaml_quoted(item.name) +
                "\n        source: " + yaml_quoted(item.source) + "\n";
      }
    }
    text += "    pip:\n";
    for (const auto& requirement : service.pip)
      text += "      - " + yaml_quoted(requirement) + "\n";
  }
  return text;
}

std::string render_text(const Plan& plan, bool color) {
  const auto bold = [&](const std::string& text) {
    return color ? "\033[1m" + text + "\033[0m" : text;
  };
  std::string text =
      fmt::format("{} ({}, {}), base {}\n", plan.distro, profiles::to_string(plan.backend),
                  plan.architecture, plan.base_image);
  for (const auto& service : plan.services) {
    std::size_t direct = 0;
    for (const auto& item : service.install) direct += item.direct ? 1 : 0;
    text += bold(fmt::format("{:<12}", service.service)) +
            fmt::format(" {:>4} to install ({} requested), {:>4} to purge, {} installed, {} pip\n",
                        service.install.size(), direct, service.purge.size(),
                        human_size(installed_bytes(service)), service.pip.size());
    for (const auto& warning : service.warnings)
      text += "    warning: " + grammar::printable(warning) + "\n";
    for (const auto& kept : service.kept) {
      text += "    kept: " + grammar::printable(kept.name) + " (" +
              grammar::printable(kept.reason) + ")\n";
    }
  }
  return text;
}

std::string render_service(const Plan& plan, const ServicePlan& service, PlanFormat format) {
  // The plan with this one service (copying the others would cost more
  // than rendering them).
  auto single = [&] {
    return Plan{plan.distro,      plan.backend, plan.architecture, plan.base_image,
                plan.base_source, plan.inputs,  {service}};
  };
  switch (format) {
    case PlanFormat::dockerfile: return render_dockerfile(plan, service);
    case PlanFormat::shell: return render_shell(plan, service);
    case PlanFormat::list: return render_list(service);
    case PlanFormat::json: return render_json(single());
    case PlanFormat::lock: return render_lock(single());
    case PlanFormat::text: return render_text(single(), false);
  }
  return {};
}

std::string render_plan(const Plan& plan, PlanFormat format, bool color) {
  switch (format) {
    case PlanFormat::json: return render_json(plan);
    case PlanFormat::lock: return render_lock(plan);
    case PlanFormat::text: return render_text(plan, color);
    case PlanFormat::dockerfile:
    case PlanFormat::shell:
    case PlanFormat::list: break;  // one text per service, below
  }
  std::string text;
  for (const auto& service : plan.services) {
    if (plan.services.size() > 1)
      text += (text.empty() ? "" : "\n") + fmt::format("# ==> {} <==\n", service.service);
    text += render_service(plan, service, format);
  }
  return text;
}

}  // namespace locidep::planner
