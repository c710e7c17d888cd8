// lint's "nearest names": the names of a distro's list closest to one no
// repository has. A search compares the name with tens of thousands of
// names, so a whole lint run gets a budget: past it, suggestions are left
// out and the finding says so, instead of a large file taking minutes.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace locidep::planner {

// Edit distance (Levenshtein) of A and B when it is at most MAX, else MAX + 1;
// only the band of cells that can stay within MAX is computed. CELLS, when
// given, is increased by the number of cells computed.
std::size_t bounded_edit_distance(const std::string& a, const std::string& b, std::size_t max,
                                  std::uint64_t* cells = nullptr);

class NameSuggester {
 public:
  // Work one lint run may do (names compared plus edit-distance cells): a
  // misspelt name costs about half a million against the three distros with
  // name lists, so this is some 500 such names (about 5 s), far beyond any
  // real file. docs/security.md ("Bounds").
  static constexpr std::uint64_t default_budget = 250'000'000;

  explicit NameSuggester(std::uint64_t budget = default_budget) : budget_(budget) {}

  // The names of NAMES closest to NAME, best first, at most COUNT: edit
  // distance at most a third of NAME's length (2 at least), then the longer
  // shared beginning. nullopt once the budget is spent. NAMES must outlive
  // this object (its length index is kept).
  std::optional<std::vector<std::string>> nearest(const std::string& name,
                                                  const std::set<std::string>& names,
                                                  std::size_t count);

  std::uint64_t spent() const noexcept { return spent_; }

 private:
  // A name and how many of its bytes fall in each of 32 classes: the
  // classes two names differ in bound their edit distance from below, which
  // rules most names out before any edit distance is computed.
  struct Candidate {
    const std::string* name;
    std::array<std::uint8_t, 32> histogram;
  };
  using ByLength = std::vector<std::vector<Candidate>>;
  const ByLength& index_of(const std::set<std::string>& names);

  std::uint64_t budget_;
  std::uint64_t spent_ = 0;
  std::map<const std::set<std::string>*, ByLength> indexes_;
  std::map<std::pair<const std::set<std::string>*, std::string>, std::vector<std::string>> memo_;
};

}  // namespace locidep::planner
