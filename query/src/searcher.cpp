#include "dateline/query/searcher.h"

#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "cluster_members.h"
#include "dateline/common/article_json.h"
#include "dateline/common/error.h"
#include "dateline/common/language.h"
#include "dateline/common/schema.h"
#include "dateline/common/stopwords.h"
#include "dateline/common/text.h"
#include "dateline/detail/analyzer.h"
#include "dateline/detail/facet_spy.h"
#include "facet_table.h"
#include "passages.h"
#include "publication_times.h"
#include "query_parser.h"
#include "spelling.h"

namespace dateline {

namespace {

double milliseconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// The stages of one search (SearchTimings): each lap() adds the time since
// the previous lap to a stage, or to none.
class StageClock {
 public:
  void lap(double* stage = nullptr) {
    if (stage) *stage += milliseconds_since(m_last);
    m_last = std::chrono::steady_clock::now();
  }

 private:
  std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};

bool is_remote(const std::string& location) { return location.starts_with("tcp://"); }

// A database as of one commit: its uuid (a rebuild makes a new one) and
// revision.
std::string revision_of(const Xapian::Database& db) {
  return db.get_uuid() + ":" + std::to_string(db.get_revision());
}

Xapian::Database open_one(const std::string& location, unsigned timeout_ms) {
  if (is_remote(location)) {
    std::string rest = location.substr(6);
    std::size_t colon = rest.rfind(':');
    // A host, and a port of digits from 1 to 65535 (stoul alone would read
    // "80x" as 80 and "99999" as a port).
    const std::string port_text = colon == std::string::npos ? "" : rest.substr(colon + 1);
    if (colon == 0 || port_text.empty() || port_text.size() > 5 ||
        port_text.find_first_not_of("0123456789") != std::string::npos ||
        std::stoul(port_text) == 0 || std::stoul(port_text) > 65535) {
      throw InvalidArgumentError("shard " + location + " must be tcp://HOST:PORT");
    }
    try {
      unsigned port = static_cast<unsigned>(std::stoul(port_text));
      Xapian::Database db =
          Xapian::Remote::open(rest.substr(0, colon), port, timeout_ms, timeout_ms);
      detail::check_schema_version(db, location);
      return db;
    } catch (const Xapian::Error& error) {
      detail::rethrow_xapian(error, "shard " + location);
    } catch (const std::logic_error&) {
      throw InvalidArgumentError("shard " + location + " must be tcp://HOST:PORT");
    }
  }
  return detail::open_index(location);
}

// The databases a location stands for. A stub naming several databases (a
// sharded index's directory, or a stub file written by an operator) is
// opened line by line, so that a shard that is down can be named and, with
// allow_partial, left out; anything else is one database.
std::vector<std::string> expand_location(const std::string& location) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path stub = location;
  if (is_remote(location)) return {location};
  if (fs::is_directory(stub, ec)) stub /= "XAPIANDB";
  if (!fs::is_regular_file(stub, ec)) return {location};
  std::ifstream in(stub);
  std::vector<std::string> databases;
  bool any_remote = false;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string type, target;
    if (!(words >> type) || type.starts_with("#")) continue;
    if (!(words >> target)) return {location};
    if (type == "remote") {
      // Xapian's "remote HOST:PORT" (or ":PORT" for localhost) over TCP.
      if (target.find(':') == std::string::npos) return {location};
      if (target.starts_with(":")) target = "127.0.0.1" + target;
      databases.push_back("tcp://" + target);
      any_remote = true;
    } else if (type == "auto" || type == "glass" || type == "chert") {
      fs::path path = target;
      databases.push_back((path.is_absolute() ? path : stub.parent_path() / path).string());
    } else {
      return {location};
    }
  }
  if (databases.size() < 2 && !any_remote) return {location};
  return databases;
}

std::string day_label(const std::string& key) {
  if (key.size() == 8) return key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2);
  if (key.size() == 6) return key.substr(0, 4) + "-" + key.substr(4, 2);
  return key;
}

// Which facet fields requests may name, and their pack codes.
char facet_code(const std::string& name) {
  const schema::Field* field = schema::find_field(name);
  if (field == nullptr || field->facet_code == 0) {
    throw InvalidArgumentError("unknown facet '" + name +
                               "' (facets: date, person, org, place, misc, source, topic, lang)");
  }
  return field->facet_code;
}

// How many of a facet's values to count out for a request: the values
// shown, or, when they are to be ordered by significance, the candidates
// they are chosen from (the most frequent values among the matches: a value
// in fewer of them can only be significant by being rare in the index,
// which is little to show).
std::size_t facet_candidates(const SearchRequest& request) {
  if (request.facet_order == FacetOrder::count) return request.facet_values;
  return std::max<std::size_t>(100, 10 * request.facet_values);
}

// What to show for an untitled article: the first sentence of its dek or
// first paragraph, or the words of it that fit in lead_bytes, then "…".
std::string lead_of(const Article& article) {
  constexpr std::size_t lead_bytes = 100;
  std::string_view first = !article.dek.empty()          ? std::string_view(article.dek)
                           : !article.paragraphs.empty() ? std::string_view(article.paragraphs[0])
                                                         : std::string_view();
  std::string lead = collapse_whitespace(first);
  const auto starts = sentence_starts(lead);
  if (starts.size() > 1) lead.resize(starts[1]);
  while (!lead.empty() && lead.back() == ' ') lead.pop_back();
  if (lead.size() <= lead_bytes) return lead;
  // Cut at a space, so that neither a word nor a character is split.
  std::size_t cut = lead.rfind(' ', lead_bytes);
  if (cut == std::string::npos || cut == 0) {
    cut = lead_bytes;
    while (cut > 0 && (static_cast<unsigned char>(lead[cut]) & 0xC0) == 0x80) --cut;
  }
  lead.resize(cut);
  while (!lead.empty() && (lead.back() == ' ' || lead.back() == ',')) lead.pop_back();
  return lead + "\xE2\x80\xA6";
}

// The entities of an article's facet pack (schema slot 3), in its order.
std::vector<Entity> entities_of(std::string_view pack) {
  std::vector<Entity> entities;
  detail::PackEntry entry;
  while (detail::next_pack_entry(pack, entry)) {
    const schema::Field* field = schema::find_facet(entry.code);
    if (field == nullptr) continue;
    if (auto type = entity_type_of_field(field->name)) {
      entities.push_back(Entity{*type, std::string(entry.key), detail::pack_entry_label(entry)});
    }
  }
  return entities;
}

// Only stems of body words (Z, then a lower-case or non-ASCII letter: not
// a field's prefix, not a number), not stopwords, make good
// more-like-this terms.
class BodyStemDecider : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    const auto second = term.size() > 1 ? static_cast<unsigned char>(term[1]) : 0;
    return term.size() > 3 && term[0] == 'Z' &&
           ((second >= 'a' && second <= 'z') || second >= 0x80) &&
           !is_stopword(std::string_view(term).substr(1));
  }
};

// Rewrites a parsed query for ranking: drops stopwords among the ranked words
// and adds the title bonus. Only the ranked parts of the tree are touched
// (OR lists, the optional side of AND_MAYBE, the left side of FILTER and
// AND_NOT); phrases, required and excluded words stay as the user wrote them.
class RankingRewriter {
 public:
  // `words`: the plain words of the query as typed, with their stems. A stem
  // is a stopword term when a word typed for it is a stopword (is_stopword)
  // and no other word of the query has the same stem.
  RankingRewriter(const Ranking& ranking, const std::vector<query::ParsedQuery::Word>& words)
      : m_ranking(ranking) {
    if (!ranking.skip_stopwords) return;
    std::set<std::string> content_terms;
    for (const auto& word : words) {
      auto& terms = is_stopword(word.word) ? m_stop_terms : content_terms;
      // A stopword has no stem term in the index and is searched as the
      // word itself; other words by their stems (one per language).
      terms.insert(word.word);
      for (const auto& stem : word.stems) terms.insert(std::string(schema::stem_prefix) + stem);
    }
    for (const auto& term : content_terms) m_stop_terms.erase(term);
  }

  Xapian::Query rewrite(const Xapian::Query& query) {
    switch (query.get_type()) {
      case Xapian::Query::LEAF_TERM:
      case Xapian::Query::OP_SYNONYM:  // a word's stems in several languages, or spellings
        return with_title_bonus(query);
      case Xapian::Query::OP_OR: {
        std::vector<Xapian::Query> kept;
        std::vector<std::string> dropped;
        for (std::size_t k = 0; k < query.get_num_subqueries(); ++k) {
          Xapian::Query sub = query.get_subquery(k);
          std::string term = body_term(sub);
          bool stopword = !term.empty() && m_ranking.skip_stopwords &&
                          (m_stop_terms.contains(term) ||
                           (!term.starts_with(schema::stem_prefix) && is_stopword(term)));
          if (stopword) {
            dropped.push_back(term.starts_with(schema::stem_prefix)
                                  ? term.substr(schema::stem_prefix.size())
                                  : term);
          } else {
            kept.push_back(rewrite(sub));
          }
        }
        if (kept.empty()) {
          // Nothing but stopwords: search for them after all.
          kept.clear();
          for (std::size_t k = 0; k < query.get_num_subqueries(); ++k) {
            kept.push_back(with_title_bonus(query.get_subquery(k)));
          }
          dropped.clear();
        }
        m_dropped_stems.insert(dropped.begin(), dropped.end());
        return Xapian::Query(Xapian::Query::OP_OR, kept.begin(), kept.end());
      }
      case Xapian::Query::OP_AND_MAYBE:
        return rebuild(query, 1);
      case Xapian::Query::OP_FILTER:
      case Xapian::Query::OP_AND_NOT:
        return rebuild(query, 0);
      default:
        return query;
    }
  }

  /// Stems or words of the stopwords left out of the ranking (not to be
  /// highlighted).
  const std::set<std::string>& dropped_stems() const { return m_dropped_stems; }

 private:
  // The term of an unprefixed body leaf, a word ("the") or a stem
  // ("Zkennedi"), or "" for anything else.
  static std::string body_term(const Xapian::Query& query) {
    if (query.get_type() != Xapian::Query::LEAF_TERM) return {};
    std::string term = *query.get_terms_begin();
    if (!term.empty() && term[0] >= 'A' && term[0] <= 'Z') return body_stem_term(query);
    return term;
  }

  // The term of a body-stem leaf ("Zkennedi"), or "" for anything else.
  static std::string body_stem_term(const Xapian::Query& query) {
    if (query.get_type() != Xapian::Query::LEAF_TERM) return {};
    std::string term = *query.get_terms_begin();
    if (term.size() <= schema::stem_prefix.size() || !term.starts_with(schema::stem_prefix)) {
      return {};
    }
    char first = term[schema::stem_prefix.size()];
    bool prefixed = first >= 'A' && first <= 'Z';
    return prefixed ? std::string() : term;
  }

  // A body stem also scores, scaled, where it occurs in the title. Title
  // words are indexed as body words too, so AND_MAYBE matches the same
  // articles as the body term alone (and keeps its match count exact).
  // A synonym of body stems (a word's stems in several languages, or its
  // spellings) scores for the synonym of their title stems.
  Xapian::Query with_title_bonus(const Xapian::Query& query) const {
    if (m_ranking.title_weight <= 0) return query;
    auto title_of = [](const std::string& term) {
      return std::string(schema::stem_prefix) + std::string(schema::find_field("title")->prefix) +
             term.substr(schema::stem_prefix.size());
    };
    Xapian::Query title;
    if (query.get_type() == Xapian::Query::OP_SYNONYM) {
      std::vector<Xapian::Query> titles;
      for (std::size_t k = 0; k < query.get_num_subqueries(); ++k) {
        std::string term = body_stem_term(query.get_subquery(k));
        if (!term.empty()) titles.emplace_back(title_of(term));
      }
      if (titles.empty()) return query;
      title = titles.size() == 1
                  ? titles.front()
                  : Xapian::Query(Xapian::Query::OP_SYNONYM, titles.begin(), titles.end());
    } else {
      std::string term = body_stem_term(query);
      if (term.empty()) return query;
      title = Xapian::Query(title_of(term));
    }
    return Xapian::Query(
        Xapian::Query::OP_AND_MAYBE, query,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, title, m_ranking.title_weight));
  }

  // `query` with its subquery `ranked` rewritten and the others unchanged.
  Xapian::Query rebuild(const Xapian::Query& query, std::size_t ranked) {
    std::vector<Xapian::Query> parts;
    for (std::size_t k = 0; k < query.get_num_subqueries(); ++k) {
      parts.push_back(k == ranked ? rewrite(query.get_subquery(k)) : query.get_subquery(k));
    }
    return Xapian::Query(query.get_type(), parts.begin(), parts.end());
  }

  const Ranking& m_ranking;
  std::set<std::string> m_stop_terms;
  std::set<std::string> m_dropped_stems;
};

// The weighting scheme of a Ranking. Only Xapian's own schemes, which stock
// xapian-tcpsrv knows, so remote shards rank alike.
std::unique_ptr<Xapian::Weight> weighting(const Ranking& ranking) {
  switch (ranking.model) {
    case WeightingModel::bm25:
      // Xapian's defaults for the parameters not exposed: k2 = 0 (no extra
      // document-length correction), k3 = 1 (query-term frequency), and
      // min_normlen = 0.5.
      return std::make_unique<Xapian::BM25Weight>(ranking.k1, 0, 1, ranking.b, 0.5);
    case WeightingModel::ineb2:
      return std::make_unique<Xapian::IneB2Weight>(1.0);
  }
  throw InvalidArgumentError("unknown weighting model");
}

// A body stem (Z + a lower-case or non-ASCII first byte, not a field's
// prefix), more than two bytes long and not a stopword: a feedback term.
bool feedback_term(std::string_view term) {
  if (term.size() <= schema::stem_prefix.size() + 2 || !term.starts_with(schema::stem_prefix)) {
    return false;
  }
  unsigned char first = static_cast<unsigned char>(term[schema::stem_prefix.size()]);
  if (!((first >= 'a' && first <= 'z') || first >= 0x80)) return false;
  return !is_stopword(term.substr(schema::stem_prefix.size()));
}

// Pseudo-relevance feedback (RM3-style, see Ranking): the stems most typical
// of the first `feedback_documents` hits of `top` (the query as typed), each
// with the factor its weight is scaled by; none when there are none.
struct Expansion {
  std::vector<std::pair<std::string, double>> terms;  // stem term, factor > 0

  bool empty() const { return terms.empty(); }
  // As a query: an OR of the scaled terms.
  Xapian::Query query() const {
    if (terms.empty()) return {};
    std::vector<Xapian::Query> scaled;
    for (const auto& [term, factor] : terms) {
      scaled.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), factor);
    }
    return Xapian::Query(Xapian::Query::OP_OR, scaled.begin(), scaled.end());
  }
};

// A hit's feedback terms (feedback_term()) with their wdf, in term order.
using StemCounts = std::vector<std::pair<std::string, Xapian::termcount>>;

// From the hit's term list: one read on a local database.
StemCounts stems_from_termlist(const Xapian::Database& db, Xapian::docid did) {
  StemCounts stems;
  for (auto term = db.termlist_begin(did); term != db.termlist_end(did); ++term) {
    std::string name = *term;
    if (feedback_term(name)) stems.emplace_back(std::move(name), term.get_wdf());
  }
  return stems;
}

// From the hit's stored text, analysed again as the indexer analysed it
// (detail::body_stem_terms()): the same terms and wdf as
// its term list. Over a remote shard a term list comes term by term (1.5 ms
// warm, up to 10 ms cold, on Reuters-21578 over loopback), a document in
// one message (0.15 ms), and feedback fetched the document already for its
// id (feedback_candidates()).
StemCounts stems_from_text(const Xapian::Document& document, detail::Analyzers& analyzers) {
  std::vector<std::string> terms =
      detail::body_stem_terms(article_from_document_data(document.get_data(), true), analyzers);
  StemCounts stems;
  for (auto& term : terms) {
    if (!stems.empty() && stems.back().first == term) {
      ++stems.back().second;
    } else if (feedback_term(term)) {
      stems.emplace_back(std::move(term), 1);
    }
  }
  return stems;
}

// `stems_of(it)` gives the feedback terms of the hit at `it`.
template <class StemsOf>
Expansion feedback_expansion(const Xapian::Database& db, const Xapian::MSet& top,
                             const Ranking& ranking, StemsOf&& stems_of) {
  Xapian::doccount documents = std::min<Xapian::doccount>(
      top.size(), static_cast<Xapian::doccount>(ranking.feedback_documents));
  double total_weight = 0;
  for (Xapian::doccount k = 0; k < documents; ++k) total_weight += top[k].get_weight();
  if (documents == 0 || !(total_weight > 0)) return {};
  // Each document's stems with their share, then summed per stem in the
  // order of the documents (a stable sort by stem; no tree of strings).
  std::vector<std::pair<std::string, double>> shares;
  for (Xapian::doccount k = 0; k < documents; ++k) {
    Xapian::MSetIterator it = top[k];
    double share = it.get_weight() / total_weight;
    double length = db.get_doclength(*it);
    if (!(length > 0)) continue;
    for (auto& [name, wdf] : stems_of(it)) {
      shares.emplace_back(std::move(name), share * wdf / length);
    }
  }
  std::stable_sort(shares.begin(), shares.end(),
                   [](const auto& left, const auto& right) { return left.first < right.first; });
  std::vector<std::pair<std::string, double>> terms;
  for (auto& [name, share] : shares) {
    if (!terms.empty() && terms.back().first == name) {
      terms.back().second += share;
    } else {
      terms.emplace_back(std::move(name), share);
    }
  }
  // By share, then by term, so that the choice never depends on map order.
  std::sort(terms.begin(), terms.end(), [](const auto& left, const auto& right) {
    return left.second != right.second ? left.second > right.second : left.first < right.first;
  });
  if (terms.size() > ranking.feedback_terms) terms.resize(ranking.feedback_terms);
  if (terms.empty() || !(terms.front().second > 0)) return {};
  Expansion expansion;
  const double top_share = terms.front().second;
  for (auto& [term, value] : terms) {
    double factor = ranking.feedback_weight * value / top_share;
    if (factor > 0) expansion.terms.emplace_back(std::move(term), factor);
  }
  return expansion;
}

// The weight that weighting(ranking) gives one term of a query, scaled by
// `factor`, in a document of one local database, from the term's wdf there
// and the document's length: the same formula and statistics Xapian's
// IneB2Weight (c = 1) and BM25Weight (k2 = 0, k3 = 1, min_normlen = 0.5)
// use (xapian-core/weight/), so the same number up to rounding. Feedback
// weighs its expansion with it on one local database (expansion_weights()).
class TermWeight {
 public:
  TermWeight(const Xapian::Database& db, const Ranking& ranking, const std::string& term,
             double factor)
      : m_model(ranking.model), m_k1(ranking.k1), m_b(ranking.b) {
    const double documents = db.get_doccount();
    const double average_length = db.get_avlength();
    const double termfreq = db.get_termfreq(term);
    if (!(termfreq > 0) || !(documents > 0) || factor == 0) return;
    switch (m_model) {
      case WeightingModel::ineb2: {
        const double collection_freq = db.get_collection_freq(term);
        const double expected = documents * (1.0 - std::exp(-(collection_freq / documents)));
        const double idf = std::log2((documents + 1.0) / (expected + 0.5));
        m_term_weight = idf * factor;  // times the query's wqf, 1
        m_length_scale = average_length;
        m_b_constant = (collection_freq + 1.0) / termfreq;
        break;
      }
      case WeightingModel::bm25: {
        double odds = (documents - termfreq + 0.5) / (termfreq + 0.5);
        if (odds < 2) odds = odds * 0.5 + 1;
        // k3 = 1 and wqf = 1: the query-frequency factor is 1.
        m_term_weight = std::log(odds) * factor * (m_k1 + 1);
        if (m_b != 0 && m_k1 != 0 && average_length != 0) m_length_scale = 1 / average_length;
        break;
      }
    }
  }

  double operator()(Xapian::termcount wdf, Xapian::termcount length) const {
    if (wdf == 0 || m_term_weight == 0) return 0;
    if (m_model == WeightingModel::ineb2) {
      double normalised = wdf;
      normalised *= std::log2(1 + m_length_scale / length);
      return normalised * m_b_constant / (normalised + 1.0) * m_term_weight;
    }
    const double normalised_length = std::max(length * m_length_scale, 0.5);
    const double wdf_double = wdf;
    return m_term_weight *
           (wdf_double / (m_k1 * (normalised_length * m_b + (1 - m_b)) + wdf_double));
  }

 private:
  WeightingModel m_model;
  double m_k1, m_b;
  double m_term_weight = 0;   // idf (IneB2) or term weight (BM25), times the factor
  double m_length_scale = 0;  // c * average length (IneB2), 1 / average length (BM25)
  double m_b_constant = 0;    // IneB2's (F + 1) / termfreq
};

// The expansion's weight in each of `docids` (sorted, of one local
// database): each term's posting list, skipped from one document to the
// next, one list after the other (so that one set of block buffers serves
// them all: fresh pages are dear in a new process). About 1 µs a term and
// document on Reuters x10, a third of what matching the expansion as a
// query over the same documents costs (an OR of 20 terms whose maximum
// weights Xapian keeps recomputing), and no more than reading their term
// lists, which take twice as long on Reuters (bench/RESULTS.md).
std::vector<double> expansion_weights(const Xapian::Database& db, const Ranking& ranking,
                                      const Expansion& expansion,
                                      const std::vector<Xapian::docid>& docids) {
  std::vector<double> weights(docids.size(), 0.0);
  std::vector<Xapian::termcount> lengths;
  lengths.reserve(docids.size());
  for (Xapian::docid did : docids) lengths.push_back(db.get_doclength(did));
  for (const auto& [term, factor] : expansion.terms) {
    const TermWeight weigh(db, ranking, term, factor);
    Xapian::PostingIterator posting = db.postlist_begin(term);
    const Xapian::PostingIterator end = db.postlist_end(term);
    for (std::size_t k = 0; k < docids.size(); ++k) {
      posting.skip_to(docids[k]);
      if (posting == end) break;
      if (*posting == docids[k]) weights[k] += weigh(posting.get_wdf(), lengths[k]);
    }
  }
  return weights;
}

// A list of documents of one local database, each with a weight or none:
// feedback's candidates (feedback_candidates()) for its re-ranking pass, so
// that the pass does not open a posting list per candidate (each with its
// own block buffers: ~60 of the ~425 pages a `dateline-search` process
// touched on Reuters; bench/RESULTS.md), with the weights the first pass
// gave them (weighed_candidates()).
class DocidList : public Xapian::PostingSource {
 public:
  explicit DocidList(std::vector<Xapian::docid> docids, std::vector<double> weights = {})
      : m_docids(std::move(docids)), m_weights(std::move(weights)) {}

  void init(const Xapian::Database&) override {
    m_started = false;
    m_position = 0;
    double most = 0;
    for (double weight : m_weights) most = std::max(most, weight);
    set_maxweight(most);
  }
  double get_weight() const override { return m_weights.empty() ? 0 : m_weights[m_position]; }
  Xapian::doccount get_termfreq_min() const override { return size(); }
  Xapian::doccount get_termfreq_est() const override { return size(); }
  Xapian::doccount get_termfreq_max() const override { return size(); }
  void next(double) override {
    if (m_started) ++m_position;
    m_started = true;
  }
  void skip_to(Xapian::docid did, double) override {
    m_started = true;
    m_position = static_cast<std::size_t>(
        std::lower_bound(m_docids.begin() + static_cast<std::ptrdiff_t>(m_position), m_docids.end(),
                         did) -
        m_docids.begin());
  }
  bool at_end() const override { return m_started && m_position >= m_docids.size(); }
  Xapian::docid get_docid() const override { return m_docids[m_position]; }
  Xapian::PostingSource* clone() const override { return new DocidList(m_docids, m_weights); }
  std::string get_description() const override {
    return "DocidList(" + std::to_string(m_docids.size()) + ")";
  }

 private:
  Xapian::doccount size() const { return static_cast<Xapian::doccount>(m_docids.size()); }
  std::vector<Xapian::docid> m_docids;  // sorted, distinct
  std::vector<double> m_weights;        // m_docids[k]'s is m_weights[k]; or none
  std::size_t m_position = 0;
  bool m_started = false;
};

// Every docid after `after` (whether a document has it or not): as a
// filter, it leaves the matches of a query past that docid, and the
// matcher starts there, not reading the postings and positions before it.
// With `stop`, it ends as soon as *stop is set, and the pass with it: a
// pass on another thread that turns out not to be needed (FacetWorker).
class DocidsAfter : public Xapian::PostingSource {
 public:
  explicit DocidsAfter(Xapian::docid after, const std::atomic<bool>* stop = nullptr)
      : m_after(after), m_stop(stop) {}

  void init(const Xapian::Database& db) override {
    m_last = db.get_lastdocid();
    m_current = m_after;
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return count(); }
  Xapian::doccount get_termfreq_max() const override { return count(); }
  void next(double) override { ++m_current; }
  void skip_to(Xapian::docid did, double) override {
    m_current = std::max({m_current, did, m_after + 1});
  }
  bool at_end() const override {
    return m_current > m_last || (m_stop && m_stop->load(std::memory_order_relaxed));
  }
  Xapian::docid get_docid() const override { return m_current; }
  Xapian::PostingSource* clone() const override { return new DocidsAfter(m_after, m_stop); }
  std::string get_description() const override {
    return "DocidsAfter(" + std::to_string(m_after) + ")";
  }

 private:
  Xapian::doccount count() const { return m_last > m_after ? m_last - m_after : 0; }
  Xapian::docid m_after;
  const std::atomic<bool>* m_stop;
  Xapian::docid m_last = 0;
  Xapian::docid m_current = 0;  // m_after before the first next() or skip_to()
};

// The candidates feedback re-ranks: the hits of `top` and, when they were
// collapsed, every near-duplicate copy of them. As a boolean query built
// from terms (the cluster key's XDUP term, else the Q id term), so it works
// over remote shards and stock xapian-tcpsrv, unlike a MatchDecider; on one
// local database (`local`), as the documents those terms index (`docids`),
// taken from `members` when the Searcher keeps them. Nothing when a hit has
// no term to name it by (an index not written by Dateline): re-ranking must
// never lose a hit.
struct Candidates {
  Xapian::Query filter;               // remote, several databases or long keys
  std::vector<Xapian::docid> docids;  // else: sorted, distinct
  // Not on one local database: the hits of `top` themselves, without their
  // copies (their Q id terms), which alone get the expansion's weight.
  Xapian::Query hits;
};

// `documents`: over remote shards, the documents of `top` by docid (the
// caller fetched them, a round trip each); null elsewhere.
using FetchedDocuments = std::unordered_map<Xapian::docid, Xapian::Document>;
std::optional<Candidates> feedback_candidates(const Xapian::Database& db, const Xapian::MSet& top,
                                              bool local, const FetchedDocuments* documents,
                                              const query::ClusterMembers* members = nullptr) {
  Candidates result;
  auto sort_docids = [&result] {
    std::sort(result.docids.begin(), result.docids.end());
    result.docids.erase(std::unique(result.docids.begin(), result.docids.end()),
                        result.docids.end());
  };
  if (local && members) {
    std::set<std::string> keys;
    for (auto it = top.begin(); it != top.end(); ++it) {
      std::string key = it.get_collapse_key();
      if (key.empty()) {
        result.docids.push_back(*it);  // its own Q term's only document
      } else if (keys.insert(key).second) {
        members->append(key, result.docids);
      }
    }
    sort_docids();
    return result;
  }
  std::vector<Xapian::Query> candidates;
  std::vector<std::string> terms;  // the terms of `candidates` that are plain terms
  std::vector<Xapian::Query> hits;
  std::set<std::string> keys;
  // Over remote shards a term list comes term by term and a document in
  // one message: the id is read from the document data there.
  for (auto it = top.begin(); it != top.end(); ++it) {
    // Set only when collapsing, and then free: the matcher read it already.
    std::string key = it.get_collapse_key();
    if (!key.empty()) {
      if (keys.insert(key).second) {
        // The indexer cuts long keys in the term (schema::bounded_term); then
        // the value itself tells the cluster apart.
        std::string term = schema::bounded_term(schema::cluster_prefix, key);
        if (key.size() <= schema::max_term_key_bytes) {
          candidates.emplace_back(term);
          terms.push_back(std::move(term));
        } else {
          candidates.emplace_back(
              Xapian::Query::OP_FILTER, Xapian::Query(term),
              Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot_cluster, key, key));
        }
      }
      if (local) continue;  // the hit itself is known by its docid there
    }
    // The article's own id term: a candidate when not collapsed (or without
    // a cluster key), and how `hits` names it.
    std::string id_term;
    if (documents) {
      try {
        const std::string id = article_from_document_data(documents->at(*it).get_data(), false).id;
        if (!id.empty()) id_term = schema::id_term(id);
      } catch (const Error&) {
        // Not a Dateline document: no id to name it by (below).
      }
    } else {
      Xapian::TermIterator term = db.termlist_begin(*it);
      term.skip_to(std::string(schema::id_prefix));
      if (term != db.termlist_end(*it) && (*term).starts_with(schema::id_prefix)) id_term = *term;
    }
    if (id_term.empty()) return std::nullopt;
    if (key.empty()) {
      candidates.emplace_back(id_term);
      terms.push_back(id_term);
    }
    hits.emplace_back(id_term);
  }
  if (local && terms.size() == candidates.size()) {
    for (const auto& term : terms) {
      for (auto posting = db.postlist_begin(term); posting != db.postlist_end(term); ++posting) {
        result.docids.push_back(*posting);
      }
    }
    sort_docids();
    return result;
  }
  result.filter = Xapian::Query(Xapian::Query::OP_OR, candidates.begin(), candidates.end());
  result.hits = Xapian::Query(Xapian::Query::OP_OR, hits.begin(), hits.end());
  return result;
}

// The weight of each match the first pass examined, by docid: the spy sees
// it before collapsing, so near-duplicate copies are among them. Until the
// pass has check_at_least matches, Xapian's matcher examines every match
// (it drops a candidate for sorting too low only after that). At most
// `most` of them are kept (16 bytes each: a pass counting every match of
// a large index examines millions); past that, feedback matches the
// candidates the spy did not keep again.
class MatchWeights : public Xapian::MatchSpy {
 public:
  explicit MatchWeights(std::size_t most) : m_most(most) {}
  void operator()(const Xapian::Document& doc, double weight) override {
    if (m_seen.size() < m_most) {
      m_seen.emplace_back(doc.get_docid(), weight);
    } else {
      m_full = true;
    }
  }
  // Whether some examined matches were not kept.
  bool full() const { return m_full; }
  // Sorted by docid.
  const std::vector<std::pair<Xapian::docid, double>>& seen() {
    if (!std::is_sorted(m_seen.begin(), m_seen.end())) std::sort(m_seen.begin(), m_seen.end());
    return m_seen;
  }

 private:
  std::vector<std::pair<Xapian::docid, double>> m_seen;
  std::size_t m_most;
  bool m_full = false;
};

// The query over `candidates` (sorted docids of one local database) for the
// re-ranking pass, weighed as the first pass weighed them: a candidate that
// pass examined (`seen`) has its weight from there (the number Xapian
// would compute again, the same query over the same statistics, up to the
// order its terms' weights are added in), so the
// query is matched again only for candidates the pass did not examine,
// and only when it may have skipped matches (not `every_match_seen`). For a
// phrase, those matches were most of the re-ranking pass's block reads
// (positions, read candidate by candidate).
Xapian::Query weighed_candidates(const Xapian::Query& query,
                                 const std::vector<Xapian::docid>& candidates,
                                 const std::vector<std::pair<Xapian::docid, double>>& seen,
                                 bool every_match_seen) {
  std::vector<Xapian::docid> known, unknown;
  std::vector<double> known_weights;
  auto next = seen.begin();
  for (Xapian::docid did : candidates) {
    next = std::lower_bound(next, seen.end(), did, [](const auto& entry, Xapian::docid wanted) {
      return entry.first < wanted;
    });
    if (next != seen.end() && next->first == did) {
      known.push_back(did);
      known_weights.push_back(next->second);
    } else if (!every_match_seen) {
      unknown.push_back(did);  // a match the pass skipped, or no match
    }
  }
  Xapian::Query weighed((new DocidList(std::move(known), std::move(known_weights)))->release());
  if (unknown.empty()) return weighed;
  return Xapian::Query(
      Xapian::Query::OP_OR, weighed,
      Xapian::Query(Xapian::Query::OP_FILTER, query,
                    Xapian::Query((new DocidList(std::move(unknown)))->release())));
}

// Facet counting on one local database: the spy only notes which documents
// match, and their facet values are then read with one value stream per
// slot in docid order. Reading them per document instead (FacetSpy on the
// Document) alternates between the day and facet-pack chunks of the B-tree
// and re-reads a block for nearly every value (a pread each): that was most
// of the cost of facets over a few thousand matches.
class MatchingDocids : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    m_docids.push_back(doc.get_docid());
  }
  std::vector<Xapian::docid>& docids() { return m_docids; }

 private:
  std::vector<Xapian::docid> m_docids;
};

// Count the facets of `docids` (sorted) into `spy`, as FacetSpy::operator()
// would for each of them.
void count_facets(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
                  detail::FacetSpy& spy, Xapian::valueno sampled = Xapian::BAD_VALUENO) {
  // A value stream's skip_to() looks its target up from the top of the
  // B-tree, re-reading a block nearly every time even when the target is
  // a few values on; stepping there is cheaper. Past `step_limit` values a
  // skip_to() saves the decoding of the values in between. (Reading the
  // facet packs of 14% of Reuters' articles: 26% less time; of 2% of
  // Reuters x10's: 30% less; bench/RESULTS.md.)
  constexpr Xapian::docid step_limit = 32;
  auto stream = [&](Xapian::valueno slot, auto&& count) {
    Xapian::ValueIterator value = db.valuestream_begin(slot);
    Xapian::ValueIterator end = db.valuestream_end(slot);
    for (Xapian::docid did : docids) {
      if (value == end) break;
      if (value.get_docid() < did) {
        if (did - value.get_docid() <= step_limit) {
          while (value != end && value.get_docid() < did) ++value;
        } else {
          value.skip_to(did);
        }
        if (value == end) break;
      }
      if (value.get_docid() == did) count(*value);
    }
  };
  spy.add_seen(static_cast<Xapian::doccount>(docids.size()));
  // Matches share days: count each day here (short strings, no
  // allocation) and hand the spy each distinct day once.
  std::unordered_map<std::string, Xapian::doccount> days;
  if (sampled != Xapian::BAD_VALUENO) {
    // A sample's days and packs, side by side in one slot.
    const bool wants_days = spy.wants_days(), wants_packs = spy.wants_packs();
    stream(sampled, [&](const std::string& value) {
      auto [day, pack] = detail::split_sample_value(value);
      if (wants_days && !day.empty()) ++days[std::string(day)];
      if (wants_packs && !pack.empty()) spy.count_pack(pack, 1);
    });
  } else {
    if (spy.wants_days()) {
      stream(schema::slot_day, [&](std::string&& day) { ++days[std::move(day)]; });
    }
    // Packs hold each article's own entities and rarely repeat (81% of
    // Reuters' and 84% of x10's are distinct): counting them first would
    // cost a hash of every pack for little, so they are unpacked as they
    // come.
    if (spy.wants_packs())
      stream(schema::slot_facets, [&](const std::string& pack) { spy.count_pack(pack, 1); });
  }
  for (const auto& [day, count] : days) spy.count_day(day, count);
}

// The slot to read the days and facet packs of sample `level`'s articles
// from, on one local database: the sample's own
// (schema::sample_facets_slot()), where they lie side by side, when every
// article of the sample has a value there; else none (BAD_VALUENO), and
// they are read from slot_day and slot_facets, one value chunk per article
// of a sparse sample (an index written before those slots, or an undated
// article without facets).
Xapian::valueno sample_slot(const Xapian::Database& db, unsigned level) {
  if (level == 0 || level > schema::sample_levels) return Xapian::BAD_VALUENO;
  const Xapian::valueno slot = schema::sample_facets_slot(level);
  const Xapian::doccount articles = db.get_termfreq(schema::sample_term(level));
  return articles > 0 && db.get_value_freq(slot) == articles ? slot : Xapian::BAD_VALUENO;
}

// Counts the facets of the matches one Enquire pass sees into a FacetSpy:
// through docids and value streams on one local database (count_facets),
// with the FacetSpy itself over local shards (Document::get_docid() is then
// a shard's own docid), and over remote shards with Xapian's
// ValueCountMatchSpy on whole day values and whole facet packs, unpacked
// here, which gives exactly FacetSpy's counts (stock xapian-tcpsrv knows
// only Xapian's own spies).
class FacetCounter {
 public:
  // `table`: the database's decoded facet values, when the searcher keeps
  // them (one local database only).
  FacetCounter(const Xapian::Database& db, bool remote, const std::string& codes,
               query::FacetTable* table = nullptr, std::size_t top = 0)
      : m_db(db), m_spy(codes), m_table(table), m_top(top) {
    if (!remote && db.size() == 1) {
      m_docids = std::make_unique<MatchingDocids>();
    } else if (remote) {
      if (m_spy.wants_days()) {
        m_day_values = std::make_unique<Xapian::ValueCountMatchSpy>(schema::slot_day);
      }
      if (m_spy.wants_packs()) {
        m_pack_values = std::make_unique<Xapian::ValueCountMatchSpy>(schema::slot_facets);
      }
    }
  }

  void attach(Xapian::Enquire& enquire) {
    if (m_docids) {
      enquire.add_matchspy(m_docids.get());
    } else if (m_day_values || m_pack_values) {
      if (m_day_values) enquire.add_matchspy(m_day_values.get());
      if (m_pack_values) enquire.add_matchspy(m_pack_values.get());
    } else {
      enquire.add_matchspy(&m_spy);
    }
  }

  // The pass matches only articles of sample `level` (0: any): on one
  // local database their days and packs are then read from the sample's
  // own slot when it has them all (sample_slot()).
  void sample(unsigned level) {
    m_sample_slot = m_docids ? sample_slot(m_db, level) : Xapian::BAD_VALUENO;
  }

  // After the pass, on one local database: the matches it saw, in the order
  // it saw them (docid order); else null.
  std::vector<Xapian::docid>* noted() { return m_docids ? &m_docids->docids() : nullptr; }

  // After the pass: how many matches it saw.
  Xapian::doccount seen() const {
    if (m_docids) return static_cast<Xapian::doccount>(m_docids->docids().size());
    if (m_pack_values) return static_cast<Xapian::doccount>(m_pack_values->get_total());
    if (m_day_values) return static_cast<Xapian::doccount>(m_day_values->get_total());
    return m_spy.documents_seen();
  }

  // After the pass: the counts of the matches it saw.
  detail::FacetSpy& finish() {
    if (m_docids) {
      auto& docids = m_docids->docids();
      if (!std::is_sorted(docids.begin(), docids.end())) std::sort(docids.begin(), docids.end());
      if (m_table) {
        m_table->count(docids, m_spy, m_top);
      } else {
        count_facets(m_db, docids, m_spy, m_sample_slot);
      }
    } else if (m_day_values || m_pack_values) {
      Xapian::ValueCountMatchSpy* counted =
          m_pack_values ? m_pack_values.get() : m_day_values.get();
      m_spy.add_seen(static_cast<Xapian::doccount>(counted->get_total()));
      if (m_day_values) {
        for (auto it = m_day_values->values_begin(); it != m_day_values->values_end(); ++it) {
          m_spy.count_day(*it, it.get_termfreq());
        }
      }
      if (m_pack_values) {
        for (auto it = m_pack_values->values_begin(); it != m_pack_values->values_end(); ++it) {
          m_spy.count_pack(*it, it.get_termfreq());
        }
      }
    }
    return m_spy;
  }

 private:
  const Xapian::Database& m_db;
  detail::FacetSpy m_spy;
  query::FacetTable* m_table;
  std::size_t m_top;  // values shown per facet: with a table, only they are counted into m_spy
  std::unique_ptr<MatchingDocids> m_docids;
  std::unique_ptr<Xapian::ValueCountMatchSpy> m_day_values, m_pack_values;
  Xapian::valueno m_sample_slot = Xapian::BAD_VALUENO;
};

// The facets' own passes, for a result larger than the ranked pass saw (a
// MatchSpy there sees only the matches heavy enough to rank once the top
// hits are full): unweighted, over every match when there are at most
// facet_exact_limit, else over the nested sample (XSAMPLE<level>) that holds
// about facet_exact_limit / 2 to facet_exact_limit of them, so the cost
// stays bounded whatever the number of matches.
class FacetPasses {
 public:
  // `stop`: see DocidsAfter.
  FacetPasses(const Xapian::Database& db, const Xapian::Query& query, bool remote,
              const std::string& codes, query::FacetTable* table, const SearchRequest& request,
              bool exact, const std::atomic<bool>* stop = nullptr)
      : m_db(db),
        m_query(query),
        m_remote(remote),
        m_codes(codes),
        m_table(table),
        m_top_values(facet_candidates(request)),
        m_limit(std::max<std::uint64_t>(request.facet_exact_limit, 1)),
        m_exact(exact),
        m_stop(stop),
        m_counting(db) {
    m_counting.set_weighting_scheme(Xapian::BoolWeight());
  }

  // Choose the sample. The number of matches comes from the smallest
  // sample that holds at most the limit even if every article matched,
  // counted exactly (cheap: at most the limit's matches), not from
  // Xapian's estimate, which depends on the shards: the same query then
  // gets the same sample on every layout. That sample is counted as it
  // goes: when nearly every article matches, it is the one to count, and
  // no other pass is needed. With exact facets, or an index within the
  // limit, every match is counted.
  void probe() {
    if (m_exact) return;
    const auto limit = static_cast<double>(m_limit);
    unsigned top = 0;
    while (top < schema::sample_levels &&
           std::ldexp(static_cast<double>(m_db.get_doccount()), -static_cast<int>(top)) > limit) {
      ++top;
    }
    if (top == 0) return;
    m_counter = counter(sampled(top), top);
    Xapian::MSet probe = m_counting.get_mset(0, 0, m_db.get_doccount());
    m_counting.clear_matchspies();
    m_matches = std::ldexp(probe.get_matches_lower_bound(), static_cast<int>(top));
    while (m_level < top && std::ldexp(*m_matches, -static_cast<int>(m_level)) > limit) {
      ++m_level;
    }
    if (m_level != top) m_counter.reset();
  }

  // After probe(): the number of matches it estimates, if it ran.
  std::optional<double> estimated_matches() const { return m_matches; }

  // Count the sample chosen (every match at level 0), unless the probe did.
  // `noted`: the matches the ranked pass saw, in the order it saw them;
  // until it had `check_at_least` of them it saw every one, in docid order
  // (one local database), so at level 0 this pass starts after the last of
  // those and need not match them again.
  void count(const std::vector<Xapian::docid>* noted, Xapian::doccount check_at_least) {
    if (m_counter) return;
    Xapian::Query counted = sampled(m_level);
    std::size_t seen_first = 0;
    if (m_level == 0 && noted && noted->size() >= check_at_least && check_at_least > 0 &&
        std::is_sorted(noted->begin(), noted->begin() + check_at_least)) {
      seen_first = check_at_least;
      counted =
          Xapian::Query(Xapian::Query::OP_FILTER, counted,
                        Xapian::Query((new DocidsAfter((*noted)[seen_first - 1]))->release()));
    }
    m_counter = counter(counted, m_level);
    m_counting.get_mset(0, 0, m_db.get_doccount());
    m_counting.clear_matchspies();
    if (seen_first > 0) {
      m_counter->noted()->insert(m_counter->noted()->end(), noted->begin(),
                                 noted->begin() + static_cast<std::ptrdiff_t>(seen_first));
    }
  }

  // After count(): the counts (counted once).
  detail::FacetSpy& finish() {
    if (!m_finished) m_finished = &m_counter->finish();
    return *m_finished;
  }
  // 0: every match counted; else the sample's level.
  unsigned sample_level() const { return m_level; }

 private:
  Xapian::Query sampled(unsigned level) const {
    Xapian::Query query = level == 0 ? m_query
                                     : Xapian::Query(Xapian::Query::OP_FILTER, m_query,
                                                     Xapian::Query(schema::sample_term(level)));
    if (!m_stop) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query,
                         Xapian::Query((new DocidsAfter(0, m_stop))->release()));
  }
  // A counter for `query`, which matches only articles of sample `level`.
  std::unique_ptr<FacetCounter> counter(const Xapian::Query& query, unsigned level) {
    m_counting.set_query(query);
    auto counter = std::make_unique<FacetCounter>(m_db, m_remote, m_codes, m_table, m_top_values);
    counter->sample(level);
    counter->attach(m_counting);
    return counter;
  }

  const Xapian::Database& m_db;
  Xapian::Query m_query;
  bool m_remote;
  std::string m_codes;
  query::FacetTable* m_table;
  std::size_t m_top_values;
  std::uint64_t m_limit;
  bool m_exact;
  const std::atomic<bool>* m_stop;
  Xapian::Enquire m_counting;
  std::unique_ptr<FacetCounter> m_counter;
  std::optional<double> m_matches;
  unsigned m_level = 0;
  detail::FacetSpy* m_finished = nullptr;
};

// A thread a Searcher keeps for work its searches hand off (FacetWorker),
// running their tasks in turn: started at the first, so that a Searcher
// that never hands any off costs no thread, and then kept, as starting one
// costs about as much as a small search on some machines (0.1-0.2 ms;
// bench/RESULTS.md). Tasks not yet run when it is destroyed are dropped.
// After fork() the child has no such thread, and the parent's lock and
// condition variable may be held or waited on by it: the child leaves
// them alone (leaks them: destroying a condition variable another process
// waited on never returns) and starts a thread of its own.
class Helper {
 public:
  Helper() = default;
  Helper(const Helper&) = delete;
  Helper& operator=(const Helper&) = delete;
  ~Helper() {
    leave_parents_thread();
    if (!m_state) return;
    {
      std::lock_guard lock(m_state->mutex);
      m_state->stopping = true;
    }
    m_state->wake.notify_one();
    m_state->thread.join();
  }

  // Run `task` on the thread, after those posted before it. Throws
  // std::system_error when no thread can be started.
  void post(std::function<void()> task) {
    leave_parents_thread();
    if (!m_state) {
      auto state = std::make_unique<State>();
      state->thread = std::thread([raw = state.get()] { raw->loop(); });
      m_state = std::move(state);
    }
    std::lock_guard lock(m_state->mutex);
    m_state->tasks.push_back(std::move(task));
    m_state->wake.notify_one();
  }

 private:
  // In a child of fork(): drop the parent's thread and state, untouched.
  void leave_parents_thread() {
    if (m_state && m_state->owner != getpid()) {
      m_state->thread.detach();              // not a thread of this process
      static_cast<void>(m_state.release());  // leaked on purpose (above)
    }
  }

  struct State {
    pid_t owner = getpid();
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<std::function<void()>> tasks;
    bool stopping = false;
    std::thread thread;

    void loop() {
      std::unique_lock lock(mutex);
      for (;;) {
        wake.wait(lock, [this] { return stopping || !tasks.empty(); });
        if (stopping) return;
        std::function<void()> task = std::move(tasks.front());
        tasks.pop_front();
        lock.unlock();
        task();
        task = nullptr;
        lock.lock();
      }
    }
  };
  std::unique_ptr<State> m_state;
};

// FacetPasses on the Searcher's helper thread, so that on two cores a
// large result's facets take no time of their own: started before the
// ranked pass, on one local database, with a handle of its own (Xapian's
// objects must not be shared between threads) at the searcher's revision.
// It probes at once; when the probe finds more matches than the ranked pass
// will see, it counts its sample while that pass runs, else it waits to be
// told whether it is needed at all. The searching thread, after its ranked
// pass, either cancels it (that pass saw every match: its own counts are
// complete), which stops its pass and does not wait for it, or lets it
// finish while it re-ranks and reads the hits, and takes the counts last.
// The counts are those of FacetPasses on the searching thread.
class FacetWorker {
 public:
  // `db`: the helper's handle, kept between searches (opened or reopened
  // as needed); `revision`: the searcher's database's uuid and revision;
  // `query` serialised (its objects are not thread-safe either); `table`
  // is used only once the worker is told to go on.
  FacetWorker(Helper& helper, std::unique_ptr<Xapian::Database>& db, std::string location,
              std::string revision, std::string query, std::string codes, query::FacetTable* table,
              const SearchRequest& request, Xapian::doccount check_at_least)
      : m_job(std::make_shared<Job>()) {
    helper.post([job = m_job, &db, location = std::move(location), revision = std::move(revision),
                 query = std::move(query), codes = std::move(codes), table, request,
                 check_at_least] {
      job->run(db, location, revision, query, codes, table, request, check_at_least);
      std::lock_guard lock(job->mutex);
      job->done = true;
      job->changed.notify_all();
    });
  }
  FacetWorker(const FacetWorker&) = delete;
  FacetWorker& operator=(const FacetWorker&) = delete;
  // Cancels it, and waits if it was told to go on (it reads `noted`).
  ~FacetWorker() {
    const bool used = m_job->decision == Decision::use;
    m_job->stop.store(true, std::memory_order_relaxed);
    cancel();
    if (used) m_job->wait_done();
  }

  // Not needed: stop its pass, without waiting for it.
  void cancel() { m_job->decide(Decision::cancel, nullptr); }

  // Needed: go on counting. `noted`: see FacetPasses::count(); it must stay
  // unchanged until counted().
  void use(const std::vector<Xapian::docid>* noted) { m_job->decide(Decision::use, noted); }

  // After use(): wait for the counts. Null when the worker could not open
  // the database at the searcher's revision (the index changed, or a
  // rebuild removed it) or failed: count on the searching thread then,
  // which meets any error of the index itself and handles it as a search
  // does (reopening on DatabaseModifiedError).
  FacetPasses* counted() {
    m_job->wait_done();
    return m_job->passes ? &*m_job->passes : nullptr;
  }

 private:
  enum class Decision { none, use, cancel };

  // Shared by the searching thread and the task, which may outlive the
  // FacetWorker when cancelled.
  struct Job {
    std::mutex mutex;
    std::condition_variable changed;  // a decision, or the task's end
    Decision decision = Decision::none;
    bool done = false;
    const std::vector<Xapian::docid>* noted = nullptr;
    std::atomic<bool> stop{false};
    std::optional<FacetPasses> passes;  // set by the task, read once it is done

    void decide(Decision chosen, const std::vector<Xapian::docid>* matches) {
      std::lock_guard lock(mutex);
      if (decision != Decision::none) return;
      decision = chosen;
      noted = matches;
      if (chosen == Decision::cancel) stop.store(true, std::memory_order_relaxed);
      changed.notify_all();
    }

    // On the helper thread: wait for decide().
    Decision wait_decision() {
      std::unique_lock lock(mutex);
      changed.wait(lock, [this] { return decision != Decision::none; });
      return decision;
    }

    void wait_done() {
      std::unique_lock lock(mutex);
      changed.wait(lock, [this] { return done; });
    }

    // The helper's handle at `revision`, or null.
    static Xapian::Database* at_revision(std::unique_ptr<Xapian::Database>& db,
                                         const std::string& location, const std::string& revision) {
      try {
        if (db && revision_of(*db) != revision) db->reopen();
        if (!db || revision_of(*db) != revision) db = std::make_unique<Xapian::Database>(location);
        if (revision_of(*db) == revision) return db.get();
      } catch (const Xapian::Error&) {
      }
      db.reset();
      return nullptr;
    }

    void run(std::unique_ptr<Xapian::Database>& db, const std::string& location,
             const std::string& revision, const std::string& query, const std::string& codes,
             query::FacetTable* table, const SearchRequest& request,
             Xapian::doccount check_at_least) {
      try {
        if (stop.load(std::memory_order_relaxed)) return;
        Xapian::Database* own = at_revision(db, location, revision);
        if (!own) return;
        FacetPasses& counting = passes.emplace(*own, Xapian::Query::unserialise(query), false,
                                               codes, table, request, false, &stop);
        counting.probe();
        const bool ahead = counting.estimated_matches().value_or(0) > check_at_least;
        if (ahead) counting.count(nullptr, 0);
        if (wait_decision() != Decision::use) {
          passes.reset();
          return;
        }
        if (!ahead) counting.count(noted, check_at_least);
        counting.finish();
      } catch (...) {
        passes.reset();  // counted on the searching thread instead
      }
    }
  };

  std::shared_ptr<Job> m_job;
};

// At most how many documents of `db` match `query`, from its terms'
// frequencies (the whole database where they cannot tell): a few B-tree
// lookups, which the ranked pass makes anyway.
Xapian::doccount matches_at_most(const Xapian::Query& query, const Xapian::Database& db) {
  const Xapian::doccount all = db.get_doccount();
  auto subquery = [&](std::size_t k) { return matches_at_most(query.get_subquery(k), db); };
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return std::min(all, db.get_termfreq(*query.get_terms_begin()));
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return 0;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR: {
      Xapian::doccount most = all;
      for (std::size_t k = 0; k < query.get_num_subqueries(); ++k) {
        most = std::min(most, subquery(k));
      }
      return most;
    }
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return query.get_num_subqueries() > 0 ? subquery(0) : all;
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_ELITE_SET:
    case Xapian::Query::OP_MAX: {
      std::uint64_t sum = 0;
      for (std::size_t k = 0; k < query.get_num_subqueries() && sum < all; ++k) sum += subquery(k);
      return static_cast<Xapian::doccount>(std::min<std::uint64_t>(sum, all));
    }
    default:
      return all;
  }
}

// The hits of `ranked` ordered again by a recency preference (see
// SearchRequest::recency_half_life_days), as (index in `ranked`, score):
// each score times 1 + 2^(-age / half_life), the age in days from the
// newest of them; an undated hit keeps its score. Equal scores keep their
// order. `timestamp_of(it)` gives the hit's timestamp value ("" undated).
template <class TimestampOf>
std::vector<std::pair<Xapian::doccount, double>> by_recency(const Xapian::MSet& ranked,
                                                            double half_life_days,
                                                            TimestampOf&& timestamp_of) {
  std::vector<std::optional<double>> seconds;
  std::optional<double> newest;
  for (auto it = ranked.begin(); it != ranked.end(); ++it) {
    const std::string value = timestamp_of(it);
    auto& time = seconds.emplace_back();
    if (!value.empty()) time = Xapian::sortable_unserialise(value);
    if (time && (!newest || *time > *newest)) newest = time;
  }
  std::vector<std::pair<Xapian::doccount, double>> order;
  for (Xapian::doccount k = 0; k < ranked.size(); ++k) {
    double score = ranked[k].get_weight();
    if (seconds[k] && newest) {
      const double age_days = (*newest - *seconds[k]) / 86400.0;
      score *= 1.0 + std::exp2(-age_days / half_life_days);
    }
    order.emplace_back(k, score);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return order;
}

// A facet value counted `seen` times in the sample of level `level`, which
// holds each match with probability q = 2^-level, independently (a hash of
// the article id decides): the estimate seen / q, with a 95% interval from
// Byar's approximation to the Poisson interval of the sample count, scaled
// up the same way. The bounds never go below `seen` (articles that were
// counted) nor above `most`.
FacetValue estimate(std::uint64_t seen, unsigned level, std::uint64_t most) {
  FacetValue value;
  if (level == 0) {
    value.count = value.lower = value.upper = seen;
    return value;
  }
  const double scale = std::ldexp(1.0, static_cast<int>(level));
  const double z = 1.96;
  auto c = static_cast<double>(seen);
  double low = 0;
  if (seen > 0) low = c * std::pow(1 - 1 / (9 * c) - z / (3 * std::sqrt(c)), 3);
  double high = (c + 1) * std::pow(1 - 1 / (9 * (c + 1)) + z / (3 * std::sqrt(c + 1)), 3);
  most = std::max(most, seen);
  value.count = std::min(most, static_cast<std::uint64_t>(std::llround(c * scale)));
  value.lower = std::clamp(static_cast<std::uint64_t>(std::max(0.0, std::floor(low * scale))), seen,
                           value.count);
  value.upper = std::clamp(static_cast<std::uint64_t>(std::ceil(high * scale)), value.count, most);
  return value;
}

// Term frequencies a long-lived Searcher keeps for one revision of a local
// database, so that the values facets by significance meet again (the
// places and organisations most queries name) are not looked up again.
struct TermFrequencies {
  std::unordered_map<std::string, Xapian::doccount> known;
  std::size_t bytes = 0;
};

// How many articles of the whole index each of `terms` names, from `kept`
// where it has them, keeping what it looks up in `room` more bytes.
// Over a remote shard one get_termfreq() is a round trip (40 ms for the
// candidates of five facets on localhost); a match of their OR for no hits
// gathers them all in one.
std::unordered_map<std::string, Xapian::doccount> articles_named(
    const Xapian::Database& db, const std::vector<std::string>& terms, bool remote,
    TermFrequencies* kept, std::size_t room) {
  std::unordered_map<std::string, Xapian::doccount> named;
  if (terms.empty()) return named;
  if (!remote) {
    std::size_t added = 0;
    for (const auto& term : terms) {
      if (kept != nullptr) {
        if (auto found = kept->known.find(term); found != kept->known.end()) {
          named.emplace(term, found->second);
          continue;
        }
      }
      const Xapian::doccount frequency = db.get_termfreq(term);
      named.emplace(term, frequency);
      // A string and a node of the map, about.
      const std::size_t entry = sizeof(std::string) + term.size() + 4 * sizeof(void*);
      if (kept != nullptr && added + entry <= room) {
        kept->known.emplace(term, frequency);
        kept->bytes += entry;
        added += entry;
      }
    }
    return named;
  }
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  const Xapian::MSet none = enquire.get_mset(0, 0);
  for (const auto& term : terms) named.emplace(term, none.get_termfreq(term));
  return named;
}

// Each facet's values (all but dates'), ordered by FacetValue::score, the
// top `shown` with a score kept. The facets hold their most frequent
// values (facet_candidates()), each counted in the facet's `examined`
// articles, Facet::sampled of the matches. A value's share of the whole
// index is that of the articles whose terms name it, and no less than its
// estimated count among the matches.
void order_by_significance(std::vector<Facet>& facets, const Xapian::Database& db, bool remote,
                           std::size_t shown, TermFrequencies* kept, std::size_t room) {
  auto terms_of = [](const Facet& facet, const FacetValue& value) {
    return schema::value_terms(*schema::find_field(facet.field), value.value);
  };
  std::vector<std::string> terms;
  for (const auto& facet : facets) {
    if (!facet.granularity.empty()) continue;  // dates keep their order
    for (const auto& value : facet.values) {
      if (value.count < 2) continue;
      for (auto& term : terms_of(facet, value)) terms.push_back(std::move(term));
    }
  }
  const auto named = articles_named(db, terms, remote, kept, room);
  const auto documents = static_cast<double>(std::max<Xapian::doccount>(db.get_doccount(), 1));
  for (auto& facet : facets) {
    if (!facet.granularity.empty()) continue;
    std::erase_if(facet.values, [&](FacetValue& value) {
      if (value.count < 2 || facet.examined == 0) return true;
      Xapian::doccount in_index = 0;
      for (const auto& term : terms_of(facet, value)) {
        in_index = std::max(in_index, named.at(term));
      }
      const double matches = static_cast<double>(value.count) / static_cast<double>(facet.examined);
      const double index = std::max(static_cast<double>(in_index),
                                    static_cast<double>(value.count) / facet.sampled) /
                           documents;
      if (matches <= index) return true;
      value.score = (matches - index) * matches / index;
      return false;
    });
    auto top =
        facet.values.begin() + static_cast<std::ptrdiff_t>(std::min(shown, facet.values.size()));
    std::partial_sort(facet.values.begin(), top, facet.values.end(),
                      [](const FacetValue& a, const FacetValue& b) {
                        if (a.score != b.score) return a.score > b.score;
                        return a.count > b.count || (a.count == b.count && a.value < b.value);
                      });
    facet.values.erase(top, facet.values.end());
  }
}

void check_ranking(const Ranking& ranking) {
  if (ranking.model != WeightingModel::bm25 && ranking.model != WeightingModel::ineb2) {
    throw InvalidArgumentError("unknown ranking model");
  }
  if (ranking.feedback_documents > 0 && ranking.feedback_terms == 0) {
    throw InvalidArgumentError("ranking feedback_terms must be >= 1 when feedback is on");
  }
  if (!(ranking.feedback_weight >= 0) || !std::isfinite(ranking.feedback_weight)) {
    throw InvalidArgumentError("ranking feedback_weight must be a number >= 0");
  }
  if (!(ranking.k1 >= 0) || !std::isfinite(ranking.k1)) {
    throw InvalidArgumentError("ranking k1 must be a number >= 0");
  }
  if (!(ranking.b >= 0 && ranking.b <= 1))
    throw InvalidArgumentError("ranking b must be between 0 and 1");
  if (!(ranking.title_weight >= 0) || !std::isfinite(ranking.title_weight)) {
    throw InvalidArgumentError("ranking title_weight must be a number >= 0");
  }
}

}  // namespace

struct Searcher::Impl {
  std::vector<std::string> requested;  // as the caller named them
  std::vector<std::string> locations;  // one per database, stubs expanded
  SearcherOptions options;
  bool any_remote = false;
  std::vector<MissingShard> missing;
  Xapian::Database db;
  // The facet worker's own handle on `db` (FacetWorker), used only by it,
  // on the helper thread.
  std::unique_ptr<Xapian::Database> facet_db;
  detail::Analyzers analyzers;  // one per language met

  // The languages a query is expanded into: --lang when given, else every
  // language the index holds (its L terms) and English, which articles of
  // unknown language are analysed as.
  std::vector<std::string> query_languages(const SearchRequest& request) {
    std::string chosen = normalize_language(request.language);
    if (!request.language.empty() && chosen.empty()) {
      throw InvalidArgumentError("--lang needs a language code such as de, not '" +
                                 request.language + "'");
    }
    if (!chosen.empty()) return {chosen};
    std::vector<std::string> languages;
    for (const auto& filter : request.filters) {
      std::string_view text = trim(filter);
      if (!text.starts_with("lang:")) continue;
      std::string code = normalize_language(trim(text.substr(5)));
      if (!code.empty()) languages.push_back(code);
    }
    if (!languages.empty()) return languages;
    // The index's languages change only with a commit: kept per revision.
    if (keeping && kept.languages) return *kept.languages;
    const auto& prefix = schema::find_field("lang")->prefix;
    std::string lang_prefix(prefix);
    languages.emplace_back("en");
    for (auto term = db.allterms_begin(lang_prefix); term != db.allterms_end(lang_prefix); ++term) {
      std::string code = (*term).substr(lang_prefix.size());
      if (code != "en") languages.push_back(code);
    }
    if (keeping) kept.languages = languages;
    return languages;
  }

  query::ParsedQuery parse(const std::string& text, const SearchRequest& request) {
    return query::parse_query(text, analyzers, query_languages(request));
  }

  // The article `id`'s cluster as a filter: its XDUP term, of the key in
  // its cluster value, or of its own id when no copy has joined it (then
  // it has no value). One document read, not its term list (term by term
  // over a remote shard).
  Xapian::Query copies_query(const std::string& id) {
    const std::string id_term = schema::id_term(id);
    Xapian::PostingIterator posting = db.postlist_begin(id_term);
    if (posting == db.postlist_end(id_term)) {
      throw InvalidArgumentError("no article with id '" + id + "'");
    }
    std::string key = db.get_document(*posting).get_value(schema::slot_cluster);
    return Xapian::Query(schema::bounded_term(schema::cluster_prefix, key.empty() ? id : key));
  }

  // More like a text: its most distinctive stems, as many as more-like-this
  // takes from an article, each weighed by how often the text uses it and
  // how few articles of the index hold it (tf-idf). A word's stems in each
  // query language count once, at their most frequent.
  query::ParsedQuery like_text_query(const SearchRequest& request) {
    if (request.like_text.size() > max_like_text_bytes) {
      throw InvalidArgumentError("the text to compare is over " +
                                 std::to_string(max_like_text_bytes >> 20) + " MB");
    }
    std::unordered_map<std::string, unsigned> uses;
    for (const auto& language : query_languages(request)) {
      std::vector<std::string> stems;
      analyzers.get(language).stem_terms(repair_utf8(request.like_text), "", stems);
      std::unordered_map<std::string, unsigned> counted;
      for (auto& stem : stems) {
        if (BodyStemDecider()(stem)) ++counted[std::move(stem)];
      }
      for (auto& [stem, count] : counted) {
        unsigned& most = uses[stem];
        most = std::max(most, count);
      }
    }
    std::vector<std::string> terms;
    for (const auto& [term, count] : uses) terms.push_back(term);
    std::sort(terms.begin(), terms.end());
    const auto articles = articles_named(db, terms, any_remote, nullptr, 0);
    const double documents = std::max<double>(db.get_doccount(), 1);
    std::vector<std::pair<double, std::string>> scored;
    for (const auto& term : terms) {
      const Xapian::doccount holding = articles.at(term);
      if (holding == 0) continue;
      scored.emplace_back(uses.at(term) * std::log(documents / holding + 1.0), term);
    }
    constexpr std::size_t like_terms = 30;
    const std::size_t kept_terms = std::min(like_terms, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(kept_terms),
                      scored.end(), [](const auto& a, const auto& b) {
                        return a.first != b.first ? a.first > b.first : a.second < b.second;
                      });
    scored.resize(kept_terms);
    if (scored.empty()) {
      throw InvalidArgumentError("the text to compare has no word the index holds");
    }
    query::ParsedQuery parsed;
    std::vector<Xapian::Query> chosen;
    for (const auto& [score, term] : scored) {
      chosen.emplace_back(term);
      parsed.match.stems.insert(term.substr(schema::stem_prefix.size()));
    }
    parsed.query = Xapian::Query(Xapian::Query::OP_OR, chosen.begin(), chosen.end());
    parsed.has_positive = true;
    return parsed;
  }

  // Open every shard; with allow_partial, leave out (and note) those that
  // fail, unless all do.
  void open() {
    locations.clear();
    for (const auto& location : requested) {
      for (auto& database : expand_location(location)) locations.push_back(std::move(database));
    }
    any_remote = std::any_of(locations.begin(), locations.end(), is_remote);
    Xapian::Database combined;
    std::vector<MissingShard> failed;
    for (const auto& location : locations) {
      try {
        combined.add_database(open_one(location, options.remote_timeout_ms));
      } catch (const Error& error) {
        if (!options.allow_partial || locations.size() == 1) throw;
        failed.push_back({location, error.what()});
      }
    }
    if (failed.size() == locations.size()) throw NetworkError(failed.front().reason);
    db = combined;
    missing = std::move(failed);
  }

  // The remote shards that do not answer now, for naming them in an error.
  std::vector<MissingShard> probe_remote_shards() const {
    std::vector<MissingShard> down;
    for (const auto& location : locations) {
      if (!is_remote(location)) continue;
      try {
        open_one(location, options.remote_timeout_ms);
      } catch (const Error& error) {
        down.push_back({location, error.what()});
      }
    }
    return down;
  }

  // Run `body`, reopening the index and retrying if it changed under us, or,
  // with allow_partial, if a shard went away during the search.
  template <typename F>
  auto with_retry(F&& body) {
    bool reopen = false;
    for (int attempt = 0;; ++attempt) {
      try {
        // A stub switched by a rebuild needs a fresh open, not reopen().
        if (reopen) open();
        return body();
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= max_attempts) throw Error("index keeps changing; try again");
        reopen = true;
      } catch (const Xapian::DatabaseOpeningError& error) {
        // A rebuild removed the generation this searcher had open (found by
        // the concurrency test): open the index afresh.
        if (attempt >= max_attempts) detail::rethrow_xapian(error, "index " + requested.front());
        reopen = true;
      } catch (const IndexNotFoundError&) {
        if (attempt >= max_attempts) throw;
        reopen = true;
      } catch (const Xapian::NetworkError& error) {
        // Which shard? The error from a combined database does not say.
        if (!options.allow_partial || attempt >= max_attempts) {
          auto down = probe_remote_shards();
          if (down.empty()) detail::rethrow_xapian(error, "shard");
          throw NetworkError(down.front().reason);
        }
        reopen = true;
      } catch (const Xapian::Error& error) {
        detail::rethrow_xapian(error, "index " + requested.front());
      }
    }
  }

  // Open every location, retrying when a rebuild switches the index at that
  // moment: the stub may name a generation that is removed before we open it.
  void open_with_retry() {
    for (int attempt = 0;; ++attempt) {
      try {
        open();
        return;
      } catch (const IndexNotFoundError&) {
        if (attempt >= max_attempts) throw;
      }
    }
  }

  static constexpr int max_attempts = 3;

  // Values of the database as it is now, kept decoded in memory (see
  // SearcherOptions::facet_memory) by a long-lived Searcher: a one-off
  // request (the command line's) would spend more reading them than it
  // saves, so each is read for the second request on the same revision of
  // the same local database that uses it, and all are dropped when that
  // changes (a rebuild, or a commit).
  struct Kept {
    std::string revision;
    unsigned searches = 0, facet_requests = 0, feedback_requests = 0;
    std::unique_ptr<query::PublicationTimes> times;  // the order of equal scores, --sort
    std::unique_ptr<query::FacetTable> facets;
    std::unique_ptr<query::ClusterMembers> clusters;    // the copies feedback re-ranks
    std::optional<std::vector<std::string>> languages;  // its L terms' languages, and en
    TermFrequencies term_frequencies;                   // of facet values, by significance
    std::size_t bytes() const {
      return (times ? times->bytes() : 0) + (facets ? facets->bytes() : 0) +
             (clusters ? clusters->bytes() : 0) + term_frequencies.bytes;
    }
  };
  Kept kept;
  bool keeping = false;  // values are kept for the database as it is now

  // Once per request, before anything kept is used: keep values for this
  // database, dropping what was kept for another revision; none for
  // shards, remote databases or facet_memory 0.
  void follow_index() {
    keeping = !any_remote && db.size() == 1 && options.facet_memory > 0;
    if (!keeping) {
      kept = Kept{};
      return;
    }
    std::string revision = revision_of(db);
    if (revision != kept.revision) {
      kept = Kept{};
      kept.revision = std::move(revision);
    }
  }
  std::size_t memory_left() const {
    return options.facet_memory - std::min(options.facet_memory, kept.bytes());
  }

  // For each search: the publication times, or null to read them from the
  // index.
  query::PublicationTimes* publication_times() {
    if (!keeping) return nullptr;
    if (!kept.times && ++kept.searches == 2) {
      kept.times = query::PublicationTimes::build(db, memory_left());
    }
    return kept.times.get();
  }

  // For each feedback pass that filters its candidates: the clusters'
  // documents, or null to read them from the index.
  query::ClusterMembers* cluster_members() {
    if (!keeping) return nullptr;
    if (!kept.clusters && ++kept.feedback_requests == 2) {
      kept.clusters = query::ClusterMembers::build(db, memory_left());
    }
    return kept.clusters.get();
  }

  // For each request for facets: the facet values, or null to read them
  // from the index.
  query::FacetTable* facet_table() {
    if (!keeping) return nullptr;
    if (!kept.facets && ++kept.facet_requests == 2) {
      kept.facets = query::FacetTable::build(db, memory_left());
    }
    return kept.facets.get();
  }

  SearchResult run(const SearchRequest& request);

  // Last, so that it is destroyed first: its task may still be using the
  // members above.
  Helper helper;
};

Searcher::Searcher(const std::string& index) : Searcher(std::vector<std::string>{index}) {}

Searcher::Searcher(const std::vector<std::string>& shards, SearcherOptions options)
    : m_impl(std::make_unique<Impl>()) {
  if (shards.empty()) throw InvalidArgumentError("no index given");
  m_impl->requested = shards;
  m_impl->options = options;
  try {
    m_impl->open_with_retry();
  } catch (const Xapian::Error& error) {
    detail::rethrow_xapian(error, "index " + shards.front());
  }
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

std::uint64_t Searcher::article_count() {
  return m_impl->with_retry([&] { return static_cast<std::uint64_t>(m_impl->db.get_doccount()); });
}

std::size_t Searcher::facet_memory_used() const { return m_impl->kept.bytes(); }

std::string Searcher::describe(const std::string& text) {
  SearchRequest request;
  request.query = text;
  return describe(request);
}

std::string Searcher::describe(const SearchRequest& request) {
  return m_impl->with_retry([&] {
    m_impl->follow_index();
    return m_impl->parse(request.query, request).query.get_description();
  });
}

SearchResult Searcher::search(const SearchRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  // A shard left out last time may be back.
  if (!m_impl->missing.empty()) {
    try {
      m_impl->open();
    } catch (const Xapian::Error& error) {
      detail::rethrow_xapian(error, "index " + m_impl->requested.front());
    }
  }
  // Reopen so every search sees the latest commit (cheap when unchanged).
  m_impl->with_retry([&] { return m_impl->db.reopen(); });
  SearchResult result = m_impl->with_retry([&] {
    if (request.copies_of.empty()) return m_impl->run(request);
    // A story's copies: every one of them, the original first.
    SearchRequest copies = request;
    copies.collapse = false;
    if (copies.sort == SortOrder::relevance) copies.sort = SortOrder::oldest;
    return m_impl->run(copies);
  });
  result.missing_shards = m_impl->missing;
  SearchTimings& timings = result.timings;
  timings.total = milliseconds_since(start);
  timings.other = std::max(0.0, timings.total - timings.match - timings.facets - timings.feedback -
                                    timings.hits - timings.suggest);
  return result;
}

SearchResult Searcher::Impl::run(const SearchRequest& request) {
  follow_index();
  if (request.limit > 10000) throw InvalidArgumentError("limit must be at most 10000");
  if (!(request.recency_half_life_days >= 0) || std::isinf(request.recency_half_life_days)) {
    throw InvalidArgumentError("the recency half-life must be a number of days, 0 or more");
  }
  if (request.recency_half_life_days > 0 && request.sort != SortOrder::relevance) {
    throw InvalidArgumentError("a recency preference applies to relevance order only");
  }
  if (request.passages > 20) throw InvalidArgumentError("passages must be at most 20");

  query::ParsedQuery parsed;
  std::string exclude_id_term;
  const bool like = !request.like_id.empty() || !request.like_text.empty();
  if (!request.like_id.empty() + !request.like_text.empty() + !request.copies_of.empty() > 1) {
    throw InvalidArgumentError(
        "one of more like an article, more like a text and the copies of an article");
  }
  if (!request.copies_of.empty()) {
    if (request.before) throw InvalidArgumentError("'before' goes with more like an article");
    // The query, if any, narrows the copies and is what they highlight.
    Xapian::Query copies = copies_query(request.copies_of);
    if (request.query.empty()) {
      parsed.query = copies;
    } else {
      parsed = parse(request.query, request);
      parsed.query =
          Xapian::Query(parsed.has_positive ? Xapian::Query::OP_FILTER : Xapian::Query::OP_AND,
                        parsed.query, copies);
    }
  } else if (!request.like_text.empty()) {
    if (request.before) {
      throw InvalidArgumentError("'before' needs an article to compare with, not a text");
    }
    parsed = like_text_query(request);
  } else if (!request.like_id.empty()) {
    // More like this: the article's most distinctive stems.
    std::string id_term = schema::id_term(request.like_id);
    Xapian::PostingIterator posting = db.postlist_begin(id_term);
    if (posting == db.postlist_end(id_term)) {
      throw InvalidArgumentError("no article with id '" + request.like_id + "'");
    }
    Xapian::RSet rset;
    rset.add_document(*posting);
    Xapian::Enquire enquire(db);
    BodyStemDecider decider;
    // Exact term frequencies: over several shards Xapian otherwise
    // approximates them, and the terms chosen would depend on the sharding.
    Xapian::ESet eset = enquire.get_eset(30, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
    std::vector<Xapian::Query> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
      terms.emplace_back(*it);
      parsed.match.stems.insert((*it).substr(1));
    }
    if (terms.empty())
      throw InvalidArgumentError("article '" + request.like_id + "' has no text to compare");
    parsed.query = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    parsed.has_positive = true;
    exclude_id_term = id_term;
    if (request.before) {
      std::string day = db.get_document(*posting).get_value(schema::slot_day);
      if (day.empty())
        throw InvalidArgumentError("article '" + request.like_id +
                                   "' has no date; --before needs one");
      parsed.query =
          Xapian::Query(Xapian::Query::OP_FILTER, parsed.query,
                        Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::slot_day, day));
    }
  } else {
    if (trim(request.query).empty() &&
        (request.filters.size() > 0 || !request.from.empty() || !request.to.empty())) {
      parsed.query = Xapian::Query::MatchAll;
    } else {
      parsed = parse(request.query, request);
    }
  }
  // A query given with an article or a text to compare narrows the
  // related articles.
  if (like && !request.query.empty()) {
    parsed.query =
        Xapian::Query(Xapian::Query::OP_FILTER, parsed.query, parse(request.query, request).query);
  }

  check_ranking(request.ranking);
  if (!like) {
    RankingRewriter rewriter(request.ranking, parsed.words);
    parsed.query = rewriter.rewrite(parsed.query);
    // A dropped stopword is a stem, or (stopwords have no stems) the word.
    for (const auto& term : rewriter.dropped_stems()) {
      parsed.match.stems.erase(term);
      parsed.match.words.erase(term);
    }
  }

  Xapian::Query query = parsed.query;
  std::vector<Xapian::Query> filters;
  for (const auto& filter : request.filters) filters.push_back(query::parse_filter(filter));
  if (!request.from.empty() || !request.to.empty()) {
    filters.push_back(query::date_range_query(request.from, request.to));
  }
  if (!filters.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  }
  if (!exclude_id_term.empty()) {
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(exclude_id_term));
  }

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  std::unique_ptr<Xapian::Weight> weight = weighting(request.ranking);
  enquire.set_weighting_scheme(*weight);
  // Publication times from memory when kept, else the matcher reads each
  // candidate's from the index: the same keys, so the same order.
  query::PublicationTimes* times = publication_times();
  switch (request.sort) {
    case SortOrder::relevance:
      // Equal scores in publication order, newest first, rather than in
      // docid order, which depends on indexing order and sharding (it picks
      // which copy of a collapsed wire story is shown).
      if (times) {
        enquire.set_sort_by_relevance_then_key(times, true);
      } else {
        enquire.set_sort_by_relevance_then_value(schema::slot_timestamp, true);
      }
      break;
    case SortOrder::newest:
    case SortOrder::oldest: {
      const bool newest = request.sort == SortOrder::newest;
      if (times) {
        enquire.set_sort_by_key_then_relevance(times, newest);
      } else {
        enquire.set_sort_by_value_then_relevance(schema::slot_timestamp, newest);
      }
      break;
    }
  }
  if (request.collapse) enquire.set_collapse_key(schema::slot_cluster);
  bool feedback = request.sort == SortOrder::relevance && !like &&
                  request.ranking.feedback_documents > 0 && parsed.has_positive &&
                  request.limit > 0;
  const bool recency = request.recency_half_life_days > 0 && request.limit > 0;
  // With feedback, the first pass (the query as typed) gives the totals, the
  // facets and the top `depth` hits; a second pass re-ranks only those (see
  // Ranking::feedback_depth). Without, the first pass gives the hits too.
  // A recency preference orders the top `depth` hits again (by_recency()).
  std::size_t wanted = request.offset + request.limit;
  std::size_t depth =
      feedback || recency ? std::max(wanted, request.ranking.feedback_depth) : wanted;

  std::string codes;
  for (const auto& name : request.facets) codes += facet_code(name);
  // Facets are first counted over the matches the ranked pass sees, which
  // is every match of a small result (up to about check_at_least).
  std::unique_ptr<FacetCounter> counter;
  query::FacetTable* table = codes.empty() ? nullptr : facet_table();
  if (!codes.empty()) {
    counter =
        std::make_unique<FacetCounter>(db, any_remote, codes, table, facet_candidates(request));
    counter->attach(enquire);
  }
  const bool exact_facets = request.exact_facets || request.exact_total;
  // Totals are exact up to 1,000 matches at little cost (Xapian examines
  // that many anyway for ranking); beyond, an estimate with bounds unless
  // exact_total (or exact_facets, which examines every match anyway).
  // (Examining up to facet_exact_limit here instead, to count facets in
  // this one pass, was slower at x10 than the unweighted passes below:
  // bench/RESULTS.md.)
  Xapian::doccount check_at_least =
      (request.exact_total || (counter && exact_facets))
          ? db.get_doccount()
          : static_cast<Xapian::doccount>(std::max<std::size_t>(depth, 1000));
  const bool local = !any_remote && db.size() == 1;
  // A larger result's facets are counted in passes of their own
  // (FacetPasses): on one local database, from now on, on a second thread.
  // Not for a result the ranked pass will see all of (the worker would
  // cost more than the nothing it saves), nor on one core (the two threads
  // would only take turns).
  std::unique_ptr<FacetWorker> worker;
  static const bool several_cores = std::thread::hardware_concurrency() > 1;
  if (counter && !exact_facets && local && locations.size() == 1 && options.search_threads > 1 &&
      several_cores && matches_at_most(query, db) > check_at_least) {
    try {
      worker =
          std::make_unique<FacetWorker>(helper, facet_db, locations.front(), revision_of(db),
                                        query.serialise(), codes, table, request, check_at_least);
    } catch (const std::system_error&) {
      // No thread to be had: count on this one.
    }
  }
  // On one local database, the weights of the matches the first pass
  // examines, so that feedback need not match the query again (below).
  std::unique_ptr<MatchWeights> weights;
  if (feedback && local) {
    weights = std::make_unique<MatchWeights>(std::size_t{1} << 16);
    enquire.add_matchspy(weights.get());
  }
  std::size_t first_rank = feedback || recency ? 0 : request.offset;
  SearchTimings timings;
  StageClock clock;
  // At least one hit even when none is shown (--limit 0, for the totals
  // and facets alone): asked for none, Xapian's matcher examines every
  // match, which cost "oil" at x10 four times the time with one (27,501
  // matches), its facets counted over all of them instead of a sample.
  Xapian::MSet mset = enquire.get_mset(
      static_cast<Xapian::doccount>(first_rank),
      static_cast<Xapian::doccount>(std::max<std::size_t>(depth - first_rank, 1)), check_at_least);
  clock.lap(&timings.match);

  detail::FacetSpy* spy = nullptr;
  unsigned sample_level = 0;  // 0: every match counted
  std::optional<FacetPasses> passes;
  // Count in passes of their own, on this thread.
  auto count_here = [&] {
    passes.emplace(db, query, any_remote, codes, table, request, exact_facets);
    passes->probe();
    passes->count(counter->noted(), check_at_least);
    spy = &passes->finish();
    sample_level = passes->sample_level();
  };
  if (counter) {
    enquire.clear_matchspies();
    // Every match seen: Xapian's bounds say so, or (on local databases) the
    // pass saw fewer matches than check_at_least. Xapian's matcher prunes
    // nothing before it has check_at_least (distinct) matches, so it then
    // examined them all, which its upper bound, the terms' frequencies for
    // an OR or a phrase, cannot show: without this, OR and phrase queries
    // of a few hundred matches were counted again in a second pass. (Up to
    // facet_exact_limit, or with exact facets, as that pass would have
    // counted every match: beyond, the sample.)
    const Xapian::doccount seen = counter->seen();
    if (seen >= mset.get_uncollapsed_matches_upper_bound() ||
        (!any_remote && seen < check_at_least &&
         (exact_facets || seen <= request.facet_exact_limit))) {
      if (worker) worker->cancel();
      spy = &counter->finish();
    } else if (worker) {
      worker->use(counter->noted());  // its counts are taken after the hits
    } else {
      count_here();
    }
  }

  clock.lap(counter ? &timings.facets : nullptr);

  // The hits: mset[first_hit...] of the first pass, or of the second pass
  // when feedback re-ranks the first pass's top hits.
  Xapian::MSet hits = mset;
  Xapian::doccount first_hit = static_cast<Xapian::doccount>(request.offset - first_rank);
  // Over remote shards, the documents feedback fetched, by docid.
  FetchedDocuments fetched;
  if (feedback) {
    // Over remote shards the candidates' documents come first: feedback
    // reads their ids and the first hits' stems from them, and the hits
    // loop takes them: a round trip each (Xapian 1.4's remote backend
    // answers MSet::fetch() a document at a time too).
    if (any_remote) {
      for (auto it = mset.begin(); it != mset.end(); ++it) fetched.emplace(*it, it.get_document());
    }
    const Expansion expansion =
        any_remote
            ? feedback_expansion(db, mset, request.ranking,
                                 [&](const Xapian::MSetIterator& it) {
                                   return stems_from_text(fetched.at(*it), analyzers);
                                 })
            : feedback_expansion(db, mset, request.ranking, [&](const Xapian::MSetIterator& it) {
                return stems_from_termlist(db, *it);
              });
    // The re-ranking pass: the query over the candidates, with the same
    // weights as over every match (term statistics are the whole index's,
    // and the filter carries no weight), and the expansion's weight added to
    // the first pass's hits. Their near-duplicate copies are candidates too,
    // with the query's weight alone, so that collapsing counts them as
    // before and still shows the copy the first pass showed (the best match
    // of the query as typed; the expansion over every copy cost three times
    // as much on the clustered results of Reuters x10). Matches outside the
    // candidates cannot enter: feedback only reorders them.
    Xapian::Query ranked(Xapian::Query::OP_AND_MAYBE, query, expansion.query());
    std::optional<Xapian::Query> rerank;
    if (!expansion.empty() && mset.size() > request.offset) {
      enquire.clear_matchspies();
      // Every match among the candidates: ranking them all again is the
      // same, and cheaper than opening a filter term per candidate.
      const bool all_candidates = mset.get_uncollapsed_matches_upper_bound() <= depth;
      // On one local database (where `weights` are noted) the candidates
      // come as docids, taking their weights for the query from the first
      // pass; elsewhere as a filter over the query matched again.
      std::optional<Candidates> candidates;
      if (weights && all_candidates && !weights->full()) {
        candidates.emplace();
        for (const auto& entry : weights->seen()) candidates->docids.push_back(entry.first);
      } else {
        candidates = feedback_candidates(db, mset, local, any_remote ? &fetched : nullptr,
                                         local ? cluster_members() : nullptr);
      }
      if (candidates && local) {
        // The expansion's weight in each hit, computed here (expansion_weights())
        // rather than by matching its terms.
        std::vector<Xapian::docid> shown;
        for (auto it = mset.begin(); it != mset.end(); ++it) shown.push_back(*it);
        std::sort(shown.begin(), shown.end());
        std::vector<double> expansion_weight =
            expansion_weights(db, request.ranking, expansion, shown);
        Xapian::Query expanded(
            (new DocidList(std::move(shown), std::move(expansion_weight)))->release());
        if (!candidates->filter.empty()) {
          // Long cluster keys: the candidates as a filter.
          rerank = Xapian::Query(Xapian::Query::OP_FILTER,
                                 Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, expanded),
                                 candidates->filter);
        } else {
          // Every match examined and kept: Xapian's matcher drops nothing
          // before it has check_at_least matches.
          const bool every_match_seen =
              all_candidates || (!weights->full() && weights->seen().size() < check_at_least);
          Xapian::Query weighed =
              weighed_candidates(query, candidates->docids, weights->seen(), every_match_seen);
          rerank = Xapian::Query(Xapian::Query::OP_AND_MAYBE, weighed, expanded);
        }
      } else if (candidates) {
        // Remote or several databases: the expansion's terms matched, over
        // the hits' id terms.
        Xapian::Query expanded(Xapian::Query::OP_FILTER, expansion.query(), candidates->hits);
        Xapian::Query scored(Xapian::Query::OP_AND_MAYBE, query, expanded);
        rerank = all_candidates
                     ? scored
                     : Xapian::Query(Xapian::Query::OP_FILTER, scored, candidates->filter);
      }
    }
    if (rerank) {
      enquire.set_query(*rerank);
      // With a recency preference, every candidate, to be ordered again.
      const std::size_t rerank_first = recency ? 0 : request.offset;
      const std::size_t rerank_count = recency ? depth : request.limit;
      Xapian::MSet reranked =
          enquire.get_mset(static_cast<Xapian::doccount>(rerank_first),
                           static_cast<Xapian::doccount>(rerank_count), db.get_doccount());
      // An index without the cluster terms would lose hits: keep the first
      // pass's order then.
      if (reranked.size() == std::min<std::size_t>(rerank_count, mset.size() - rerank_first)) {
        query = ranked;
        hits = reranked;
        first_hit = static_cast<Xapian::doccount>(request.offset - rerank_first);
      }
    }
  }

  clock.lap(feedback ? &timings.feedback : nullptr);

  SearchResult result;
  // The query as ranked; the candidate filter is left out.
  result.query_description = query.get_description();
  result.total = mset.get_matches_estimated();
  result.total_lower = mset.get_matches_lower_bound();
  result.total_upper = mset.get_matches_upper_bound();
  // Every candidate examined: with collapsing Xapian still reports loose
  // bounds, but the lower bound (distinct hits kept) is then the exact count.
  // Its bounds say so, or (on local databases) the pass saw fewer matches
  // than check_at_least: Xapian's matcher prunes nothing before it has
  // that many, so it examined them all, which the upper bound of a phrase
  // or an OR (its terms' frequencies) cannot show, nor its own counts when
  // collapsing (as the facets' count above).
  if (mset.get_uncollapsed_matches_upper_bound() <= check_at_least ||
      (!any_remote && mset.get_uncollapsed_matches_lower_bound() < check_at_least)) {
    result.total = result.total_upper = result.total_lower;
  }
  result.total_exact = result.total_lower == result.total_upper;

  std::size_t rank = request.offset;
  // One per language of the hits: each remembers the terms it matched.
  std::vector<std::unique_ptr<query::TokenMatcher>> matchers;
  auto matcher_for = [&](detail::Analyzer& analyzer) -> query::TokenMatcher& {
    for (auto& matcher : matchers) {
      if (&matcher->analyzer() == &analyzer) return *matcher;
    }
    return *matchers.emplace_back(std::make_unique<query::TokenMatcher>(parsed.match, analyzer));
  };
  // The hits shown, as (index into `hits`, score): in the order ranked, or
  // ordered again by a recency preference.
  auto document_of = [&](const Xapian::MSetIterator& it) {
    auto found = fetched.find(*it);
    return found != fetched.end() ? found->second
                                  : fetched.emplace(*it, it.get_document()).first->second;
  };
  std::vector<std::pair<Xapian::doccount, double>> shown;
  if (recency) {
    shown = by_recency(hits, request.recency_half_life_days, [&](const Xapian::MSetIterator& it) {
      return document_of(it).get_value(schema::slot_timestamp);
    });
    shown.erase(shown.begin(), shown.begin() + std::min<std::size_t>(first_hit, shown.size()));
  } else {
    for (Xapian::doccount k = first_hit; k < hits.size(); ++k) {
      shown.emplace_back(k, hits[k].get_weight());
    }
  }
  if (shown.size() > request.limit) shown.resize(request.limit);
  for (const auto& [k, score] : shown) {
    Xapian::MSetIterator it = hits[k];
    Xapian::Document doc = document_of(it);
    // Without passages the text is not needed: skipping it keeps a long
    // article (hundreds of KB) from costing milliseconds to parse.
    Article article = article_from_document_data(doc.get_data(), request.passages > 0);
    if (article.title.empty() && request.passages == 0) {
      article = article_from_document_data(doc.get_data(), true);  // for its lead
    }
    Hit hit;
    hit.rank = ++rank;
    hit.id = article.id;
    hit.score = score;
    hit.title = article.title;
    if (hit.title.empty()) hit.lead = lead_of(article);
    hit.source = article.source;
    hit.url = article.url;
    hit.language = article.language;
    hit.authors = article.authors;
    if (article.published) hit.published = article.published->iso8601();
    hit.similar = request.collapse ? it.get_collapse_count() : 0;
    hit.entities = entities_of(doc.get_value(schema::slot_facets));
    // Highlight as the hit was matched: its text analysed in its own
    // language (as it was indexed), against every term of the query.
    std::string language = normalize_language(article.language);
    if (language.empty()) language = "en";
    query::TokenMatcher& matcher = matcher_for(analyzers.get(language));
    hit.title_highlights = query::find_highlights(hit.title, matcher);
    if (request.passages > 0) {
      std::vector<std::string> texts;
      if (!article.dek.empty()) texts.push_back(article.dek);
      texts.insert(texts.end(), article.paragraphs.begin(), article.paragraphs.end());
      hit.passages = query::choose_passages(texts, matcher, request.passages);
    }
    result.hits.push_back(std::move(hit));
  }
  clock.lap(&timings.hits);

  if (worker && !spy) {  // told to go on above
    if (FacetPasses* counted = worker->counted()) {
      spy = &counted->finish();
      sample_level = counted->sample_level();
    } else {
      count_here();
    }
  }

  if (spy) {
    const auto& counts = spy->counts();
    // Bounds of estimates: no value has more articles than the index.
    // (Xapian's upper bound on the matches would be tighter, but differs
    // between layouts of shards.)
    const std::uint64_t most = db.get_doccount();
    for (const auto& name : request.facets) {
      Facet facet;
      facet.field = name;
      facet.examined = spy->documents_seen();
      // Every match counted (before collapsing: near-duplicate copies count
      // as articles), or the sample of sample_level.
      facet.exact = sample_level == 0;
      facet.sampled = std::ldexp(1.0, -static_cast<int>(sample_level));
      char code = facet_code(name);
      auto found = counts.find(code);
      if (code == 'd') {
        // Histogram: bucket days by the granularity that fits the span.
        std::map<std::string, std::uint64_t> days;
        if (found != counts.end()) {
          for (const auto& [day, count] : found->second) days[day] += count.articles;
        }
        std::string granularity = request.date_granularity;
        if (granularity.empty() && !days.empty()) {
          std::string first = days.begin()->first, last = days.rbegin()->first;
          if (first.substr(0, 4) != last.substr(0, 4) &&
              std::stoi(last.substr(0, 4)) - std::stoi(first.substr(0, 4)) >= 2) {
            granularity = "year";
          } else if (first.substr(0, 6) != last.substr(0, 6)) {
            granularity = "month";
          } else {
            granularity = "day";
          }
        }
        if (granularity.empty()) granularity = "day";
        if (granularity != "year" && granularity != "month" && granularity != "day") {
          throw InvalidArgumentError("date granularity must be year, month or day");
        }
        std::size_t width = granularity == "year" ? 4 : granularity == "month" ? 6 : 8;
        std::map<std::string, std::uint64_t> buckets;
        for (const auto& [day, count] : days) buckets[day.substr(0, width)] += count;
        facet.granularity = granularity;
        for (const auto& [bucket, count] : buckets) {
          FacetValue value = estimate(count, sample_level, most);
          value.value = value.label = day_label(bucket);
          facet.values.push_back(std::move(value));
        }
      } else if (found != counts.end()) {
        for (const auto& [key, count] : found->second) {
          facet.values.push_back(
              {key, count.display.empty() ? key : count.display, count.articles});
        }
        // Only the top values are kept (facet_candidates()): sort just
        // those (keys are distinct, so the order is total and the result
        // that of a full sort).
        auto top = facet.values.begin() + static_cast<std::ptrdiff_t>(std::min(
                                              facet_candidates(request), facet.values.size()));
        std::partial_sort(facet.values.begin(), top, facet.values.end(),
                          [](const FacetValue& a, const FacetValue& b) {
                            return a.count > b.count || (a.count == b.count && a.value < b.value);
                          });
        facet.values.erase(top, facet.values.end());
      }
      result.facets.push_back(std::move(facet));
    }
    if (request.facet_order == FacetOrder::significance) {
      order_by_significance(result.facets, db, any_remote, request.facet_values,
                            keeping ? &kept.term_frequencies : nullptr, memory_left());
    }
    // The sample's counts scaled to the matches (dates were, as bucketed).
    for (auto& facet : result.facets) {
      if (!facet.granularity.empty()) continue;
      for (auto& value : facet.values) {
        FacetValue scaled = estimate(value.count, sample_level, most);
        value.count = scaled.count;
        value.lower = scaled.lower;
        value.upper = scaled.upper;
      }
    }
  }

  clock.lap(spy ? &timings.facets : nullptr);

  const bool suggest = request.suggest && !like && !parsed.words.empty();
  if (suggest) {
    // The words' offsets are into query_as_read(), which differs from the
    // repaired query only in its quote signs (of the same length): this way
    // the suggestion keeps the user's quotes.
    result.suggestion = query::suggest_spelling(db, repair_utf8(request.query), parsed.words);
  }
  // Nothing matched: say which filter values name no article, and the
  // nearest that do ("person:nakasne").
  if (result.total == 0) result.unknown_filter_values = query::unknown_filter_values(db, query);
  clock.lap(suggest || result.total == 0 ? &timings.suggest : nullptr);
  result.timings = timings;
  return result;
}

}  // namespace dateline
