#pragma once
// Internal: a blocking queue with a capacity, so a fast reader cannot run
// ahead of the writer and fill memory.

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace dateline::indexer {

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : m_capacity(capacity) {}

  /// Blocks while full. Returns false if the queue was closed.
  bool push(T item) {
    std::unique_lock lock(m_mutex);
    m_not_full.wait(lock, [&] { return m_items.size() < m_capacity || m_closed; });
    if (m_closed) return false;
    m_items.push_back(std::move(item));
    m_not_empty.notify_one();
    return true;
  }

  /// Blocks while empty. Returns nullopt once closed and drained.
  std::optional<T> pop() {
    std::unique_lock lock(m_mutex);
    m_not_empty.wait(lock, [&] { return !m_items.empty() || m_closed; });
    if (m_items.empty()) return std::nullopt;
    T item = std::move(m_items.front());
    m_items.pop_front();
    m_not_full.notify_one();
    return item;
  }

  void close() {
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_not_empty.notify_all();
    m_not_full.notify_all();
  }

 private:
  std::size_t m_capacity;
  std::mutex m_mutex;
  std::condition_variable m_not_empty;
  std::condition_variable m_not_full;
  std::deque<T> m_items;
  bool m_closed = false;
};

}  // namespace dateline::indexer
