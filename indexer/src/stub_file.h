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

}  // namespace dateline::indexer
