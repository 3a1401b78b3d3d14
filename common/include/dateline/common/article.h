#pragma once
// The article model: what every reader produces and what the index stores.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/common/date.h"

namespace dateline {

/// A named entity found in an article (by the tagger or given by the source).
struct Entity {
  enum class Type { person, organisation, place, misc };
  Type type = Type::misc;
  std::string key;      ///< canonical match key: folded, no punctuation ("vladimir putin")
  std::string display;  ///< display form ("Vladimir Putin")
};

/// The query field that filters and counts entities of `type`: "person",
/// "org", "place" or "misc" (schema::fields).
constexpr std::string_view entity_field(Entity::Type type) {
  switch (type) {
    case Entity::Type::person:
      return "person";
    case Entity::Type::organisation:
      return "org";
    case Entity::Type::place:
      return "place";
    case Entity::Type::misc:
      break;
  }
  return "misc";
}

/// The entity type a query field filters ("person", "org", "place",
/// "misc"): entity_field()'s inverse; nothing for any other field.
constexpr std::optional<Entity::Type> entity_type_of_field(std::string_view field) {
  for (auto type : {Entity::Type::person, Entity::Type::organisation, Entity::Type::place,
                    Entity::Type::misc}) {
    if (entity_field(type) == field) return type;
  }
  return std::nullopt;
}

/// One news article. Only `id` and some text (title or body) are required.
struct Article {
  std::string id;      ///< stable id; see stable_article_id()
  std::string url;     ///< canonical URL, if known
  std::string source;  ///< publication ("ABC News", "Reuters")
  std::string title;   ///< headline
  std::string dek;     ///< standfirst / summary
  std::vector<std::string> authors;
  std::optional<DateTime> published;  ///< absent when unknown: never "now"
  std::string language;               ///< ISO 639-1 code ("en"); empty when unknown
  std::vector<std::string> paragraphs;
  std::vector<std::string> tags;       ///< free tags (e.g. Reuters TOPICS)
  std::vector<Entity> given_entities;  ///< entities named by the source's own metadata
  std::string dateline;                ///< "MOSCOW, March 2 -" when the source has one
  std::string format;                  ///< reader that produced it ("jsonl", "text", ...)
  std::string origin;                  ///< file (and record) it came from, for messages

  /// Total characters of title, dek and body.
  std::size_t text_size() const;
  /// True when the article has no title, dek or body text at all.
  bool has_text() const;
};

/// The stable id of an article: its given id, else one derived from its
/// canonical URL ("u" + 16 hex digits of a hash), else one derived from its
/// text ("h" + 16 hex digits). The same input always gives the same id.
std::string stable_article_id(const Article& article);

/// 64-bit FNV-1a hash; stable across platforms and releases.
std::uint64_t stable_hash(std::string_view data) noexcept;

/// SplitMix64's finaliser: a cheap bijective mix with good avalanche, to
/// take low bits of an FNV-1a hash from.
constexpr std::uint64_t mix_hash(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// The facet samples the article with this id belongs to: 1..level (0:
/// none), from the trailing zero bits of its mixed hash, at most
/// schema::sample_levels (see schema.h, XSAMPLE).
unsigned sample_level(std::string_view id) noexcept;

}  // namespace dateline
