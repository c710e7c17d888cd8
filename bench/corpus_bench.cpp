// The whole corpus × every catalogue distro, evaluated in one process: parse
// every bindep file of ../shared/corpus/bindep and ../shared/corpus/loci,
// then select its rules for each distro with a few profile sets, as `list`
// does. Reports files per second (parse + select) and the time of one full
// pass. Target: the whole pass in under 20 ms.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/text_file.hpp"
#include "parser/parser.hpp"
#include "planner/bindep_compat.hpp"
#include "planner/selection.hpp"
#include "profiles/profiles.hpp"

namespace {

namespace fs = std::filesystem;

struct CorpusFile {
  std::string name;
  std::string text;
};

std::vector<CorpusFile> load_corpus() {
  std::vector<CorpusFile> files;
  for (const char* folder : {"corpus/bindep", "corpus/loci"}) {
    const fs::path dir = fs::path(LOCIDEP_SHARED_DIR) / folder;
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      const auto name = entry.path().filename().string();
      if (!entry.is_regular_file() || name.starts_with("MANIFEST")) continue;
      try {
        files.push_back({entry.path().string(),
                         locidep::normalize_newlines(locidep::read_text_file(entry.path()))});
      } catch (const locidep::Error&) {
        // Not text: not a rule file.
      }
    }
  }
  return files;
}

const std::vector<std::vector<std::string>> profile_sets = {
    {}, {"test"}, {"compile"}, {"nova", "fluent", "ceph"}, {"requirements"}};

void BM_CorpusTimesDistros(benchmark::State& state) {
  const auto corpus = load_corpus();
  if (corpus.empty()) {
    state.SkipWithError("../shared/corpus is absent");
    return;
  }
  const auto catalog = locidep::profiles::Catalog::load_default();
  std::size_t files_done = 0;
  for (auto _ : state) {
    std::size_t packages = 0;
    for (const auto& file : corpus) {
      locidep::parser::RuleFile rules;
      try {
        rules = locidep::parser::parse_rules(file.text, file.name);
      } catch (const locidep::ParseError&) {
        ++files_done;  // rejected, as bindep rejects it
        continue;
      }
      for (const auto& distro : catalog.distros()) {
        for (const auto& profiles : profile_sets) {
          const auto active = locidep::planner::active_rules(
              rules, locidep::planner::ActiveProfiles(profiles, distro.platform.atoms));
          packages += locidep::planner::render_package_list(active, file.name,
                                                            locidep::planner::ListFormat::newline)
                          .size();
        }
      }
      ++files_done;
    }
    benchmark::DoNotOptimize(packages);
  }
  state.counters["files"] = static_cast<double>(corpus.size());
  state.counters["distros"] = static_cast<double>(catalog.distros().size());
  state.counters["files_per_second"] =
      benchmark::Counter(static_cast<double>(files_done), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CorpusTimesDistros)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
