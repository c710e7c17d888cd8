// The words a repository brings: every solvable's name, version and
// architecture checked against its family's grammar (common/text_grammar.hpp)
// when it is read, from text or from a cached image alike, so that nothing
// a mirror, an index or a database says can reach a generated script
// unchecked.
#pragma once

#include <span>
#include <string>

#include "backends/solv/pool.hpp"
#include "common/error.hpp"

namespace locidep::solv {

// Throws Error(CODE) naming SOURCE, the entry (the Nth stanza of a Debian
// index, the Nth package of rpm metadata, in the order SOLVABLES were added)
// and what is wrong, for the first entry whose words are not of the
// pool's family.
void check_package_words(const Pool& pool, std::span<const SolvableId> solvables,
                         const std::string& source, ExitCode code = ExitCode::bad_input);

}  // namespace locidep::solv
