// libsolv's checksum code is the one the package managers verify metadata
// with, and libsolv is linked anyway; its headers stay inside this file.
#include "common/digest.hpp"

#include <solv/chksum.h>
#include <solv/knownid.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <vector>

#include "common/error.hpp"

namespace locidep {

namespace {

struct ChksumFree {
  void operator()(Chksum* sum) const { solv_chksum_free(sum, nullptr); }
};
using Sha256 = std::unique_ptr<Chksum, ChksumFree>;

Sha256 new_sha256() { return Sha256(solv_chksum_create(REPOKEY_TYPE_SHA256)); }

// libsolv takes an int length: longer inputs go in slices.
void add(Chksum* sum, std::string_view bytes) {
  constexpr std::size_t slice = 1 << 30;
  while (!bytes.empty()) {
    const std::size_t length = std::min(bytes.size(), slice);
    solv_chksum_add(sum, bytes.data(), static_cast<int>(length));
    bytes.remove_prefix(length);
  }
}

std::string hex_of(Chksum* sum) {
  int length = 0;
  const unsigned char* digest = solv_chksum_get(sum, &length);
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(static_cast<std::size_t>(length) * 2);
  for (int i = 0; i < length; ++i) {
    hex += digits[digest[i] >> 4];
    hex += digits[digest[i] & 0xf];
  }
  return hex;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  const Sha256 sum = new_sha256();
  add(sum.get(), bytes);
  return hex_of(sum.get());
}

std::string sha256_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ExitCode::environment, "cannot read " + path.string());
  const Sha256 sum = new_sha256();
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.gcount() > 0)
      add(sum.get(), std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  return hex_of(sum.get());
}

}  // namespace locidep
