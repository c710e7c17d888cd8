// The grammars of outside text, and shell quoting checked against a real
// shell: every quoted word comes back from `sh -c` as the same bytes.
#include "common/text_grammar.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "common/shell_quote.hpp"
#include "tests/support/process.hpp"

namespace locidep::test {
namespace {

using namespace locidep::grammar;

TEST(Grammar, DebianWordsFollowDpkg) {
  for (const char* name : {"libc6", "g++", "libstdc++6", "python3.11", "a0", "Foo_bar"})
    EXPECT_FALSE(debian_package_name(name)) << name;
  for (const char* name : {"", "-foo", "+x", "foo;id", "foo bar", "foo$(id)", "foo\n"})
    EXPECT_TRUE(debian_package_name(name)) << name;
  for (const char* version :
       {"1.0", "2:1.2.3-4+deb12u1", "1.0~rc1-1", "0.9.8+dfsg-1~bpo", "1:2.3:4-5", "20230311.1-1.1"})
    EXPECT_FALSE(debian_version(version)) << version;
  for (const char* version :
       {"", "x1.0", "1.0-", "a:1.0", "1.0;id", "1.0$(id)", "1.0 1", "1.0-1:2", "1.0\n"})
    EXPECT_TRUE(debian_version(version)) << version;
  EXPECT_FALSE(debian_architecture("amd64"));
  EXPECT_FALSE(debian_architecture("all"));
  EXPECT_FALSE(debian_architecture("kfreebsd-amd64"));
  EXPECT_TRUE(debian_architecture("x86_64"));
  EXPECT_TRUE(debian_architecture("amd64;id"));
}

TEST(Grammar, RpmWordsFollowRpmbuild) {
  for (const char* name : {"gcc-c++", "perl-Net-SSLeay", "389-ds-base", "_x", "python3.11"})
    EXPECT_FALSE(rpm_package_name(name)) << name;
  for (const char* name : {"", "-x", "a;b", "a b", "a%{x}", "a\n"})
    EXPECT_TRUE(rpm_package_name(name)) << name;
  for (const char* evr : {"1.0-1.el9", "2:1.0-1", "1.0^20230101git-1", "1.0~rc1-0.1", "1.0"})
    EXPECT_FALSE(rpm_evr(evr)) << evr;
  for (const char* evr : {"", "x:1.0-1", "1.0-1-2", "1.0$(id)-1", "1.0-1;id", ":1.0-1", "1.0-"})
    EXPECT_TRUE(rpm_evr(evr)) << evr;
  EXPECT_FALSE(rpm_architecture("x86_64"));
  EXPECT_FALSE(rpm_architecture("noarch"));
  EXPECT_TRUE(rpm_architecture("x86-64"));
}

TEST(Grammar, PipImageProfileAndModuleWords) {
  EXPECT_FALSE(pip_name("oslo.rootwrap"));
  EXPECT_FALSE(pip_name("python-swiftclient"));
  EXPECT_TRUE(pip_name("-x"));
  EXPECT_TRUE(pip_name("x;y"));
  EXPECT_FALSE(pip_version("9.4.0"));
  EXPECT_FALSE(pip_version("1!2.0.post1+local_1"));
  EXPECT_TRUE(pip_version("1.0$(id)"));
  EXPECT_FALSE(image_reference("quay.io/centos/centos:stream9"));
  EXPECT_FALSE(image_reference("localhost:5000/debian@sha256:abcd"));
  EXPECT_TRUE(image_reference("debian:bookworm\nRUN id"));
  EXPECT_TRUE(image_reference("debian bookworm"));
  EXPECT_TRUE(image_reference("../x"));
  EXPECT_FALSE(profile_word("platform:ubuntu-22.04"));
  EXPECT_TRUE(profile_word("Fluent"));
  EXPECT_FALSE(module_stream("nginx:1.24"));
  EXPECT_TRUE(module_stream("nginx:1.24;id"));
  EXPECT_TRUE(module_stream(":1"));
}

TEST(Grammar, PrintableEscapesControlsAndBrokenUtf8) {
  EXPECT_EQ(printable("a\nb\tc\x7f"), "a\\x0ab\\x09c\\x7f");
  EXPECT_EQ(printable("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(printable("\xc3"), "\\xc3");
  EXPECT_EQ(printable("\xc2\x85"), "\\xc2\\x85");           // NEL, a C1 control
  EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
  EXPECT_EQ(printable(std::string("a\0b", 3)), "a\\x00b");
}

TEST(ShellWord, EveryWordComesBackFromARealShellUnchanged) {
  const std::vector<std::string> words{"plain",       "libc6=2.36-9+deb12u4",
                                       "a b",         "it's",
                                       "$(id)",       "`id`",
                                       "a;b",         "~root",
                                       "x=~",         "1.0~rc1",
                                       "a:~b",        "*",
                                       "a\\b",        "\"",
                                       "'",           "!x",
                                       "${HOME}",     "a|b&c>d<e",
                                       "caf\xc3\xa9", "^x",
                                       "#x",          "-n"};
  std::string script = "for a in";
  for (const auto& word : words) script += " " + shell_word(word, "test word");
  script += "; do printf '%s\\n' \"$a\"; done";
  const auto run = run_process("sh", {"-c", script});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string expected;
  for (const auto& word : words) expected += word + "\n";
  EXPECT_EQ(run.out, expected) << script;
}

TEST(ShellWord, PlainWordsStayUnquoted) {
  EXPECT_EQ(shell_word("libc6=2.36-9+deb12u4", "w"), "libc6=2.36-9+deb12u4");
  EXPECT_EQ(shell_word("gcc-c++-11.4.1-3.el9", "w"), "gcc-c++-11.4.1-3.el9");
  EXPECT_EQ(shell_word("libfoo=1.0~rc1-1", "w"), "libfoo=1.0~rc1-1");
  EXPECT_EQ(shell_word("x=~", "w"), "'x=~'");
  EXPECT_EQ(shell_word("it's", "w"), "'it'\\''s'");
}

TEST(ShellWord, ControlCharactersAndEmptyWordsAreRefused) {
  for (const std::string& word : {std::string("a\nb"), std::string("a\rb"), std::string("a\0b", 3),
                                  std::string("\x1b[2J"), std::string()}) {
    EXPECT_THROW(shell_word(word, "package"), Error) << printable(word);
  }
}

}  // namespace
}  // namespace locidep::test
