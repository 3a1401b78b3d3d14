// Facet counts on results too big to count every match: estimated from the
// nested id-hash sample (XSAMPLE terms), marked as estimates, with bounds
// that hold the true counts; exact on request and below the limit; and the
// same whatever the sharding.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "../indexer/test_support.h"
#include "dateline/common/article.h"
#include "dateline/common/date.h"
#include "dateline/common/schema.h"
#include "dateline/indexer/index_location.h"
#include "dateline/indexer/index_writer.h"
#include "dateline/indexer/sharded_index.h"
#include "dateline/query/searcher.h"

namespace dateline {
namespace {

constexpr int article_count = 3000;
const std::vector<std::string> place_names = {"kyiv", "warsaw", "minsk", "odesa",
                                              "lviv", "gdansk", "riga",  "tallinn"};
const std::vector<std::string> source_names = {"Northwind Wire", "Kyiv Ledger", "Harbour Gazette"};

struct Truth {
  std::string id;
  std::string place;
  std::string source;
  std::string year;
  std::string month;    // "2019-03"
  bool urgent = false;  // has the word "urgent"
  bool wire = false;    // has the phrase "wire copy"
  std::set<std::string> words;
};

const std::vector<std::string> vocabulary = {"grain",  "harbour", "convoy",  "tariff",   "winter",
                                             "summit", "freight", "council", "pipeline", "railway",
                                             "border", "market",  "energy",  "vessel",   "quota"};

// Articles with skewed place and source frequencies and varied text (so
// that none are near-duplicates of each other), and what each one is.
std::vector<Article> make_articles(std::vector<Truth>& truth) {
  std::mt19937 random(20261205);
  std::vector<Article> articles;
  for (int k = 0; k < article_count; ++k) {
    Truth t;
    t.id = "story-" + std::to_string(k);
    // Place k has about twice the articles of place k + 1.
    std::size_t p = 0;
    while (p + 1 < place_names.size() && random() % 2 == 0) ++p;
    t.place = place_names[p];
    t.source = source_names[random() % 5 == 0 ? 2 : random() % 2];
    int year = 2019 + static_cast<int>(random() % 4);
    t.year = std::to_string(year);
    t.urgent = random() % 3 == 0;

    Article a;
    a.id = t.id;
    a.source = t.source;
    a.language = "en";
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, 1 + static_cast<int>(random() % 12),
                  1 + static_cast<int>(random() % 28));
    a.published = parse_date(date);
    t.month = std::string(date, 7);
    a.title = "report " + std::to_string(k);
    std::string body = "report";
    for (int w = 0; w < 30; ++w) {
      const std::string& word = vocabulary[random() % vocabulary.size()];
      body += " " + word;
      t.words.insert(word);
    }
    if (t.urgent) body += " urgent";
    t.wire = k % 3 != 0;
    if (t.wire) body += " wire copy";
    a.paragraphs = {body + " number " + std::to_string(k) + "."};
    a.given_entities = {{Entity::Type::place, t.place, t.place}};
    articles.push_back(std::move(a));
    truth.push_back(std::move(t));
  }
  return articles;
}

class FacetEstimateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new testing::TempDir();
    s_truth = new std::vector<Truth>();
    auto articles = make_articles(*s_truth);
    IndexOptions options{2, 1000};
    options.detect_language = false;
    {
      IndexWriter writer(writable_database_path(s_dir->path() / "single"), options);
      for (const auto& a : articles) writer.add(a);
    }
    {
      ShardedWriter writer(writable_shard_paths(s_dir->path() / "sharded", 3), options);
      for (const auto& a : articles) writer.add(a);
    }
  }
  static void TearDownTestSuite() {
    delete s_dir;
    delete s_truth;
  }
  static std::string single() { return (s_dir->path() / "single").string(); }
  static std::string sharded() { return (s_dir->path() / "sharded").string(); }

  // True counts of `field` ("place", "source", "date" by year, "month") over the
  // articles `matches` selects, and over those of them in sample `level`.
  template <typename Matches>
  static std::map<std::string, std::uint64_t> counts(const std::string& field, Matches matches,
                                                     unsigned level = 0) {
    std::map<std::string, std::uint64_t> out;
    for (const auto& t : *s_truth) {
      if (!matches(t) || sample_level(t.id) < level) continue;
      const std::string& key = field == "place"    ? t.place
                               : field == "source" ? t.source
                               : field == "month"  ? t.month
                                                   : t.year;
      ++out[key];
    }
    return out;
  }

  static testing::TempDir* s_dir;
  static std::vector<Truth>* s_truth;
};
testing::TempDir* FacetEstimateTest::s_dir = nullptr;
std::vector<Truth>* FacetEstimateTest::s_truth = nullptr;

std::map<std::string, const FacetValue*> by_key(const Facet& facet, bool labels = false) {
  std::map<std::string, const FacetValue*> out;
  for (const auto& value : facet.values) out[labels ? value.label : value.value] = &value;
  return out;
}

const auto every = [](const Truth&) { return true; };

// The same facets, values, counts and bounds in both results.
void expect_same_facets(const SearchResult& a, const SearchResult& b) {
  ASSERT_EQ(a.facets.size(), b.facets.size());
  for (std::size_t f = 0; f < a.facets.size(); ++f) {
    SCOPED_TRACE(a.facets[f].field);
    EXPECT_EQ(a.facets[f].exact, b.facets[f].exact);
    EXPECT_EQ(a.facets[f].examined, b.facets[f].examined);
    EXPECT_EQ(a.facets[f].sampled, b.facets[f].sampled);
    ASSERT_EQ(a.facets[f].values.size(), b.facets[f].values.size());
    for (std::size_t k = 0; k < a.facets[f].values.size(); ++k) {
      EXPECT_EQ(a.facets[f].values[k].value, b.facets[f].values[k].value);
      EXPECT_EQ(a.facets[f].values[k].count, b.facets[f].values[k].count);
      EXPECT_EQ(a.facets[f].values[k].lower, b.facets[f].values[k].lower);
      EXPECT_EQ(a.facets[f].values[k].upper, b.facets[f].values[k].upper);
    }
  }
}

// Facets of "report" (every article), without passages.
SearchRequest report_facets(std::vector<std::string> facets) {
  SearchRequest request;
  request.query = "report";
  request.limit = 5;
  request.passages = 0;
  request.facets = std::move(facets);
  return request;
}

// A sample's days and facet packs are read from the sample's own value
// slot (schema::sample_facets_slot()), where they lie side by side, but
// only when every article of the sample has a value there: an index
// written before those slots (or an undated article without facets) is
// counted from the day and facet pack slots instead, with the same counts.
TEST(FacetSampleSlots, ASampleIsReadFromItsOwnSlotOnlyWhenEveryArticleHasIt) {
  testing::TempDir dir;
  std::vector<Truth> truth;
  auto articles = make_articles(truth);
  IndexOptions options{1, 1000};
  options.detect_language = false;
  const auto path = writable_database_path(dir.path() / "index");
  {
    IndexWriter writer(path, options);
    for (const auto& a : articles) writer.add(a);
  }
  SearcherOptions no_table;
  no_table.facet_memory = 0;  // read the packs from the index every time
  auto places = [&] {
    Searcher searcher(std::vector<std::string>{(dir.path() / "index").string()}, no_table);
    SearchRequest request = report_facets({"place", "date"});
    request.facet_exact_limit = 100;
    return searcher.search(request);
  };
  const SearchResult first = places();
  ASSERT_FALSE(first.facets[0].exact);
  const auto level = static_cast<unsigned>(std::lround(-std::log2(first.facets[0].sampled)));
  ASSERT_GE(level, 1u);

  // Two articles of that sample with different places and years.
  Xapian::WritableDatabase db(path.string());
  const std::string sample_term = schema::sample_term(level);
  std::vector<Xapian::docid> sample(db.postlist_begin(sample_term), db.postlist_end(sample_term));
  ASSERT_GE(sample.size(), 2u);
  const Xapian::valueno slot = schema::sample_facets_slot(level);
  const Xapian::Document one = db.get_document(sample[0]);
  Xapian::docid other = 0;
  for (Xapian::docid did : sample) {
    const Xapian::Document candidate = db.get_document(did);
    if (candidate.get_value(schema::slot_facets) != one.get_value(schema::slot_facets) &&
        candidate.get_value(schema::slot_day).substr(0, 4) !=
            one.get_value(schema::slot_day).substr(0, 4)) {
      other = did;
      break;
    }
  }
  ASSERT_NE(other, 0u);
  // The sample's slot is read: a pack changed only there changes the counts.
  Xapian::Document changed = db.get_document(sample[0]);
  changed.add_value(slot, db.get_document(other).get_value(slot));
  db.replace_document(sample[0], changed);
  db.commit();
  // The sample's slot is read for days and packs alike: a value changed
  // only there changes the counts of both facets.
  auto differs = [&](const SearchResult& result, std::size_t f) {
    if (result.facets[f].values.size() != first.facets[f].values.size()) return true;
    for (std::size_t k = 0; k < first.facets[f].values.size(); ++k) {
      if (result.facets[f].values[k].count != first.facets[f].values[k].count) return true;
    }
    return false;
  };
  const SearchResult changed_result = places();
  EXPECT_TRUE(differs(changed_result, 0));
  EXPECT_TRUE(differs(changed_result, 1));
  // An article of the sample without a pack there: the facet pack slot is
  // read instead, which still holds every article's own pack.
  Xapian::Document missing = db.get_document(other);
  missing.remove_value(slot);
  db.replace_document(other, missing);
  db.commit();
  expect_same_facets(places(), first);
}

TEST_F(FacetEstimateTest, ManyMatchesUnderTheLimitAreCountedExactly) {
  // 3,000 matches: more than the ranked pass examines, fewer than the
  // limit, so a second pass counts them all.
  Searcher searcher(single());
  auto result = searcher.search(report_facets({"place", "source", "date"}));
  ASSERT_EQ(result.facets.size(), 3u);
  for (const auto& facet : result.facets) {
    EXPECT_TRUE(facet.exact) << facet.field;
    EXPECT_EQ(facet.sampled, 1.0);
    EXPECT_EQ(facet.examined, static_cast<std::uint64_t>(article_count));
  }
  auto places = by_key(result.facets[0]);
  for (const auto& [place, count] : counts("place", every)) {
    ASSERT_TRUE(places.count(place)) << place;
    EXPECT_EQ(places[place]->count, count) << place;
    EXPECT_EQ(places[place]->lower, count);
    EXPECT_EQ(places[place]->upper, count);
  }
  auto years = by_key(result.facets[2]);
  EXPECT_EQ(result.facets[2].granularity, "year");
  for (const auto& [year, count] : counts("date", every)) {
    ASSERT_TRUE(years.count(year)) << year;
    EXPECT_EQ(years[year]->count, count) << year;
  }
}

TEST_F(FacetEstimateTest, PhrasesAndConjunctionsAreCountedExactlyUnderTheLimit) {
  // More matches than the ranked pass ranks before it drops light ones:
  // every match is counted all the same (noted as the pass goes, for a
  // query whose every match reaches the matcher).
  Searcher searcher(single());
  struct Case {
    std::string query;
    std::function<bool(const Truth&)> matches;
  };
  const std::vector<Case> cases = {
      {"\"wire copy\"", [](const Truth& t) { return t.wire; }},
      {"grain AND report", [](const Truth& t) { return t.words.count("grain") > 0; }},
      {"\"wire copy\" -urgent", [](const Truth& t) { return t.wire && !t.urgent; }},
      {"grain AND convoy source:\"kyiv ledger\"",
       [](const Truth& t) {
         return t.words.count("grain") && t.words.count("convoy") && t.source == "Kyiv Ledger";
       }},
  };
  for (const auto& [query, matches] : cases) {
    SCOPED_TRACE(query);
    SearchRequest request = report_facets({"place", "source"});
    request.query = query;
    auto result = searcher.search(request);
    auto places = counts("place", matches);
    std::uint64_t total = 0;
    for (const auto& [place, count] : places) total += count;
    ASSERT_GT(total, 300u);
    ASSERT_EQ(result.facets.size(), 2u);
    for (const auto& facet : result.facets) {
      EXPECT_TRUE(facet.exact) << facet.field;
      EXPECT_EQ(facet.examined, total) << facet.field;
    }
    auto found = by_key(result.facets[0]);
    EXPECT_EQ(found.size(), places.size());
    for (const auto& [place, count] : places) {
      ASSERT_TRUE(found.count(place)) << place;
      EXPECT_EQ(found[place]->count, count) << place;
    }
    auto sources = by_key(result.facets[1], true);
    for (const auto& [source, count] : counts("source", matches)) {
      ASSERT_TRUE(sources.count(source)) << source;
      EXPECT_EQ(sources[source]->count, count) << source;
    }
  }
}

TEST_F(FacetEstimateTest, BeyondTheLimitCountsAreEstimatesWithBoundsThatHold) {
  Searcher searcher(single());
  auto request = report_facets({"place", "source", "date"});
  request.facet_exact_limit = 300;  // 3,000 matches: the 1-in-16 sample
  auto result = searcher.search(request);
  ASSERT_EQ(result.facets.size(), 3u);

  const unsigned level = 4;
  std::uint64_t in_sample = 0;
  for (const auto& t : *s_truth) in_sample += sample_level(t.id) >= level;
  for (const auto& facet : result.facets) {
    EXPECT_FALSE(facet.exact) << facet.field;
    EXPECT_EQ(facet.sampled, 1.0 / 16);
    // Exactly the articles of the sample were counted...
    EXPECT_EQ(facet.examined, in_sample) << facet.field;
    auto sample = counts(facet.field, every, level);
    auto found = by_key(facet, facet.field == "source");
    // Values with articles in the sample, and no others.
    for (const auto& [key, count] : sample) EXPECT_TRUE(found.count(key)) << key;
    EXPECT_EQ(found.size(), sample.size()) << facet.field;
    for (const auto& [key, value] : found) {
      // ...each scaled up by 16, within its bounds.
      EXPECT_EQ(value->count, std::min<std::uint64_t>(sample[key] * 16, article_count)) << key;
      EXPECT_LE(value->lower, value->count) << key;
      EXPECT_GE(value->upper, value->count) << key;
      EXPECT_GE(value->lower, sample[key]) << key;
      EXPECT_LE(value->upper, static_cast<std::uint64_t>(article_count)) << key;
    }
  }

  // Asked for, the counts are exact whatever the limit.
  request.exact_facets = true;
  auto exact = searcher.search(request);
  EXPECT_TRUE(exact.facets[0].exact);
  auto places = by_key(exact.facets[0]);
  for (const auto& [place, count] : counts("place", every)) EXPECT_EQ(places[place]->count, count);
}

// A search for the totals and facets alone (no hits, as a facet sidebar
// asks) counts the same sample beyond the limit as one with hits. Asked for
// no hits, Xapian's matcher examined every match, and the facets were
// counted over all of them: "oil" at x10 took 52-61 ms instead of 9.
TEST_F(FacetEstimateTest, WithoutHitsTheFacetsAreTheSame) {
  Searcher searcher(single());
  auto request = report_facets({"place", "source", "date"});
  request.facet_exact_limit = 300;
  auto with_hits = searcher.search(request);
  request.limit = 0;
  auto without = searcher.search(request);
  EXPECT_TRUE(without.hits.empty());
  for (const auto& facet : without.facets) EXPECT_FALSE(facet.exact) << facet.field;
  expect_same_facets(with_hits, without);
  EXPECT_LE(without.total_lower, static_cast<std::uint64_t>(article_count));
  EXPECT_GE(without.total_upper, static_cast<std::uint64_t>(article_count));
}

TEST_F(FacetEstimateTest, BoundsHoldTheTrueCountsNearlyAlways) {
  // 95% intervals: about 1 in 20 true counts may fall outside (fewer: the
  // Poisson bounds of a binomial sample are conservative). The values must
  // come from independent samples, so the queries select disjoint sets of
  // articles (one index's sample of a set is fixed: a query's values that
  // overlap another's would repeat its luck).
  Searcher searcher(single());
  auto request = report_facets({"place", "date"});
  request.date_granularity = "month";
  request.facet_exact_limit = 40;
  std::size_t values = 0, covered = 0;
  for (const auto& source : source_names) {
    for (const auto& year : {"2019", "2020", "2021", "2022"}) {
      request.filters = {"source:\"" + source + "\""};
      request.from = request.to = year;
      auto result = searcher.search(request);
      auto selected = [&](const Truth& t) { return t.source == source && t.year == year; };
      for (const auto& facet : result.facets) {
        ASSERT_FALSE(facet.exact) << source << " " << year;
        auto full = counts(facet.field == "date" ? "month" : facet.field, selected);
        for (const auto& [key, value] : by_key(facet)) {
          ++values;
          covered += value->lower <= full[key] && full[key] <= value->upper;
        }
      }
    }
  }
  EXPECT_GE(values, 150u);
  EXPECT_GE(covered * 100, values * 90) << covered << " of " << values << " bounds hold";
}

TEST_F(FacetEstimateTest, TheSampleFollowsTheQueryAndFilters) {
  Searcher searcher(single());
  SearchRequest request;
  request.query = "urgent";
  request.filters = {"source:northwind wire"};
  request.passages = 0;
  request.facets = {"place"};
  request.facet_exact_limit = 50;
  auto result = searcher.search(request);
  auto selected = [](const Truth& t) { return t.urgent && t.source == "Northwind Wire"; };
  std::uint64_t matches = 0;
  for (const auto& [place, count] : counts("place", selected)) matches += count;
  ASSERT_GT(matches, 200u);
  ASSERT_FALSE(result.facets[0].exact);
  // The number of matches is estimated from the smallest sample that
  // would hold at most the limit if every article matched (3,000 / 2^6 <=
  // 50), and the sample used is the largest that holds at most the limit by
  // that estimate.
  std::uint64_t in_top = 0;
  for (const auto& t : *s_truth) in_top += selected(t) && sample_level(t.id) >= 6;
  unsigned used = 0;
  while (((in_top << 6) >> used) > 50) ++used;
  ASSERT_GT(used, 0u);
  EXPECT_EQ(result.facets[0].sampled, std::ldexp(1.0, -static_cast<int>(used)));
  auto sample = counts("place", selected, used);
  for (const auto& value : result.facets[0].values) {
    EXPECT_EQ(value.count, sample[value.value] << used) << value.value;
  }
}

TEST_F(FacetEstimateTest, ShardsGiveTheSameEstimates) {
  // One local database notes a phrase's matches in the ranked pass; shards
  // count them in passes of their own: the same sample either way.
  Searcher one(single());
  Searcher three(sharded());
  for (const char* query : {"report", "\"wire copy\"", "grain AND report"}) {
    SCOPED_TRACE(query);
    auto request = report_facets({"place", "source", "date"});
    request.query = query;
    request.facet_exact_limit = 300;
    auto a = one.search(request);
    auto b = three.search(request);
    for (const auto& facet : b.facets) EXPECT_FALSE(facet.exact);
    expect_same_facets(a, b);
  }
}

TEST_F(FacetEstimateTest, OneThreadOrTwoGiveTheSameResults) {
  // Two threads count the facets of a result larger than the ranked pass
  // sees on the second one, from the start of the search: the same counts,
  // hits and totals as one thread gives, whether that pass turns out to
  // be needed (all but the last case) or not.
  SearcherOptions two, one;
  two.search_threads = 2;
  one.search_threads = 1;
  Searcher parallel({single()}, two);
  Searcher serial({single()}, one);
  struct Case {
    std::string query;
    std::uint64_t limit;
  };
  for (const auto& [query, limit] : std::vector<Case>{{"report", 5000},
                                                      {"report", 300},
                                                      {"report", 40},
                                                      {"\"wire copy\"", 5000},
                                                      {"\"wire copy\" -urgent", 300},
                                                      {"grain OR convoy", 700},
                                                      {"grain AND convoy AND urgent", 5000}}) {
    SCOPED_TRACE(query + " limit " + std::to_string(limit));
    auto request = report_facets({"place", "source", "date"});
    request.query = query;
    request.facet_exact_limit = limit;
    // Twice each: the second search reuses the thread and the values kept.
    for (int round = 0; round < 2; ++round) {
      auto a = parallel.search(request);
      auto b = serial.search(request);
      EXPECT_EQ(a.total, b.total);
      EXPECT_EQ(a.total_exact, b.total_exact);
      ASSERT_EQ(a.hits.size(), b.hits.size());
      for (std::size_t k = 0; k < a.hits.size(); ++k) {
        EXPECT_EQ(a.hits[k].id, b.hits[k].id);
        EXPECT_EQ(a.hits[k].score, b.hits[k].score);
      }
      expect_same_facets(a, b);
    }
  }
}

TEST(FacetThread, CountsTheIndexAsOfTheSearchAfterACommit) {
  // The second thread has its own handle on the index; after a commit it
  // must count the same revision the ranked pass searched.
  testing::TempDir dir;
  const auto path = dir.path() / "index";
  IndexOptions options{1, 1000};
  options.detect_language = false;
  auto write = [&](int first, int count, const std::string& place) {
    IndexWriter writer(writable_database_path(path), options);
    for (int k = first; k < first + count; ++k) {
      Article a;
      a.id = "dispatch-" + std::to_string(k);
      a.language = "en";
      a.title = "Dispatch " + std::to_string(k);
      a.paragraphs = {"Harbour dispatch number " + std::to_string(k) + " from " + place + "."};
      a.given_entities = {{Entity::Type::place, place, place}};
      writer.add(a);
    }
  };
  write(0, 1200, "riga");
  Searcher searcher(path.string());  // two threads, the default
  SearchRequest request;
  request.query = "dispatch";
  request.passages = 0;
  request.facets = {"place"};
  auto places = [&] {
    std::map<std::string, std::uint64_t> found;
    auto result = searcher.search(request);
    EXPECT_EQ(result.facets.size(), 1u);
    for (const auto& facet : result.facets) {
      EXPECT_TRUE(facet.exact);
      for (const auto& value : facet.values) found[value.value] = value.count;
    }
    return found;
  };
  EXPECT_EQ(places(), (std::map<std::string, std::uint64_t>{{"riga", 1200}}));
  write(1200, 300, "tallinn");
  EXPECT_EQ(places(), (std::map<std::string, std::uint64_t>{{"riga", 1200}, {"tallinn", 300}}));
  write(1500, 100, "riga");
  EXPECT_EQ(places(), (std::map<std::string, std::uint64_t>{{"riga", 1300}, {"tallinn", 300}}));
}

TEST_F(FacetEstimateTest, AForkedChildCountsFacetsToo) {
  // A server that searches, then forks workers: the child has no copy of
  // the parent's second thread, and must neither wait for it forever nor
  // count differently.
  Searcher searcher(single());
  auto request = report_facets({"place"});
  const auto parent = searcher.search(request);
  ASSERT_EQ(parent.facets.size(), 1u);
  ASSERT_EQ(parent.facets[0].examined, static_cast<std::uint64_t>(article_count));
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    alarm(60);  // a hang is a failure, not a hung test run
    int status = 3;
    try {
      auto result = searcher.search(request);
      bool same = result.facets.size() == 1 &&
                  result.facets[0].examined == parent.facets[0].examined &&
                  result.facets[0].values.size() == parent.facets[0].values.size();
      for (std::size_t k = 0; same && k < result.facets[0].values.size(); ++k) {
        same = result.facets[0].values[k].count == parent.facets[0].values[k].count;
      }
      status = same ? 0 : 1;
    } catch (...) {
      status = 2;
    }
    _exit(status);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << "the child was killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: other counts, 2: an error";
  // And the parent goes on as before.
  EXPECT_EQ(searcher.search(request).facets[0].values.size(), parent.facets[0].values.size());
}

}  // namespace
}  // namespace dateline
