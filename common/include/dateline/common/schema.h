#pragma once
// The on-disk schema, described once. Both the indexer (which writes these
// terms and values) and the query parser (which maps field names to them)
// read this table; nothing else spells a prefix or a slot number.
//
// Terms (prefixes follow Xapian omega's conventions where one exists):
//   Q<id>             unique id of the article (boolean)
//   <word>            body/dek/title words, folded by the article language's
//                     rule (text.h fold(text, language)), with positions
//   Z<stem>           their stems in the article's own language, no positions
//                     (Xapian's STEM_ALL_Z layout): the Snowball stem of the
//                     word as written, then folded; none for the language's
//                     stopwords and for CJK characters. Languages without a
//                     stemmer (pl, uk, zh...) store the word itself.
//   S<word>, ZS<stem> title words (title:)
//   A<word>, ZA<stem> author words (author:)
//   XSOURCE<key>      publication (source:), key = fold(name)
//   L<code>           language (lang:): normalize_language() of the given
//                     language, else the one detected from the text; none
//                     when unknown (the article is then analysed as English)
//   XP<key> XO<key> XL<key> XM<key>  entities found by the tagger: person,
//                     organisation, place, misc
//   XTP XTO XTL XTE   entity tags given by the source itself (Reuters PEOPLE,
//                     ORGS, PLACES, EXCHANGES); person:/org:/place: match both
//   XT<key>           topic tag (topic:)
//   D<yyyymmdd> M<yyyymm> Y<yyyy>  publication day, month, year (UTC)
//   XMD<yyyymmdd> XMM<yyyymm> XMY<yyyy>  dates mentioned in the text
//   XFMT<name>        reader that produced the article
//   XDUP<key>         near-duplicate cluster key
//   XNDB<b><hex>      near-duplicate band key: MinHash band b ('a'..) of the
//                     body's word shingles, 12 hex digits; articles sharing
//                     one are near-duplicates (indexer/src/near_duplicates.h)
//   XSAMPLE<j>        nested samples for facet estimates, j = 1..sample_levels:
//                     an article is in sample j when the low j bits of a
//                     hash of its id are zero (sample_level()), so sample j
//                     holds about 2^-j of any set of articles, whatever the
//                     docids or the sharding; about one term per article
// Values:
//   0  publication day "yyyymmdd" (date ranges compare it as a string)
//   1  sortable_serialise(utc seconds) for newest/oldest order
//   2  near-duplicate cluster key (collapse); none for an article no copy
//      has joined (its key is its own id, in its XDUP term), so that
//      collapsing reads values only for articles that have copies
//   3  facet pack: every facet value of the article and its label, for the
//      facet spy (schema 4: most labels as a marker, see pack_facet())
//   4..(3 + sample_levels)  the day and the facet pack again ("yyyymmdd|"
//      then the pack, detail::sample_value()), in slot 3 + j for each
//      sample j the article is in (about one more value per article), so
//      that counting a sample's facets reads that sample's values side by
//      side instead of one value chunk per article; a searcher uses slot
//      3 + j only when every article of sample j has it (an index written
//      before these slots, or an undated article without facets, leaves
//      it to slots 0 and 3)
// Document data: the article as JSON (see article_json.h), used for display
// and passages.
// Metadata: "dateline.schema" holds schema_version.
//
// Languages: an article is analysed in one language. A query word becomes
// the OR of its Z-stems in every language the index holds (its L terms, and
// English for articles of unknown language), deduplicated and skipping a
// language where the word is a stopword; --lang or a lang: filter in the
// query stems in only those languages. Phrases and quoted words match the
// unprefixed words, folded by each language's rule. The highlighter
// analyses each hit in the hit's language and marks the words whose term is
// one of the query's, so it marks what matched.

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::schema {

/// Bump when the terms, values or document data change incompatibly.
inline constexpr int schema_version = 4;
inline constexpr std::string_view schema_metadata_key = "dateline.schema";

/// B-tree block size of the databases Dateline creates (Xapian's default is
/// 8 KB; an existing database keeps its own). A facet request over a few
/// thousand matches reads most blocks of the facet-pack value stream, one
/// read each: 16 KB blocks halve the reads and cut its p95/p99 by 8-16%
/// with plain queries as fast as with 8 KB; 32 KB cut facets more but made
/// plain queries at Reuters x10 20% slower, 64 KB three times slower
/// (bench/RESULTS.md).
inline constexpr unsigned database_block_size = 16384;

inline constexpr std::string_view stem_prefix = "Z";
inline constexpr std::string_view id_prefix = "Q";
inline constexpr std::string_view day_prefix = "D";
inline constexpr std::string_view month_prefix = "M";
inline constexpr std::string_view year_prefix = "Y";
inline constexpr std::string_view mention_day_prefix = "XMD";
inline constexpr std::string_view mention_month_prefix = "XMM";
inline constexpr std::string_view mention_year_prefix = "XMY";
inline constexpr std::string_view format_prefix = "XFMT";
inline constexpr std::string_view cluster_prefix = "XDUP";
inline constexpr std::string_view near_duplicate_band_prefix = "XNDB";
inline constexpr std::string_view sample_prefix = "XSAMPLE";
/// Sample levels written: the smallest sample holds 2^-sample_levels of
/// the articles (one in a million).
inline constexpr unsigned sample_levels = 20;

/// The term of sample `level` (1..sample_levels).
inline std::string sample_term(unsigned level) {
  return std::string(sample_prefix) + std::to_string(level);
}

enum Slot : unsigned {
  slot_day = 0,
  slot_timestamp = 1,
  slot_cluster = 2,
  slot_facets = 3,
};

/// The slot holding the days and facet packs of the articles of sample
/// `level` (1..sample_levels).
inline constexpr unsigned sample_facets_slot(unsigned level) { return slot_facets + level; }

/// How a field's text becomes terms.
enum class FieldKind {
  text,     ///< tokenised and stemmed, ranked (title:, author:)
  boolean,  ///< one whole folded value, a filter (source:, person:, ...)
  date,     ///< handled by the date range grammar (date:, mentions:)
};

/// A field users can name in queries, filters and facets.
struct Field {
  std::string_view name;  ///< as typed in queries: "person"
  FieldKind kind;
  std::string_view prefix;  ///< term prefix the indexer writes
  std::string_view also;    ///< second prefix matched by the same field, or ""
  char facet_code;          ///< code in the facet pack value, 0 when not a facet
};

inline constexpr std::array<Field, 13> fields{{
    {"title", FieldKind::text, "S", "", 0},
    {"author", FieldKind::text, "A", "", 0},
    {"source", FieldKind::boolean, "XSOURCE", "", 's'},
    {"person", FieldKind::boolean, "XP", "XTP", 'p'},
    {"org", FieldKind::boolean, "XO", "XTO", 'o'},
    {"place", FieldKind::boolean, "XL", "XTL", 'l'},
    {"misc", FieldKind::boolean, "XM", "", 'm'},
    {"topic", FieldKind::boolean, "XT", "", 't'},
    {"exchange", FieldKind::boolean, "XTE", "", 0},
    {"lang", FieldKind::boolean, "L", "", 'g'},
    {"id", FieldKind::boolean, "Q", "", 0},
    {"date", FieldKind::date, "D", "", 'd'},
    {"mentions", FieldKind::date, "XMD", "", 0},
}};

/// The field named `name` (exact, lower case), or nullptr.
constexpr const Field* find_field(std::string_view name) {
  for (const auto& field : fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

/// The facet field whose pack code is `code`, or nullptr.
constexpr const Field* find_facet(char code) {
  for (const auto& field : fields) {
    if (field.facet_code == code) return &field;
  }
  return nullptr;
}

/// Bytes of a key kept in a boolean term: Xapian rejects terms over 245
/// bytes, so longer keys (ids, cluster keys, entity keys) are cut.
inline constexpr std::size_t max_term_key_bytes = 200;

/// The boolean term `prefix` + `key`, the key cut to max_term_key_bytes.
/// The indexer writes terms with it; searches that name a key rebuild them so.
inline std::string bounded_term(std::string_view prefix, std::string_view key) {
  std::string term(prefix);
  term += key.substr(0, std::min(key.size(), max_term_key_bytes));
  return term;
}

/// The terms that name `key` as a value of `field`: under its prefix, and
/// under its second one where it has one (the source's own "XTP" beside
/// the tagger's "XP"). A filter matches either; a value is in the articles
/// either names.
inline std::vector<std::string> value_terms(const Field& field, std::string_view key) {
  std::vector<std::string> terms = {bounded_term(field.prefix, key)};
  if (!field.also.empty()) terms.push_back(bounded_term(field.also, key));
  return terms;
}

/// The unique id term (Q) of an article id.
inline std::string id_term(std::string_view id) { return bounded_term(id_prefix, id); }

}  // namespace dateline::schema
