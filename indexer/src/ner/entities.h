#pragma once
// Named entities for the index: the enrichment entry point the document
// builder calls, entity normalisation (ENTITIES-DATES.md §4) and where the
// trained model is found.
//
// The model file (indexer/data/ner-model.bin, built by `dateline-index
// train-ner`) is looked for, first hit wins:
//   1. the file given to set_default_model_path();
//   2. ner-model.bin next to the running executable;
//   3. ../share/dateline/ner-model.bin relative to the executable;
//   4. <install prefix>/share/dateline/ner-model.bin;
//   5. indexer/data/ner-model.bin in the source tree it was built from.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/common/article.h"

namespace dateline::ner {

class Model;

/// Use `file` as the default model. Only effective before the first call
/// of default_model(). Thread-safe.
void set_default_model_path(const std::filesystem::path& file);

/// The candidate locations of the default model, in search order.
std::vector<std::filesystem::path> model_search_path();

/// The default model, loaded on first use (thread-safe; later calls return
/// the same object), or nullptr when no model file was found.
/// @exception dateline::Error when a model file exists but cannot be read.
const Model* default_model();

/// An entity of an article with how it occurs there.
struct FoundEntity {
  Entity entity;
  unsigned mentions = 0;  ///< times it was tagged in the article
  bool in_lead = false;   ///< tagged in the title, dek or first paragraph
  /// The name is on one of the model's name lists for its type (countries,
  /// cities and regions for places; Reuters-21578 PEOPLE and ORGS and the
  /// hand list of organisations) or is the canonical form of an entry of the
  /// alias table: a name we know, not a guess of the tagger.
  bool known = false;
  /// Whether it counts for facets: in the lead, mentioned at least twice,
  /// or a known name (ENTITIES-DATES.md "Co-occurrence": the rule is there to
  /// keep the tagger's one-off mistakes out of facets; a one-off mention of a
  /// known country or organisation is not one).
  bool salient() const { return in_lead || mentions >= 2 || known; }
};

/// The distinct entities of `article` found by `model`, in order of first
/// mention. Within the article a bare surname is read as the full name it
/// shares a last word with, and each entity takes the type most of its
/// mentions had. Thread-safe.
std::vector<FoundEntity> find_entities(const Article& article, const Model& model);

/// find_entities() with the default model; empty when there is none.
std::vector<FoundEntity> find_entities(const Article& article);

/// The places of the alias table (countries in English and German...)
/// written in `article`, found by their spelling alone, capitalised, as
/// known entities: for text in a language the tagger did not learn, where
/// it marks few names ("Österreich", 134 times in 300 10kGNAD articles, was
/// found in 18 of them). In order of first mention; a name the table does
/// not type is a place when it is on the default model's lists of places;
/// empty when there is no model. In German (`language` "de") a name's
/// genitive ("Österreichs") is the name. Thread-safe.
std::vector<FoundEntity> find_listed_names(const Article& article, std::string_view language);

/// The distinct entities the tagger finds in `article` (all of them, salient
/// or not), with the default model; empty when there is none. Thread-safe:
/// the model is shared read-only.
std::vector<Entity> tag_entities(const Article& article);

/// Key and display form of one entity.
struct EntityName {
  std::string key;      ///< dateline::facet_key() of the canonical form
  std::string display;  ///< the canonical display form
};

/// Normalise a mention as tagged in text: collapse whitespace, drop a
/// possessive ("ABC News'", "Putin's"), a leading "the" and leading titles
/// ("President Vladimir Putin") and, for an organisation, its legal form
/// ("Texaco Inc"), then map aliases (common/data/aliases.tsv: "Kiev" -> "Kyiv", "U.S." ->
/// "United States"). The key is facet_key() of the result, so it matches
/// what the query parser makes of person:"..." (detail::entity_key()).
/// Returns an empty key when nothing is left.
EntityName normalise_entity(std::string_view mention, Entity::Type type);

}  // namespace dateline::ner
