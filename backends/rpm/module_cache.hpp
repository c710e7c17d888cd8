// Parsed modules.yaml kept beside the .solv images, so that a warm run reads
// a few lines instead of parsing YAML (the CentOS AppStream sample's
// modules.yaml cost as much as loading BaseOS's image).
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "backends/rpm/metadata.hpp"

namespace locidep::rpm {

// Format tag of the cache files; bump when ModuleMetadata changes.
inline constexpr const char* module_cache_format = "locidep-modules-2";

// The cached metadata at PATH, a cache entry (common/cache_entry.hpp) built
// from SOURCE (the modules.yaml's checksum); nullopt when absent, of another
// format or source, or damaged (the caller then parses modules.yaml again).
std::optional<ModuleMetadata> read_module_cache(const std::filesystem::path& path,
                                                std::string_view source);

// Writes METADATA to PATH atomically; skipped silently when the cache cannot
// be written or a field holds whitespace (the line format could not keep it).
void write_module_cache(const std::filesystem::path& path, std::string_view source,
                        const ModuleMetadata& metadata);

}  // namespace locidep::rpm
