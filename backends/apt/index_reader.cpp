#include "backends/apt/index_reader.hpp"

#include <fcntl.h>
#include <lz4frame.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>

#include "backends/solv/solvext.hpp"
#include "common/bounded_input.hpp"
#include "common/deb822_check.hpp"
#include "common/error.hpp"

extern "C" {
#include <solv/solv_xfopen.h>
}

namespace locidep::apt {

namespace fs = std::filesystem;

Compression detect_compression(std::string_view b) {
  auto starts = [&](std::initializer_list<unsigned char> magic) {
    if (b.size() < magic.size()) return false;
    std::size_t i = 0;
    for (unsigned char byte : magic) {
      if (static_cast<unsigned char>(b[i++]) != byte) return false;
    }
    return true;
  };
  if (starts({0x04, 0x22, 0x4d, 0x18})) return Compression::lz4;
  if (starts({0x1f, 0x8b})) return Compression::gzip;
  if (starts({0xfd, '7', 'z', 'X', 'Z', 0x00})) return Compression::xz;
  if (starts({'B', 'Z', 'h'})) return Compression::bzip2;
  if (starts({0x28, 0xb5, 0x2f, 0xfd})) return Compression::zstd;
  return Compression::none;
}

const char* to_string(Compression compression) {
  switch (compression) {
    case Compression::none: return "plain";
    case Compression::gzip: return "gzip";
    case Compression::xz: return "xz";
    case Compression::bzip2: return "bzip2";
    case Compression::zstd: return "zstd";
    case Compression::lz4: return "lz4";
  }
  return "unknown";
}

namespace {

// The whole file, refused before reading when it is larger than CAP.
std::string read_all(const fs::path& path, std::uint64_t cap) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ExitCode::bad_input, "cannot read repository index " + path.string());
  std::string bytes;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size > 0 && static_cast<std::uint64_t>(size) > cap) {
    throw Error(ExitCode::bad_input, path.string() + " is larger than " + describe_bytes(cap) +
                                         ", the cap on one input file");
  }
  if (size > 0) {
    bytes.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(bytes.data(), size);
  }
  if (!in && !in.eof())
    throw Error(ExitCode::bad_input, "cannot read repository index " + path.string());
  return bytes;
}

std::string first_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ExitCode::bad_input, "cannot read repository index " + path.string());
  char buffer[8] = {};
  in.read(buffer, sizeof buffer);
  return std::string(buffer, static_cast<std::size_t>(in.gcount()));
}

// gzip, xz, bzip2 and zstd through libsolv's own decoders, chosen by a
// suffix that matches the detected magic bytes.
std::string read_with_libsolv(const fs::path& path, Compression compression) {
  const char* suffix = "";
  switch (compression) {
    case Compression::gzip: suffix = "x.gz"; break;
    case Compression::xz: suffix = "x.xz"; break;
    case Compression::bzip2: suffix = "x.bz2"; break;
    case Compression::zstd: suffix = "x.zst"; break;
    default: suffix = "x"; break;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(ExitCode::bad_input, "cannot read repository index " + path.string());
  FILE* file = solv::ext::solv_xfopen_fd(suffix, fd, "r");
  if (!file) {
    ::close(fd);
    throw Error(ExitCode::bad_input, std::string("cannot decode ") + to_string(compression) +
                                         " repository index " + path.string());
  }
  std::unique_ptr<FILE, decltype(&std::fclose)> closing(file, &std::fclose);
  StreamBudget budget(path.string(), max_index_text_bytes);
  std::string text;
  std::vector<char> buffer(1 << 20);
  std::size_t got;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) {
    budget.take(std::string_view(buffer.data(), got));
    text.append(buffer.data(), got);
  }
  if (std::ferror(file)) {
    throw Error(ExitCode::bad_input,
                std::string("corrupt ") + to_string(compression) + " data in " + path.string());
  }
  return text;
}

}  // namespace

std::string decode_lz4(std::string_view compressed, const std::string& name) {
  StreamBudget budget(name, max_index_text_bytes);
  LZ4F_dctx* raw = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&raw, LZ4F_VERSION))) {
    throw Error(ExitCode::environment, "cannot create an lz4 decoder");
  }
  std::unique_ptr<LZ4F_dctx, decltype(&LZ4F_freeDecompressionContext)> context(
      raw, LZ4F_freeDecompressionContext);
  std::string text;
  text.reserve(std::min<std::size_t>(compressed.size() * 3, max_index_text_bytes));
  std::vector<char> buffer(1 << 20);
  const char* in = compressed.data();
  std::size_t remaining = compressed.size();
  while (remaining > 0) {
    std::size_t out_size = buffer.size();
    std::size_t in_size = remaining;
    const std::size_t hint =
        LZ4F_decompress(context.get(), buffer.data(), &out_size, in, &in_size, nullptr);
    if (LZ4F_isError(hint)) {
      throw Error(ExitCode::bad_input,
                  "corrupt lz4 data in " + name + ": " + LZ4F_getErrorName(hint));
    }
    budget.take(std::string_view(buffer.data(), out_size));
    text.append(buffer.data(), out_size);
    in += in_size;
    remaining -= in_size;
    if (in_size == 0 && out_size == 0) {
      throw Error(ExitCode::bad_input, "truncated lz4 data in " + name);
    }
  }
  return text;
}

std::string read_index_text(const fs::path& path) {
  const Compression compression = detect_compression(first_bytes(path));
  switch (compression) {
    // Plain text is checked whole by its reader, which can name the line.
    case Compression::none: return read_all(path, max_index_text_bytes);
    // The compressed file itself is held whole: as large as the text may be.
    case Compression::lz4: return decode_lz4(read_all(path, max_index_text_bytes), path.string());
    default: return read_with_libsolv(path, compression);
  }
}

std::string read_packages_index(const fs::path& path) {
  std::string text = read_index_text(path);
  check_deb822(text, path.string(), Deb822Kind::packages_index, ExitCode::bad_input);
  return text;
}

namespace {

bool is_index_name(const std::string& name) {
  if (name.ends_with(".diff") || name.ends_with(".FAILED") || name.ends_with(".partial"))
    return false;
  if (name == "Packages" || name.starts_with("Packages.")) return true;
  const auto at = name.find("_Packages");
  if (at == std::string::npos) return false;
  const std::string rest = name.substr(at + 9);
  return rest.empty() || rest.front() == '.';
}

}  // namespace

std::vector<fs::path> find_package_indexes(const fs::path& path) {
  std::error_code error;
  const auto status = fs::status(path, error);
  if (error || !fs::exists(status)) {
    throw Error(ExitCode::bad_input, "repository path " + path.string() + " does not exist");
  }
  if (!fs::is_directory(status)) return {path};
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(path, error)) {
    if (!entry.is_regular_file()) continue;
    if (is_index_name(entry.path().filename().string())) found.push_back(entry.path());
  }
  if (error) throw Error(ExitCode::bad_input, "cannot list repository folder " + path.string());
  if (found.empty()) {
    throw Error(ExitCode::bad_input,
                "repository folder " + path.string() +
                    " holds no Packages index (Packages, Packages.*, *_Packages, *_Packages.*)");
  }
  // A folder may hold the same index twice (Packages and Packages.xz):
  // keep one per stem, the one that is cheapest to read.
  auto stem_of = [](const fs::path& file) {
    const std::string name = file.filename().string();
    return name.substr(0, name.find("Packages") + 8);
  };
  auto cost_of = [](const fs::path& file) {
    const std::string name = file.filename().string();
    const std::string suffix = name.substr(name.find("Packages") + 8);
    if (suffix.empty()) return 0;
    if (suffix == ".lz4") return 1;
    if (suffix == ".zst") return 2;
    if (suffix == ".gz") return 3;
    return 4;
  };
  std::sort(found.begin(), found.end(), [&](const fs::path& a, const fs::path& b) {
    const auto sa = stem_of(a), sb = stem_of(b);
    if (sa != sb) return sa < sb;
    return cost_of(a) < cost_of(b);
  });
  std::vector<fs::path> unique;
  for (const auto& file : found) {
    if (unique.empty() || stem_of(unique.back()) != stem_of(file)) unique.push_back(file);
  }
  return unique;
}

}  // namespace locidep::apt
