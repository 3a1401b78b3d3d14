#pragma once
// Internal: the facet values of one local database, read once and kept
// decoded, so that a Searcher answering many requests counts facets from
// memory instead of reading the value streams for every request (the
// "global ordinals" of Lucene and Elasticsearch, built per searcher rather
// than stored in the index, so the index format, shards and parallel
// builds are untouched).

#include <xapian.h>

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
  // An entry: the value's number << 2 | how its label is spelt: the key
  // itself (0), the key in title case (1) or in upper case (2), or spelt
  // out (3: m_written[m_written_at[entry's index]]). A label is numbered as
  // its spelling, or for a label spelt out 3 + its index in m_written.
  static constexpr std::uint32_t spelt_out = 3;
  std::uint32_t label_number(std::uint32_t index) const {
    std::uint32_t kind = m_entries[index] & 3;
    return kind == spelt_out ? spelt_out + written_at(index) : kind;
  }
  std::string label(std::uint32_t value, std::uint32_t label) const;
  char code(std::uint32_t value) const { return m_text[m_start[value]]; }
  std::string_view key(std::uint32_t value) const {
    return std::string_view(m_text).substr(m_start[value] + 1,
                                           m_start[value + 1] - m_start[value] - 1);
  }
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
  // (entry index, index in m_written) of the entries spelt out, by entry.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> m_written_at;
  std::uint32_t written_at(std::uint32_t index) const;
  std::size_t m_bytes = 0;
  // Counters reused by count(), all zero between calls.
  std::vector<Xapian::doccount> m_day_counts, m_value_counts;
  std::vector<std::uint32_t> m_best_label, m_touched;
};

}  // namespace dateline::query
