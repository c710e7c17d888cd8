// Words for generated shell scripts and Dockerfile RUN lines.
#pragma once

#include <string>
#include <string_view>

namespace locidep {

// WORD as one argument of a POSIX shell command: as it is when every
// character is one no shell treats specially (letters, digits and
// "_./:=+,@%-", and '~' where it cannot start a tilde expansion), else in
// single quotes with each ' written as '\''. Throws Error(bad_input) naming
// WHAT when WORD is empty or holds a control character (a newline would end
// a Dockerfile instruction whatever the quoting): such text must have been
// refused where it was read, so reaching here is a bug caught late, not a
// silent escape.
std::string shell_word(std::string_view word, std::string_view what);

// TEXT for a comment line of a generated file: control characters escaped,
// so it stays one line.
std::string comment_text(std::string_view text);

}  // namespace locidep
