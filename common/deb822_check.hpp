// The shape a deb822 file (a Debian Packages index, a dpkg status) must have
// before anything reads it. Readers of these formats skip what they cannot
// parse, so random bytes or a cut-off download would otherwise read as an
// empty or shorter index; this turns them into an error naming the stanza.
#pragma once

#include <string>
#include <string_view>

#include "common/error.hpp"

namespace locidep {

enum class Deb822Kind {
  packages_index,  // every stanza has Package, Version and Architecture
  dpkg_status,     // every stanza has Package and Status; Version and
                   // Architecture unless dpkg calls it not-installed
};

// Throws Error(CODE) at FILE's line (and column) when TEXT holds a binary
// byte (find_binary_byte), a line that is neither a field nor a continuation,
// a stanza without the fields KIND requires, or a last stanza without its
// final newline. An empty file is a valid, empty index.
void check_deb822(std::string_view text, const std::string& file, Deb822Kind kind, ExitCode code);

}  // namespace locidep
