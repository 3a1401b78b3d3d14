#include "cluster_members.h"

#include "dateline/common/schema.h"

namespace dateline::query {

std::unique_ptr<ClusterMembers> ClusterMembers::build(const Xapian::Database& db,
                                                      std::size_t max_bytes) {
  const std::size_t documents = db.get_value_freq(schema::slot_cluster);
  // A document takes its docid twice (while grouping) and its share of a
  // key (~8-20 bytes), the key's start, slot and first entry: an index that
  // would not fit even at 40 bytes is not read at all.
  if (40 * documents > max_bytes) return nullptr;
  auto table = std::make_unique<ClusterMembers>();
  std::vector<std::uint32_t> cluster_of;
  std::vector<Xapian::docid> docids;
  cluster_of.reserve(documents);
  docids.reserve(documents);
  for (auto value = db.valuestream_begin(schema::slot_cluster);
       value != db.valuestream_end(schema::slot_cluster); ++value) {
    cluster_of.push_back(table->m_numbers(*value));
    docids.push_back(value.get_docid());
  }
  // Group by cluster; within one, in docid order as the stream gave them.
  const std::size_t clusters = table->m_start.size() - 1;
  table->m_first.assign(clusters + 1, 0);
  for (std::uint32_t cluster : cluster_of) ++table->m_first[cluster + 1];
  for (std::size_t n = 0; n < clusters; ++n) table->m_first[n + 1] += table->m_first[n];
  table->m_docids.resize(docids.size());
  std::vector<std::uint32_t> next(table->m_first.begin(), table->m_first.end() - 1);
  for (std::size_t k = 0; k < docids.size(); ++k)
    table->m_docids[next[cluster_of[k]]++] = docids[k];
  table->m_bytes = table->m_text.capacity() +
                   (table->m_start.capacity() + table->m_first.capacity()) * sizeof(std::uint32_t) +
                   table->m_numbers.slots_bytes() +
                   table->m_docids.capacity() * sizeof(Xapian::docid);
  if (table->m_bytes > max_bytes) return nullptr;
  return table;
}

void ClusterMembers::append(std::string_view key, std::vector<Xapian::docid>& out) const {
  auto cluster = m_numbers.find(key);
  if (!cluster) return;
  out.insert(out.end(), m_docids.begin() + m_first[*cluster],
             m_docids.begin() + m_first[*cluster + 1]);
}

}  // namespace dateline::query
