// The rpm side of `check`: the rpmdb inside a root read with librpm, answering
// what `rpm -q --whatprovides NAME --qf '%{NAME} %|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}\n'`
// tells bindep.
// The rpmdb is found and made readable by rpmdb_location.hpp.
#include <fcntl.h>
#include <fmt/format.h>
#include <rpm/header.h>
#include <rpm/rpmfileutil.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmtag.h>
#include <stdlib.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "backends/installed/installed_database.hpp"
#include "backends/installed/root_path.hpp"
#include "backends/installed/rpm_handles.hpp"
#include "backends/installed/rpmdb_location.hpp"
#include "common/error.hpp"

namespace locidep::backends {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& message) { throw Error(ExitCode::environment, message); }

// "[epoch:]version-release", the epoch only when the header carries one.
std::string evr_of(Header header) {
  std::string evr;
  if (rpm::lib::headerIsEntry(header, RPMTAG_EPOCH)) {
    evr = fmt::format("{}:", rpm::lib::headerGetNumber(header, RPMTAG_EPOCH));
  }
  const char* version = rpm::lib::headerGetString(header, RPMTAG_VERSION);
  const char* release = rpm::lib::headerGetString(header, RPMTAG_RELEASE);
  evr += version ? version : "";
  evr += "-";
  evr += release ? release : "";
  return evr;
}

class RpmDatabase final : public InstalledDatabase {
 public:
  RpmDatabase(std::unique_ptr<PrivateDirectory> private_copy, rpm::TransactionSet ts)
      : private_copy_(std::move(private_copy)), ts_(std::move(ts)) {}

  std::optional<std::string> installed_version(const std::string& name) const override {
    if (name.empty()) return std::nullopt;
    if (name.front() != '/') return first_match(RPMDBI_PROVIDENAME, name);
    // A path: the package owning that file, else one with the path as a
    // Provides (rpm's query does the same, on the cleaned-up path).
    std::string path = name;
    rpm::lib::rpmCleanPath(path.data());
    path.resize(std::strlen(path.c_str()));
    if (auto version = first_match(RPMDBI_INSTFILENAMES, path)) return version;
    return first_match(RPMDBI_PROVIDENAME, path);
  }

  int compare_versions(const std::string& left, const std::string& right) const override {
    const rpm::Version left_evr(rpm::lib::rpmverParse(left.c_str()));
    const rpm::Version right_evr(rpm::lib::rpmverParse(right.c_str()));
    if (left_evr && right_evr) return rpm::lib::rpmverCmp(left_evr.get(), right_evr.get());
    return rpm::lib::rpmvercmp(left.c_str(), right.c_str());
  }

 private:
  std::optional<std::string> first_match(rpmDbiTagVal index, const std::string& key) const {
    const rpm::MatchIterator matches(
        rpm::lib::rpmtsInitIterator(ts_.get(), index, key.c_str(), key.size()));
    if (!matches) return std::nullopt;
    Header header = rpm::lib::rpmdbNextIterator(matches.get());
    if (header == nullptr) return std::nullopt;
    return evr_of(header);
  }

  std::unique_ptr<PrivateDirectory> private_copy_;  // outlives ts_, which reads from it
  rpm::TransactionSet ts_;
};

}  // namespace

std::unique_ptr<InstalledDatabase> open_rpm_database(const fs::path& root_argument) {
  std::error_code error;
  const fs::path root = fs::absolute(root_argument, error).lexically_normal();
  if (error || !fs::is_directory(root, error)) {
    fail(fmt::format("cannot read the rpm database: the root {} is not a directory",
                     root_argument.string()));
  }
  const auto located = find_rpmdb(root);
  if (!located) fail(describe_rpmdb_search(root));

  if (located->format == RpmdbFormat::ndb) {
    fail(fmt::format(
        "cannot read the rpm database {}: it is in SUSE's ndb format, which Debian's librpm "
        "cannot read; convert it inside the image (`rpmdb --rebuilddb --define '_db_backend "
        "sqlite'`) "
        "or give a package list made there with `rpm -qa --qf '%{{NAME}} "
        "%|EPOCH?{{%{{EPOCH}}:}}|%{{VERSION}}-%{{RELEASE}}\\n'`",
        located->file.string()));
  }
  if (!std::ifstream(located->file, std::ios::binary)) {
    fail(fmt::format("cannot read the rpm database {}: {}", located->file.string(),
                     std::strerror(errno)));
  }

  auto private_copy = private_copy_if_read_only(*located);
  // librpm opens ROOT + %_dbpath; a private copy stands in for the root.
  const fs::path db_root = private_copy ? private_copy->path() : root;

  read_rpm_config_once();
  rpm::LogCapture log;
  // Only while opening: rpmdbOpen expands them once and keeps the result.
  const rpm::MacroOverride dbpath("_dbpath", located->dbpath);
  const rpm::MacroOverride backend("_db_backend", rpm_db_backend(located->format));

  rpm::TransactionSet ts(rpm::lib::rpmtsCreate());
  if (!ts || rpm::lib::rpmtsSetRootDir(ts.get(), db_root.c_str()) != 0) {
    fail(fmt::format("cannot read the rpm database {}: librpm refused the root {}",
                     located->file.string(), root.string()));
  }
  // Headers already in the rpmdb are not signature-checked again, so no
  // keyring is loaded from the image.
  rpm::lib::rpmtsSetVSFlags(ts.get(), rpm::lib::rpmtsVSFlags(ts.get()) | RPMVSF_MASK_NOSIGNATURES);
  if (rpm::lib::rpmtsOpenDB(ts.get(), O_RDONLY) != 0) {
    fail(fmt::format("cannot read the rpm database {}: {}", located->file.string(),
                     log.messages().empty() ? "librpm could not open it" : log.messages()));
  }
  // A damaged file may open and only fail when read: read one header now.
  {
    const rpm::MatchIterator all(
        rpm::lib::rpmtsInitIterator(ts.get(), RPMDBI_PACKAGES, nullptr, 0));
    if (all) rpm::lib::rpmdbNextIterator(all.get());
  }
  if (log.saw_error()) {
    fail(
        fmt::format("cannot read the rpm database {}: {}", located->file.string(), log.messages()));
  }
  return std::make_unique<RpmDatabase>(std::move(private_copy), std::move(ts));
}

}  // namespace locidep::backends
