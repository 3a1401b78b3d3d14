#include "publication_times.h"

#include <cmath>
#include <limits>

#include "dateline/common/schema.h"

namespace dateline::query {

std::unique_ptr<PublicationTimes> PublicationTimes::build(const Xapian::Database& db,
                                                          std::size_t max_bytes) {
  const std::size_t slots = static_cast<std::size_t>(db.get_lastdocid()) + 1;  // by docid
  if (slots * sizeof(double) > max_bytes) return nullptr;
  auto table = std::make_unique<PublicationTimes>();
  table->m_seconds.assign(slots, std::numeric_limits<double>::quiet_NaN());
  for (auto value = db.valuestream_begin(schema::slot_timestamp);
       value != db.valuestream_end(schema::slot_timestamp); ++value) {
    const std::string stored = *value;
    const double seconds = Xapian::sortable_unserialise(stored);
    // Only values that serialise back to themselves: the key must be the
    // stored value, or the order could differ from reading the index.
    if (std::isnan(seconds) || Xapian::sortable_serialise(seconds) != stored) return nullptr;
    table->m_seconds[value.get_docid()] = seconds;
  }
  return table;
}

std::string PublicationTimes::operator()(const Xapian::Document& doc) const {
  const Xapian::docid did = doc.get_docid();
  if (did >= m_seconds.size()) return doc.get_value(schema::slot_timestamp);
  const double seconds = m_seconds[did];
  return std::isnan(seconds) ? std::string() : Xapian::sortable_serialise(seconds);
}

}  // namespace dateline::query
