#include "ner/gazetteer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <istream>
#include <ostream>

#include "dateline/common/article.h"
#include "dateline/common/error.h"
#include "dateline/common/text.h"
#include "dateline/detail/entity_names.h"
#include "ner/binary_io.h"
#include "ner/tokenizer.h"

namespace dateline::ner {

namespace {
using detail::mix;

using detail::write_raw;

using detail::read_raw;

std::vector<std::string> words_of(std::string_view phrase) {
  std::vector<std::string> words;
  for (auto& token : split_words(phrase)) words.push_back(std::move(token.text));
  return words;
}
}  // namespace

std::uint64_t word_key(std::string_view word) { return mix(stable_hash(fold(word))); }

std::uint64_t phrase_key(std::span<const std::uint64_t> words) {
  std::uint64_t key = 0x9e3779b97f4a7c15ULL;
  for (auto word : words) key = mix(key ^ word) + 0x632be59bd9b4e019ULL;
  return key;
}

void Gazetteer::add(std::span<const std::string> words, List list) {
  if (words.empty()) return;
  std::vector<std::uint64_t> keys;
  keys.reserve(words.size());
  for (const auto& word : words) keys.push_back(word_key(word));
  add_keys(keys, static_cast<ListMask>(1u << static_cast<int>(list)));
}

void Gazetteer::add(std::string_view phrase, List list) {
  auto words = words_of(phrase);
  add(words, list);
}

void Gazetteer::add_keys(std::span<const std::uint64_t> words, ListMask lists) {
  if (words.empty()) return;
  for (std::size_t length = 1; length < words.size(); ++length) {
    std::uint64_t key = phrase_key(words.first(length));
    m_entries[key == 0 ? 1 : key] |= prefix_of_longer;
  }
  std::uint64_t key = phrase_key(words);
  m_entries[key == 0 ? 1 : key] |= lists;
  m_max_words = std::max(m_max_words, words.size());
}

void Gazetteer::save(std::ostream& out) const {
  // Sorted, so that the same lists always give the same bytes.
  std::vector<std::pair<std::uint64_t, ListMask>> entries;
  m_entries.for_each(
      [&entries](std::uint64_t key, ListMask lists) { entries.emplace_back(key, lists); });
  std::sort(entries.begin(), entries.end());
  write_raw<std::uint32_t>(out, static_cast<std::uint32_t>(m_max_words));
  write_raw<std::uint32_t>(out, static_cast<std::uint32_t>(entries.size()));
  for (const auto& [key, lists] : entries) {
    write_raw(out, key);
    write_raw(out, lists);
  }
}

void Gazetteer::load(std::istream& in) {
  m_entries = {};
  m_max_words = read_raw<std::uint32_t>(in);
  auto count = read_raw<std::uint32_t>(in);
  if (m_max_words > 64 || count > (1u << 26)) throw Error("entity model: malformed gazetteer");
  m_entries.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    auto key = read_raw<std::uint64_t>(in);
    m_entries[key] = read_raw<ListMask>(in);
  }
}

std::size_t Gazetteer::add_iso_codes(const std::filesystem::path& json_directory) {
  std::size_t added = 0;
  auto read = [&](const char* name, const char* top, std::initializer_list<const char*> keys,
                  List list) {
    std::ifstream in(json_directory / name);
    if (!in) return;
    auto document = nlohmann::json::parse(in, nullptr, false);
    if (document.is_discarded() || !document.contains(top)) return;
    for (const auto& entry : document[top]) {
      for (const char* key : keys) {
        if (!entry.contains(key) || !entry[key].is_string()) continue;
        std::string value = entry[key].get<std::string>();
        add(value, list);
        ++added;
        // "Korea, Republic of" is also known as "Korea".
        if (auto comma = value.find(','); comma != std::string::npos) {
          add(std::string_view(value).substr(0, comma), list);
          ++added;
        }
      }
    }
  };
  read("iso_3166-1.json", "3166-1", {"name", "common_name", "official_name"}, List::location);
  read("iso_3166-3.json", "3166-3", {"name"}, List::location);
  read("iso_3166-2.json", "3166-2", {"name"}, List::region);
  read("iso_639-2.json", "639-2", {"name"}, List::misc);
  return added;
}

std::size_t Gazetteer::add_tzdata(const std::filesystem::path& zoneinfo_directory) {
  static constexpr std::array<const char*, 8> areas{
      "Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Pacific"};
  std::size_t added = 0;
  std::error_code error;
  std::vector<std::string> names;
  for (const char* area : areas) {
    auto directory = zoneinfo_directory / area;
    if (!std::filesystem::is_directory(directory, error)) continue;
    for (auto it = std::filesystem::recursive_directory_iterator(directory, error);
         it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
      if (error) break;
      if (!it->is_regular_file(error)) continue;
      std::string name = it->path().filename().string();
      std::replace(name.begin(), name.end(), '_', ' ');
      names.push_back(std::move(name));
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  for (const auto& name : names) {
    add(name, List::location);
    ++added;
  }
  return added;
}

std::size_t Gazetteer::add_reuters_list(const std::filesystem::path& file, List list) {
  std::ifstream in(file);
  if (!in) throw Error("cannot read " + file.string());
  std::size_t added = 0;
  std::string line;
  while (std::getline(in, line)) {
    std::string phrase(trim(line));
    std::replace(phrase.begin(), phrase.end(), '-', ' ');
    if (phrase.empty()) continue;
    add(phrase, list);
    ++added;
  }
  return added;
}

std::size_t Gazetteer::add_hand_lists() {
  static const std::pair<std::string_view, List> names[] = {
      {"title", List::title},
      {"org-suffix", List::org_suffix},
      {"date", List::date},
      {"demonym", List::misc},
      {"first-name", List::first_name},
      {"organisation", List::organisation},
  };
  std::size_t added = 0;
  for (const auto& row : dateline::detail::table_rows(hand_lists_text())) {
    for (const auto& [name, list] : names) {
      if (row.first == name) {
        add(row.rest, list);
        ++added;
      }
    }
  }
  return added;
}

}  // namespace dateline::ner
