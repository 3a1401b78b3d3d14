#include "dateline/indexer/index_stats.h"

#include <xapian.h>

#include "dateline/common/schema.h"
#include "dateline/detail/analyzer.h"
#include "dateline/indexer/index_location.h"
#include "dateline/indexer/sharded_index.h"

namespace dateline {

namespace {
std::map<std::string, std::uint64_t> count_prefix(const Xapian::Database& db,
                                                  std::string_view prefix) {
  std::map<std::string, std::uint64_t> counts;
  std::string p(prefix);
  for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) {
    std::string term = *it;
    std::string value = term.substr(p.size());
    // "XT" is a prefix of "XTP"...: keep only terms of exactly this field.
    if (!value.empty() && value[0] >= 'A' && value[0] <= 'Z') continue;
    counts[value] = it.get_termfreq();
  }
  return counts;
}
}  // namespace

IndexStats read_index_stats(const std::filesystem::path& index) {
  Xapian::Database db = detail::open_index(index.string());
  IndexStats stats;
  try {
    stats.articles = db.get_doccount();
    stats.by_source = count_prefix(db, schema::find_field("source")->prefix);
    stats.by_year = count_prefix(db, schema::year_prefix);
    stats.by_format = count_prefix(db, schema::format_prefix);
    std::uint64_t dated = 0;
    for (const auto& [year, count] : stats.by_year) dated += count;
    stats.undated = stats.articles - std::min(dated, stats.articles);
    std::string version = db.get_metadata(std::string(schema::schema_metadata_key));
    stats.schema_version = version.empty() ? 0 : std::stoi(version);
  } catch (const Xapian::Error& error) {
    detail::rethrow_xapian(error, "index " + index.string());
  }
  stats.shards = shard_count(index);
  std::vector<std::filesystem::path> live;
  if (stats.shards > 0) {
    live = writable_shard_paths(index, 0);
    stats.database_path = index.string();
  } else {
    live.push_back(writable_database_path(index));
    stats.database_path = live.front().string();
  }
  std::error_code ec;
  for (const auto& database : live) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(database, ec)) {
      if (entry.is_regular_file(ec)) stats.size_bytes += entry.file_size(ec);
    }
  }
  return stats;
}

}  // namespace dateline
