#pragma once
// Where an index lives, and switching it atomically.
//
// An index that Dateline manages is a directory holding a Xapian stub file
// (XAPIANDB) that names the live generation, a plain Xapian database in a
// subdirectory (gen-000001, gen-000002, ...). Xapian opens the directory
// through the stub, so searchers never see the generation directories.
// A rebuild writes a new generation beside the live one and renames a new
// stub over the old: a searcher opening the index sees either the old or the
// new generation, never a partial one. A plain Xapian database directory
// also works as an index; it is simply never switched.

#include <filesystem>
#include <string>

namespace dateline {

/// The default index location: $DATELINE_INDEX if set, else ".dateline/index"
/// under the current directory. (The CLIs call this; the library never reads
/// the environment itself.)
std::filesystem::path default_index_path(const char* environment_value);

/// The database directory to write to for the index at `index`: the live
/// generation of a managed index, or `index` itself for a plain Xapian
/// database. A path that does not exist yet becomes a managed index with its
/// first generation (created on demand).
std::filesystem::path writable_database_path(const std::filesystem::path& index);

/// Make a fresh, empty generation directory name for `index` (not created).
std::filesystem::path next_generation_path(const std::filesystem::path& index);

/// Atomically make `generation` the live database of `index`, then remove the
/// generations no longer named. `index` must be a managed index directory or
/// not exist.
/// @exception Error when the stub cannot be written
void switch_generation(const std::filesystem::path& index, const std::filesystem::path& generation);

}  // namespace dateline
