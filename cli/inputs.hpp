// Inputs shared by several subcommands: which rule file, which platform.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "parser/ast.hpp"
#include "backends/installed/installed_database.hpp"
#include "profiles/profiles.hpp"
#include "profiles/services.hpp"

namespace locidep::cli {

// FILE, "-" for standard input, or "" for bindep's default lookup in the
// current directory (bindep.txt, else other-requirements.txt).
parser::RuleFile load_rule_file(const std::string& file_option);

// --distro ID (the catalogue), else --root DIR (its os-release), else the host.
profiles::Platform target_platform(const std::string& distro_option, const std::string& root_option);

// The installed-package database of ROOT for the platform's package family.
// Throws Error(environment) for families without one (bindep: "Unknown
// package manager for current platform").
std::unique_ptr<backends::InstalledDatabase> open_installed_database(
    const profiles::Platform& platform, const std::filesystem::path& root);

// --enable-module values (NAME:STREAM) as module → stream; the last one for a
// module wins, as in dnf. Throws Error(bad_input) for any other shape.
std::map<std::string, std::string> parse_module_streams(const std::vector<std::string>& values);

// A LOCI checkout's rule files: every bindep* and pydep* file at the top of
// DIRECTORY (LOCI evaluates each /opt/loci/bindep* and pydep* file) replace
// the catalogue's. Throws Error(bad_input) when it holds no bindep* file.
void use_loci_directory(profiles::ServiceCatalog& catalog, const std::filesystem::path& directory);

}  // namespace locidep::cli
