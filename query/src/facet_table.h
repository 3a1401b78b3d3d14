#pragma once
// Internal: the facet values of one local database, read once and kept
// decoded, so that a Searcher answering many requests counts facets from
// memory instead of reading the value streams for every request (the
// "global ordinals" of Lucene and Elasticsearch, built per searcher rather
// than stored in the index, so the index format, shards and parallel
// builds are untouched).

#include <xapian.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dateline/detail/facet_spy.h"

namespace dateline::query {

class FacetTable {
 public:
  /// Read every day value and facet pack of `db`, one local database.
  /// Null when the table would need more than `max_bytes` of memory.
  static std::unique_ptr<FacetTable> build(const Xapian::Database& db, std::size_t max_bytes);

  /// Count the facets of `docids` (sorted, documents of the database it was
  /// built from) into `spy`: the same counts and labels as FacetSpy reading
  /// each document's values, but of each facet other than dates only the
  /// `top` values with the most articles (ties: the smaller key), which are
  /// all a search shows. Not thread-safe (it reuses its counters).
  void count(const std::vector<Xapian::docid>& docids, detail::FacetSpy& spy, std::size_t top);

  /// Memory it holds, approximately.
  std::size_t bytes() const { return m_bytes; }

 private:
  // An entry: the value's number << 5 | the index of its facet code in
  // m_codes << 2 | how its label is spelt: the key itself (0), the key in
  // title case (1) or in upper case (2), or spelt out (3: then the entry
  // after it is not a value but the label's index in m_written). The code
  // is in the entry so that counting passes over the facets not asked for
  // without reading the value's text (a cache miss or two an entry).
  static constexpr std::uint32_t spelt_out = 3;
  static constexpr std::uint32_t max_codes = 8;
  static constexpr unsigned number_shift = 5;
  static std::uint32_t entry_value(std::uint32_t entry) { return entry >> number_shift; }
  static std::uint32_t entry_code(std::uint32_t entry) { return (entry >> 2) & (max_codes - 1); }
  // The label of `value` spelt as its key (0), in title case (1) or in
  // upper case (2).
  std::string label(std::uint32_t value, std::uint32_t spelling) const;
  char code(std::uint32_t value) const { return m_text[m_start[value]]; }
  std::string_view key(std::uint32_t value) const {
    return std::string_view(m_text).substr(m_start[value] + 1,
                                           m_start[value + 1] - m_start[value] - 1);
  }
  // The facet codes met, in the order met (at most max_codes).
  std::string m_codes;
  // By docid: 1 + index into m_days, or 0 for no day.
  std::vector<std::uint32_t> m_day_of;
  std::vector<std::string> m_days;
  // By docid: the document's entries are m_entries[m_first[d], m_first[d + 1]).
  std::vector<std::uint32_t> m_first;
  std::vector<std::uint32_t> m_entries;
  // Value v's code and key: m_text[m_start[v], m_start[v + 1]).
  std::string m_text;
  std::vector<std::uint32_t> m_start;
  std::vector<std::string> m_written;
  std::size_t m_bytes = 0;
  // Counters reused by count(), all zero (no best written label: none)
  // between calls: for each value counted, its articles, the spellings of
  // its label met (bit k for spelling k < spelt_out) and the best label
  // spelt out met. The labels are compared only for the values shown.
  static constexpr std::uint32_t none = UINT32_MAX;
  struct Counter {
    Xapian::doccount articles = 0;
    std::uint32_t best_written = none;
    std::uint32_t spellings = 0;
  };
  std::vector<std::uint32_t> m_day_counts, m_touched_days;
  std::vector<Counter> m_counters;
  // The values counted, by index in m_codes.
  std::array<std::vector<std::uint32_t>, max_codes> m_touched;
};

}  // namespace dateline::query
