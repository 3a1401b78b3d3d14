#pragma once
// Internal: the facet counter. One MatchSpy counts every facet type at once
// from the facet pack value (slot 3) and the day value (slot 0), so one pass
// over the matches gives all facets. It serialises its results, so it would
// work through a server that registers it; stock xapian-tcpsrv cannot, so
// for remote shards the searcher counts whole values with Xapian's own
// ValueCountMatchSpy and feeds them to count_day()/count_pack(), which give
// the same counts (see ARCHITECTURE.md, "Deployment beyond one machine").

#include <xapian.h>

#include <array>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace dateline::detail {

/// One entry of an article's facet pack value (entries are concatenated):
/// the code, the key, then how the display label is spelt: nothing when it
/// is the key itself, facet_title_case when it is the key with the first
/// letter of each word in upper case, facet_upper_case when it is the key in
/// upper case (ASCII letters only, both), else facet_display_separator and
/// the label; then facet_entry_separator. 19 labels in 20 are one of the
/// first three (Reuters), which keeps packs, read for every match a facet
/// counts, 40% smaller than spelling every label out.
std::string pack_facet(char code, std::string_view key, std::string_view display);
inline constexpr char facet_entry_separator = '\x1e';

/// The value of an article's sample slots (schema::sample_facets_slot()):
/// its publication day ("yyyymmdd", or "" when undated), '|', then its
/// facet pack, so that one stream gives a sample's days and packs.
inline std::string sample_value(std::string_view day, std::string_view pack) {
  std::string value(day);
  value += '|';
  value += pack;
  return value;
}
/// A sample slot's value split back into its day and its pack.
inline std::pair<std::string_view, std::string_view> split_sample_value(std::string_view value) {
  const std::size_t bar = value.find('|');
  if (bar == std::string_view::npos) return {{}, value};
  return {value.substr(0, bar), value.substr(bar + 1)};
}
inline constexpr char facet_display_separator = '\x1f';
inline constexpr char facet_title_case = '\x1d';
inline constexpr char facet_upper_case = '\x1c';

/// One entry of a facet pack, as read: the label is spelt by `spelling`
/// (0: the key itself; facet_title_case or facet_upper_case: the key in
/// that case; facet_display_separator: `written`).
struct PackEntry {
  char code = 0;
  std::string_view key;
  char spelling = 0;
  std::string_view written;
  /// The code and the key: an article names a value once per code_key.
  std::string_view code_key;
};
/// Read the next entry of `rest` into `entry` and advance `rest` past it;
/// false at the end. Entries too short to hold a code and a key are passed
/// over.
bool next_pack_entry(std::string_view& rest, PackEntry& entry);
/// The label an entry gives its value, spelt out.
std::string pack_entry_label(const PackEntry& entry);
/// Whether `candidate` should replace `current` as a value's label (an order
/// of labels independent of the order articles are counted in).
bool better_label(std::string_view candidate, std::string_view current);

class FacetSpy : public Xapian::MatchSpy {
 public:
  /// @param codes facet codes to count (schema::Field::facet_code), 'd' for dates.
  explicit FacetSpy(std::string codes = "");

  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override;
  std::string name() const override;
  std::string serialise() const override;
  Xapian::MatchSpy* unserialise(const std::string& serialised,
                                const Xapian::Registry& context) const override;
  std::string serialise_results() const override;
  void merge_results(const std::string& serialised) override;
  std::string get_description() const override;

  /// Count `articles` matching documents whose day value is `day`, or whose
  /// facet pack is `pack`: operator() for one document does both with 1.
  void count_day(std::string_view day, Xapian::doccount articles);
  void count_pack(std::string_view pack, Xapian::doccount articles);
  /// Count `articles` for the value `key` of facet `code`, one of whose
  /// articles labels it `label` (as merge_results() does for a shard's).
  void count_value(char code, std::string_view key, std::string_view label,
                   Xapian::doccount articles);
  /// Whether `code` is one of the facets counted.
  bool counts_code(char code) const {
    return m_values_of[static_cast<unsigned char>(code)] != nullptr;
  }
  /// Count `documents` more as examined.
  void add_seen(Xapian::doccount documents) { m_seen += documents; }
  /// What the codes ask to read from each document: its day value, its
  /// facet pack (any code but 'd').
  bool wants_days() const { return m_wants_days; }
  bool wants_packs() const { return m_wants_packs; }

  struct Count {
    Xapian::doccount articles = 0;
    std::string display;
    /// How a pack spelt the best label seen (its marker, or
    /// facet_display_separator with the label, or 0 for the key itself):
    /// the same spelling again is the same label, which cannot win, so it
    /// is passed over without being spelt out.
    char spelling = 0;
  };
  /// counts[code][key]: for dates the key is "yyyymmdd" and code 'd'.
  /// Hashes std::string and std::string_view alike, so a key is looked up
  /// without being copied into a string.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };
  /// Unordered: callers sort what they show.
  using Values = std::unordered_map<std::string, Count, KeyHash, std::equal_to<>>;
  const std::map<char, Values>& counts() const { return m_counts; }
  Xapian::doccount documents_seen() const { return m_seen; }

 private:
  std::string m_codes;
  std::map<char, Values> m_counts;
  /// m_counts[code] for each code counted, null for the others: count_pack
  /// looks codes up per entry, and a table beats a find in m_codes and the map.
  std::array<Values*, 256> m_values_of{};
  Xapian::doccount m_seen = 0;
  bool m_wants_days = false;
  bool m_wants_packs = false;
};

}  // namespace dateline::detail
