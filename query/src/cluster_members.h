#pragma once
// Internal: the near-duplicate clusters of one local database, read once and
// kept in memory: for each cluster key (slot_cluster), its documents.
// Feedback re-ranks the first pass's hits together with their copies, which
// it otherwise finds by reading each hit's XDUP cluster term from the index
// (a block read or two per hit).

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "value_numbers.h"

namespace dateline::query {

class ClusterMembers {
 public:
  /// Read the cluster key of every document of `db`, one local database.
  /// Null when that would need more than `max_bytes`.
  static std::unique_ptr<ClusterMembers> build(const Xapian::Database& db, std::size_t max_bytes);

  ClusterMembers() : m_numbers(m_text, m_start) {}
  ClusterMembers(const ClusterMembers&) = delete;
  ClusterMembers& operator=(const ClusterMembers&) = delete;

  /// Append to `out` the documents whose cluster key is `key`, in docid
  /// order: those the XDUP term of `key` indexes. None for a key no
  /// document has.
  void append(std::string_view key, std::vector<Xapian::docid>& out) const;

  /// Memory it holds, approximately.
  std::size_t bytes() const { return m_bytes; }

 private:
  std::string m_text;  // the keys, numbered by m_numbers
  std::vector<std::uint32_t> m_start;
  ValueNumbers m_numbers;
  std::vector<std::uint32_t>
      m_first;  // cluster n's documents: m_docids[m_first[n], m_first[n + 1])
  std::vector<Xapian::docid> m_docids;
  std::size_t m_bytes = 0;
};

}  // namespace dateline::query
