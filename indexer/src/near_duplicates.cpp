#include "near_duplicates.h"

#include <algorithm>
#include <array>
#include <limits>
#include <unordered_map>

#include "dateline/common/article.h"
#include "dateline/common/schema.h"
#include "dateline/common/text.h"

namespace dateline::indexer {

namespace {

constexpr std::size_t signature_size = near_duplicate_bands * near_duplicate_rows;

// Band terms remembered for this run before memory is reset and lookups fall
// back to the index (slower: a B-tree lookup per band): 3/4 of 2^24 bands,
// about 629,000 articles of 20 bands, in a BandTable of at most 2^24 slots
// (192 MiB), plus some 100 bytes per cluster for its key.
constexpr std::size_t max_remembered_bands = (std::size_t{1} << 24) / 4 * 3;

constexpr double unknown_date = std::numeric_limits<double>::infinity();

// One seed per MinHash function; fixed forever, since band terms persist.
constexpr auto seeds = [] {
  std::array<std::uint64_t, signature_size> values{};
  std::uint64_t state = 0x6E6561722D647570ULL;  // "near-dup"
  for (auto& value : values) value = state = mix_hash(state);
  return values;
}();

double published_of(const Xapian::Document& document) {
  std::string stamp = document.get_value(schema::slot_timestamp);
  return stamp.empty() ? unknown_date : Xapian::sortable_unserialise(stamp);
}

}  // namespace

std::vector<std::uint64_t> minhash_signature(const Article& article) {
  std::vector<std::uint64_t> words;
  auto add_words = [&](std::string_view text) {
    for (const auto& token : tokenize(text)) words.push_back(stable_hash(token.term));
  };
  add_words(article.dek);
  for (const auto& paragraph : article.paragraphs) add_words(paragraph);
  if (words.size() < near_duplicate_shingle_words + near_duplicate_min_shingles - 1) return {};

  std::vector<std::uint64_t> signature(signature_size, std::numeric_limits<std::uint64_t>::max());
  for (std::size_t k = 0; k + near_duplicate_shingle_words <= words.size(); ++k) {
    std::uint64_t shingle = 0;
    for (std::size_t w = 0; w < near_duplicate_shingle_words; ++w) {
      shingle = mix_hash(shingle ^ words[k + w]);
    }
    for (std::size_t h = 0; h < signature_size; ++h) {
      signature[h] = std::min(signature[h], mix_hash(shingle ^ seeds[h]));
    }
  }
  return signature;
}

std::vector<std::string> band_terms(const std::vector<std::uint64_t>& signature) {
  std::vector<std::string> terms;
  if (signature.size() != signature_size) return terms;
  static constexpr char hex[] = "0123456789abcdef";
  for (std::size_t band = 0; band < near_duplicate_bands; ++band) {
    std::uint64_t hash = mix_hash(band + 1);
    for (std::size_t row = 0; row < near_duplicate_rows; ++row) {
      hash = mix_hash(hash ^ signature[band * near_duplicate_rows + row]);
    }
    // Prefix, band letter, then 48 bits of the band hash: a chance collision
    // between different bands or texts is negligible at archive scale.
    std::string term(schema::near_duplicate_band_prefix);
    term += static_cast<char>('a' + band);
    for (int shift = 60; shift >= 16; shift -= 4) term += hex[(hash >> shift) & 0xF];
    terms.push_back(std::move(term));
  }
  return terms;
}

double estimated_similarity(const std::vector<std::uint64_t>& a,
                            const std::vector<std::uint64_t>& b) {
  if (a.empty() || a.size() != b.size()) return 0.0;
  std::size_t equal = 0;
  for (std::size_t k = 0; k < a.size(); ++k) equal += a[k] == b[k] ? 1 : 0;
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

void add_near_duplicate_terms(Xapian::Document& document, const Article& article) {
  for (const auto& term : band_terms(minhash_signature(article))) document.add_boolean_term(term);
}

ClusterAssigner::ClusterAssigner(std::vector<std::string> index_paths, bool index_had_articles)
    : m_index_paths(std::move(index_paths)) {
  if (index_had_articles) m_index = open_index();
}

void ClusterAssigner::add_index_path(const std::string& path) {
  m_index_paths.push_back(path);
  if (m_index) m_index->add_database(Xapian::Database(path));
}

Xapian::Database ClusterAssigner::open_index() const {
  Xapian::Database combined;
  for (const auto& path : m_index_paths) combined.add_database(Xapian::Database(path));
  return combined;
}

AssignedCluster ClusterAssigner::assign(Xapian::Document& document, std::string_view id) {
  const std::string prefix(schema::near_duplicate_band_prefix);
  std::vector<std::string> terms;
  Xapian::TermIterator term = document.termlist_begin();
  term.skip_to(prefix);
  for (; term != document.termlist_end() && (*term).starts_with(prefix); ++term) {
    terms.push_back(*term);
  }

  std::optional<Member> earliest;
  for (const auto& band : terms) {
    const std::uint32_t* found = m_band_cluster.find(stable_hash(band));
    if (found == nullptr) continue;
    const Cluster& cluster = m_clusters[*found];
    if (!earliest || cluster.earliest < earliest->published) {
      earliest = Member{cluster.key, cluster.earliest, !cluster.founder_has_value};
    }
  }
  if (!earliest && m_index && !terms.empty()) earliest = find_in_index(terms);

  AssignedCluster assigned;
  assigned.key = earliest ? earliest->key : std::string(id);
  if (earliest && earliest->without_value && assigned.key != id) {
    // The first copy to join: the writer gives the founder its value.
    assigned.founder_without_value = assigned.key;
  }
  const std::uint32_t cluster = remember(terms, assigned.key, published_of(document));
  // After a member joined, the founder has its value (given now, or it is
  // this article); a founder has none until then, unless founders get one.
  const bool value = earliest.has_value() || m_founders_get_values;
  if (cluster != none) m_clusters[cluster].founder_has_value = value;
  if (value) document.add_value(schema::slot_cluster, assigned.key);
  document.add_boolean_term(schema::bounded_term(schema::cluster_prefix, assigned.key));
  return assigned;
}

// The first indexed member sharing a band, if any. One hit is enough: every
// member of a cluster carries the same key, and stopping early keeps the
// writer thread's cost at one B-tree lookup per band. A member without a
// cluster value is alone in its cluster: the key is its own id.
std::optional<ClusterAssigner::Member> ClusterAssigner::find_in_index(
    const std::vector<std::string>& terms) {
  for (int attempt = 0;; ++attempt) {
    try {
      for (const auto& band : terms) {
        Xapian::PostingIterator posting = m_index->postlist_begin(band);
        if (posting == m_index->postlist_end(band)) continue;
        Xapian::Document member = m_index->get_document(*posting);
        std::string key = member.get_value(schema::slot_cluster);
        if (!key.empty()) return Member{std::move(key), published_of(member)};
        // Its id from its Q term (cut as the term is, which is how the
        // writer finds it again), not from its data: no JSON to parse.
        Xapian::TermIterator term = m_index->termlist_begin(*posting);
        term.skip_to(std::string(schema::id_prefix));
        if (term != m_index->termlist_end(*posting) && (*term).starts_with(schema::id_prefix)) {
          return Member{(*term).substr(schema::id_prefix.size()), published_of(member), true};
        }
      }
      return std::nullopt;
    } catch (const Xapian::DatabaseModifiedError&) {
      // Our own commits overtook the revision this reader holds.
      if (attempt >= 3) throw;
      m_index->reopen();
    }
  }
}

std::uint32_t ClusterAssigner::remember(const std::vector<std::string>& terms,
                                        const std::string& key, double published) {
  if (terms.empty()) return none;
  if (m_band_cluster.size() + terms.size() > max_remembered_bands) {
    // From now on the index answers for what memory forgot; it sees what
    // this run has committed so far.
    m_band_cluster.clear();
    m_cluster_by_key.clear();
    m_clusters.clear();
    if (m_index) {
      m_index->reopen();
    } else {
      m_index = open_index();
    }
  }
  auto [entry, added] =
      m_cluster_by_key.try_emplace(key, static_cast<std::uint32_t>(m_clusters.size()));
  if (added) {
    m_clusters.push_back(Cluster{key, published});
  } else {
    Cluster& cluster = m_clusters[entry->second];
    cluster.earliest = std::min(cluster.earliest, published);
  }
  for (const auto& band : terms) m_band_cluster.insert(stable_hash(band), entry->second);
  return entry->second;
}

std::size_t BandTable::slot_of(std::uint64_t band) const {
  // Band hashes are FNV-1a of the term: mix them before taking low bits.
  return static_cast<std::size_t>(mix_hash(band)) & (m_bands.size() - 1);
}

const std::uint32_t* BandTable::find(std::uint64_t band) const {
  if (m_size == 0) return nullptr;
  if (band == 0) band = 1;
  for (std::size_t slot = slot_of(band);; slot = (slot + 1) & (m_bands.size() - 1)) {
    if (m_bands[slot] == band) return &m_clusters[slot];
    if (m_bands[slot] == 0) return nullptr;
  }
}

void BandTable::insert(std::uint64_t band, std::uint32_t cluster) {
  if ((m_size + 1) * 4 > m_bands.size() * 3) grow();
  if (band == 0) band = 1;
  std::size_t slot = slot_of(band);
  while (m_bands[slot] != 0) {
    if (m_bands[slot] == band) return;
    slot = (slot + 1) & (m_bands.size() - 1);
  }
  m_bands[slot] = band;
  m_clusters[slot] = cluster;
  ++m_size;
}

void BandTable::grow() {
  std::vector<std::uint64_t> bands(std::max<std::size_t>(1024, m_bands.size() * 2), 0);
  std::vector<std::uint32_t> clusters(bands.size());
  std::swap(bands, m_bands);
  std::swap(clusters, m_clusters);
  for (std::size_t k = 0; k < bands.size(); ++k) {
    if (bands[k] == 0) continue;
    std::size_t slot = slot_of(bands[k]);
    while (m_bands[slot] != 0) slot = (slot + 1) & (m_bands.size() - 1);
    m_bands[slot] = bands[k];
    m_clusters[slot] = clusters[k];
  }
}

void BandTable::clear() {
  m_bands = {};
  m_clusters = {};
  m_size = 0;
}

}  // namespace dateline::indexer
