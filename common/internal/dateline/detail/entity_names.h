#pragma once
// Internal: entity names as the index keys them. The indexer writes an
// entity's key (ner::normalise_entity()) and the query parser reads what a
// user types after person:, org:, place: or misc: through the same steps,
// so `place:USA` finds what the facets list as "United States" and
// `org:"Texaco Inc"` what they list as "Texaco".

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dateline/common/article.h"

namespace dateline::detail {

/// A row of a compiled-in data table (the alias table, the legal forms,
/// the tagger's hand lists): the text before its first tab and the rest,
/// both trimmed (the rest is empty in a line without a tab).
struct TableRow {
  std::string_view first;
  std::string_view rest;
};
/// The rows of `text`, blank lines and lines starting with # left out.
std::vector<TableRow> table_rows(std::string_view text);

/// The alias table (common/data/aliases.tsv, compiled in).
struct AliasTable {
  /// facet_key(variant) -> the canonical display form ("usa" -> "United States")
  std::unordered_map<std::string, std::string> canonical;
  /// facet_key(canonical) -> the entity's type, where the table gives one
  std::unordered_map<std::string, Entity::Type> types;
  /// facet_key() of every canonical form
  std::unordered_set<std::string> targets;
};
const AliasTable& alias_table();

/// The other spellings the alias table gives a one-word name, as written
/// there, for facet_key(word): "kiev" -> {"Kyiv"}, "burma" -> {"Myanmar"},
/// "osterreich" -> {"Austria"}, "zelensky" -> {"Zelenskiy", "Zelenskyy"}.
/// A group is the one-word names of an entity whose canonical form is one
/// word, or, for a longer canonical form ("Volodymyr Zelenskyy"), its last
/// word and the one-word variants within two edits of it: so "America"
/// (United States) is no spelling of "States". Empty for any other word.
const std::vector<std::string>& spelling_variants(std::string_view word_key);

/// Whether `word` is a company's legal form ("Inc", "INC", "Inc.", "Ltd";
/// common/data/legal-forms.txt).
bool is_legal_form(std::string_view word);

/// `name` without the legal forms that end it, and an "and" or "&" left
/// before one: "Texaco Inc" -> "Texaco", "Merrill Lynch and Co Inc" ->
/// "Merrill Lynch". A name is never emptied: "Inc" alone stays.
std::string without_legal_form(std::string_view name);

/// The key an entity of `type` named `name` has in the index: for an
/// organisation without its legal form (a person may be called "Henry
/// Co"), folded (facet_key()), without a leading "the", then mapped through
/// the alias table ("U.S." -> "united states").
std::string entity_key(std::string_view name, Entity::Type type);

}  // namespace dateline::detail
