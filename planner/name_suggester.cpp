#include "planner/name_suggester.hpp"

#include <algorithm>

namespace locidep::planner {

std::size_t bounded_edit_distance(const std::string& a, const std::string& b, std::size_t max,
                                  std::uint64_t* cells) {
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > max) return max + 1;
  const std::size_t beyond = max + 1;
  // Row i holds the distances of a[0,i) to b[0,j); cells further than MAX
  // from the diagonal can only be above MAX and stay at BEYOND.
  std::vector<std::size_t> previous(b.size() + 1, beyond), current(b.size() + 1, beyond);
  for (std::size_t j = 0; j <= std::min(b.size(), max); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::size_t from = i > max ? i - max : 1;
    const std::size_t to = std::min(b.size(), i + max);
    std::fill(current.begin(), current.end(), beyond);
    current[0] = i <= max ? i : beyond;
    std::size_t row_best = current[0];
    for (std::size_t j = from; j <= to; ++j) {
      const std::size_t value =
          std::min({previous[j] + 1, current[j - 1] + 1,
                    previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), beyond});
      current[j] = value;
      row_best = std::min(row_best, value);
    }
    if (cells) *cells += to >= from ? to - from + 1 : 0;
    if (row_best > max) return beyond;
    std::swap(previous, current);
  }
  return std::min(previous[b.size()], beyond);
}

namespace {

std::array<std::uint8_t, 32> histogram_of(const std::string& name) {
  std::array<std::uint8_t, 32> histogram{};
  for (const char c : name) {
    auto& count = histogram[static_cast<unsigned char>(c) & 31];
    if (count < 255) ++count;
  }
  return histogram;
}

// A lower bound of the edit distance: each edit changes at most one byte
// more and one byte less in the histograms.
std::size_t histogram_distance(const std::array<std::uint8_t, 32>& a,
                               const std::array<std::uint8_t, 32>& b) {
  std::size_t more = 0;
  std::size_t less = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] > b[i])
      more += a[i] - b[i];
    else
      less += b[i] - a[i];
  }
  return std::max(more, less);
}

}  // namespace

const NameSuggester::ByLength& NameSuggester::index_of(const std::set<std::string>& names) {
  auto [found, inserted] = indexes_.try_emplace(&names);
  if (inserted) {
    for (const auto& name : names) {
      if (found->second.size() <= name.size()) found->second.resize(name.size() + 1);
      found->second[name.size()].push_back({&name, histogram_of(name)});
    }
  }
  return found->second;
}

std::optional<std::vector<std::string>> NameSuggester::nearest(const std::string& name,
                                                               const std::set<std::string>& names,
                                                               std::size_t count) {
  const auto key = std::make_pair(&names, name);
  if (const auto found = memo_.find(key); found != memo_.end()) return found->second;
  if (spent_ >= budget_) return std::nullopt;
  const ByLength& by_length = index_of(names);
  const std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
  const auto histogram = histogram_of(name);
  std::vector<std::pair<std::size_t, const std::string*>> scored;
  const std::size_t shortest = name.size() > limit ? name.size() - limit : 0;
  for (std::size_t length = shortest; length <= name.size() + limit && length < by_length.size();
       ++length) {
    for (const auto& [candidate, candidate_histogram] : by_length[length]) {
      ++spent_;
      if (histogram_distance(histogram, candidate_histogram) > limit) continue;
      const std::size_t distance = bounded_edit_distance(name, *candidate, limit, &spent_);
      if (distance > limit) continue;
      // A long shared beginning is the best sign of the same package under a
      // new name (libmariadbclient-dev → libmariadb-dev).
      std::size_t prefix = 0;
      while (prefix < name.size() && prefix < candidate->size() &&
             name[prefix] == (*candidate)[prefix])
        ++prefix;
      scored.emplace_back(3 * distance + 12 - std::min<std::size_t>(prefix, 12), candidate);
    }
  }
  std::sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : *x.second < *y.second;
  });
  std::vector<std::string> best;
  for (std::size_t i = 0; i < scored.size() && i < count; ++i) best.push_back(*scored[i].second);
  memo_.emplace(key, best);
  return best;
}

}  // namespace locidep::planner
