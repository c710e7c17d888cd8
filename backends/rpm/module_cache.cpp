#include "backends/rpm/module_cache.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <string>

#include "common/atomic_file.hpp"
#include "common/error.hpp"

namespace locidep::rpm {

namespace fs = std::filesystem;

// Lines: the format tag, then "stream NAME STREAM VERSION CONTEXT", its
// "artifact NEVRA" lines, and "default MODULE STREAM"; "end" last, so that a
// truncated file is never taken for a whole one.
std::optional<ModuleMetadata> read_module_cache(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::string line;
  if (!std::getline(in, line) || line != module_cache_format) return std::nullopt;
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

void write_module_cache(const fs::path& path, const ModuleMetadata& metadata) {
  std::string text = std::string(module_cache_format) + "\n";
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
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  if (error) return;
  try {
    write_file_atomically(path, text);
  } catch (const Error&) {
    // The cache only saves parsing modules.yaml again.
  }
}

}  // namespace locidep::rpm
