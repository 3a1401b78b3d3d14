#pragma once
// Internal: numbering strings in one arena (see ValueNumbers).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::query {

// Strings numbered in the order first met: their text in one arena (the
// owner's `text`, with `start[n]..start[n + 1]` the n-th), found through an
// open-addressing table of numbers, without a string or a node per value.
// Used for the values of a database kept in memory (facet values, cluster
// keys).
class ValueNumbers {
 public:
  ValueNumbers(std::string& text, std::vector<std::uint32_t>& start)
      : m_text(text), m_start(start), m_slots(1024, 0) {
    m_start.assign(1, 0);
  }
  // The number of `key`, numbering it if it is new.
  std::uint32_t operator()(std::string_view key) {
    if (2 * (m_start.size() + 1) > m_slots.size()) grow();
    const std::size_t slot = slot_of(key);
    if (m_slots[slot] != 0) return m_slots[slot] - 1;
    auto number = static_cast<std::uint32_t>(m_start.size() - 1);
    m_text += key;
    m_start.push_back(static_cast<std::uint32_t>(m_text.size()));
    m_slots[slot] = number + 1;
    return number;
  }
  // The number of `key`, if it was numbered.
  std::optional<std::uint32_t> find(std::string_view key) const {
    const std::uint32_t held = m_slots[slot_of(key)];
    if (held == 0) return std::nullopt;
    return held - 1;
  }
  std::size_t slots_bytes() const { return m_slots.capacity() * sizeof(std::uint32_t); }

 private:
  static std::size_t hash(std::string_view text) { return std::hash<std::string_view>{}(text); }
  // The slot holding `key`'s number, or the empty slot where it would go.
  std::size_t slot_of(std::string_view key) const {
    const std::size_t mask = m_slots.size() - 1;
    std::size_t slot = hash(key) & mask;
    while (m_slots[slot] != 0 && text(m_slots[slot] - 1) != key) slot = (slot + 1) & mask;
    return slot;
  }
  std::string_view text(std::uint32_t number) const {
    return std::string_view(m_text).substr(m_start[number], m_start[number + 1] - m_start[number]);
  }
  void grow() {
    std::vector<std::uint32_t> slots(2 * m_slots.size(), 0);
    const std::size_t mask = slots.size() - 1;
    for (std::uint32_t number = 0; number + 1 < m_start.size(); ++number) {
      std::size_t slot = hash(text(number)) & mask;
      while (slots[slot] != 0) slot = (slot + 1) & mask;
      slots[slot] = number + 1;
    }
    m_slots.swap(slots);
  }
  std::string& m_text;
  std::vector<std::uint32_t>& m_start;
  std::vector<std::uint32_t> m_slots;  // value number + 1, or 0 for none
};

}  // namespace dateline::query
