// bindep's selection truth table (bindep-spec.md §2, the suite's
// test_platforms_include and test_platforms cases), on parsed rules.
#include "planner/selection.hpp"

#include <gtest/gtest.h>

#include "parser/parser.hpp"

namespace {

using locidep::planner::ActiveProfiles;

bool active(const std::string& line, const std::vector<std::string>& user,
            const std::vector<std::string>& platform) {
  const auto file = locidep::parser::parse_rules(line + "\n", "test");
  return locidep::planner::rule_is_active(file.rules.at(0), ActiveProfiles(user, platform));
}

const std::vector<std::string> dpkg = {"platform:dpkg", "platform:ubuntu"};
const std::vector<std::string> rpm = {"platform:rpm", "platform:redhat"};

TEST(Selection, NoSelectorIsAlwaysActive) {
  EXPECT_TRUE(active("foo", {}, dpkg));
  EXPECT_TRUE(active("foo []", {"x"}, rpm));
  EXPECT_TRUE(active("foo [()]", {}, rpm));
}

TEST(Selection, DefaultProfileOnlyWithoutUserProfiles) {
  EXPECT_TRUE(active("foo [default]", {}, dpkg));
  EXPECT_FALSE(active("foo [default]", {"test"}, dpkg));
  EXPECT_FALSE(active("foo [on]", {}, dpkg));
  EXPECT_TRUE(active("foo [on]", {"on"}, dpkg));
  EXPECT_FALSE(active("foo [!off]", {"off"}, dpkg));
  EXPECT_TRUE(active("foo [!off]", {}, dpkg));
}

TEST(Selection, PlatformAtomsFilterUserAtoms) {
  // [platform:rpm test] is rpm AND test.
  EXPECT_TRUE(active("foo [platform:rpm test]", {"test"}, rpm));
  EXPECT_FALSE(active("foo [platform:rpm test]", {"test"}, dpkg));
  EXPECT_FALSE(active("foo [platform:rpm test]", {}, rpm));
  // Several platform atoms are OR.
  EXPECT_TRUE(active("foo [platform:dpkg platform:rpm]", {}, rpm));
  EXPECT_TRUE(active("foo [platform:dpkg platform:rpm]", {}, dpkg));
  // A negated platform atom alone admits every other platform.
  EXPECT_TRUE(active("foo [!platform:rpm]", {}, dpkg));
  EXPECT_FALSE(active("foo [!platform:rpm]", {}, rpm));
  EXPECT_FALSE(active("foo [platform:rpm !platform:redhat]", {}, rpm));
}

TEST(Selection, GroupsAreAndAndCountAsPositive) {
  EXPECT_TRUE(active("foo [(bar baz) (quux)]", {"bar", "baz"}, dpkg));
  EXPECT_TRUE(active("foo [(bar baz) (quux)]", {"quux"}, dpkg));
  EXPECT_FALSE(active("foo [(bar baz) (quux)]", {"bar"}, dpkg));
  EXPECT_TRUE(active("foo [(bar !baz) quux]", {"bar"}, dpkg));
  EXPECT_FALSE(active("foo [(bar !baz)]", {"bar", "baz"}, dpkg));
  // [!x (a b)] with neither x nor the group present is inactive.
  EXPECT_FALSE(active("foo [!x (a b)]", {"other"}, dpkg));
  // A platform atom inside a group is a user item: [(platform:rpm) test]
  // is rpm OR test.
  EXPECT_TRUE(active("foo [(platform:rpm) test]", {"test"}, dpkg));
  EXPECT_TRUE(active("foo [(platform:rpm) test]", {"other"}, rpm));
  EXPECT_FALSE(active("foo [(platform:rpm) test]", {"other"}, dpkg));
}

TEST(Selection, UnprefixedFamilyWordNeverMatchesThePlatform) {
  EXPECT_FALSE(active("foo [dpkg]", {"x"}, dpkg));
}

TEST(Selection, NoDefaultWhenThePlannerAsksForNone) {
  const auto file = locidep::parser::parse_rules("foo [default]\nbar\n", "test");
  const ActiveProfiles none({}, dpkg, false);
  EXPECT_FALSE(locidep::planner::rule_is_active(file.rules[0], none));
  EXPECT_TRUE(locidep::planner::rule_is_active(file.rules[1], none));
}

}  // namespace
