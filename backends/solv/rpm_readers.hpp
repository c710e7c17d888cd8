// rpm-md metadata helpers on libsolv's readers: the records of a
// repomd.xml and decompressed file contents. The Pool/RepoView members for
// rpm (add_rpmmd_file, add_rpmdb, package_checksum, …) are declared in
// pool.hpp and implemented in rpm_readers.cpp.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace locidep::solv {

// One <data> record of a repomd.xml.
struct RepomdRecord {
  std::string type;           // "primary", "filelists", "modules", "group", …
  std::string location;       // href, relative to the repository's root
  std::string checksum_type;  // "sha256", "sha1", … ("" when none)
  std::string checksum;       // hex digest of the file as stored (compressed)
};

// The records of REPOMD_XML, in file order. Throws Error(bad_input) naming
// the file when libsolv cannot read it.
std::vector<RepomdRecord> read_repomd(const std::filesystem::path& repomd_xml);

// The whole content of PATH, decompressed as its name says (.gz, .xz, .zst,
// .bz2; anything else is read as is). Throws Error(bad_input).
std::string read_decompressed(const std::filesystem::path& path);

// The hex digest of a file with the named algorithm ("sha256", "sha512",
// "sha1", "md5"); nullopt-like "" when the algorithm is unknown.
std::string file_digest(const std::filesystem::path& path, const std::string& algorithm);

}  // namespace locidep::solv
