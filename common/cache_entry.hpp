// One file of a cache, checked before it is used. Every cache of locidep
// (.solv images, parsed catalogues and modules, digest memos) keeps its
// entries in this form:
//
//   locidep-cache-1 KIND SOURCE PAYLOAD-SHA256 PAYLOAD-SIZE\n
//   PAYLOAD
//
// KIND names the payload's format and version ("apt-solv0.7.23-6"), SOURCE
// is the sha256 of what the entry was built from (the caller's words for
// it: a source file's digest, its identity). An entry is used only when all
// four still hold: a flipped byte, a truncation, an entry of another kind
// and a valid entry of other content copied over this one's name all read
// as "no entry", and the caller rebuilds it from the source and rewrites it.
// This guards against damage and mix-ups, not forgery: whoever can write the
// cache folder can also write a matching header.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace locidep {

// The payload of the entry at PATH when it is whole and of KIND, built from
// SOURCE; nullopt otherwise (absent, unreadable, damaged, other kind or
// source). Never throws for what the file holds.
std::optional<std::string> read_cache_entry(const std::filesystem::path& path,
                                            std::string_view kind, std::string_view source);

// Writes the entry atomically (a temporary file renamed onto PATH, removed
// when the write fails), creating PATH's folder. KIND must be one word.
// Throws Error(environment) naming PATH when it cannot be written.
void write_cache_entry(const std::filesystem::path& path, std::string_view kind,
                       std::string_view source, std::string_view payload);

}  // namespace locidep
