// Parser behaviour that fixtures cannot show: positions inside a rule, the
// raw-text entry point, error rendering, and the promise that nothing shell
// code could use ever makes it into a name or version.
#include "parser/parser.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <variant>

#include "common/error.hpp"
#include "rule_dump.hpp"

namespace locidep::parser {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Runs parse_rules and returns the error it must throw.
ParseError rejection_of(std::string_view text) {
  try {
    const RuleFile parsed = parse_rules(text, "input.txt");
    ADD_FAILURE() << "accepted:\n" << text << "\nparsed as:\n" << testing::dump(parsed);
  } catch (const ParseError& error) {
    return error;
  }
  return ParseError("(not rejected)", SourceLocation{});
}

class TempFile {
 public:
  explicit TempFile(const std::string& contents) {
    // Unique across processes (pid) and within a test (counter).
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("locidep-parser-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + "-" +
             std::to_string(counter++) + ".txt");
    std::ofstream(path_, std::ios::binary) << contents;
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(Parser, KeepsThePositionOfEveryPart) {
  const RuleFile file = parse_rules("# header\n\nfoo [!a (b !c) d] >=1,<2\n", "bindep.txt");
  EXPECT_EQ(file.path, "bindep.txt");
  ASSERT_EQ(file.rules.size(), 1U);
  const Rule& rule = file.rules[0];
  EXPECT_EQ(rule.name, "foo");
  EXPECT_EQ(rule.position, (Position{3, 1}));
  ASSERT_TRUE(rule.has_selector);
  ASSERT_EQ(rule.selector.size(), 3U);

  const auto& negated = std::get<ProfileAtom>(rule.selector[0]);
  EXPECT_EQ(negated, (ProfileAtom{"a", true, {3, 6}}));

  const auto& group = std::get<ProfileGroup>(rule.selector[1]);
  EXPECT_EQ(group.position, (Position{3, 9}));
  ASSERT_EQ(group.atoms.size(), 2U);
  EXPECT_EQ(group.atoms[0], (ProfileAtom{"b", false, {3, 10}}));
  EXPECT_EQ(group.atoms[1], (ProfileAtom{"c", true, {3, 12}}));

  EXPECT_EQ(std::get<ProfileAtom>(rule.selector[2]), (ProfileAtom{"d", false, {3, 16}}));

  ASSERT_EQ(rule.constraints.size(), 2U);
  EXPECT_EQ(rule.constraints[0], (VersionConstraint{VersionOperator::greater_equal, "1", {3, 19}}));
  EXPECT_EQ(rule.constraints[1], (VersionConstraint{VersionOperator::less, "2", {3, 23}}));
}

TEST(Parser, CountsColumnsInCharactersNotBytes) {
  const RuleFile file = parse_rules("café-tools [ab] >=1\n", "bindep.txt");
  ASSERT_EQ(file.rules.size(), 1U);
  const Rule& rule = file.rules[0];
  EXPECT_EQ(rule.name, "café-tools");
  EXPECT_EQ(std::get<ProfileAtom>(rule.selector.at(0)).position, (Position{1, 13}));
  EXPECT_EQ(rule.constraints.at(0).position, (Position{1, 17}));
}

TEST(Parser, ReportsErrorColumnsInCharacters) {
  const ParseError error = rejection_of("café[test]\n");
  ASSERT_TRUE(error.location());
  EXPECT_EQ(error.location()->line, 1U);
  EXPECT_EQ(error.location()->column, 5U);
  EXPECT_EQ(error.location()->line_text, "café[test]");
  EXPECT_STREQ(error.what(), "expected a space before '['");
}

TEST(Parser, EmptyInputHasNoRules) {
  EXPECT_TRUE(parse_rules("", "empty").rules.empty());
  EXPECT_TRUE(parse_rules("\n\n", "blank").rules.empty());
  EXPECT_TRUE(parse_rules("# only\n  # comments\n", "comments").rules.empty());
}

TEST(Parser, RawCarriageReturnIsRejected) {
  // parse_rules sees the text as given; only the file reader applies
  // universal newlines, as bindep's CLI does.
  const ParseError error = rejection_of("foo\r\nbar\r\n");
  EXPECT_EQ(error.location()->line, 1U);
  EXPECT_EQ(error.location()->column, 4U);
  EXPECT_THAT(error.what(), HasSubstr("found a carriage return"));

  const ParseError blank = rejection_of("foo\n\r\n");
  EXPECT_EQ(blank.location()->line, 2U);
  EXPECT_EQ(blank.location()->column, 1U);
}

TEST(Parser, CarriageReturnInsideACommentIsJustCommentText) {
  // bindep's comment is '#' followed by anything but '\n'.
  const RuleFile file = parse_rules("# note\r\nfoo\n", "input.txt");
  ASSERT_EQ(file.rules.size(), 1U);
  EXPECT_EQ(file.rules[0].position, (Position{2, 1}));
}

TEST(Parser, TabInsideACommentIsJustCommentText) {
  const RuleFile file = parse_rules("foo # a\tb\n# c\td\n", "input.txt");
  EXPECT_EQ(testing::dump(file), "1:1 name=foo\n");
}

TEST(ParseRuleFile, AppliesUniversalNewlines) {
  const TempFile crlf("foo [test]\r\n# comment\r\nbar >=1\r\n");
  const RuleFile from_crlf = parse_rule_file(crlf.path());
  EXPECT_EQ(testing::dump(from_crlf),
            "1:1 name=foo selector=[test]\n3:1 name=bar versions=[>=1]\n");
  EXPECT_EQ(from_crlf.path, crlf.path().string());

  const TempFile lone_cr("foo\rbar\r");
  EXPECT_EQ(testing::dump(parse_rule_file(lone_cr.path())), "1:1 name=foo\n2:1 name=bar\n");
}

TEST(ParseRuleFile, NamesTheFileInErrors) {
  const TempFile bad("foo\nbar[x]\n");
  try {
    (void)parse_rule_file(bad.path());
    FAIL() << "accepted";
  } catch (const ParseError& error) {
    EXPECT_EQ(error.exit_code(), ExitCode::bad_input);
    EXPECT_EQ(error.render(), "locidep: " + bad.path().string() +
                                  ":2:4: error: expected a space before '['\nbar[x]\n   ^\n");
  }
}

TEST(ParseRuleFile, MissingFileIsAnError) {
  EXPECT_THROW((void)parse_rule_file("/nonexistent/locidep/bindep.txt"), Error);
}

TEST(Parser, InvalidUtf8IsAnErrorNotACrash) {
  EXPECT_THROW((void)parse_rules("foo\xff\n", "input.txt"), Error);
  EXPECT_THROW((void)parse_rules(std::string_view("foo\0\n", 5), "input.txt"), Error);
}

TEST(Parser, MissingFinalLineBreakPointsAfterTheLastCharacter) {
  const ParseError error = rejection_of("foo\nbar [test]");
  EXPECT_EQ(error.location()->line, 2U);
  EXPECT_EQ(error.location()->column, 11U);
  EXPECT_EQ(error.location()->line_text, "bar [test]");
  EXPECT_STREQ(error.what(), "expected a line break at the end of the file");
}

// Names and versions reach package managers; whatever a shell could act on
// is outside the grammar, and the error says where.
TEST(Parser, ShellMetacharactersNeverFormANameOrVersion) {
  struct Case {
    const char* text;
    std::size_t column;
  };
  const Case cases[] = {
      {"foo;rm -rf /\n", 4}, {"foo$(id)\n", 4},  {"foo`id`\n", 4},    {"foo\"x\"\n", 4},
      {"foo'x'\n", 4},       {"foo bar\n", 5},   {"foo|cat\n", 4},    {"foo&&id\n", 4},
      {"foo>out\n", 4},      {"foo <x\n", 6},    {"foo >=1;id\n", 8}, {"foo >=1$(id)\n", 8},
      {"foo >=1`id`\n", 8},  {"foo [a;b]\n", 7}, {"foo\\\n", 4},      {"$(id)\n", 1},
      {"foo >=1 ;id\n", 9},  {"foo *\n", 5},     {"foo?\n", 4},       {"~foo\n", 1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const ParseError error = rejection_of(c.text);
    ASSERT_TRUE(error.location());
    EXPECT_EQ(error.location()->line, 1U);
    EXPECT_EQ(error.location()->column, c.column);
    EXPECT_THAT(error.what(), StartsWith("expected "));
  }
}

TEST(Ast, OperatorsPrintAsWritten) {
  EXPECT_STREQ(to_string(VersionOperator::less), "<");
  EXPECT_STREQ(to_string(VersionOperator::less_equal), "<=");
  EXPECT_STREQ(to_string(VersionOperator::not_equal), "!=");
  EXPECT_STREQ(to_string(VersionOperator::equal), "==");
  EXPECT_STREQ(to_string(VersionOperator::greater_equal), ">=");
  EXPECT_STREQ(to_string(VersionOperator::greater), ">");

  const RuleFile file = parse_rules("foo <1,<=2,!=3,==4,>=5,>6\n", "x");
  ASSERT_EQ(file.rules.size(), 1U);
  const auto& c = file.rules[0].constraints;
  ASSERT_EQ(c.size(), 6U);
  EXPECT_EQ(c[0].op, VersionOperator::less);
  EXPECT_EQ(c[1].op, VersionOperator::less_equal);
  EXPECT_EQ(c[2].op, VersionOperator::not_equal);
  EXPECT_EQ(c[3].op, VersionOperator::equal);
  EXPECT_EQ(c[4].op, VersionOperator::greater_equal);
  EXPECT_EQ(c[5].op, VersionOperator::greater);
  EXPECT_EQ(c[5].version, "6");
  EXPECT_EQ(c[5].text(), ">6");
}

TEST(Ast, PlatformAtomsAreRecognised) {
  const RuleFile file = parse_rules("foo [platform:dpkg !platform:suse test]\n", "x");
  const auto& selector = file.rules.at(0).selector;
  EXPECT_TRUE(std::get<ProfileAtom>(selector.at(0)).is_platform());
  EXPECT_TRUE(std::get<ProfileAtom>(selector.at(1)).is_platform());
  EXPECT_TRUE(std::get<ProfileAtom>(selector.at(1)).negated);
  EXPECT_FALSE(std::get<ProfileAtom>(selector.at(2)).is_platform());
}

}  // namespace
}  // namespace locidep::parser
