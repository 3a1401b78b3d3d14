#pragma once
// Internal: a read-mostly open-addressing hash table from 64-bit keys to
// small values, for the tagger's hot lookups (a std::unordered_map costs a
// pointer chase per lookup). Key 0 is reserved for empty slots; callers map
// their keys away from it.

#include <cstdint>
#include <utility>
#include <vector>

namespace dateline::ner {

template <typename Value>
class FlatTable {
 public:
  /// The value stored for `key`, or Value{} when absent.
  Value find(std::uint64_t key) const {
    if (m_keys.empty()) return Value{};
    std::size_t slot = spread(key) & m_mask;
    while (true) {
      std::uint64_t here = m_keys[slot];
      if (here == key) return m_values[slot];
      if (here == 0) return Value{};
      slot = (slot + 1) & m_mask;
    }
  }

  /// The stored value for `key`, inserted as Value{} when absent.
  Value& operator[](std::uint64_t key) {
    if ((m_size + 1) * 2 > m_keys.size()) grow();
    std::size_t slot = spread(key) & m_mask;
    while (m_keys[slot] != 0 && m_keys[slot] != key) slot = (slot + 1) & m_mask;
    if (m_keys[slot] == 0) {
      m_keys[slot] = key;
      ++m_size;
    }
    return m_values[slot];
  }

  std::size_t size() const { return m_size; }

  void reserve(std::size_t count) {
    while (m_keys.size() < count * 2) grow();
  }

  /// Every (key, value) pair, in no particular order.
  template <typename Visit>
  void for_each(Visit&& visit) const {
    for (std::size_t slot = 0; slot < m_keys.size(); ++slot) {
      if (m_keys[slot] != 0) visit(m_keys[slot], m_values[slot]);
    }
  }

 private:
  static std::size_t spread(std::uint64_t key) {
    return static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ULL) >> 20);
  }

  void grow() {
    std::vector<std::uint64_t> keys(m_keys.empty() ? 64 : m_keys.size() * 2, 0);
    std::vector<Value> values(keys.size());
    std::swap(keys, m_keys);
    std::swap(values, m_values);
    m_mask = m_keys.size() - 1;
    m_size = 0;
    for (std::size_t slot = 0; slot < keys.size(); ++slot) {
      if (keys[slot] != 0) (*this)[keys[slot]] = values[slot];
    }
  }

  std::vector<std::uint64_t> m_keys;
  std::vector<Value> m_values;
  std::size_t m_mask = 0;
  std::size_t m_size = 0;
};

}  // namespace dateline::ner
