#include "backends/solv/package_words.hpp"

#include <fmt/format.h>

#include "common/text_grammar.hpp"

namespace locidep::solv {

namespace {

struct FamilyGrammar {
  const char* entry;  // what one solvable was in the source
  grammar::Problem (*name)(std::string_view);
  grammar::Problem (*version)(std::string_view);
  grammar::Problem (*architecture)(std::string_view);
};

const FamilyGrammar& grammar_of(Disttype disttype) {
  static const FamilyGrammar debian{"stanza", grammar::debian_package_name, grammar::debian_version,
                                    grammar::debian_architecture};
  static const FamilyGrammar rpm{"package", grammar::rpm_package_name, grammar::rpm_evr,
                                 grammar::rpm_architecture};
  return disttype == Disttype::deb ? debian : rpm;
}

}  // namespace

void check_package_words(const Pool& pool, std::span<const SolvableId> solvables,
                         const std::string& source, ExitCode code) {
  const FamilyGrammar& family = grammar_of(pool.disttype());
  std::size_t place = 0;
  for (const SolvableId id : solvables) {
    ++place;
    const std::string_view name = pool.name(id);
    const char* word = "package name";
    grammar::Problem problem = family.name(name);
    std::string_view text = name;
    if (!problem) {
      word = "version";
      text = pool.version(id);
      problem = family.version(text);
    }
    if (!problem) {
      word = "architecture";
      text = pool.arch(id);
      problem = family.architecture(text);
    }
    if (!problem) continue;
    const std::string who = word == std::string_view("package name")
                                ? ""
                                : fmt::format(" (package {})", grammar::printable(name));
    throw Error(code, fmt::format("{}: {} {}{}: {} '{}' {}", source, family.entry, place, who, word,
                                  grammar::printable(text), *problem));
  }
}

}  // namespace locidep::solv
