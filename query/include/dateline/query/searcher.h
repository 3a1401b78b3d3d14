#pragma once
// The query library: open an index (or several shards), search it, and get
// ranked hits with their best passages, highlights, facet counts and a
// spelling suggestion.
//
// Thread-safety: a Searcher is not thread-safe (Xapian databases are not);
// give each thread its own Searcher. Searchers on the same index share
// nothing and may run in parallel, also while an indexer writes: each search
// sees the index as of one commit, and a Searcher reopens the index when it
// changes underneath it.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dateline/common/article.h"

namespace dateline {

enum class SortOrder { relevance, newest, oldest };

/// The order of a facet's values (dates are always in date order).
enum class FacetOrder {
  /// The most articles first.
  count,
  /// The values most particular to the matches first: those that hold a
  /// larger share of the matches than of the whole index, by how much
  /// (FacetValue::score). "United States" heads a place facet for nearly
  /// any query on a wire archive; this puts Brazil and Colombia first for
  /// "coffee quota". A value needs two articles among the matches.
  significance,
};

/// The term-weighting model.
enum class WeightingModel {
  /// Okapi BM25 with `k1` and `b`.
  bm25,
  /// IneB2, a parameter-free divergence-from-randomness model (Xapian's
  /// IneB2Weight, c = 1): the default, better than BM25 on the TIME
  /// collection with and without feedback (bench/RESULTS.md).
  ineb2,
};

/// How relevance is scored (a term-weighting model over the body and title,
/// then pseudo-relevance feedback). The defaults were chosen on the TIME
/// collection's development topics (bench/RESULTS.md); most callers leave
/// them alone.
struct Ranking {
  WeightingModel model = WeightingModel::ineb2;
  double k1 = 1.2;  ///< BM25 term-frequency saturation, >= 0 (model bm25 only)
  double b = 0.75;  ///< BM25 document-length normalisation, 0..1 (model bm25 only)
  /// Extra weight for a query word that is also in the title, as a multiple
  /// of the title term's own weight, added to the word's body weight
  /// (0: the title counts like any other text), >= 0.
  double title_weight = 0.5;
  /// Leave common English words ("the", "of", "which") out of the ranked
  /// words of a plain query. Quoted phrases, +required and -excluded words
  /// keep them, and a query made only of such words still searches for them.
  bool skip_stopwords = true;
  /// Pseudo-relevance feedback (RM3-style): the body stems most typical of
  /// the top `feedback_documents` hits of a first pass (each hit's share of
  /// the first pass's weight times the stem's share of its length) are
  /// added to the query, at most `feedback_terms` of them, each scaled to
  /// `feedback_weight` times its share relative to the top stem. They only
  /// reorder: the matches and their count are those of the query as typed,
  /// and they are not highlighted. Applies to relevance-sorted plain
  /// queries (not to more-like-this); 0 documents turns it off.
  std::size_t feedback_documents = 3;
  std::size_t feedback_terms = 20;  ///< >= 1 when feedback is on
  double feedback_weight = 0.3;     ///< >= 0
  /// Feedback re-ranks only the top max(offset + limit, feedback_depth)
  /// hits of the query as typed (with their near-duplicate copies), not
  /// every match: a hit further down cannot rise into the results, and
  /// totals and facets are the query's own. Deeper costs more (about 1 ms
  /// per 25 hits on 190,000 articles); 30 gives the same top 10 as
  /// re-ranking every match on the TIME topics (bench/RESULTS.md).
  std::size_t feedback_depth = 30;
};

/// The longest SearchRequest::like_text: an article or a long draft.
inline constexpr std::size_t max_like_text_bytes = 1 << 20;

/// What to search for. Only `query` (or `like_id`, `like_text` or `copies_of`) is needed.
struct SearchRequest {
  std::string query;                 ///< query language: see query_syntax()
  std::vector<std::string> filters;  ///< "place:kyiv", "person:\"vladimir putin\"", "date:2022-03"
  std::string from;  ///< earliest publication day, "2022", "2022-03" or "2022-03-05"
  std::string to;    ///< latest publication day, same forms
  /// Stem the query in this language only (ISO 639-1, "de"); "" stems it in
  /// every language the index holds. Does not filter: add "lang:de" for that.
  std::string language;
  std::size_t offset = 0;
  std::size_t limit = 10;
  std::size_t passages = 2;  ///< passages per hit (0: none)
  SortOrder sort = SortOrder::relevance;
  std::vector<std::string> facets;  ///< "date", "person", "org", "place", "source", "topic", "lang"
  std::string date_granularity;     ///< "", "year", "month" or "day" ("" chooses by span)
  std::size_t facet_values = 10;    ///< top values per facet
  FacetOrder facet_order = FacetOrder::count;
  bool collapse = true;  ///< fold near-duplicate copies into one hit
  std::string like_id;   ///< more-like-this: articles related to this id
  bool before = false;   ///< with like_id: only articles published before it
  /// More-like-this for a text that is not in the index (a draft, a
  /// press release; at most max_like_text_bytes): the articles related to
  /// it. Not with like_id.
  std::string like_text;
  /// The near-duplicate copies of the story of the article with this id
  /// (the "N similar" of a collapsed hit), the article among them: not
  /// collapsed, oldest first unless `sort` says newest. `query` and the
  /// filters narrow them. Not with like_id or like_text.
  std::string copies_of;
  bool suggest = true;       ///< compute "did you mean"
  bool exact_total = false;  ///< count every match (slower on big results); facets too
  /// Facets count every match when a query has at most this many; beyond,
  /// they are estimated (with bounds) from a sample of the matches that
  /// holds between half this and this many of them, chosen by a hash of each
  /// article's id, so their cost stays bounded however many match.
  std::uint64_t facet_exact_limit = 5000;
  bool exact_facets = false;  ///< count facets over every match, however many
  Ranking ranking;            ///< relevance scoring parameters
  /// Prefer recent articles in relevance order: the top
  /// max(offset + limit, Ranking::feedback_depth) hits by relevance are
  /// ordered again by score x (1 + 2^(-age / recency_half_life_days)),
  /// where age is the days between a hit's publication and the newest
  /// publication among those hits: the newest counts double, one half-life
  /// older 1.5 times, much older about once. Undated articles keep their
  /// score. A hit further down cannot rise into the results; totals and
  /// facets are unchanged. 0 (the default) turns it off. Relevance order
  /// only.
  double recency_half_life_days = 0;
};

/// A highlighted span: byte offsets into the text it belongs to.
struct Highlight {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// A window of an article's text (whole sentences within one paragraph).
struct Passage {
  std::string text;
  std::vector<Highlight> highlights;
  std::size_t paragraph = 0;  ///< 0-based paragraph of the article body
  double score = 0;
};

struct Hit {
  std::size_t rank = 0;  ///< 1-based, counting from offset
  std::string id;
  double score = 0;  ///< relevance weight (0 when sorted by date only)
  std::string title;
  std::vector<Highlight> title_highlights;
  /// When the article has no title (a CSV export without a headline
  /// column, a JSON record with text alone): the start of its text to show
  /// in its place, its first sentence or the words of it that fit in about
  /// 100 bytes; "" when it has a title.
  std::string lead;
  std::string source;
  std::string url;
  std::string published;  ///< ISO 8601, empty when undated
  std::string language;
  std::vector<std::string> authors;
  std::vector<Passage> passages;
  std::size_t similar = 0;  ///< near-duplicate copies folded into this hit (a lower bound)
  /// The people, organisations, places and misc names the article counts
  /// for in facets (in its headline or lead, named twice, or known), as
  /// their facet values: type, key (what a filter takes) and name.
  std::vector<Entity> entities;
};

struct FacetValue {
  std::string value;        ///< the filter key ("vladimir putin", "1987-03")
  std::string label;        ///< display form ("Vladimir Putin")
  std::uint64_t count = 0;  ///< articles; an estimate when the facet is not exact
  std::uint64_t lower = 0;  ///< bounds on the count: equal to it when exact, else
  std::uint64_t upper = 0;  ///< a 95% interval (see SearchRequest::facet_exact_limit)
  /// With FacetOrder::significance: how particular the value is to the
  /// matches, (m - a) x m / a for its share m of the matches and a of the
  /// whole index (the "JLH" score of Elasticsearch's significant_terms);
  /// 0 otherwise.
  double score = 0;
};

struct Facet {
  std::string field;        ///< "person", "date", ...
  std::string granularity;  ///< dates only: "year", "month" or "day"
  std::vector<FacetValue> values;
  bool exact = true;           ///< false: counts are estimated from a sample of the matches
  std::uint64_t examined = 0;  ///< matching articles counted (the sample's, when estimated)
  double sampled = 1;          ///< share of the matches in the sample: 1 when exact, else 2^-k
};

/// A filter value that names no article of the index (a misspelt name:
/// "person:nakasne"), with the values of its field nearest to it.
struct UnknownFilterValue {
  std::string field;  ///< "person"
  std::string value;  ///< its key, as filtered ("nakasne")
  /// Up to three values of the field within two edits of it (one for a
  /// value of four letters or fewer), or with a word that is ("nakasone",
  /// "yasuhiro nakasone"): the nearest first, then those in most articles.
  /// `value` and `label` are the key; `count` the articles naming it.
  std::vector<FacetValue> nearest;
};

/// A shard left out of a partial result (SearcherOptions::allow_partial).
struct MissingShard {
  std::string shard;   ///< as named: a path or tcp://HOST:PORT
  std::string reason;  ///< why it did not answer
};

/// Where a search spent its time, in wall milliseconds: to see why a query
/// is slow (`dateline-search --profile`, `dateline-latency --stages`).
/// A stage the search had no work for is 0. Measuring costs a few clock
/// reads a search.
struct SearchTimings {
  double match = 0;  ///< the ranked pass over the index (the query as typed)
  /// Counting passes beyond the ranked one, and the counts; when they run on
  /// a second thread (SearcherOptions::search_threads), only the time spent
  /// waiting for them after the hits.
  double facets = 0;
  double feedback = 0;  ///< choosing feedback's terms and re-ranking with them
  double hits = 0;      ///< the hits' documents, passages and highlights
  double suggest = 0;   ///< "did you mean", and the nearest filter values when nothing matched
  /// The rest: following the index to its latest commit, parsing and
  /// building the query (and, for --like, the article's terms), and a
  /// search run again because the index changed underneath it.
  double other = 0;
  double total = 0;  ///< the whole of Searcher::search()
};

struct SearchResult {
  std::uint64_t total = 0;        ///< matches (estimate unless exact)
  std::uint64_t total_lower = 0;  ///< bounds on the number of matches
  std::uint64_t total_upper = 0;
  bool total_exact = false;
  std::vector<Hit> hits;
  std::vector<Facet> facets;
  std::string suggestion;  ///< corrected query, "" when none
  /// When nothing matched: the query's filter values (person, org, place,
  /// misc, source, topic, exchange; in the query or in
  /// SearchRequest::filters) that name no article at all.
  std::vector<UnknownFilterValue> unknown_filter_values;
  std::string query_description;  ///< the parsed query, for debugging
  /// Shards that did not answer; when not empty the result covers only the
  /// others (only with SearcherOptions::allow_partial).
  std::vector<MissingShard> missing_shards;
  SearchTimings timings;
};

/// How a Searcher opens and talks to its shards.
struct SearcherOptions {
  /// When some shards are down or time out, search the others and name the
  /// missing ones in SearchResult::missing_shards. Otherwise such a shard is
  /// an error (NetworkError or IndexNotFoundError) naming it.
  bool allow_partial = false;
  /// Milliseconds a remote shard has to accept the connection, and to answer
  /// each request, before it counts as down.
  unsigned remote_timeout_ms = 10000;
  /// Bytes of memory the Searcher may use to keep values of a local index
  /// (one database, not shards) decoded, so that it does not read them
  /// from the index for every request: from its second search on, every
  /// article's publication time (8 bytes an article), which orders equal
  /// scores and --sort newest/oldest, and the near-duplicate clusters that
  /// feedback re-ranks (1 MB for Reuters-21578, 6.5 MB for x10); from its
  /// second request for facets on, the facet values (2.3 MB for
  /// Reuters-21578, 12 MB for the 190,000 articles of Reuters x10, read in
  /// 0.1-0.3 s); and the index frequencies of the values that facets by
  /// significance look up. All are read again after the index changes. Over the
  /// limit, or 0, they are read for each request. (The name is older than
  /// the publication times.)
  std::size_t facet_memory = std::size_t{256} << 20;
  /// Threads one search may use. With 2 (the default), on one local index
  /// and a machine with more than one core,
  /// the facets of a result larger than the ranked pass sees (about 1,000
  /// matches) are counted on a second thread while the first ranks,
  /// re-ranks and reads the hits; the results are the same as with 1, which
  /// keeps each search on the caller's thread (for a server already running
  /// a search per core).
  unsigned search_threads = 2;
};

class Searcher {
 public:
  /// Open the index at `index` (a directory, stub file, or tcp://host:port).
  /// @exception IndexNotFoundError, IndexVersionError, CorruptIndexError, NetworkError
  explicit Searcher(const std::string& index);
  /// Open several shards as one index: directories (a sharded index's
  /// directory opens all its shards), Xapian stub files listing databases
  /// ("auto PATH", "remote HOST:PORT" lines), or tcp://HOST:PORT for a shard
  /// served by xapian-tcpsrv. Results equal those of one index holding the
  /// same articles.
  /// @exception as above, naming the shard; with allow_partial only when no
  ///            shard at all can be opened
  explicit Searcher(const std::vector<std::string>& shards, SearcherOptions options = {});
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  /// Run a search.
  /// @exception QuerySyntaxError the query, a filter or the date range does not parse (with
  ///   the offset in it; the message names a filter or the range: "filter 'x:y': ...")
  /// @exception InvalidArgumentError e.g. an unknown facet or like_id, or ranking
  ///            parameters out of range
  /// @exception Error the index failed
  SearchResult search(const SearchRequest& request);

  /// How the query parses, as a Xapian query description (for tests and
  /// --explain).
  std::string describe(const std::string& query);

  /// describe() for a request's query, stemmed in the languages it asks for
  /// (SearchRequest::language, lang: filters).
  std::string describe(const SearchRequest& request);

  /// Number of articles in the index.
  std::uint64_t article_count();

  /// Bytes of memory held now for values kept decoded: facets,
  /// publication times, clusters, term frequencies (see
  /// SearcherOptions::facet_memory); 0
  /// while none are kept.
  std::size_t facet_memory_used() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

/// The query language, as shown by `dateline-search --help-syntax`.
const char* query_syntax();

}  // namespace dateline
