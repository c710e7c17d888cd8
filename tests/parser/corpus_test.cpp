// The real-world files of shared/corpus: every one parses, except exactly
// those the real bindep rejected.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/text_file.hpp"
#include "parser/parser.hpp"

namespace locidep::parser {
namespace {

namespace fs = std::filesystem;

const fs::path shared_dir = LOCIDEP_SHARED_DIR;

// Rejected by bindep but absent from the golden answers (which cover only
// part of corpus/bindep): bindep-spec.md §1 names it next to armada, both
// lacking a final line break.
const std::set<std::string> rejected_outside_golden = {"airshipit__drydock__bindep.txt"};

#define SKIP_WITHOUT_SHARED_DIR()                                                     \
  if (!fs::is_directory(shared_dir / "corpus")) {                                     \
    GTEST_SKIP() << "no corpus: " << (shared_dir / "corpus")                          \
                 << " does not exist (set LOCIDEP_SHARED_DIR to the shared/ folder)"; \
  }

struct CorpusFile {
  std::string name;  // as MANIFEST.tsv and the golden answers name it
  fs::path path;
};

// The files a corpus folder's MANIFEST.tsv lists (its first column).
std::vector<CorpusFile> corpus_files() {
  std::vector<CorpusFile> files;
  for (const char* folder : {"bindep", "loci"}) {
    const fs::path dir = shared_dir / "corpus" / folder;
    std::ifstream manifest(dir / "MANIFEST.tsv");
    EXPECT_TRUE(manifest) << "cannot read " << dir / "MANIFEST.tsv";
    std::string line;
    std::getline(manifest, line);  // header
    while (std::getline(manifest, line)) {
      const std::string name = line.substr(0, line.find('\t'));
      if (name.empty()) continue;
      EXPECT_TRUE(fs::exists(dir / name)) << "MANIFEST lists a missing file: " << dir / name;
      files.push_back({name, dir / name});
    }
  }
  return files;
}

struct Golden {
  std::set<std::string> files;
  std::set<std::string> rejected;  // "packages": null
};

Golden read_golden() {
  Golden golden;
  std::ifstream in(shared_dir / "golden" / "bindep-golden-public.jsonl");
  EXPECT_TRUE(in) << "cannot read the golden answers";
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto record = nlohmann::json::parse(line);
    const std::string file = record.at("file").get<std::string>();
    golden.files.insert(file);
    if (record.at("packages").is_null()) golden.rejected.insert(file);
  }
  return golden;
}

TEST(Corpus, ParsesExceptWhatBindepRejects) {
  SKIP_WITHOUT_SHARED_DIR();
  const std::vector<CorpusFile> files = corpus_files();
  ASSERT_FALSE(files.empty());
  const Golden golden = read_golden();

  std::set<std::string> expected_rejected = golden.rejected;
  expected_rejected.insert(rejected_outside_golden.begin(), rejected_outside_golden.end());

  std::set<std::string> names;
  std::set<std::string> rejected;
  std::size_t rules = 0;
  for (const CorpusFile& file : files) {
    names.insert(file.name);
    try {
      rules += parse_rule_file(file.path).rules.size();
    } catch (const ParseError& error) {
      rejected.insert(file.name);
      if (!expected_rejected.contains(file.name)) ADD_FAILURE() << error.render();
      // Both known rejections are a last line without a line break.
      EXPECT_STREQ(error.what(), "expected a line break at the end of the file") << file.name;
    }
  }
  for (const std::string& name : golden.files) {
    EXPECT_TRUE(names.contains(name)) << "golden answers name a file the corpus lacks: " << name;
  }
  EXPECT_EQ(rejected, expected_rejected);
  std::cout << "[ corpus   ] " << files.size() << " files, " << files.size() - rejected.size()
            << " parsed (" << rules << " rules), " << rejected.size()
            << " rejected as bindep does\n";
}

// What reaches a package manager is a name or a version; whatever bindep
// accepts there is harmless in a shell word, which the real corpus confirms.
TEST(Corpus, NamesAndVersionsUseOnlySafeCharacters) {
  SKIP_WITHOUT_SHARED_DIR();
  const auto safe = [](std::string_view text, std::string_view punctuation) {
    for (const char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte >= 0x80 || std::isalnum(byte) || punctuation.find(c) != std::string_view::npos)
        continue;
      return false;
    }
    return true;
  };
  for (const CorpusFile& file : corpus_files()) {
    RuleFile parsed;
    try {
      parsed = parse_rule_file(file.path);
    } catch (const ParseError&) {
      continue;  // checked above
    }
    for (const Rule& rule : parsed.rules) {
      EXPECT_TRUE(safe(rule.name, "._+-/")) << file.name << ": " << rule.name;
      for (const VersionConstraint& constraint : rule.constraints) {
        EXPECT_TRUE(safe(constraint.version, ".+~:-")) << file.name << ": " << constraint.version;
      }
    }
  }
}

TEST(Corpus, ParsesInAFewMilliseconds) {
  SKIP_WITHOUT_SHARED_DIR();
  std::vector<std::pair<std::string, std::string>> texts;
  for (const CorpusFile& file : corpus_files()) {
    texts.emplace_back(normalize_newlines(read_text_file(file.path)), file.path.string());
  }
  const auto start = std::chrono::steady_clock::now();
  std::size_t rules = 0;
  for (const auto& [text, name] : texts) {
    try {
      rules += parse_rules(text, name).rules.size();
    } catch (const ParseError&) {
    }
  }
  const auto elapsed =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  std::cout << "[ corpus   ] parsed " << texts.size() << " files (" << rules << " rules) in "
            << elapsed.count() << " ms\n";
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(elapsed.count(), 50.0);
#endif
}

}  // namespace
}  // namespace locidep::parser
