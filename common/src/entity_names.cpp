#include "dateline/detail/entity_names.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <vector>

#include "dateline/common/text.h"

namespace dateline::detail {

// Compiled in from common/data (entity_data.cpp.in).
std::string_view aliases_text();
std::string_view legal_forms_text();

namespace {
const std::vector<std::string>& legal_forms() {
  static const std::vector<std::string> forms = [] {
    std::vector<std::string> result;
    for (const TableRow& row : table_rows(legal_forms_text()))
      result.push_back(facet_key(row.first));
    return result;
  }();
  return forms;
}

// `text` without its last word, and the spaces and commas before it; the
// last word in `last`. False for a single word.
bool split_last_word(std::string_view text, std::string_view& rest, std::string_view& last) {
  const std::size_t space = text.find_last_of(' ');
  if (space == std::string_view::npos) return false;
  last = text.substr(space + 1);
  rest = text.substr(0, space);
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == ',')) rest.remove_suffix(1);
  return !rest.empty();
}
}  // namespace

std::vector<TableRow> table_rows(std::string_view text) {
  std::vector<TableRow> rows;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = trim(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      rows.push_back({line, {}});
    } else {
      rows.push_back({trim(line.substr(0, tab)), trim(line.substr(tab + 1))});
    }
  }
  return rows;
}

const AliasTable& alias_table() {
  static const AliasTable table = [] {
    AliasTable result;
    for (const TableRow& row : table_rows(aliases_text())) {
      // variant<TAB>canonical[<TAB>type]
      if (row.rest.empty()) continue;
      const std::string_view variant = row.first;
      std::string_view canonical = row.rest;
      std::string_view type;
      if (const std::size_t second = canonical.find('\t'); second != std::string_view::npos) {
        type = trim(canonical.substr(second + 1));
        canonical = trim(canonical.substr(0, second));
      }
      const std::string key = facet_key(canonical);
      result.canonical.emplace(facet_key(variant), std::string(canonical));
      result.targets.insert(key);
      if (type == "person") result.types[key] = Entity::Type::person;
      if (type == "organisation") result.types[key] = Entity::Type::organisation;
      if (type == "place") result.types[key] = Entity::Type::place;
      if (type == "misc") result.types[key] = Entity::Type::misc;
    }
    return result;
  }();
  return table;
}

const std::vector<std::string>& spelling_variants(std::string_view word_key) {
  static const auto variants = [] {
    // The spellings of each entity's one-word name, by its canonical key.
    std::map<std::string, std::vector<std::string>> groups;
    auto add = [&](const std::string& group, std::string_view spelling) {
      auto& members = groups[group];
      const std::string key = facet_key(spelling);
      for (const auto& member : members) {
        if (facet_key(member) == key) return;
      }
      members.emplace_back(spelling);
    };
    for (const TableRow& row : table_rows(aliases_text())) {
      if (row.rest.empty()) continue;
      const std::string_view variant = row.first;
      std::string_view canonical = row.rest.substr(0, row.rest.find('\t'));
      canonical = trim(canonical);
      if (variant.find(' ') != std::string_view::npos) continue;
      std::string_view rest, last;
      if (!split_last_word(canonical, rest, last)) {
        add(facet_key(canonical), canonical);
        add(facet_key(canonical), variant);
      } else if (edit_distance(facet_key(variant), facet_key(last), 2) <= 2) {
        add(facet_key(canonical), last);
        add(facet_key(canonical), variant);
      }
    }
    std::unordered_map<std::string, std::vector<std::string>> by_word;
    for (const auto& [group, members] : groups) {
      if (members.size() < 2) continue;
      for (const auto& member : members) {
        auto& others = by_word[facet_key(member)];
        for (const auto& other : members) {
          if (&other != &member) others.push_back(other);
        }
      }
    }
    return by_word;
  }();
  static const std::vector<std::string> none;
  auto found = variants.find(std::string(word_key));
  return found == variants.end() ? none : found->second;
}

bool is_legal_form(std::string_view word) {
  const auto& forms = legal_forms();
  return std::find(forms.begin(), forms.end(), facet_key(word)) != forms.end();
}

std::string without_legal_form(std::string_view name) {
  std::string_view kept = trim(name);
  std::string_view rest, last;
  while (split_last_word(kept, rest, last) && is_legal_form(last)) {
    kept = rest;
    // "Merrill Lynch and Co", "Smith & Co": the joining word goes too.
    std::string_view before, joiner;
    if (split_last_word(kept, before, joiner) && (joiner == "and" || joiner == "&")) kept = before;
  }
  return std::string(kept);
}

std::string entity_key(std::string_view name, Entity::Type type) {
  std::string key =
      facet_key(type == Entity::Type::organisation ? without_legal_form(name) : std::string(name));
  // A leading "the", as the tagger's names lose it ("the World Bank").
  if (key.starts_with("the ") && key.size() > 4) key.erase(0, 4);
  const auto& aliases = alias_table().canonical;
  if (auto alias = aliases.find(key); alias != aliases.end()) key = facet_key(alias->second);
  return key;
}

}  // namespace dateline::detail
