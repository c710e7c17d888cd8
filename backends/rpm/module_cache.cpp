#include "backends/rpm/module_cache.hpp"

#include <fmt/format.h>

#include <sstream>
#include <string>

#include "common/cache_entry.hpp"
#include "common/error.hpp"

namespace locidep::rpm {

namespace fs = std::filesystem;

// The payload's lines: "stream NAME STREAM VERSION CONTEXT", its
// "artifact NEVRA" lines, and "default MODULE STREAM"; "end" last. The entry
// header already rules out damage; the checks below keep a parse of
// unexpected lines from ever being taken for a whole one.
std::optional<ModuleMetadata> read_module_cache(const fs::path& path, std::string_view source) {
  const std::optional<std::string> payload = read_cache_entry(path, module_cache_format, source);
  if (!payload) return std::nullopt;
  std::istringstream in(*payload);
  std::string line;
  ModuleMetadata metadata;
  bool ended = false;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string kind;
    fields >> kind;
    if (kind == "stream") {
      ModuleStream stream;
      if (!(fields >> stream.name >> stream.stream >> stream.version >> stream.context))
        return std::nullopt;
      metadata.streams.push_back(std::move(stream));
    } else if (kind == "artifact") {
      std::string nevra;
      if (metadata.streams.empty() || !(fields >> nevra)) return std::nullopt;
      metadata.streams.back().artifacts.push_back(std::move(nevra));
    } else if (kind == "default") {
      std::string module, stream;
      if (!(fields >> module >> stream)) return std::nullopt;
      metadata.default_streams[module] = stream;
    } else if (kind == "end") {
      ended = true;
      break;
    } else {
      return std::nullopt;
    }
  }
  if (!ended) return std::nullopt;
  return metadata;
}

namespace {

bool is_word(const std::string& text) {
  return !text.empty() && text.find_first_of(" \t\r\n") == std::string::npos;
}

}  // namespace

void write_module_cache(const fs::path& path, std::string_view source,
                        const ModuleMetadata& metadata) {
  std::string text;
  for (const ModuleStream& stream : metadata.streams) {
    for (const std::string* field :
         {&stream.name, &stream.stream, &stream.version, &stream.context}) {
      if (!is_word(*field)) return;
    }
    text += fmt::format("stream {} {} {} {}\n", stream.name, stream.stream, stream.version,
                        stream.context);
    for (const std::string& artifact : stream.artifacts) {
      if (!is_word(artifact)) return;
      text += "artifact " + artifact + "\n";
    }
  }
  for (const auto& [module, stream] : metadata.default_streams) {
    if (!is_word(module) || !is_word(stream)) return;
    text += fmt::format("default {} {}\n", module, stream);
  }
  text += "end\n";
  try {
    write_cache_entry(path, module_cache_format, source, text);
  } catch (const Error&) {
    // The cache only saves parsing modules.yaml again.
  }
}

}  // namespace locidep::rpm
