// bindep's real answers (../shared/golden/bindep-golden-public.jsonl): every
// record is replayed through the locidep executable as
//   locidep list --root golden/osrel/<platform_name> -f corpus/bindep/<file> <profiles…>
// and must print exactly what bindep printed (or fail where bindep failed).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/process.hpp"

namespace {

const std::filesystem::path shared_dir = LOCIDEP_SHARED_DIR;

struct GoldenRecord {
  std::string file;
  std::string platform_name;
  std::vector<std::string> platform;
  std::vector<std::string> profiles;
  bool rejected = false;
  std::vector<std::string> packages;
};

std::vector<GoldenRecord> read_golden(const std::filesystem::path& path) {
  std::vector<GoldenRecord> records;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto json = nlohmann::json::parse(line);
    GoldenRecord record;
    record.file = json.at("file");
    record.platform_name = json.at("platform_name");
    record.platform = json.at("platform").get<std::vector<std::string>>();
    record.profiles = json.at("profiles").get<std::vector<std::string>>();
    record.rejected = json.at("packages").is_null();
    if (!record.rejected) record.packages = json.at("packages").get<std::vector<std::string>>();
    records.push_back(std::move(record));
  }
  return records;
}

std::string expected_stdout(const GoldenRecord& record) {
  std::string text;
  for (std::size_t i = 0; i < record.packages.size(); ++i) {
    if (i > 0) text += '\n';
    text += record.packages[i];
  }
  return text + '\n';
}

const std::filesystem::path golden_path = shared_dir / "golden" / "bindep-golden-public.jsonl";

// One test per corpus file, so that CTest can run them side by side.
std::vector<std::string> golden_files() {
  std::vector<std::string> files;
  if (!std::filesystem::exists(golden_path)) return {"<absent>"};
  for (const auto& record : read_golden(golden_path)) {
    if (std::find(files.begin(), files.end(), record.file) == files.end())
      files.push_back(record.file);
  }
  return files;
}

class Golden : public testing::TestWithParam<std::string> {};

TEST_P(Golden, BindepAnswersAreReproducedByteForByte) {
  if (!std::filesystem::exists(golden_path)) {
    GTEST_SKIP() << "skipped: " << golden_path
                 << " is absent (the shared/ folder is not beside the checkout)";
  }
  std::size_t matched = 0;
  std::size_t cases = 0;
  for (const auto& record : read_golden(golden_path)) {
    if (record.file != GetParam()) continue;
    ++cases;
    std::vector<std::string> arguments = {
        "list", "--root", (shared_dir / "golden" / "osrel" / record.platform_name).string(), "-f",
        (shared_dir / "corpus" / "bindep" / record.file).string()};
    arguments.insert(arguments.end(), record.profiles.begin(), record.profiles.end());
    const auto result = locidep::test::run_process(LOCIDEP_BINARY, arguments);
    bool same = false;
    if (record.rejected) {
      same = result.exit_code == 2 && result.out.empty() && !result.err.empty();
    } else {
      same = result.exit_code == 0 && result.out == expected_stdout(record);
    }
    if (same) {
      ++matched;
    } else {
      ADD_FAILURE() << record.file << " on " << record.platform_name << " with "
                    << testing::PrintToString(record.profiles) << ": exit " << result.exit_code
                    << "\n--- expected\n"
                    << (record.rejected ? "<rejected>\n" : expected_stdout(record)) << "--- got\n"
                    << result.out << "--- stderr\n"
                    << result.err;
    }
  }
  std::cout << "golden: " << matched << " of " << cases << " bindep answers match for "
            << GetParam() << "\n";
  EXPECT_GT(cases, 0u);
  EXPECT_EQ(matched, cases);
}

INSTANTIATE_TEST_SUITE_P(Corpus, Golden, testing::ValuesIn(golden_files()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
