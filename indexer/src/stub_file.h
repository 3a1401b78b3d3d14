#pragma once
// Internal: writing a Xapian stub file (XAPIANDB) so that readers see the old
// one or the new one, never a partial file.

#include <filesystem>
#include <string>

namespace dateline::indexer {

/// Write `content` to directory/XAPIANDB through a synced temporary file and
/// rename(2), then sync the directory.
/// @exception Error the file cannot be written or renamed
void write_stub_file(const std::filesystem::path& directory, const std::string& content);

/// Create the empty database of a first generation at `path` (kept if a
/// killed run completed it), with Dateline's block size and schema version,
/// committed, built beside it and renamed into place: done before a stub
/// names it, so that an indexer killed at any moment leaves no stub naming
/// a directory without a database, and no half-created database.
/// @exception Error the database cannot be created
void create_first_generation(const std::filesystem::path& path);

}  // namespace dateline::indexer
