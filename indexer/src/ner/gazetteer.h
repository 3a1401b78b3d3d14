#pragma once
// Internal: name lists for the entity tagger. A Gazetteer maps a phrase of
// one or more words (compared folded: lower case, no diacritics) to the set
// of lists it is on. Only hashes are kept, so a model file carries no list
// text: the Reuters-21578 lists, for instance, are used but not shipped.

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ner/flat_table.h"

namespace dateline::ner {

/// The lists a phrase can be on (bit numbers of a ListMask).
enum class List : std::uint8_t {
  person,        ///< people (Reuters PEOPLE)
  organisation,  ///< organisations (Reuters ORGS)
  location,      ///< countries, cities (iso-codes, tzdata, Reuters PLACES)
  misc,          ///< demonyms, languages
  title,         ///< titles and honorifics ("President", "Mr.")
  org_suffix,    ///< words ending organisation names ("Inc", "Party")
  date,          ///< months and weekdays
  region,        ///< subdivisions of countries (iso-codes 3166-2)
  first_name,    ///< common given names
  train_person,  ///< entity strings of the training data, by type
  train_organisation,
  train_location,
  train_misc,
};
inline constexpr int list_count = 13;
using ListMask = std::uint16_t;
/// Set on a lookup result when longer phrases start with this one.
inline constexpr ListMask prefix_of_longer = 0x8000;

/// Hash of one word as gazetteers and features compare it: dateline::fold()
/// of the word.
std::uint64_t word_key(std::string_view word);
/// Hash of a phrase, given the word_key() of each word.
std::uint64_t phrase_key(std::span<const std::uint64_t> words);

class Gazetteer {
 public:
  /// Put the phrase `words` (already split into tokens) on `list`.
  void add(std::span<const std::string> words, List list);
  /// Put `phrase` on `list`, splitting it with split_words().
  void add(std::string_view phrase, List list);
  /// Put the phrase whose words have these word_key()s on `lists`.
  void add_keys(std::span<const std::uint64_t> words, ListMask lists);

  /// The lists the phrase with this phrase_key() is on, plus
  /// prefix_of_longer when longer phrases start with it (0 when neither).
  ListMask lookup(std::uint64_t key) const { return m_entries.find(key == 0 ? 1 : key); }
  /// The longest phrase on any list, in words.
  std::size_t max_words() const { return m_max_words; }
  std::size_t size() const { return m_entries.size(); }

  /// Binary form, for the model file.
  void save(std::ostream& out) const;
  /// @exception dateline::Error on a truncated or malformed stream.
  void load(std::istream& in);

  // Builders for the offline sources. Each returns the number of phrases added.

  /// Debian iso-codes JSON (iso_3166-1/-3 country names -> location,
  /// iso_3166-2 subdivisions -> region, iso_639-2 language names -> misc).
  std::size_t add_iso_codes(const std::filesystem::path& json_directory);
  /// City names from the tzdata zone files ("America/New_York" -> "New York").
  std::size_t add_tzdata(const std::filesystem::path& zoneinfo_directory);
  /// A Reuters-21578 all-*-strings.lc.txt list (hyphens read as spaces).
  std::size_t add_reuters_list(const std::filesystem::path& file, List list);
  /// The hand lists compiled into the program (indexer/data/ner-lists.tsv).
  std::size_t add_hand_lists();

 private:
  FlatTable<ListMask> m_entries;
  std::size_t m_max_words = 0;
};

/// The hand-written word lists (indexer/data/ner-lists.tsv), compiled in.
std::string_view hand_lists_text();

}  // namespace dateline::ner
