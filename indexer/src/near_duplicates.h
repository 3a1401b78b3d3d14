#pragma once
// Internal: near-duplicate clusters. Wire copies of one story reach an
// archive many times with small edits (a new byline, a reordered sentence,
// an added paragraph); search collapses each cluster to one hit.
//
// Method: MinHash over shingles of four folded words, cut into LSH bands.
// Each band becomes a boolean term (schema::near_duplicate_band_prefix), and
// two articles are near-duplicates when they share any band term. MinHash
// rather than SimHash because band keys are exact-match terms: they persist
// in the index and are found again by a plain term lookup in a later run,
// with a known collision curve (1 - (1 - J^rows)^bands for shingle Jaccard
// J), and no stored fingerprint to compare afterwards (SimHash needs a
// Hamming-distance search and the full fingerprint of every candidate).
//
// Split of work: the analysis workers compute the bands and add the band
// terms (add_near_duplicate_terms); the writer thread only looks the band
// terms up (ClusterAssigner), in memory for this run and in the index as it
// was when the run began.

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dateline/common/article.h"

namespace dateline::indexer {

inline constexpr std::size_t near_duplicate_bands = 20;
inline constexpr std::size_t near_duplicate_rows = 5;
inline constexpr std::size_t near_duplicate_shingle_words = 4;
/// Texts with fewer shingles get no bands: each is its own cluster.
inline constexpr std::size_t near_duplicate_min_shingles = 8;

/// The MinHash signature (bands * rows minima) of the body of `article`
/// (dek and paragraphs; the headline is left out because outlets rewrite
/// it). Empty when the text has fewer than near_duplicate_min_shingles.
std::vector<std::uint64_t> minhash_signature(const Article& article);

/// The band terms of a signature (empty for an empty signature).
std::vector<std::string> band_terms(const std::vector<std::uint64_t>& signature);

/// Share of equal minima: an estimate of the shingle Jaccard similarity.
double estimated_similarity(const std::vector<std::uint64_t>& a,
                            const std::vector<std::uint64_t>& b);

/// Add the band terms of `article` to its document (called by the workers).
void add_near_duplicate_terms(Xapian::Document& document, const Article& article);

/// Band hash -> cluster number, for the ClusterAssigner: open addressing
/// with linear probing over two flat arrays, 12 bytes a slot, at most 3/4
/// full. A node-based std::unordered_map costs some 40 bytes a band plus an
/// allocation each; this holds a realistic single run's bands (20 per
/// article) in memory instead of falling back to the index.
class BandTable {
 public:
  /// The cluster of `band`, or nullptr.
  const std::uint32_t* find(std::uint64_t band) const;
  /// Map `band` to `cluster` unless it is mapped already.
  void insert(std::uint64_t band, std::uint32_t cluster);
  std::size_t size() const { return m_size; }
  void clear();

 private:
  std::size_t slot_of(std::uint64_t band) const;
  void grow();

  std::vector<std::uint64_t> m_bands;  ///< 0: empty slot (a band hashing to 0 is stored as 1)
  std::vector<std::uint32_t> m_clusters;
  std::size_t m_size = 0;
};

/// A document's cluster, as ClusterAssigner::assign() gave it.
struct AssignedCluster {
  std::string key;
  /// The id of the article that founded this cluster and was written
  /// without the cluster value while it was alone, or "": the writer must
  /// give it the value `key` (ClusterAssigner reports each founder once).
  std::string founder_without_value;
};

/// Gives each document written its cluster key. Used by the writer thread
/// only; not thread-safe.
///
/// The key is the id of the earliest-published member among the articles
/// found sharing a band term (in this run or already in the index); an
/// article with no such match starts a cluster keyed by its own id. Keys
/// never change once written, so a copy published earlier than every member
/// found still joins their cluster.
///
/// An article that starts a cluster gets no cluster value (schema::
/// slot_cluster), only its XDUP term: search collapses copies on the value,
/// and Xapian reads it for every match it examines, while most articles
/// (80% of Reuters x10's) never get a copy. The first copy to join reports
/// the founder (AssignedCluster::founder_without_value) for the writer to
/// give it the value. An indexed article without a value is taken as the
/// founder of a cluster keyed by its own id. write_founders_values() turns
/// this off (shards, whose founders another writer holds).
class ClusterAssigner {
 public:
  /// `index_paths`: the databases being written (several for the shards of
  /// one index, which share clusters); when `index_had_articles` they are
  /// opened read-only, as one, to find members indexed by earlier runs.
  ClusterAssigner(std::vector<std::string> index_paths, bool index_had_articles);
  ClusterAssigner(const std::string& index_path, bool index_had_articles)
      : ClusterAssigner(std::vector<std::string>{index_path}, index_had_articles) {}

  /// Set the cluster value (schema::slot_cluster) and XDUP term of
  /// `document`, built by build_document() for article `id`, from its band
  /// terms. Returns the key, and the founder to give the value to.
  /// @exception Xapian::Error reading the existing index failed
  AssignedCluster assign(Xapian::Document& document, std::string_view id);

  /// One more database being written (a new segment of a parallel build),
  /// read with the others once lookups fall back to the index.
  void add_index_path(const std::string& path);

  /// Give every article its cluster value, founders included.
  void write_founders_values() { m_founders_get_values = true; }

 private:
  struct Cluster {
    std::string key;
    double earliest;  ///< earliest publication (utc seconds) seen in this run
    bool founder_has_value = true;
  };
  struct Member {
    std::string key;
    double published;
    bool without_value = false;  ///< an indexed founder alone in its cluster
  };

  std::optional<Member> find_in_index(const std::vector<std::string>& terms);
  // The number of the cluster now holding `terms`, or none when there are
  // no terms.
  static constexpr std::uint32_t none = UINT32_MAX;
  std::uint32_t remember(const std::vector<std::string>& terms, const std::string& key,
                         double published);

  Xapian::Database open_index() const;

  std::vector<std::string> m_index_paths;
  std::optional<Xapian::Database> m_index;  ///< the index as this run found it
  BandTable m_band_cluster;                 ///< band term hash -> cluster
  std::unordered_map<std::string, std::uint32_t> m_cluster_by_key;
  std::vector<Cluster> m_clusters;
  bool m_founders_get_values = false;
};

}  // namespace dateline::indexer
