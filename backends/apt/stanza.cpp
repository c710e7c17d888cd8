#include "backends/apt/stanza.hpp"

#include <strings.h>

namespace locidep::apt {

namespace {

std::string_view trim(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r'))
    value.remove_suffix(1);
  return value;
}

bool field_is(std::string_view line, std::string_view name) {
  return line.size() > name.size() && line[name.size()] == ':' &&
         strncasecmp(line.data(), name.data(), name.size()) == 0;
}

}  // namespace

std::vector<StanzaFields> scan_stanzas(std::string_view text) {
  std::vector<StanzaFields> stanzas;
  for_each_stanza(text, [&](const StanzaFields& fields) { stanzas.push_back(fields); });
  return stanzas;
}

void for_each_stanza(std::string_view text, const std::function<void(const StanzaFields&)>& visit) {
  std::size_t pos = 0;
  const std::size_t end = text.size();
  while (pos < end) {
    // Skip blank lines between stanzas.
    while (pos < end && (text[pos] == '\n' || text[pos] == '\r')) ++pos;
    if (pos >= end) break;
    StanzaFields fields;
    const std::size_t start = pos;
    std::size_t stanza_end = end;
    while (pos < end) {
      std::size_t eol = text.find('\n', pos);
      if (eol == std::string_view::npos) eol = end;
      std::string_view line = text.substr(pos, eol - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) {
        stanza_end = pos;
        pos = eol + 1;
        break;
      }
      if (line.front() != ' ' && line.front() != '\t') {
        const char first = static_cast<char>(line.front() | 0x20);
        auto value = [&](std::string_view name) { return trim(line.substr(name.size() + 1)); };
        switch (first) {
          case 'p':
            if (field_is(line, "Package"))
              fields.package = value("Package");
            else if (field_is(line, "Pre-Depends"))
              fields.pre_depends = value("Pre-Depends");
            else if (field_is(line, "Priority"))
              fields.priority = value("Priority");
            else if (field_is(line, "Protected"))
              fields.protected_ = value("Protected");
            else if (field_is(line, "Provides"))
              fields.provides = value("Provides");
            break;
          case 'v':
            if (field_is(line, "Version")) fields.version = value("Version");
            break;
          case 'a':
            if (field_is(line, "Architecture"))
              fields.architecture = value("Architecture");
            else if (field_is(line, "Auto-Installed"))
              fields.auto_installed = value("Auto-Installed");
            break;
          case 'd':
            if (field_is(line, "Depends")) fields.depends = value("Depends");
            break;
          case 'e':
            if (field_is(line, "Essential"))
              fields.essential = value("Essential");
            else if (field_is(line, "Enhances"))
              fields.enhances = value("Enhances");
            break;
          case 's':
            if (field_is(line, "Source"))
              fields.source = value("Source");
            else if (field_is(line, "Status"))
              fields.status = value("Status");
            else if (field_is(line, "Suggests"))
              fields.suggests = value("Suggests");
            break;
          case 'c':
            if (field_is(line, "Conflicts")) fields.conflicts = value("Conflicts");
            break;
          case 'b':
            if (field_is(line, "Breaks")) fields.breaks = value("Breaks");
            break;
          case 'r':
            if (field_is(line, "Recommends"))
              fields.recommends = value("Recommends");
            else if (field_is(line, "Replaces"))
              fields.replaces = value("Replaces");
            break;
          default: break;
        }
      }
      pos = eol + 1;
      stanza_end = eol >= end ? end : eol + 1;
    }
    fields.text = text.substr(start, stanza_end - start);
    visit(fields);
  }
}

std::pair<std::string_view, std::string_view> split_source(std::string_view source) {
  const auto open = source.find('(');
  if (open == std::string_view::npos) return {trim(source), {}};
  const auto close = source.find(')', open);
  return {trim(source.substr(0, open)),
          trim(source.substr(open + 1, close == std::string_view::npos ? std::string_view::npos
                                                                       : close - open - 1))};
}

}  // namespace locidep::apt
