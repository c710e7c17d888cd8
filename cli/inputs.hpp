// Inputs shared by several subcommands: which rule file, which platform.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "parser/ast.hpp"
#include "profiles/profiles.hpp"
#include "profiles/services.hpp"

namespace locidep::cli {

// FILE, "-" for standard input, or "" for bindep's default lookup in the
// current directory (bindep.txt, else other-requirements.txt).
parser::RuleFile load_rule_file(const std::string& file_option);

// --distro ID (the catalogue), else --root DIR (its os-release), else the host.
profiles::Platform target_platform(const std::string& distro_option,
                                   const std::string& root_option);

// --enable-module values (NAME:STREAM) as module → stream; the last one for a
// module wins, as in dnf. Throws Error(bad_input) for any other shape.
std::map<std::string, std::string> parse_module_streams(const std::vector<std::string>& values);

// A LOCI checkout's rule files: every bindep* and pydep* file at the top of
// DIRECTORY (LOCI evaluates each /opt/loci/bindep* and pydep* file) replace
// the catalogue's. Throws Error(bad_input) when it holds no bindep* file.
void use_loci_directory(profiles::ServiceCatalog& catalog, const std::filesystem::path& directory);

// Bindep files given instead of the catalogue's rules (plan -f, a side of
// diff). Files that use none of the catalogue's profiles (no service name,
// default profile or build profile: a project's own bindep.txt such as
// openstack/nova's) name no LOCI image, so planning them once per image
// would repeat one answer under eleven names: they are planned as the one
// pseudo-service of ServiceCatalog::for_project instead. Throws the parser's
// Error(bad_input) for a file that cannot be read or parsed.
void use_rule_files(profiles::ServiceCatalog& catalog, std::vector<std::filesystem::path> files);

}  // namespace locidep::cli
