// Paths inside an image root. An unpacked image keeps the absolute symlinks of
// its distro (`var/lib/rpm -> /usr/lib/sysimage/rpm`); following them with the
// host's view would read the host's files, so they are resolved with ROOT as "/".
#pragma once

#include <filesystem>

namespace locidep::backends {

// ROOT/RELATIVE with every symlink on the way resolved inside ROOT (an absolute
// target restarts at ROOT, ".." stops at ROOT). Components that do not exist
// are kept as written. Gives up after 40 links (a loop) and returns the path
// reached so far, which then does not exist.
std::filesystem::path resolve_in_root(const std::filesystem::path& root,
                                      const std::filesystem::path& relative);

}  // namespace locidep::backends
