// locidep's side of the differential test: the same JSON answer as oracle.py.
// Usage: parser_differential_driver CASES.json OUT.json
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "common/error.hpp"
#include "parser/parser.hpp"

namespace {

using namespace locidep::parser;

std::string atom(const ProfileAtom& a) { return (a.negated ? "!" : "") + a.name; }

nlohmann::json item(const SelectorItem& it) {
  if (const auto* a = std::get_if<ProfileAtom>(&it)) return atom(*a);
  const auto& group = std::get<ProfileGroup>(it);
  std::string text = "(";
  for (std::size_t i = 0; i < group.atoms.size(); ++i) {
    if (i > 0) text += ' ';
    text += atom(group.atoms[i]);
  }
  return text + ")";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  std::ifstream in(argv[1]);
  const auto cases = nlohmann::json::parse(in);
  nlohmann::json answers = nlohmann::json::array();
  for (const auto& c : cases) {
    try {
      // bindep hands the parser the text as read, without universal newlines.
      const RuleFile file = parse_rules(c.get<std::string>(), "case");
      nlohmann::json rules = nlohmann::json::array();
      for (const Rule& rule : file.rules) {
        // bindep answers [] both for no selector and for an empty one.
        nlohmann::json items = nlohmann::json::array();
        for (const SelectorItem& it : rule.selector) items.push_back(item(it));
        nlohmann::json constraints = nlohmann::json::array();
        for (const VersionConstraint& v : rule.constraints) constraints.push_back(v.text());
        rules.push_back({rule.name, items, constraints});
      }
      answers.push_back(rules);
    } catch (const locidep::ParseError&) {
      answers.push_back(nullptr);
    }
  }
  std::ofstream(argv[2]) << answers.dump();
  return 0;
}
