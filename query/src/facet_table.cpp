#include "facet_table.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>

#include "dateline/common/schema.h"
#include "value_numbers.h"

namespace dateline::query {

namespace {

std::size_t string_bytes(const std::string& text) {
  return sizeof(std::string) + (text.capacity() > 15 ? text.capacity() + 1 : 0);
}

}  // namespace

std::string FacetTable::label(std::uint32_t value, std::uint32_t spelling) const {
  detail::PackEntry entry;
  entry.code = code(value);
  entry.key = key(value);
  entry.spelling = spelling == 0   ? 0
                   : spelling == 1 ? detail::facet_title_case
                                   : detail::facet_upper_case;
  return detail::pack_entry_label(entry);
}

std::unique_ptr<FacetTable> FacetTable::build(const Xapian::Database& db, std::size_t max_bytes) {
  auto table = std::make_unique<FacetTable>();
  const auto last = static_cast<std::size_t>(db.get_lastdocid());
  // m_day_of and m_first.
  std::size_t fixed = 2 * (last + 2) * sizeof(std::uint32_t);
  // Articles take 64-105 bytes (Reuters x10, Reuters-21578): an index that
  // would not fit even at 40 is not read at all.
  if (fixed + 40 * std::size_t{db.get_value_freq(schema::slot_facets)} > max_bytes) return nullptr;

  table->m_day_of.assign(last + 1, 0);
  std::unordered_map<std::string, std::uint32_t> day_numbers;
  for (auto value = db.valuestream_begin(schema::slot_day);
       value != db.valuestream_end(schema::slot_day); ++value) {
    std::string day = *value;
    if (day.empty()) continue;
    auto [found, added] =
        day_numbers.try_emplace(day, static_cast<std::uint32_t>(table->m_days.size()));
    if (added) table->m_days.push_back(day);
    table->m_day_of[value.get_docid()] = found->second + 1;
  }
  std::size_t bytes = fixed;
  for (const auto& day : table->m_days) bytes += string_bytes(day);

  ValueNumbers value_number(table->m_text, table->m_start);
  // Labels spelt out in a pack (1 in 20), numbered from 3.
  std::unordered_map<std::string, std::uint32_t> written_numbers;
  auto& first = table->m_first;
  auto& entries = table->m_entries;
  first.assign(last + 2, 0);
  // Room for 8 entries an article (Reuters has 6.7): reserved, not touched,
  // so that the entries are not copied as they grow.
  entries.reserve(std::min<std::size_t>(max_bytes / sizeof(std::uint32_t),
                                        8 * std::size_t{db.get_value_freq(schema::slot_facets)}));
  std::size_t filled = 0;  // first[0...filled] are set
  for (auto value = db.valuestream_begin(schema::slot_facets);
       value != db.valuestream_end(schema::slot_facets); ++value) {
    const auto did = static_cast<std::size_t>(value.get_docid());
    while (filled < did) first[++filled] = static_cast<std::uint32_t>(entries.size());
    const std::string pack = *value;
    std::string_view rest(pack);
    detail::PackEntry entry;
    while (detail::next_pack_entry(rest, entry)) {
      std::uint32_t number = value_number(entry.code_key);
      if (number >= (1u << (32 - number_shift))) return nullptr;
      std::size_t code_index = table->m_codes.find(entry.code);
      if (code_index == std::string::npos) {
        if (table->m_codes.size() == max_codes) return nullptr;
        code_index = table->m_codes.size();
        table->m_codes += entry.code;
      }
      std::uint32_t kind = entry.spelling == 0                          ? 0
                           : entry.spelling == detail::facet_title_case ? 1
                           : entry.spelling == detail::facet_upper_case ? 2
                                                                        : spelt_out;
      entries.push_back(number << number_shift | static_cast<std::uint32_t>(code_index) << 2 |
                        kind);
      if (kind == spelt_out) {
        auto [found, added] = written_numbers.try_emplace(
            std::string(entry.written), static_cast<std::uint32_t>(table->m_written.size()));
        if (added) {
          table->m_written.emplace_back(entry.written);
          bytes += 2 * string_bytes(table->m_written.back()) + 32;
        }
        entries.push_back(found->second);
      }
    }
    if (bytes + entries.size() * sizeof(std::uint32_t) + table->m_text.capacity() +
            table->m_start.capacity() * sizeof(std::uint32_t) + value_number.slots_bytes() >
        max_bytes) {
      return nullptr;
    }
  }
  while (filled < last + 1) first[++filled] = static_cast<std::uint32_t>(entries.size());
  table->m_text.shrink_to_fit();
  table->m_start.shrink_to_fit();

  const std::size_t values = table->m_start.size() - 1;
  table->m_day_counts.assign(table->m_days.size(), 0);
  table->m_counters.assign(values, Counter{});
  table->m_bytes = bytes + entries.size() * sizeof(std::uint32_t) + table->m_text.size() +
                   values * (sizeof(std::uint32_t) + sizeof(Counter));
  return table;
}

void FacetTable::count(const std::vector<Xapian::docid>& docids, detail::FacetSpy& spy,
                       std::size_t top) {
  spy.add_seen(static_cast<Xapian::doccount>(docids.size()));
  // The docids are spread over the whole table, so nearly every read below
  // misses the cache; the reads of the documents a few places on are
  // started early (prefetched) so that the misses overlap instead of
  // following one another.
  const std::size_t n = docids.size();
  constexpr std::size_t ahead = 8;
  if (spy.wants_days()) {
    for (std::size_t i = 0; i < n; ++i) {
      if (i + ahead < n && docids[i + ahead] < m_day_of.size()) {
        __builtin_prefetch(&m_day_of[docids[i + ahead]]);
      }
      const Xapian::docid did = docids[i];
      if (did >= m_day_of.size() || m_day_of[did] == 0) continue;
      std::uint32_t day = m_day_of[did] - 1;
      if (m_day_counts[day]++ == 0) m_touched_days.push_back(day);
    }
    for (std::uint32_t day : m_touched_days) {
      spy.count_day(m_days[day], m_day_counts[day]);
      m_day_counts[day] = 0;
    }
    m_touched_days.clear();
  }
  if (!spy.wants_packs()) return;
  std::array<bool, max_codes> wanted{};
  for (std::size_t k = 0; k < m_codes.size(); ++k) wanted[k] = spy.counts_code(m_codes[k]);
  // Three stages ahead: a document's place in m_entries (m_first), its
  // entries, and the counters of their values.
  auto entries_of = [&](std::size_t i) -> std::pair<std::uint32_t, std::uint32_t> {
    const Xapian::docid did = docids[i];
    if (did + 1 >= m_first.size()) return {0, 0};
    return {m_first[did], m_first[did + 1]};
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (i + 3 * ahead < n && docids[i + 3 * ahead] + 1 < m_first.size()) {
      __builtin_prefetch(&m_first[docids[i + 3 * ahead]]);
    }
    if (i + 2 * ahead < n) {
      auto [first, end] = entries_of(i + 2 * ahead);
      if (first < end) {
        __builtin_prefetch(&m_entries[first]);
        __builtin_prefetch(&m_entries[end - 1]);
      }
    }
    if (i + ahead < n) {
      auto [first, end] = entries_of(i + ahead);
      for (std::uint32_t k = first; k < end; ++k) {
        const std::uint32_t entry = m_entries[k];
        if ((entry & 3) == spelt_out) ++k;
        if (wanted[entry_code(entry)]) __builtin_prefetch(&m_counters[entry_value(entry)]);
      }
    }
    auto [first, end] = entries_of(i);
    // As FacetSpy::count_pack: a value named again by the entry before
    // (among the facets counted) counts once.
    std::uint32_t previous = UINT32_MAX;
    for (std::uint32_t k = first; k < end; ++k) {
      const std::uint32_t entry = m_entries[k];
      const std::uint32_t spelling = entry & 3;
      const std::uint32_t code_index = entry_code(entry);
      // A label spelt out: the entry after is its index in m_written.
      const std::uint32_t written = spelling == spelt_out ? m_entries[++k] : none;
      if (!wanted[code_index]) continue;
      const std::uint32_t value = entry_value(entry);
      if (value == previous) continue;
      previous = value;
      Counter& counter = m_counters[value];
      if (counter.articles++ == 0) m_touched[code_index].push_back(value);
      if (spelling != spelt_out) {
        counter.spellings |= 1u << spelling;
      } else if (counter.best_written == none ||
                 (written != counter.best_written &&
                  detail::better_label(m_written[written], m_written[counter.best_written]))) {
        counter.best_written = written;
      }
    }
  }
  // Each facet's top values, in the order a search shows them, with the
  // best label met (better_label is an order of labels, so the best of
  // those met does not depend on the order they were met in).
  auto before = [&](std::uint32_t left, std::uint32_t right) {
    if (m_counters[left].articles != m_counters[right].articles) {
      return m_counters[left].articles > m_counters[right].articles;
    }
    return key(left) < key(right);
  };
  std::string codes = m_codes;
  std::sort(codes.begin(), codes.end());
  for (char code : codes) {
    const std::size_t code_index = m_codes.find(code);
    auto& values = m_touched[code_index];
    auto shown = values.begin() + static_cast<std::ptrdiff_t>(std::min(top, values.size()));
    std::partial_sort(values.begin(), shown, values.end(), before);
    for (auto value = values.begin(); value != shown; ++value) {
      const Counter& counter = m_counters[*value];
      std::string best;
      if (counter.best_written != none) best = m_written[counter.best_written];
      for (std::uint32_t spelling = 0; spelling < spelt_out; ++spelling) {
        if ((counter.spellings & (1u << spelling)) == 0) continue;
        std::string candidate = label(*value, spelling);
        if (best.empty() || detail::better_label(candidate, best)) best = std::move(candidate);
      }
      spy.count_value(code, key(*value), best, counter.articles);
    }
    for (std::uint32_t value : values) m_counters[value] = Counter{};
    values.clear();
  }
}

}  // namespace dateline::query
