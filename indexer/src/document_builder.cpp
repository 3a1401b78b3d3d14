#include "document_builder.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "dateline/common/article_json.h"
#include "dateline/common/language.h"
#include "dateline/common/mentioned_dates.h"
#include "dateline/common/schema.h"
#include "dateline/common/text.h"
#include "dateline/detail/facet_spy.h"
#include "near_duplicates.h"
#include "ner/entities.h"

namespace dateline::indexer {

namespace {
// Positions between fields and paragraphs, so that a phrase or NEAR never
// spans two of them.
constexpr Xapian::termpos field_gap = 100;

// Dates the text mentions, as XMD<yyyymmdd> (days), XMM<yyyymm> (days and
// months) and XMY<yyyy> (all but decades, which name no single year).
// Relative dates resolve against the publication day in the writer's own
// zone, which is the day "yesterday" was written on.
void add_mentioned_date_terms(Xapian::Document& doc, const Article& article) {
  std::optional<CivilDate> publication;
  if (article.published) {
    std::int64_t local =
        article.published->utc_seconds + std::int64_t{article.published->offset_minutes} * 60;
    publication = civil_from_days(local / 86400 - (local % 86400 < 0 ? 1 : 0));
  }
  auto add_dates = [&](std::string_view text) {
    for (const auto& date : find_mentioned_dates(text, publication)) {
      if (date.granularity == DateGranularity::decade) continue;
      char key[16];
      std::snprintf(key, sizeof key, "%04d%02d%02d", date.first.year, date.first.month,
                    date.first.day);
      std::string_view digits(key, 8);
      if (date.granularity == DateGranularity::day) {
        doc.add_boolean_term(std::string(schema::mention_day_prefix) + std::string(digits));
      }
      if (date.granularity == DateGranularity::day || date.granularity == DateGranularity::month) {
        doc.add_boolean_term(std::string(schema::mention_month_prefix) +
                             std::string(digits.substr(0, 6)));
      }
      doc.add_boolean_term(std::string(schema::mention_year_prefix) +
                           std::string(digits.substr(0, 4)));
    }
  };
  add_dates(article.title);
  add_dates(article.dek);
  for (const auto& paragraph : article.paragraphs) add_dates(paragraph);
}

}  // namespace

Xapian::Document build_document(const Article& article, detail::Analyzers& analyzers) {
  const std::string language = normalize_language(article.language);
  detail::Analyzer& analyzer = analyzers.get(language.empty() ? "en" : language);
  Xapian::Document doc;
  doc.add_boolean_term(schema::id_term(article.id));
  std::string facets;
  std::set<std::string> packed;  // one facet entry per code+key
  auto add_facet = [&](const schema::Field& field, std::string_view prefix, std::string_view key,
                       std::string_view display) {
    if (key.empty()) return;
    doc.add_boolean_term(schema::bounded_term(prefix, key));
    if (field.facet_code != 0 && packed.insert(field.facet_code + std::string(key)).second) {
      facets += detail::pack_facet(field.facet_code, key, display);
    }
  };

  // The body (relevance feedback over remote shards analyses the same
  // texts again from the document data: detail::body_texts()).
  Xapian::termpos position = 0;
  for (std::string_view text : detail::body_texts(article)) {
    analyzer.index_text(doc, text, "", position);
    position += field_gap;
  }
  const auto* title = schema::find_field("title");
  if (!article.title.empty()) {
    Xapian::termpos title_position = 0;
    analyzer.index_text(doc, article.title, title->prefix, title_position);
  }
  const auto* author = schema::find_field("author");
  Xapian::termpos author_position = 0;
  for (const auto& name : article.authors) {
    analyzer.index_text(doc, name, author->prefix, author_position);
    author_position += field_gap;
  }

  if (!article.source.empty()) {
    add_facet(*schema::find_field("source"), schema::find_field("source")->prefix,
              facet_key(article.source), article.source);
  }
  if (!language.empty()) {
    const auto* lang = schema::find_field("lang");
    add_facet(*lang, lang->prefix, language, language);
  }
  const auto* topic = schema::find_field("topic");
  for (const auto& tag : article.tags) {
    add_facet(*topic, topic->prefix, facet_key(tag), tag);
  }
  // Entities the source itself named go under the tag prefixes (XTP...), so
  // they stay distinguishable from what the tagger finds.
  // They go through the same alias table as the tagger's, so a source's
  // "usa" and the tagger's "U.S." are one facet value, "United States".
  std::vector<std::pair<std::string, Entity::Type>> given;  // key, type
  for (const auto& entity : article.given_entities) {
    const auto* field = schema::find_field(entity_field(entity.type));
    std::string_view prefix = field->also.empty() ? field->prefix : field->also;
    ner::EntityName name =
        ner::normalise_entity(entity.display.empty() ? entity.key : entity.display, entity.type);
    if (name.key.empty()) name = {facet_key(entity.key), entity.display};
    add_facet(*field, prefix, name.key, name.display.empty() ? entity.key : name.display);
    given.emplace_back(name.key, entity.type);
  }
  // The source knows what it named: the tagger does not give a name the
  // source typed another type ("Xi Jinping", a person of the source's, was
  // also the tagger's organisation).
  auto retyped = [&](const Entity& found) {
    return std::any_of(given.begin(), given.end(), [&](const auto& named) {
      return named.first == found.key && named.second != found.type;
    });
  };

  // Entities the tagger finds go under XP/XO/XL/XM. Every one is a filter
  // term; only those in the lead or mentioned at least twice count for facets,
  // so that a passing mention does not crowd the facet columns. The tagger
  // learnt English: in another language only the names it finds that are
  // known (a country, city, alias-table entry...) are kept, as German
  // capitalises every noun ("Vertrag" and "Regierung" were people of the
  // 10kGNAD articles, "Montag" a place).
  const bool tagger_language = language.empty() || language == "en";
  // The archive's own agency is no organisation its articles are about:
  // "an official told Reuters", "a Reuter poll" (956 Reuters-21578 articles
  // had the organisation "Reuters", 11 in 12 of a sample that way).
  const std::string own_agency =
      article.source.empty()
          ? std::string()
          : ner::normalise_entity(article.source, Entity::Type::organisation).key;
  std::vector<ner::FoundEntity> entities = ner::find_entities(article);
  if (!tagger_language) {
    // Where the tagger marks few names, the known ones are also looked up
    // by their spelling.
    for (auto& listed : ner::find_listed_names(article, language)) {
      if (std::none_of(entities.begin(), entities.end(), [&](const ner::FoundEntity& tagged) {
            return tagged.entity.key == listed.entity.key;
          })) {
        entities.push_back(std::move(listed));
      }
    }
  }
  for (const auto& found : entities) {
    if (!tagger_language && !found.known) continue;
    if (found.entity.type == Entity::Type::organisation && !own_agency.empty() &&
        found.entity.key == own_agency) {
      continue;
    }
    if (retyped(found.entity)) {
      continue;
    }
    const auto* field = schema::find_field(entity_field(found.entity.type));
    if (found.salient()) {
      add_facet(*field, field->prefix, found.entity.key, found.entity.display);
    } else {
      doc.add_boolean_term(schema::bounded_term(field->prefix, found.entity.key));
    }
  }

  std::string day;
  if (article.published) {
    day = article.published->day_key();
    doc.add_boolean_term(std::string(schema::day_prefix) + day);
    doc.add_boolean_term(std::string(schema::month_prefix) + day.substr(0, 6));
    doc.add_boolean_term(std::string(schema::year_prefix) + day.substr(0, 4));
    doc.add_value(schema::slot_day, day);
    doc.add_value(schema::slot_timestamp,
                  Xapian::sortable_serialise(static_cast<double>(article.published->utc_seconds)));
  }
  add_mentioned_date_terms(doc, article);
  add_near_duplicate_terms(doc, article);
  if (!article.format.empty()) {
    doc.add_boolean_term(std::string(schema::format_prefix) + article.format);
  }
  // The day and the pack again, for each sample the article is in.
  const std::string sampled =
      day.empty() && facets.empty() ? std::string() : detail::sample_value(day, facets);
  for (unsigned level = sample_level(article.id); level > 0; --level) {
    doc.add_boolean_term(schema::sample_term(level));
    if (!sampled.empty()) doc.add_value(schema::sample_facets_slot(level), sampled);
  }
  if (!facets.empty()) doc.add_value(schema::slot_facets, facets);
  doc.set_data(article_to_json(article));
  return doc;
}

}  // namespace dateline::indexer
