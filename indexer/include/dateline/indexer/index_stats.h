#pragma once
// What an index holds, for `dateline-index stats`.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace dateline {

struct IndexStats {
  std::uint64_t articles = 0;
  std::uint64_t undated = 0;
  std::map<std::string, std::uint64_t> by_source;  ///< folded source key -> articles
  /// folded source key -> the source's name as an article spells it
  /// ("alt.atheism" for "altatheism"), where an article's facet values say
  std::map<std::string, std::string> source_names;
  std::map<std::string, std::uint64_t> by_year;      ///< "1987" -> articles
  std::map<std::string, std::uint64_t> by_format;    ///< "reuters" -> articles
  std::map<std::string, std::uint64_t> by_language;  ///< "en" -> articles (of known language)
  /// Entity field ("person", "org", "place", "misc") -> the distinct
  /// entities its filter terms name, the tagger's and the source's
  std::map<std::string, std::uint64_t> entities;
  std::uint64_t stories_with_copies = 0;  ///< near-duplicate clusters of two articles or more
  std::uint64_t copies = 0;               ///< their articles beyond one each
  std::uint64_t size_bytes = 0;           ///< on disk, live generation(s) only
  int schema_version = 0;
  std::string database_path;  ///< the live database directory (the index, when sharded)
  unsigned shards = 0;        ///< 0: not sharded
};

/// Read the statistics of the index at `index`.
/// @exception IndexNotFoundError, IndexVersionError, CorruptIndexError
IndexStats read_index_stats(const std::filesystem::path& index);

}  // namespace dateline
