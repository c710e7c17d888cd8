// A minimal deb822 stanza scanner for the few fields locidep needs beyond
// what libsolv's Packages parser keeps (it drops Priority, Essential,
// Protected and the "(version)" of Source) and for dpkg status filtering.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace locidep::apt {

struct StanzaFields {
  std::string_view package;
  std::string_view version;
  std::string_view architecture;
  std::string_view priority;
  std::string_view essential;   // "yes" or empty
  std::string_view protected_;  // "yes" or empty
  std::string_view source;      // "name" or "name (version)", may be empty
  std::string_view pre_depends;
  std::string_view depends;
  // The other relationship fields, in the order apt's cache reads them
  // after Pre-Depends and Depends (their names create apt's packages).
  std::string_view conflicts;
  std::string_view breaks;
  std::string_view recommends;
  std::string_view suggests;
  std::string_view replaces;
  std::string_view enhances;
  std::string_view provides;
  std::string_view status;          // dpkg status files only
  std::string_view auto_installed;  // extended_states only
  std::string_view text;            // the whole stanza, without the blank line after it
};

// Splits deb822 text into stanzas (blank-line separated) and picks the
// fields above. Views point into TEXT.
std::vector<StanzaFields> scan_stanzas(std::string_view text);

// The same, one stanza at a time (no list of 60k stanzas in memory).
void for_each_stanza(std::string_view text, const std::function<void(const StanzaFields&)>& visit);

// "name (version)" → {"name", "version"}; "name" → {"name", ""}.
std::pair<std::string_view, std::string_view> split_source(std::string_view source);

}  // namespace locidep::apt
