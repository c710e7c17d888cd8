// Data-driven parser tests: every fixtures/parser/accept/NAME.txt must parse
// to exactly NAME.expected (see rule_dump.hpp), every
// fixtures/parser/reject/NAME.txt must fail with exactly NAME.error
// ("LINE:COL: message"). Adding a case is adding two files.
//
// LOCIDEP_UPDATE_FIXTURES=1 rewrites the expectation files from what the
// parser does now; review the diff before keeping it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/text_file.hpp"
#include "parser/parser.hpp"
#include "rule_dump.hpp"
#include "tests/support/files.hpp"

namespace locidep::parser {
namespace {

namespace fs = std::filesystem;
using locidep::test::read_file;

const fs::path fixture_root = fs::path(LOCIDEP_FIXTURES_DIR) / "parser";

struct Fixture {
  fs::path input;
  bool accepted = false;
};

std::vector<Fixture> list_fixtures() {
  std::vector<Fixture> fixtures;
  for (const auto& [folder, accepted] : {std::pair{"accept", true}, std::pair{"reject", false}}) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(fixture_root / folder, ec)) {
      if (entry.path().extension() == ".txt") fixtures.push_back({entry.path(), accepted});
    }
  }
  std::sort(fixtures.begin(), fixtures.end(),
            [](const Fixture& a, const Fixture& b) { return a.input < b.input; });
  return fixtures;
}

void write_all(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

bool updating() {
  const char* value = std::getenv("LOCIDEP_UPDATE_FIXTURES");
  return value != nullptr && std::string(value) == "1";
}

std::string error_line(const ParseError& error) {
  const SourceLocation& where = *error.location();
  return std::to_string(where.line) + ":" + std::to_string(where.column) + ": " + error.what() +
         "\n";
}

// The line an error quotes must be the line it names, as the parser saw it.
void expect_quotes_its_line(const ParseError& error, const fs::path& input) {
  const SourceLocation& where = *error.location();
  EXPECT_EQ(where.file, input.string());
  std::istringstream lines(normalize_newlines(read_file(input)));
  std::string line;
  for (std::size_t n = 0; n < where.line && std::getline(lines, line); ++n) {
  }
  EXPECT_EQ(where.line_text, line);
  EXPECT_LE(where.column, utf8_length(line) + 1);
}

class ParserFixture : public ::testing::TestWithParam<Fixture> {};

TEST_P(ParserFixture, MatchesExpectation) {
  const Fixture& fixture = GetParam();
  if (fixture.accepted) {
    const fs::path expected_path = fs::path(fixture.input).replace_extension(".expected");
    RuleFile parsed;
    try {
      parsed = parse_rule_file(fixture.input);
    } catch (const ParseError& error) {
      FAIL() << "bindep accepts this file, but:\n" << error.render();
    }
    const std::string actual = testing::dump(parsed);
    if (updating()) write_all(expected_path, actual);
    ASSERT_TRUE(fs::exists(expected_path)) << "missing " << expected_path;
    EXPECT_EQ(actual, read_file(expected_path));
  } else {
    const fs::path expected_path = fs::path(fixture.input).replace_extension(".error");
    try {
      const RuleFile parsed = parse_rule_file(fixture.input);
      FAIL() << "bindep rejects this file, but it parsed as:\n" << testing::dump(parsed);
    } catch (const ParseError& error) {
      const std::string actual = error_line(error);
      if (updating()) write_all(expected_path, actual);
      ASSERT_TRUE(fs::exists(expected_path)) << "missing " << expected_path;
      EXPECT_EQ(actual, read_file(expected_path)) << error.render();
      expect_quotes_its_line(error, fixture.input);
    }
  }
}

std::string fixture_name(const ::testing::TestParamInfo<Fixture>& info) {
  std::string name =
      (info.param.accepted ? "accept_" : "reject_") + info.param.input.stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, ParserFixture, ::testing::ValuesIn(list_fixtures()), fixture_name);

// Every expectation file belongs to an input, so none is silently ignored.
TEST(ParserFixtures, EveryExpectationHasAnInput) {
  std::size_t inputs = 0;
  for (const char* folder : {"accept", "reject"}) {
    for (const auto& entry : fs::directory_iterator(fixture_root / folder)) {
      const fs::path path = entry.path();
      if (path.extension() == ".txt") {
        ++inputs;
        continue;
      }
      EXPECT_TRUE(path.extension() == ".expected" || path.extension() == ".error")
          << "unexpected file " << path;
      EXPECT_TRUE(fs::exists(fs::path(path).replace_extension(".txt"))) << "no input for " << path;
    }
  }
  EXPECT_GT(inputs, 0U) << "no fixtures found under " << fixture_root;
}

}  // namespace
}  // namespace locidep::parser
