#include "common/atomic_file.hpp"

#include "common/temp_file.hpp"

namespace locidep {

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  write_file_atomically(path, {contents});
}

void write_file_atomically(const std::filesystem::path& path,
                           std::initializer_list<std::string_view> pieces) {
  TempFile temp(path);
  for (const std::string_view piece : pieces) temp.write(piece);
  temp.commit();
}

}  // namespace locidep
