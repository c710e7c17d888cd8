// Where a repository's metadata comes from, and its resolution to local
// files. The split is dnf5's (repo_downloader / solv_repo): a source is
// resolved to verified files on this machine first, and only those files
// reach a backend, which reads paths and nothing else. Today every source is
// a local path (--repo, or the catalogue's bundled data); fetched mirrors
// with their signing keys are the next kind.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace locidep::sources {

enum class SourceKind {
  local_path,  // files the user named (--repo) or the catalogue bundles
};

struct RepositorySource {
  SourceKind kind = SourceKind::local_path;
  std::filesystem::path path;  // local_path: a file or folder of metadata

  static RepositorySource local(std::filesystem::path path) {
    return {SourceKind::local_path, std::move(path)};
  }
};

// A source made local: the files a backend may open.
struct LocalRepository {
  RepositorySource source;
  std::filesystem::path path;
};

// Resolves every source before any backend sees one. A local path is taken
// as it is: the backend that reads it checks its contents and names it in
// any error, as it always did.
std::vector<LocalRepository> resolve_sources(const std::vector<RepositorySource>& sources);

// The paths of resolved repositories, in order: what backends take.
std::vector<std::filesystem::path> paths_of(const std::vector<LocalRepository>& repositories);

}  // namespace locidep::sources
