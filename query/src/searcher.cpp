#include "dateline/query/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "dateline/common/article_json.h"
#include "dateline/common/error.h"
#include "dateline/common/schema.h"
#include "dateline/common/stopwords.h"
#include "dateline/common/text.h"
#include "dateline/detail/analyzer.h"
#include "dateline/detail/facet_spy.h"
#include "passages.h"
#include "query_parser.h"
#include "spelling.h"

namespace dateline {

namespace {

constexpr unsigned remote_timeout_ms = 10000;

Xapian::Database open_one(const std::string& location) {
  if (location.starts_with("tcp://")) {
    std::string rest = location.substr(6);
    std::size_t colon = rest.rfind(':');
    if (colon == std::string::npos) {
      throw InvalidArgumentError("shard " + location + " must be tcp://HOST:PORT");
    }
    try {
      unsigned port = static_cast<unsigned>(std::stoul(rest.substr(colon + 1)));
      Xapian::Database db = Xapian::Remote::open(rest.substr(0, colon), port, remote_timeout_ms,
                                                 remote_timeout_ms);
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

// Only stems of body words (Z + lower-case), not stopwords, make good
// more-like-this terms.
class BodyStemDecider : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    return term.size() > 3 && term[0] == 'Z' && term[1] >= 'a' && term[1] <= 'z' &&
           !is_stopword(std::string_view(term).substr(1));
  }
};

}  // namespace

struct Searcher::Impl {
  std::vector<std::string> locations;
  Xapian::Database db;
  detail::Analyzer analyzer{"en"};

  void open() {
    Xapian::Database combined;
    for (const auto& location : locations) combined.add_database(open_one(location));
    db = combined;
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

  // Run `body`, opening the index afresh and retrying when it changed under
  // us: Xapian's DatabaseModifiedError, or a rebuild that removed the
  // generation this searcher had open (found by the concurrency test).
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
        if (attempt >= max_attempts) detail::rethrow_xapian(error, "index " + locations.front());
        reopen = true;
      } catch (const IndexNotFoundError&) {
        if (attempt >= max_attempts) throw;
        reopen = true;
      } catch (const Xapian::Error& error) {
        detail::rethrow_xapian(error, "index " + locations.front());
      }
    }
  }

  static constexpr int max_attempts = 3;

  SearchResult run(const SearchRequest& request);
};

Searcher::Searcher(const std::string& index) : Searcher(std::vector<std::string>{index}) {}

Searcher::Searcher(const std::vector<std::string>& shards) : m_impl(std::make_unique<Impl>()) {
  if (shards.empty()) throw InvalidArgumentError("no index given");
  m_impl->locations = shards;
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

std::string Searcher::describe(const std::string& text) {
  return query::parse_query(text, m_impl->analyzer).query.get_description();
}

SearchResult Searcher::search(const SearchRequest& request) {
  // Reopen so every search sees the latest commit (cheap when unchanged).
  m_impl->with_retry([&] { return m_impl->db.reopen(); });
  return m_impl->with_retry([&] { return m_impl->run(request); });
}

SearchResult Searcher::Impl::run(const SearchRequest& request) {
  if (request.limit > 10000) throw InvalidArgumentError("limit must be at most 10000");
  if (request.passages > 20) throw InvalidArgumentError("passages must be at most 20");

  query::ParsedQuery parsed;
  std::string exclude_id_term;
  if (!request.like_id.empty()) {
    // More like this: the article's most distinctive stems.
    std::string id_term = std::string(schema::id_prefix) + request.like_id;
    Xapian::PostingIterator posting = db.postlist_begin(id_term);
    if (posting == db.postlist_end(id_term)) {
      throw InvalidArgumentError("no article with id '" + request.like_id + "'");
    }
    Xapian::RSet rset;
    rset.add_document(*posting);
    Xapian::Enquire enquire(db);
    BodyStemDecider decider;
    Xapian::ESet eset = enquire.get_eset(30, rset, &decider);
    std::vector<Xapian::Query> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
      terms.emplace_back(*it);
      parsed.match.stems.insert((*it).substr(1));
    }
    if (terms.empty()) throw InvalidArgumentError("article '" + request.like_id + "' has no text to compare");
    parsed.query = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    parsed.has_positive = true;
    exclude_id_term = id_term;
    if (!request.query.empty()) {
      auto extra = query::parse_query(request.query, analyzer);
      parsed.query = Xapian::Query(Xapian::Query::OP_FILTER, parsed.query, extra.query);
    }
    if (request.before) {
      std::string day = db.get_document(*posting).get_value(schema::slot_day);
      if (day.empty()) throw InvalidArgumentError("article '" + request.like_id + "' has no date; --before needs one");
      parsed.query = Xapian::Query(Xapian::Query::OP_FILTER, parsed.query,
                                   Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::slot_day, day));
    }
  } else {
    if (trim(request.query).empty() && (request.filters.size() > 0 || !request.from.empty() || !request.to.empty())) {
      parsed.query = Xapian::Query::MatchAll;
    } else {
      parsed = query::parse_query(request.query, analyzer);
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
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
  switch (request.sort) {
    case SortOrder::relevance:
      break;
    case SortOrder::newest:
      enquire.set_sort_by_value_then_relevance(schema::slot_timestamp, true);
      break;
    case SortOrder::oldest:
      enquire.set_sort_by_value_then_relevance(schema::slot_timestamp, false);
      break;
  }
  if (request.collapse) enquire.set_collapse_key(schema::slot_cluster);

  std::string codes;
  for (const auto& name : request.facets) codes += facet_code(name);
  std::unique_ptr<detail::FacetSpy> spy;
  if (!codes.empty()) {
    spy = std::make_unique<detail::FacetSpy>(codes);
    enquire.add_matchspy(spy.get());
  }
  // Facet counts are exact: every match is examined when facets are asked for.
  Xapian::doccount check_at_least = (spy || request.exact_total) ? db.get_doccount() : 0;
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                       static_cast<Xapian::doccount>(request.limit), check_at_least);

  SearchResult result;
  result.query_description = query.get_description();
  result.total = mset.get_matches_estimated();
  result.total_lower = mset.get_matches_lower_bound();
  result.total_upper = mset.get_matches_upper_bound();
  result.total_exact = result.total_lower == result.total_upper;

  std::size_t rank = request.offset;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document doc = it.get_document();
    Article article = article_from_json(doc.get_data());
    Hit hit;
    hit.rank = ++rank;
    hit.id = article.id;
    hit.score = it.get_weight();
    hit.title = article.title;
    hit.source = article.source;
    hit.url = article.url;
    hit.language = article.language;
    hit.authors = article.authors;
    if (article.published) hit.published = article.published->iso8601();
    hit.similar = request.collapse ? it.get_collapse_count() : 0;
    hit.title_highlights = query::find_highlights(hit.title, parsed.match, analyzer);
    if (request.passages > 0) {
      std::vector<std::string> texts;
      if (!article.dek.empty()) texts.push_back(article.dek);
      texts.insert(texts.end(), article.paragraphs.begin(), article.paragraphs.end());
      hit.passages = query::choose_passages(texts, parsed.match, analyzer, request.passages);
    }
    result.hits.push_back(std::move(hit));
  }

  if (spy) {
    const auto& counts = spy->counts();
    for (const auto& name : request.facets) {
      Facet facet;
      facet.field = name;
      facet.examined = spy->documents_seen();
      facet.exact = spy->documents_seen() >= mset.get_matches_upper_bound();
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
          facet.values.push_back({day_label(bucket), day_label(bucket), count});
        }
      } else if (found != counts.end()) {
        for (const auto& [key, count] : found->second) {
          facet.values.push_back({key, count.display.empty() ? key : count.display, count.articles});
        }
        std::sort(facet.values.begin(), facet.values.end(), [](const FacetValue& a, const FacetValue& b) {
          return a.count > b.count || (a.count == b.count && a.value < b.value);
        });
        if (facet.values.size() > request.facet_values) facet.values.resize(request.facet_values);
      }
      result.facets.push_back(std::move(facet));
    }
  }

  if (request.suggest && request.like_id.empty() && !parsed.words.empty()) {
    result.suggestion = query::suggest_spelling(db, request.query, parsed.words);
  }
  return result;
}

}  // namespace dateline
