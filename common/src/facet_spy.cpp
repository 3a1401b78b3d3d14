#include "dateline/detail/facet_spy.h"

#include <algorithm>

#include "dateline/common/schema.h"

namespace dateline::detail {

namespace {
bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
char ascii_upper(char c) { return ascii_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// The label a marker stands for, spelt from the key.
std::string spell_label(std::string_view key, char marker) {
  std::string label(key);
  for (std::size_t k = 0; k < label.size(); ++k) {
    if (marker == facet_upper_case || k == 0 || label[k - 1] == ' ')
      label[k] = ascii_upper(label[k]);
  }
  return label;
}

bool is_marker(char c) {
  return c == facet_title_case || c == facet_upper_case || c == facet_display_separator;
}
}  // namespace

std::string pack_facet(char code, std::string_view key, std::string_view display) {
  std::string entry(1, code);
  entry += key;
  // A key that ends in a marker byte (never, from facet_key()) is spelt out.
  const bool plain_key = key.empty() || !is_marker(key.back());
  if (display == key && plain_key) {
    // The label is the key: nothing to add.
  } else if (plain_key && display == spell_label(key, facet_title_case)) {
    entry += facet_title_case;
  } else if (plain_key && display == spell_label(key, facet_upper_case)) {
    entry += facet_upper_case;
  } else {
    entry += facet_display_separator;
    entry += display;
  }
  entry += facet_entry_separator;
  return entry;
}

FacetSpy::FacetSpy(std::string codes)
    : m_codes(std::move(codes)),
      m_wants_days(m_codes.find('d') != std::string::npos),
      m_wants_packs(m_codes.find_first_not_of('d') != std::string::npos) {
  // Created up front (empty) for every code, so the table's pointers stay
  // valid: std::map never moves its elements.
  for (char code : m_codes) m_values_of[static_cast<unsigned char>(code)] = &m_counts[code];
}

// Labels differ between articles ("VLADIMIR PUTIN", "Vladimir Putin",
// Reuters' "FRance"); the one shown must not depend on which article was
// counted first (shards count in other orders), so prefer a label with
// lower-case letters, then one with fewer slips of the shift key (two
// capitals then a lower-case letter: "FRance"; "McDonald" and "USA" are
// not slips), then the smallest.
bool better_label(std::string_view candidate, std::string_view current) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto shouting = [&](std::string_view label) {
    return std::none_of(label.begin(), label.end(), lower);
  };
  auto slips = [&](std::string_view label) {
    int count = 0;
    for (std::size_t k = 2; k < label.size(); ++k) {
      bool word_start = k == 2 || (!upper(label[k - 3]) && !lower(label[k - 3]));
      count += word_start && upper(label[k - 2]) && upper(label[k - 1]) && lower(label[k]);
    }
    return count;
  };
  if (candidate == current) return false;  // the usual case, decided cheaply
  if (current.empty()) return !candidate.empty();
  if (shouting(candidate) != shouting(current)) return !shouting(candidate);
  int candidate_slips = slips(candidate), current_slips = slips(current);
  if (candidate_slips != current_slips) return candidate_slips < current_slips;
  return !candidate.empty() && candidate < current;
}

bool next_pack_entry(std::string_view& rest, PackEntry& entry) {
  while (!rest.empty()) {
    std::size_t end = rest.find(facet_entry_separator);
    std::string_view text = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    if (text.size() < 2) continue;
    entry.code = text[0];
    entry.spelling = 0;
    entry.written = {};
    entry.key = text.substr(1);
    std::size_t split = entry.key.find(facet_display_separator);
    if (split != std::string_view::npos) {
      entry.spelling = facet_display_separator;
      entry.written = entry.key.substr(split + 1);
      entry.key = entry.key.substr(0, split);
    } else if (entry.key.back() == facet_title_case || entry.key.back() == facet_upper_case) {
      entry.spelling = entry.key.back();
      entry.key.remove_suffix(1);
    }
    entry.code_key = text.substr(0, entry.key.size() + 1);
    return true;
  }
  return false;
}

std::string pack_entry_label(const PackEntry& entry) {
  return entry.spelling == facet_display_separator ? std::string(entry.written)
         : entry.spelling == 0                     ? std::string(entry.key)
                                                   : spell_label(entry.key, entry.spelling);
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++m_seen;
  if (m_wants_days) count_day(doc.get_value(schema::slot_day), 1);
  if (m_wants_packs) count_pack(doc.get_value(schema::slot_facets), 1);
}

void FacetSpy::count_day(std::string_view day, Xapian::doccount articles) {
  Values* counted = m_values_of[static_cast<unsigned char>('d')];
  if (day.empty() || counted == nullptr) return;
  auto& days = *counted;
  auto found = days.find(day);
  if (found == days.end()) found = days.emplace(std::string(day), Count{}).first;
  found->second.articles += articles;
}

void FacetSpy::count_pack(std::string_view pack, Xapian::doccount articles) {
  std::string_view rest(pack);
  // One article counts once per key even if the pack names it twice (a
  // source tag and the tagger agreeing).
  std::string_view previous_code_key;
  PackEntry entry;
  while (next_pack_entry(rest, entry)) {
    Values* counted = m_values_of[static_cast<unsigned char>(entry.code)];
    if (counted == nullptr) continue;
    if (entry.code_key == previous_code_key) continue;
    previous_code_key = entry.code_key;
    // Look the key up without making a string of it: most are there already.
    auto& values = *counted;
    auto found = values.find(entry.key);
    if (found == values.end()) found = values.emplace(std::string(entry.key), Count{}).first;
    auto& count = found->second;
    count.articles += articles;
    // The label this article gives, unless it is spelt as the one kept.
    if (!count.display.empty() && entry.spelling == count.spelling &&
        (entry.spelling != facet_display_separator || entry.written == count.display)) {
      continue;
    }
    std::string label = pack_entry_label(entry);
    if (better_label(label, count.display)) {
      count.display = std::move(label);
      count.spelling = entry.spelling;
    }
  }
}

void FacetSpy::count_value(char code, std::string_view key, std::string_view label,
                           Xapian::doccount articles) {
  auto& values = m_counts[code];
  auto found = values.find(key);
  if (found == values.end()) found = values.emplace(std::string(key), Count{}).first;
  auto& count = found->second;
  count.articles += articles;
  if (better_label(label, count.display)) {
    count.display = std::string(label);
    // Spelt out: the same label again is recognised by its text.
    count.spelling = facet_display_separator;
  }
}

Xapian::MatchSpy* FacetSpy::clone() const { return new FacetSpy(m_codes); }

std::string FacetSpy::name() const { return "Dateline.FacetSpy"; }

std::string FacetSpy::serialise() const { return m_codes; }

Xapian::MatchSpy* FacetSpy::unserialise(const std::string& serialised,
                                        const Xapian::Registry&) const {
  return new FacetSpy(serialised);
}

namespace {
void put_u32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(value >> shift));
}
std::uint32_t get_u32(std::string_view& in) {
  if (in.size() < 4) throw Xapian::NetworkError("truncated facet results");
  std::uint32_t value = 0;
  for (int k = 0; k < 4; ++k) value = (value << 8) | static_cast<unsigned char>(in[k]);
  in.remove_prefix(4);
  return value;
}
void put_bytes(std::string& out, std::string_view text) {
  put_u32(out, static_cast<std::uint32_t>(text.size()));
  out += text;
}
std::string get_bytes(std::string_view& in) {
  std::uint32_t size = get_u32(in);
  if (in.size() < size) throw Xapian::NetworkError("truncated facet results");
  std::string out(in.substr(0, size));
  in.remove_prefix(size);
  return out;
}
}  // namespace

std::string FacetSpy::serialise_results() const {
  std::string out;
  put_u32(out, m_seen);
  put_u32(out, static_cast<std::uint32_t>(m_counts.size()));
  for (const auto& [code, values] : m_counts) {
    out.push_back(code);
    put_u32(out, static_cast<std::uint32_t>(values.size()));
    for (const auto& [key, count] : values) {
      put_bytes(out, key);
      put_bytes(out, count.display);
      put_u32(out, count.articles);
    }
  }
  return out;
}

void FacetSpy::merge_results(const std::string& serialised) {
  std::string_view in(serialised);
  m_seen += get_u32(in);
  std::uint32_t codes = get_u32(in);
  for (std::uint32_t c = 0; c < codes; ++c) {
    if (in.empty()) throw Xapian::NetworkError("truncated facet results");
    char code = in[0];
    in.remove_prefix(1);
    std::uint32_t values = get_u32(in);
    for (std::uint32_t v = 0; v < values; ++v) {
      std::string key = get_bytes(in);
      std::string display = get_bytes(in);
      count_value(code, key, display, get_u32(in));
    }
  }
}

std::string FacetSpy::get_description() const { return "Dateline.FacetSpy(" + m_codes + ")"; }

}  // namespace dateline::detail
