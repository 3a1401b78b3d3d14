#pragma once
// Internal: the entity tagger's label set. BILOU encoding over the four
// CoNLL-2003 types: label 0 is O, then for each type B, I, L, U.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace dateline::ner {

/// The CoNLL-2003 entity types, in the order used in labels and scores.
enum class EntityType : std::uint8_t { person, organisation, location, misc };
inline constexpr int type_count = 4;
inline constexpr std::array<std::string_view, type_count> type_names{"PER", "ORG", "LOC", "MISC"};

/// Position of a token in its entity: Begin, Inside, Last, Unit; or Outside.
enum class Position : std::uint8_t { begin, inside, last, unit, outside };

inline constexpr int label_count = 1 + 4 * type_count;  // 17
inline constexpr int outside_label = 0;

constexpr int make_label(EntityType type, Position position) {
  if (position == Position::outside) return outside_label;
  return 1 + 4 * static_cast<int>(type) + static_cast<int>(position);
}
constexpr Position label_position(int label) {
  return label == outside_label ? Position::outside : static_cast<Position>((label - 1) % 4);
}
constexpr EntityType label_type(int label) { return static_cast<EntityType>((label - 1) / 4); }

/// The type called `name` ("PER", "ORG", "LOC", "MISC"), or nullopt.
std::optional<EntityType> type_from_name(std::string_view name) noexcept;

/// True when `label` may follow `previous` (outside_label at sentence start):
/// after B or I only I or L of the same type; B and U only when no entity is
/// open. `last` says whether this is the sentence's final token, where an
/// entity must close (no B or I).
constexpr bool label_allowed(int previous, int label, bool last) {
  Position before = label_position(previous);
  Position here = label_position(label);
  bool open = before == Position::begin || before == Position::inside;
  if (last && (here == Position::begin || here == Position::inside)) return false;
  if (open) {
    return (here == Position::inside || here == Position::last) &&
           label_type(label) == label_type(previous);
  }
  return here == Position::outside || here == Position::begin || here == Position::unit;
}

}  // namespace dateline::ner
