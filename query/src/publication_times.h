#pragma once
// Internal: the publication time of every article of one local database,
// read once and kept in memory, as the key that orders equal scores (newest
// first) and the --sort newest/oldest orders. Xapian reads the sort value of
// each candidate it ranks from the index (a block read for nearly every
// candidate on a large index); a long-lived Searcher gives it this table as
// a KeyMaker instead. The keys are the stored values themselves, so the
// order is the same.

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace dateline::query {

class PublicationTimes : public Xapian::KeyMaker {
 public:
  /// Read the timestamp value of every document of `db`, one local
  /// database. Null when that would need more than `max_bytes`, or when a
  /// value is not one the indexer writes (Xapian::sortable_serialise of
  /// the seconds), which the table could not give back byte for byte.
  static std::unique_ptr<PublicationTimes> build(const Xapian::Database& db, std::size_t max_bytes);

  /// The document's timestamp value, as Document::get_value would give it
  /// ("" for an undated article). Documents of the database it was built from.
  std::string operator()(const Xapian::Document& doc) const override;

  /// Memory it holds, approximately.
  std::size_t bytes() const { return m_seconds.capacity() * sizeof(double); }

 private:
  std::vector<double> m_seconds;  // by docid; NaN: no value
};

}  // namespace dateline::query
