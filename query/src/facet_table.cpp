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

std::uint32_t FacetTable::written_at(std::uint32_t index) const {
  auto found = std::lower_bound(m_written_at.begin(), m_written_at.end(),
                                std::make_pair(index, std::uint32_t{0}));
  return found->second;
}

std::string FacetTable::label(std::uint32_t value, std::uint32_t label) const {
  if (label >= spelt_out) return m_written[label - spelt_out];
  detail::PackEntry entry;
  entry.code = code(value);
  entry.key = key(value);
  entry.spelling = label == 0   ? 0
                   : label == 1 ? detail::facet_title_case
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
      if (number >= (1u << 30)) return nullptr;
      std::uint32_t kind = entry.spelling == 0                          ? 0
                           : entry.spelling == detail::facet_title_case ? 1
                           : entry.spelling == detail::facet_upper_case ? 2
                                                                        : spelt_out;
      if (kind == spelt_out) {
        auto [found, added] = written_numbers.try_emplace(
            std::string(entry.written), static_cast<std::uint32_t>(table->m_written.size()));
        if (added) {
          table->m_written.emplace_back(entry.written);
          bytes += 2 * string_bytes(table->m_written.back()) + 32;
        }
        table->m_written_at.emplace_back(static_cast<std::uint32_t>(entries.size()), found->second);
      }
      entries.push_back(number << 2 | kind);
    }
    if (bytes + entries.size() * sizeof(std::uint32_t) +
            table->m_written_at.capacity() * 2 * sizeof(std::uint32_t) + table->m_text.capacity() +
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
  table->m_value_counts.assign(values, 0);
  table->m_best_label.assign(values, 0);
  table->m_touched.reserve(std::max(values, table->m_days.size()));
  table->m_bytes = bytes + entries.size() * sizeof(std::uint32_t) +
                   table->m_written_at.size() * 2 * sizeof(std::uint32_t) + table->m_text.size() +
                   values * (3 * sizeof(std::uint32_t) + sizeof(Xapian::doccount));
  return table;
}

void FacetTable::count(const std::vector<Xapian::docid>& docids, detail::FacetSpy& spy,
                       std::size_t top) {
  spy.add_seen(static_cast<Xapian::doccount>(docids.size()));
  if (spy.wants_days()) {
    for (Xapian::docid did : docids) {
      if (did >= m_day_of.size() || m_day_of[did] == 0) continue;
      std::uint32_t day = m_day_of[did] - 1;
      if (m_day_counts[day]++ == 0) m_touched.push_back(day);
    }
    for (std::uint32_t day : m_touched) {
      spy.count_day(m_days[day], m_day_counts[day]);
      m_day_counts[day] = 0;
    }
    m_touched.clear();
  }
  if (!spy.wants_packs()) return;
  std::array<bool, 256> wanted{};
  for (int code = 0; code < 256; ++code) wanted[code] = spy.counts_code(static_cast<char>(code));
  for (Xapian::docid did : docids) {
    if (did + 1 >= m_first.size()) continue;
    // As FacetSpy::count_pack: a value named again by the entry before
    // (among the facets counted) counts once.
    std::uint32_t previous = UINT32_MAX;
    for (std::uint32_t k = m_first[did]; k < m_first[did + 1]; ++k) {
      const std::uint32_t value = m_entries[k] >> 2;
      if (!wanted[static_cast<unsigned char>(code(value))]) continue;
      if (value == previous) continue;
      previous = value;
      if (m_value_counts[value]++ == 0) {
        m_touched.push_back(value);
        m_best_label[value] = label_number(k);
      } else {
        std::uint32_t label = label_number(k);
        if (label != m_best_label[value] &&
            detail::better_label(this->label(value, label),
                                 this->label(value, m_best_label[value]))) {
          m_best_label[value] = label;
        }
      }
    }
  }
  // Each facet's top values, in the order a search shows them.
  auto before = [&](std::uint32_t left, std::uint32_t right) {
    if (m_value_counts[left] != m_value_counts[right]) {
      return m_value_counts[left] > m_value_counts[right];
    }
    return key(left) < key(right);
  };
  std::sort(m_touched.begin(), m_touched.end(),
            [&](std::uint32_t left, std::uint32_t right) { return code(left) < code(right); });
  for (auto group = m_touched.begin(); group != m_touched.end();) {
    auto end = std::find_if(group, m_touched.end(),
                            [&](std::uint32_t value) { return code(value) != code(*group); });
    auto shown =
        group + static_cast<std::ptrdiff_t>(std::min(top, static_cast<std::size_t>(end - group)));
    std::partial_sort(group, shown, end, before);
    for (auto value = group; value != shown; ++value) {
      spy.count_value(code(*value), key(*value), label(*value, m_best_label[*value]),
                      m_value_counts[*value]);
    }
    for (auto value = group; value != end; ++value) m_value_counts[*value] = 0;
    group = end;
  }
  m_touched.clear();
}

}  // namespace dateline::query
