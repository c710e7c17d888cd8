#include "backends/sources/repository_source.hpp"

namespace locidep::sources {

std::vector<LocalRepository> resolve_sources(const std::vector<RepositorySource>& sources) {
  std::vector<LocalRepository> local;
  local.reserve(sources.size());
  for (const auto& source : sources) {
    switch (source.kind) {
      case SourceKind::local_path: local.push_back({source, source.path}); break;
    }
  }
  return local;
}

std::vector<std::filesystem::path> paths_of(const std::vector<LocalRepository>& repositories) {
  std::vector<std::filesystem::path> paths;
  paths.reserve(repositories.size());
  for (const auto& repository : repositories) paths.push_back(repository.path);
  return paths;
}

}  // namespace locidep::sources
