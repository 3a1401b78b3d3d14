#include "dateline/indexer/index_stats.h"

#include <xapian.h>

#include "dateline/common/schema.h"
#include "dateline/detail/analyzer.h"
#include "dateline/detail/facet_spy.h"
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
// The name one article holding `key` gives the field's value, read from its
// facet values (the key itself when none names it).
std::string facet_name(const Xapian::Database& db, const schema::Field& field,
                       const std::string& key) {
  const std::string term = schema::bounded_term(field.prefix, key);
  Xapian::PostingIterator posting = db.postlist_begin(term);
  if (posting == db.postlist_end(term)) return key;
  const std::string pack = db.get_document(*posting).get_value(schema::slot_facets);
  std::string_view rest(pack);
  detail::PackEntry entry;
  while (detail::next_pack_entry(rest, entry)) {
    if (entry.code == field.facet_code && entry.key == key) return detail::pack_entry_label(entry);
  }
  return key;
}
}  // namespace

IndexStats read_index_stats(const std::filesystem::path& index) {
  Xapian::Database db = detail::open_index(index.string());
  IndexStats stats;
  try {
    stats.articles = db.get_doccount();
    const schema::Field& source = *schema::find_field("source");
    stats.by_source = count_prefix(db, source.prefix);
    for (const auto& [key, count] : stats.by_source) {
      stats.source_names[key] = facet_name(db, source, key);
    }
    stats.by_year = count_prefix(db, schema::year_prefix);
    stats.by_format = count_prefix(db, schema::format_prefix);
    stats.by_language = count_prefix(db, schema::find_field("lang")->prefix);
    for (const char* name : {"person", "org", "place", "misc"}) {
      const schema::Field& field = *schema::find_field(name);
      auto keys = count_prefix(db, field.prefix);
      if (!field.also.empty()) keys.merge(count_prefix(db, field.also));
      stats.entities[name] = keys.size();
    }
    const std::string cluster(schema::cluster_prefix);
    for (auto it = db.allterms_begin(cluster); it != db.allterms_end(cluster); ++it) {
      if (it.get_termfreq() < 2) continue;
      ++stats.stories_with_copies;
      stats.copies += it.get_termfreq() - 1;
    }
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
