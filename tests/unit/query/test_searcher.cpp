#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>

#include "../indexer/test_support.h"
#include "dateline/common/error.h"
#include "dateline/indexer/index_location.h"
#include "dateline/indexer/index_writer.h"
#include "dateline/indexer/reader.h"
#include "dateline/query/searcher.h"

namespace dateline {
namespace {

Article article(std::string id, std::string source, std::string date, std::string title,
                std::vector<std::string> body, std::vector<Entity> entities = {}) {
  Article a;
  a.id = std::move(id);
  a.source = std::move(source);
  a.published = parse_date(date);
  a.title = std::move(title);
  a.paragraphs = std::move(body);
  a.given_entities = std::move(entities);
  a.language = "en";
  return a;
}

class SearcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new testing::TempDir();
    IndexWriter writer(writable_database_path(s_dir->path() / "index"), IndexOptions{2, 100});
    writer.add(article("talks-1", "Northwind Wire", "2022-03-01", "Talks resume in Belarus",
                       {"Negotiations between Russia and Ukraine resumed on the border.",
                        "The peace talks ended without agreement."},
                       {{Entity::Type::place, "belarus", "Belarus"}}));
    writer.add(article("refugees-1", "Kyiv Ledger", "2022-03-05", "Refugees reach Poland",
                       {"Some 836,000 people have fled Ukraine, UNHCR says.",
                        "About 453,000 of them have gone to neighbouring Poland."},
                       {{Entity::Type::place, "poland", "Poland"},
                        {Entity::Type::organisation, "unhcr", "UNHCR"}}));
    writer.add(article("cafe-1", "Baltic Morning Post", "2021-12-24", "Café culture in Riga",
                       {"A café reopens after the winter."}));
    writer.add(article("old-1", "Northwind Wire", "2014-03-01", "Crimea talks in Kiev",
                       {"Talks in Kiev were tense."}, {{Entity::Type::place, "kyiv", "Kyiv"}}));
    Article undated =
        article("undated-1", "Northwind Wire", "", "Undated piece on talks", {"Talks."});
    writer.add(undated);
  }
  static void TearDownTestSuite() { delete s_dir; }
  static std::string index() { return (s_dir->path() / "index").string(); }
  static testing::TempDir* s_dir;
};
testing::TempDir* SearcherTest::s_dir = nullptr;

std::vector<std::string> ids(const SearchResult& result) {
  std::vector<std::string> out;
  for (const auto& hit : result.hits) out.push_back(hit.id);
  return out;
}

TEST_F(SearcherTest, RanksAndHighlightsStems) {
  Searcher searcher(index());
  SearchRequest request;
  request.query = "negotiate";
  auto result = searcher.search(request);
  ASSERT_EQ(ids(result), std::vector<std::string>{"talks-1"});
  ASSERT_FALSE(result.hits[0].passages.empty());
  const auto& passage = result.hits[0].passages[0];
  ASSERT_FALSE(passage.highlights.empty());
  EXPECT_EQ(passage.text.substr(passage.highlights[0].begin, 12), "Negotiations");
  EXPECT_EQ(result.hits[0].published, "2022-03-01T00:00:00Z");
}

TEST_F(SearcherTest, DiacriticsNeverMatter) {
  Searcher searcher(index());
  SearchRequest request;
  request.query = "cafe";
  auto result = searcher.search(request);
  ASSERT_EQ(ids(result), std::vector<std::string>{"cafe-1"});
  ASSERT_EQ(result.hits[0].title_highlights.size(), 1u);
  EXPECT_EQ(result.hits[0].title.substr(0, result.hits[0].title_highlights[0].end), "Café");
}

TEST_F(SearcherTest, SortsByDate) {
  Searcher searcher(index());
  SearchRequest request;
  request.query = "talks";
  request.sort = SortOrder::newest;
  EXPECT_EQ(ids(searcher.search(request)),
            (std::vector<std::string>{"talks-1", "old-1", "undated-1"}));
  request.sort = SortOrder::oldest;
  EXPECT_EQ(ids(searcher.search(request)).front(), "undated-1");
}

TEST_F(SearcherTest, DateFiltersAndRanges) {
  Searcher searcher(index());
  SearchRequest request;
  request.query = "talks date:2022";
  EXPECT_EQ(ids(searcher.search(request)), std::vector<std::string>{"talks-1"});
  request.query = "talks";
  request.from = "2014";
  request.to = "2014-12";
  EXPECT_EQ(ids(searcher.search(request)), std::vector<std::string>{"old-1"});
  request.from = "";
  request.to = "";
  request.query = "talks date:..2021-12-31";
  EXPECT_EQ(ids(searcher.search(request)), std::vector<std::string>{"old-1"});
}

TEST_F(SearcherTest, FacetsCountArticlesAndFiltersAgree) {
  Searcher searcher(index());
  SearchRequest request;
  request.query = "talks OR refugees OR cafe";
  request.facets = {"place", "source", "date"};
  auto result = searcher.search(request);
  ASSERT_EQ(result.facets.size(), 3u);
  const Facet& places = result.facets[0];
  EXPECT_TRUE(places.exact);
  std::map<std::string, std::uint64_t> counts;
  for (const auto& value : places.values) counts[value.value] = value.count;
  EXPECT_EQ(counts["poland"], 1u);
  EXPECT_EQ(counts["kyiv"], 1u);
  const Facet& sources = result.facets[1];
  ASSERT_FALSE(sources.values.empty());
  EXPECT_EQ(sources.values[0].label, "Northwind Wire");
  EXPECT_EQ(sources.values[0].count, 3u);
  const Facet& dates = result.facets[2];
  EXPECT_EQ(dates.granularity, "year");

  // Selecting a facet value narrows to exactly that count.
  request.filters = {"source:northwind wire"};
  EXPECT_EQ(searcher.search(request).total, 3u);
  request.filters = {"place:kyiv"};
  EXPECT_EQ(ids(searcher.search(request)), std::vector<std::string>{"old-1"});
  // A filter goes through the indexer's alias table: the facet's "Kyiv"
  // is what a reader typing the older spelling means.
  request.filters = {"place:\"Kiev\""};
  EXPECT_EQ(ids(searcher.search(request)), std::vector<std::string>{"old-1"});
}

TEST_F(SearcherTest, BadFiltersAndDatesAreNamedInTheError) {
  // Their offsets are within the filter or the date, not the query: the
  // message says which one it is.
  Searcher searcher(index());
  auto message = [&](SearchRequest request) -> std::string {
    request.query = "talks";
    try {
      searcher.search(request);
    } catch (const QuerySyntaxError& error) {
      return error.what();
    }
    return "(no error)";
  };
  SearchRequest request;
  request.filters = {"place:kyiv", "colour:red"};
  EXPECT_EQ(message(request),
            "filter 'colour:red': unknown filter field 'colour' (filters: source, person, org, "
            "place, misc, topic, exchange, lang, id, date, mentions)");
  request.filters = {};
  request.from = "2022-13";
  EXPECT_EQ(message(request).rfind("date range from 2022-13: bad date '2022-13'", 0), 0u)
      << message(request);
  request.from = "2022-04";
  request.to = "2022-03";
  EXPECT_EQ(message(request),
            "date range from 2022-04 to 2022-03: date range ends before it starts");
}

TEST_F(SearcherTest, MoreLikeThisAndBefore) {
  Searcher searcher(index());
  SearchRequest request;
  request.like_id = "talks-1";
  auto result = searcher.search(request);
  auto related = ids(result);
  // Articles sharing words with it, never itself, never one that shares
  // only stopwords.
  EXPECT_NE(std::find(related.begin(), related.end(), "old-1"), related.end());
  EXPECT_EQ(std::find(related.begin(), related.end(), "talks-1"), related.end());
  EXPECT_EQ(std::find(related.begin(), related.end(), "cafe-1"), related.end());
  request.before = true;
  for (const auto& hit : searcher.search(request).hits) EXPECT_NE(hit.id, "refugees-1");
  request.like_id = "missing";
  EXPECT_THROW(searcher.search(request), InvalidArgumentError);
}

// More like a text the index does not hold (a reporter's draft): the
// articles sharing its most distinctive words, the closest first.
TEST_F(SearcherTest, MoreLikeAText) {
  Searcher searcher(index());
  SearchRequest request;
  request.like_text =
      "Draft: negotiators of Russia and Ukraine resumed peace talks at the Belarus border, "
      "and the negotiations are expected to go on next week.";
  auto related = ids(searcher.search(request));
  ASSERT_FALSE(related.empty());
  EXPECT_EQ(related.front(), "talks-1");
  EXPECT_EQ(std::find(related.begin(), related.end(), "cafe-1"), related.end());
  // A query narrows them, as with an article.
  request.query = "source:\"Kyiv Ledger\"";
  EXPECT_EQ(ids(searcher.search(request)), std::vector<std::string>{"refugees-1"});
  request.query.clear();
  // Words no article holds compare with nothing; an article and a text at
  // once, a text over the limit and 'before' (a text has no date) are
  // mistakes.
  request.like_text = "zzyzx qwertyuiop";
  EXPECT_THROW(searcher.search(request), InvalidArgumentError);
  request.like_text = "peace talks";
  request.like_id = "talks-1";
  EXPECT_THROW(searcher.search(request), InvalidArgumentError);
  request.like_id.clear();
  request.before = true;
  EXPECT_THROW(searcher.search(request), InvalidArgumentError);
  request.before = false;
  request.like_text = std::string(max_like_text_bytes + 1, 'a');
  EXPECT_THROW(searcher.search(request), InvalidArgumentError);
}

// More like an article in a language written outside ASCII: its stems
// (Cyrillic here) are its terms. They were taken for a field's prefix and
// left out, and the article had "no text to compare".
TEST(SearcherLanguages, MoreLikeAnArticleInCyrillic) {
  testing::TempDir dir;
  {
    IndexWriter writer(writable_database_path(dir.path() / "index"), IndexOptions{1, 100});
    auto russian = [](std::string id, std::string title, std::string text) {
      Article a = article(std::move(id), "Northwind Wire", "2022-10-05", std::move(title),
                          {std::move(text)});
      a.language = "ru";
      return a;
    };
    writer.add(russian("soyuz-1", "\xD0\xA1\xD0\xBE\xD1\x8E\xD0\xB7",
                       "\xD0\xA1 \xD0\x91\xD0\xB0\xD0\xB9\xD0\xBA\xD0\xBE\xD0\xBD"
                       "\xD1\x83\xD1\x80\xD0\xB0 \xD1\x81\xD1\x82\xD0\xB0\xD1\x80"
                       "\xD1\x82\xD0\xBE\xD0\xB2\xD0\xB0\xD0\xBB \xD0\xBA\xD0\xBE"
                       "\xD1\x81\xD0\xBC\xD0\xB8\xD1\x87\xD0\xB5\xD1\x81\xD0\xBA"
                       "\xD0\xB8\xD0\xB9 \xD0\xBA\xD0\xBE\xD1\x80\xD0\xB0\xD0\xB1"
                       "\xD0\xBB\xD1\x8C"));
    writer.add(russian("soyuz-2",
                       "\xD0\x91\xD0\xB0\xD0\xB9\xD0\xBA\xD0\xBE\xD0\xBD"
                       "\xD1\x83\xD1\x80",
                       "\xD0\x9A\xD0\xBE\xD1\x81\xD0\xBC\xD0\xB8\xD1\x87\xD0\xB5"
                       "\xD1\x81\xD0\xBA\xD0\xB8\xD0\xB9 \xD0\xBA\xD0\xBE\xD1\x80"
                       "\xD0\xB0\xD0\xB1\xD0\xBB\xD1\x8C \xD0\xB2\xD0\xB5\xD1\x80"
                       "\xD0\xBD\xD1\x83\xD0\xBB\xD1\x81\xD1\x8F \xD1\x81 \xD0\x91"
                       "\xD0\xB0\xD0\xB9\xD0\xBA\xD0\xBE\xD0\xBD\xD1\x83\xD1\x80"
                       "\xD0\xB0"));
    writer.add(article("cafe-2", "Baltic Morning Post", "2022-10-05", "Riga cafes",
                       {"A cafe reopens in Riga."}));
  }
  Searcher searcher((dir.path() / "index").string());
  SearchRequest request;
  request.like_id = "soyuz-1";
  EXPECT_EQ(ids(searcher.search(request)), std::vector<std::string>{"soyuz-2"});
}

// A hit names its people, places and organisations as the facets do: the
// key a filter takes and the name to show.
TEST_F(SearcherTest, AHitNamesItsEntities) {
  Searcher searcher(index());
  SearchRequest request;
  request.query = "refugees poland";
  const auto result = searcher.search(request);
  ASSERT_FALSE(result.hits.empty());
  const Hit& hit = result.hits[0];
  ASSERT_EQ(hit.id, "refugees-1");
  auto has = [&](Entity::Type type, const std::string& key, const std::string& name) {
    return std::any_of(hit.entities.begin(), hit.entities.end(), [&](const Entity& entity) {
      return entity.type == type && entity.key == key && entity.display == name;
    });
  };
  EXPECT_TRUE(has(Entity::Type::place, "poland", "Poland"));
  EXPECT_TRUE(has(Entity::Type::organisation, "unhcr", "UNHCR"));
  // The key is what a filter takes.
  request.filters = {"org:unhcr"};
  EXPECT_EQ(ids(searcher.search(request)), std::vector<std::string>{"refugees-1"});
}

// A collapsed hit's "N similar" copies, listed: the wire story as each
// outlet ran it, the first to run it first, whichever copy is asked about.
TEST(SearcherCopies, TheCopiesOfAStoryOldestFirst) {
  testing::TempDir dir;
  {
    IndexWriter writer(writable_database_path(dir.path() / "index"), IndexOptions{1, 100});
    const std::vector<std::string> wire = {testing::wire_story};
    writer.add(article("copy-late", "Kyiv Ledger", "2022-07-12", "Grain talks resume", wire));
    writer.add(article("copy-first", "Northwind Wire", "2022-07-11", "Grain talks resume", wire));
    writer.add(article("other", "Northwind Wire", "2022-07-11", "Grain prices",
                       {"Wheat prices fell in Chicago as the talks on grain exports resumed."}));
  }
  Searcher searcher((dir.path() / "index").string());
  SearchRequest request;
  request.query = "grain talks";
  bool folded = false;
  for (const auto& hit : searcher.search(request).hits) folded = folded || hit.similar == 1;
  ASSERT_TRUE(folded) << "the two copies are not one cluster";

  request.query.clear();
  for (const char* asked : {"copy-late", "copy-first"}) {
    request.copies_of = asked;
    EXPECT_EQ(ids(searcher.search(request)), (std::vector<std::string>{"copy-first", "copy-late"}))
        << asked;
  }
  // A query narrows them.
  request.query = "source:\"Kyiv Ledger\"";
  EXPECT_EQ(ids(searcher.search(request)), std::vector<std::string>{"copy-late"});
  request.query.clear();
  request.copies_of = "other";
  EXPECT_EQ(ids(searcher.search(request)), std::vector<std::string>{"other"});
  request.copies_of = "missing";
  EXPECT_THROW(searcher.search(request), InvalidArgumentError);
  request.copies_of = "other";
  request.like_id = "copy-late";
  EXPECT_THROW(searcher.search(request), InvalidArgumentError);
}

// A place or person the alias table spells two ways is found by either
// spelling, and the spelling the article uses is highlighted: the archive
// wrote "Kiev" until 2019, "Kyiv" since.
TEST_F(SearcherTest, ANameIsFoundByItsOtherSpellings) {
  Searcher searcher(index());
  SearchRequest request;
  request.query = "kyiv";
  const auto result = searcher.search(request);
  ASSERT_EQ(ids(result), std::vector<std::string>{"old-1"});
  const Hit& hit = result.hits[0];
  ASSERT_EQ(hit.title_highlights.size(), 1u);
  EXPECT_EQ(hit.title.substr(hit.title_highlights[0].begin,
                             hit.title_highlights[0].end - hit.title_highlights[0].begin),
            "Kiev");
  // Quoted, a word is that word only.
  request.query = "\"kyiv\"";
  EXPECT_TRUE(searcher.search(request).hits.empty());
}

TEST_F(SearcherTest, SpellingSuggestionFromTheIndexVocabulary) {
  Searcher searcher(index());
  SearchRequest request;
  request.query = "refugess poland";
  EXPECT_EQ(searcher.search(request).suggestion, "refugees poland");
  // The suggestion keeps the query's own quote signs and text around it.
  request.query = "refugess \u201cpoland\u201d";
  EXPECT_EQ(searcher.search(request).suggestion, "refugees \u201cpoland\u201d");
  request.query = "negotiation";  // known through its stem: no suggestion
  EXPECT_EQ(searcher.search(request).suggestion, "");
}

TEST_F(SearcherTest, PagingAndTotals) {
  Searcher searcher(index());
  SearchRequest request;
  request.query = "talks";
  request.limit = 1;
  auto first = searcher.search(request);
  EXPECT_EQ(first.total, 3u);
  EXPECT_TRUE(first.total_exact);
  request.offset = 1;
  auto second = searcher.search(request);
  ASSERT_EQ(second.hits.size(), 1u);
  EXPECT_EQ(second.hits[0].rank, 2u);
  EXPECT_NE(second.hits[0].id, first.hits[0].id);
}

TEST_F(SearcherTest, ExactTotalCountsEveryMatch) {
  Searcher searcher(index());
  SearchRequest request;
  request.query = "talks OR refugees OR cafe";
  request.limit = 0;
  request.exact_total = true;
  auto result = searcher.search(request);
  EXPECT_TRUE(result.total_exact);
  EXPECT_EQ(result.total, 5u);
}

TEST_F(SearcherTest, TimingsNameTheStagesThatRan) {
  Searcher searcher(index());
  // The stages measured inside the search: never more than its total.
  auto stages = [](const SearchTimings& t) {
    return t.match + t.facets + t.feedback + t.hits + t.suggest;
  };
  SearchRequest request;
  request.query = "talks";
  request.suggest = false;
  request.ranking.feedback_documents = 0;
  auto plain = searcher.search(request);
  ASSERT_EQ(plain.hits.size(), 3u);
  EXPECT_GT(plain.timings.match, 0);
  EXPECT_GT(plain.timings.hits, 0);
  EXPECT_GT(plain.timings.other, 0);
  EXPECT_EQ(plain.timings.facets, 0);
  EXPECT_EQ(plain.timings.feedback, 0);
  EXPECT_EQ(plain.timings.suggest, 0);
  EXPECT_LE(stages(plain.timings), plain.timings.total);
  EXPECT_NEAR(plain.timings.other, plain.timings.total - stages(plain.timings), 1e-9);

  request.facets = {"place", "date"};
  request.suggest = true;
  request.ranking = {};
  auto rich = searcher.search(request);
  ASSERT_EQ(rich.hits.size(), 3u);
  EXPECT_GT(rich.timings.facets, 0);
  EXPECT_GT(rich.timings.feedback, 0);
  EXPECT_GT(rich.timings.suggest, 0);
  EXPECT_LE(stages(rich.timings), rich.timings.total);
}

TEST_F(SearcherTest, SeesNewCommitsWithoutBeingReopened) {
  Searcher searcher(index());
  SearchRequest request;
  request.query = "zanzibar";
  EXPECT_EQ(searcher.search(request).total, 0u);
  {
    IndexWriter writer(writable_database_path(index()));
    writer.add(article("zanzibar-1", "X", "2022-01-01", "Zanzibar", {"Zanzibar news."}));
  }
  EXPECT_EQ(searcher.search(request).total, 1u);
  {
    IndexWriter writer(writable_database_path(index()));
    writer.remove("zanzibar-1");
  }
  EXPECT_EQ(searcher.search(request).total, 0u);
}

// A search that finds nothing because a filter value names no article (a
// misspelt name) says so, with the field's nearest values: in the query or
// in SearchRequest::filters, whole names or one of their words.
TEST(Searcher, AFilterValueNoArticleHasGetsTheNearestValues) {
  testing::TempDir dir;
  {
    IndexWriter writer(writable_database_path(dir.path() / "index"), IndexOptions{1, 10});
    for (int k = 0; k < 3; ++k) {
      writer.add(article("full-" + std::to_string(k), "X", "2022-01-01", "Trade talks",
                         {"Trade talks went on."},
                         {{Entity::Type::person, "yasuhiro nakasone", "Yasuhiro Nakasone"}}));
    }
    writer.add(article("short", "X", "2022-01-01", "Trade talks", {"Trade talks went on."},
                       {{Entity::Type::person, "nakasone", "Nakasone"},
                        {Entity::Type::organisation, "opec", "OPEC"}}));
  }
  Searcher searcher((dir.path() / "index").string());
  SearchRequest request;
  request.query = "person:nakasne";
  auto result = searcher.search(request);
  EXPECT_EQ(result.total, 0u);
  ASSERT_EQ(result.unknown_filter_values.size(), 1u);
  const auto& unknown = result.unknown_filter_values[0];
  EXPECT_EQ(unknown.field, "person");
  EXPECT_EQ(unknown.value, "nakasne");
  ASSERT_EQ(unknown.nearest.size(), 2u);
  EXPECT_EQ(unknown.nearest[0].value, "yasuhiro nakasone");  // in more articles
  EXPECT_EQ(unknown.nearest[0].count, 3u);
  EXPECT_EQ(unknown.nearest[1].value, "nakasone");

  request.query = "talks";
  request.filters = {"org:opek"};
  result = searcher.search(request);
  ASSERT_EQ(result.unknown_filter_values.size(), 1u);
  EXPECT_EQ(result.unknown_filter_values[0].field, "org");
  ASSERT_EQ(result.unknown_filter_values[0].nearest.size(), 1u);
  EXPECT_EQ(result.unknown_filter_values[0].nearest[0].value, "opec");

  // Known values, or matches: nothing to say.
  request.filters = {"org:opec"};
  request.query = "ceasefire person:nakasone";
  EXPECT_EQ(searcher.search(request).total, 0u);
  EXPECT_TRUE(searcher.search(request).unknown_filter_values.empty());
  request.query = "talks OR person:nakasne";
  request.filters = {};
  EXPECT_GT(searcher.search(request).total, 0u);
  EXPECT_TRUE(searcher.search(request).unknown_filter_values.empty());
}

// An untitled article (a CSV row, a JSON record of text alone) is shown by
// the start of its text: its first sentence, or the words of it that fit.
TEST(Searcher, AnUntitledArticleIsShownByTheStartOfItsText) {
  testing::TempDir dir;
  {
    IndexWriter writer(writable_database_path(dir.path() / "index"), IndexOptions{1, 10});
    writer.add(article("short", "X", "2024-05-02", "",
                       {"Flooding forced   hundreds from their homes. The river rose overnight."}));
    writer.add(article("long", "X", "2024-05-03", "",
                       {"Flooding in the valley of the Ötz forced hundreds of families from their "
                        "homes on Tuesday and Wednesday, officials of the district said."}));
    writer.add(article("titled", "X", "2024-05-04", "Flood barrier approved",
                       {"The council approved the barrier."}));
  }
  Searcher searcher((dir.path() / "index").string());
  SearchRequest request;
  request.query = "flood OR barrier";
  for (std::size_t passages : {0, 2}) {
    request.passages = passages;
    std::map<std::string, std::string> leads;
    for (const auto& hit : searcher.search(request).hits) leads[hit.id] = hit.lead;
    EXPECT_EQ(leads["short"], "Flooding forced hundreds from their homes.") << passages;
    EXPECT_EQ(leads["long"],
              "Flooding in the valley of the \xC3\x96tz forced hundreds of families from their "
              "homes on Tuesday and\xE2\x80\xA6")
        << passages;
    EXPECT_EQ(leads["titled"], "") << passages;
  }
}

// The label of a facet value is the same whichever article is counted
// first, and not a typo's when a better form exists.
TEST(Searcher, FacetLabelsPreferTheUsualSpelling) {
  for (bool typo_first : {true, false}) {
    testing::TempDir dir;
    {
      IndexWriter writer(writable_database_path(dir.path() / "index"), IndexOptions{1, 10});
      std::vector<std::string> forms = {"FRance", "France", "FRANCE"};
      if (!typo_first) std::reverse(forms.begin(), forms.end());
      int k = 0;
      for (const auto& form : forms) {
        writer.add(article("wine-" + std::to_string(k++), "X", "2022-01-01", "Wine exports",
                           {"Wine exports rose."}, {{Entity::Type::place, "france", form}}));
      }
    }
    Searcher searcher((dir.path() / "index").string());
    SearchRequest request;
    request.query = "wine";
    request.facets = {"place"};
    auto result = searcher.search(request);
    ASSERT_EQ(result.facets.size(), 1u);
    ASSERT_EQ(result.facets[0].values.size(), 1u);
    EXPECT_EQ(result.facets[0].values[0].label, "France") << typo_first;
    EXPECT_EQ(result.facets[0].values[0].count, 3u);
  }
}

// Ordered by significance, a facet puts first the values that hold a
// larger share of the matches than of the whole index, and leaves out those
// that do not and those of one article: a place every article names is no
// news about the matches. The same on one database, from a long-lived
// Searcher's table of facet values, and over shards.
TEST(Searcher, FacetsBySignificanceShowWhatIsParticularToTheMatches) {
  testing::TempDir dir;
  std::vector<std::string> shards = {(dir.path() / "a").string(), (dir.path() / "b").string()};
  const std::string whole = (dir.path() / "whole").string();
  {
    IndexWriter one(writable_database_path(whole), IndexOptions{1, 10});
    std::vector<std::unique_ptr<IndexWriter>> parts;
    for (const auto& shard : shards) {
      parts.push_back(
          std::make_unique<IndexWriter>(writable_database_path(shard), IndexOptions{1, 10}));
    }
    // 20 coffee stories: all name the United States, 10 Brazil, 4
    // Colombia, 1 Peru. 20 steel stories: all name the United States, 2
    // Brazil. In the index: Brazil 12 of 40, Colombia 4.
    for (int k = 0; k < 40; ++k) {
      const bool coffee = k < 20;
      std::vector<Entity> places = {{Entity::Type::place, "united states", "United States"}};
      if ((coffee && k < 10) || (!coffee && k < 22)) {
        places.push_back({Entity::Type::place, "brazil", "Brazil"});
      }
      if (coffee && k >= 10 && k < 14)
        places.push_back({Entity::Type::place, "colombia", "Colombia"});
      if (k == 19) places.push_back({Entity::Type::place, "peru", "Peru"});
      auto story = article("story-" + std::to_string(k), "Wire", "2022-01-01",
                           coffee ? "Coffee prices" : "Steel prices",
                           {coffee ? "Coffee prices rose." : "Steel prices rose."}, places);
      one.add(story);
      parts[static_cast<std::size_t>(k % 2)]->add(story);
    }
  }
  SearchRequest request;
  request.query = "coffee";
  request.facets = {"place", "date"};
  auto places = [](const SearchResult& result) {
    std::vector<std::pair<std::string, std::uint64_t>> out;
    for (const auto& value : result.facets.at(0).values) out.emplace_back(value.value, value.count);
    return out;
  };
  using Values = std::vector<std::pair<std::string, std::uint64_t>>;

  Searcher searcher(whole);
  auto by_count = searcher.search(request);
  EXPECT_EQ(places(by_count),
            (Values{{"united states", 20}, {"brazil", 10}, {"colombia", 4}, {"peru", 1}}));
  EXPECT_EQ(by_count.facets[0].values[0].score, 0);

  request.facet_order = FacetOrder::significance;
  // Colombia: a fifth of the matches, a tenth of the index: (0.2 - 0.1) x
  // 0.2 / 0.1 = 0.2. Brazil: (0.5 - 0.3) x 0.5 / 0.3 = 0.33.
  const Values expected{{"brazil", 10}, {"colombia", 4}};
  for (int pass = 0; pass < 2; ++pass) {  // the second from the Searcher's table
    auto result = searcher.search(request);
    EXPECT_EQ(places(result), expected) << pass;
    ASSERT_EQ(result.facets[0].values.size(), 2u);
    EXPECT_NEAR(result.facets[0].values[0].score, 0.2 / 0.6, 1e-9);
    EXPECT_NEAR(result.facets[0].values[1].score, 0.2, 1e-9);
    // Dates stay in date order.
    EXPECT_EQ(result.facets[1].values.size(), 1u);
  }
  Searcher sharded(shards);
  EXPECT_EQ(places(sharded.search(request)), expected);

  // The long-lived Searcher kept the values' frequencies in the index for
  // that revision; after a commit that names Brazil in 20 more steel
  // stories (32 of 60: no longer more common among the matches), it
  // reads them again, as a new Searcher does.
  {
    IndexWriter more(writable_database_path(whole), IndexOptions{1, 10});
    for (int k = 40; k < 60; ++k) {
      more.add(article("story-" + std::to_string(k), "Wire", "2022-01-01", "Steel prices",
                       {"Steel prices rose."},
                       {{Entity::Type::place, "united states", "United States"},
                        {Entity::Type::place, "brazil", "Brazil"}}));
    }
  }
  const Values after{{"colombia", 4}};
  EXPECT_EQ(places(searcher.search(request)), after);
  EXPECT_EQ(places(Searcher(whole).search(request)), after);
}

std::string facets_text(const SearchResult& result) {
  std::string out;
  for (const auto& facet : result.facets) {
    out += facet.field + (facet.exact ? "" : "~") + std::to_string(facet.examined) + ":";
    for (const auto& value : facet.values) {
      out += " " + value.value + "[" + value.label + "]=" + std::to_string(value.count) + "(" +
             std::to_string(value.lower) + "-" + std::to_string(value.upper) + ")";
    }
    out += "\n";
  }
  return out;
}

// A long-lived Searcher keeps the facet values decoded from its second
// request for facets on (SearcherOptions::facet_memory): its counts and
// labels must be those read from the index, exact or sampled, and follow
// every commit (added, replaced, removed articles).
TEST(Searcher, FacetsKeptInMemoryEqualThoseReadFromTheIndex) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  const std::vector<std::string> spellings = {"FRance", "France", "FRANCE", "france"};
  // Labels spelt out in the pack (not the key's own spelling), the best of
  // them met in the middle.
  const std::vector<std::string> written = {"US AGRICULTURE DEPT", "U.S. Agriculture Department",
                                            "US Agriculture Department"};
  {
    IndexWriter writer(writable_database_path(index), IndexOptions{1, 10});
    for (int k = 0; k < 60; ++k) {
      std::vector<Entity> entities = {
          {Entity::Type::place, "france", spellings[k % spellings.size()]},
          {Entity::Type::organisation, "us agriculture department", written[k % written.size()]},
          {Entity::Type::person, "person " + std::to_string(k % 7),
           "Person " + std::to_string(k % 7)}};
      if (k % 3 == 0) entities.push_back({Entity::Type::place, "kyiv", k % 2 ? "KYIV" : "Kyiv"});
      std::string date =
          k % 10 == 9 ? "" : "2022-0" + std::to_string(1 + k % 9) + "-1" + std::to_string(k % 10);
      writer.add(article("wine-" + std::to_string(k), k % 4 ? "Northwind Wire" : "Kyiv Ledger",
                         date, "Wine exports", {"Wine exports rose in spring."}, entities));
    }
  }
  SearcherOptions read_each_time;
  read_each_time.facet_memory = 0;
  SearchRequest request;
  request.query = "wine";
  request.facets = {"place", "org", "person", "source", "date"};
  SearchRequest sampled = request;
  sampled.facet_exact_limit = 8;  // estimated from a sample of the 60 matches
  SearchRequest filtered = request;
  filtered.filters = {"place:kyiv"};
  SearchRequest few = request;  // persons 0-3 have 9 articles, 4-6 have 8
  few.facet_values = 3;

  Searcher kept(index);
  auto expect_same = [&](const std::string& when) {
    Searcher fresh(std::vector<std::string>{index}, read_each_time);
    for (const auto* asked : {&request, &sampled, &filtered, &few}) {
      auto expected = fresh.search(*asked);
      auto got = kept.search(*asked);
      EXPECT_EQ(facets_text(got), facets_text(expected)) << when;
      EXPECT_EQ(got.total, expected.total) << when;
    }
    EXPECT_EQ(fresh.facet_memory_used(), 0u);
  };
  EXPECT_EQ(kept.search(request).facets.size(), 5u);
  EXPECT_EQ(kept.facet_memory_used(), 0u);  // one request: nothing kept yet
  expect_same("first requests");
  EXPECT_GT(kept.facet_memory_used(), 0u);
  auto places = kept.search(request).facets[0];
  ASSERT_FALSE(places.values.empty());
  EXPECT_EQ(places.values[0].label, "France");
  EXPECT_EQ(places.values[0].count, 60u);
  auto orgs = kept.search(request).facets[1];
  ASSERT_FALSE(orgs.values.empty());
  EXPECT_EQ(orgs.values[0].label, "USDA");  // "U.S. Agriculture Department", by its alias
  auto persons = kept.search(few).facets[2];
  ASSERT_EQ(persons.values.size(), 3u);
  EXPECT_EQ(persons.values[2].value, "person 2");  // of four tied, the smallest keys

  {
    IndexWriter writer(writable_database_path(index));
    // wine-0 again, now about Italy; wine-1 gone; a new article.
    writer.add(article("wine-0", "Northwind Wire", "2022-05-01", "Wine exports",
                       {"Wine exports fell."}, {{Entity::Type::place, "italy", "Italy"}}));
    writer.remove("wine-1");
    writer.add(article("wine-new", "Baltic Morning Post", "2023-01-01", "Wine exports",
                       {"Wine exports doubled."}, {{Entity::Type::place, "france", "France"}}));
  }
  expect_same("after a commit");
  places = kept.search(request).facets[0];
  EXPECT_EQ(places.values[0].count, 59u);  // 60 - wine-0 - wine-1 + wine-new

  SearcherOptions too_little;
  too_little.facet_memory = 64;  // over the limit: read from the index
  Searcher small(std::vector<std::string>{index}, too_little);
  for (int k = 0; k < 3; ++k)
    EXPECT_EQ(facets_text(small.search(request)), facets_text(kept.search(request)));
  EXPECT_EQ(small.facet_memory_used(), 0u);
}

// Each hit's id, score and "similar" count, as one string.
std::string hits_text(const SearchResult& result) {
  std::string out;
  for (const auto& hit : result.hits) {
    out += hit.id + "/" + std::to_string(hit.score) + "/" + std::to_string(hit.similar) + " ";
  }
  return out;
}

// `query` in each of `orders`, collapsed then not (each order's requests
// in a row), 20 hits without passages.
std::vector<SearchRequest> collapsed_and_not(const std::string& query,
                                             const std::vector<SortOrder>& orders) {
  std::vector<SearchRequest> requests;
  for (auto sort : orders) {
    for (bool collapse : {true, false}) {
      SearchRequest request;
      request.query = query;
      request.sort = sort;
      request.collapse = collapse;
      request.passages = 0;
      request.limit = 20;
      requests.push_back(request);
    }
  }
  return requests;
}

// `kept` (a long-lived Searcher, keeping values in memory from its second
// search on) answers each of `requests`, three times over, as a Searcher
// that reads everything from the index for every request.
void expect_kept_as_read(Searcher& kept, const std::string& index,
                         const std::vector<SearchRequest>& requests, const std::string& when) {
  SearcherOptions read_each_time;
  read_each_time.facet_memory = 0;
  Searcher fresh(std::vector<std::string>{index}, read_each_time);
  for (int round = 0; round < 3; ++round) {
    for (const auto& request : requests) {
      EXPECT_EQ(hits_text(kept.search(request)), hits_text(fresh.search(request))) << when;
    }
  }
  EXPECT_EQ(fresh.facet_memory_used(), 0u);
}

// Equal scores are ordered newest first, and --sort newest/oldest by the
// publication time; a long-lived Searcher reads the times once and keeps
// them (PublicationTimes). The order, and which copy of a collapsed story is
// shown, must be those of reading each time from the index, and follow a
// commit.
TEST(Searcher, PublicationTimesKeptInMemoryOrderAsTheIndex) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  const std::vector<std::string> dates = {
      "2021-06-02", "", "2023-01-15", "2021-06-02", "2019-11-30", "2022-12-31", ""};
  {
    IndexWriter writer(writable_database_path(index), IndexOptions{1, 10});
    for (std::size_t k = 0; k < dates.size(); ++k) {
      // The same text (equal scores, one near-duplicate cluster) ...
      writer.add(article("copy-" + std::to_string(k), "Northwind Wire", dates[k], "Grain harvest",
                         {"The grain harvest was the largest in a decade, the farm ministry said "
                          "in the capital on Tuesday."}));
      // ... and texts of their own, of different lengths.
      writer.add(article("own-" + std::to_string(k), "Kyiv Ledger", dates[k], "Grain",
                         {"Grain prices " + std::string(k + 1, 'x') + " rose again.",
                          "Farmers stored grain in " + std::to_string(1990 + k) + "."}));
    }
  }
  auto requests =
      collapsed_and_not("grain", {SortOrder::relevance, SortOrder::newest, SortOrder::oldest});
  Searcher kept(index);
  auto expect_same = [&](const std::string& when) {
    expect_kept_as_read(kept, index, requests, when);
    EXPECT_GT(kept.facet_memory_used(), 0u) << when;
  };
  expect_same("first requests");
  SearchRequest newest = requests[3];  // newest, not collapsed
  auto hits = ids(kept.search(newest));
  ASSERT_EQ(hits.size(), 14u);
  EXPECT_TRUE(hits[0] == "copy-2" || hits[0] == "own-2") << hits[0];
  // Undated articles last.
  EXPECT_TRUE(hits[13].ends_with("-1") || hits[13].ends_with("-6")) << hits[13];
  SearchRequest relevance = requests[0];  // collapsed: the newest copy stands for the others
  auto collapsed = kept.search(relevance);
  bool copy_shown = false;
  for (const auto& hit : collapsed.hits) {
    if (!hit.id.starts_with("copy-")) continue;
    EXPECT_EQ(hit.id, "copy-2");
    EXPECT_EQ(hit.similar, 6u);
    copy_shown = true;
  }
  EXPECT_TRUE(copy_shown);

  {
    IndexWriter writer(writable_database_path(index));
    writer.add(article("copy-new", "Northwind Wire", "2024-02-29", "Grain harvest",
                       {"The grain harvest was the largest in a decade, the farm ministry said in "
                        "the capital on Tuesday."}));
    writer.remove("copy-2");
    // Replaced in place (the same document), now the newest of all.
    writer.add(article("own-4", "Kyiv Ledger", "2025-07-01", "Grain",
                       {"Grain prices rose again.", "Farmers stored grain."}));
  }
  expect_same("after a commit");
  hits = ids(kept.search(newest));
  ASSERT_GE(hits.size(), 2u);
  EXPECT_EQ(hits[0], "own-4");
  EXPECT_EQ(hits[1], "copy-new");
}

// Feedback re-ranks the first pass's top hits with their near-duplicate
// copies; a long-lived Searcher takes the copies from the clusters it keeps
// in memory (ClusterMembers) rather than from each hit's XDUP term. Hits,
// scores and "similar" counts must be those of reading the index, with and
// without collapsing, and follow a commit.
TEST(Searcher, FeedbackOverKeptClustersEqualsReadingTheIndex) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  auto story = [](int cluster, int words) {
    // Words of its own (so that stories do not cluster together), and
    // "harvest" in every one, a different number of times.
    std::string text = "Harvest";
    for (int k = 0; k < words; ++k) {
      text += " c" + std::to_string(cluster) + "w" + std::to_string(k);
      if (k % (2 + cluster % 5) == 0) text += " harvest";
    }
    return text + ".";
  };
  {
    IndexWriter writer(writable_database_path(index), IndexOptions{1, 50});
    // 40 stories (more than feedback re-ranks, so its candidates are
    // filtered), each sent 1-3 times on different days.
    for (int cluster = 0; cluster < 40; ++cluster) {
      for (int copy = 0; copy <= cluster % 3; ++copy) {
        writer.add(article("s" + std::to_string(cluster) + "-" + std::to_string(copy),
                           "Northwind Wire", "2022-03-1" + std::to_string(copy), "Harvest report",
                           {story(cluster, 14 + cluster % 6)}));
      }
    }
  }
  auto requests = collapsed_and_not("harvest", {SortOrder::relevance});
  Searcher kept(index);
  expect_kept_as_read(kept, index, requests, "first requests");
  bool folded = false;  // some hit stands for copies
  for (const auto& hit : kept.search(requests[0]).hits) folded = folded || hit.similar > 0;
  EXPECT_TRUE(folded);
  {
    IndexWriter writer(writable_database_path(index));
    // A fourth copy of story 2, a copy of story 5 gone, a new story.
    writer.add(article("s2-3", "Kyiv Ledger", "2022-03-20", "Harvest report", {story(2, 16)}));
    writer.remove("s5-0");
    writer.add(article("s40-0", "Kyiv Ledger", "2022-03-21", "Harvest report", {story(40, 15)}));
  }
  expect_kept_as_read(kept, index, requests, "after a commit");
}

// A query is stemmed in every language the index holds; a long-lived
// Searcher keeps that list per revision of the index, so an article in a
// new language is found by its stems from the next commit on.
TEST(Searcher, LanguagesOfTheIndexFollowCommits) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  {
    IndexWriter writer(writable_database_path(index));
    writer.add(article("en-1", "Northwind Wire", "2022-03-01", "Talks",
                       {"Negotiations resumed on the border."}));
  }
  Searcher searcher(index);
  SearchRequest request;
  request.query = "verhandlung";
  for (int k = 0; k < 3; ++k) EXPECT_EQ(searcher.search(request).total, 0u);
  {
    IndexWriter writer(writable_database_path(index));
    Article german = article("de-1", "Kyiv Ledger", "2022-03-02", "Gespräche",
                             {"Die Verhandlungen an der Grenze wurden fortgesetzt."});
    german.language = "de";
    writer.add(german);
  }
  // "Verhandlung" and "Verhandlungen" share a German stem, not an English one.
  EXPECT_EQ(ids(searcher.search(request)), std::vector<std::string>{"de-1"});
}

// A phrase whose words are in more articles than the ranked pass examines
// at least (1,000) but which matches fewer, and more than the hits it
// ranks (30 with feedback): the pass saw every match, so the total is
// exact, though Xapian's bounds (the words' frequencies) and its counts
// when collapsing cannot show it.
TEST(Searcher, ExactTotalForAPhraseOfFewMatchesAmongManyCandidates) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  {
    IndexWriter writer(writable_database_path(index), IndexOptions{1, 2000});
    for (int k = 0; k < 1100; ++k) {
      // Short texts (no near-duplicate signature): every article its own.
      std::string text = k % 20 == 0 ? "Bank rates rose, note " + std::to_string(k) + "."
                                     : "Rates at the bank rose, note " + std::to_string(k) + ".";
      writer.add(
          article("note-" + std::to_string(k), "Northwind Wire", "2022-03-01", "Note", {text}));
    }
  }
  Searcher searcher(index);
  SearchRequest request;
  request.query = "\"bank rates\"";
  request.passages = 0;
  auto result = searcher.search(request);
  EXPECT_EQ(result.total, 55u);  // notes 0, 20, ..., 1080
  EXPECT_TRUE(result.total_exact);
  EXPECT_EQ(result.total_lower, 55u);
  EXPECT_EQ(result.total_upper, 55u);
  EXPECT_EQ(result.hits.size(), 10u);
}

// Facets of more matches than the ranked pass examines (1,000), fewer than
// the exact limit, are counted exactly: the matches that pass saw first
// (docids up to its 1,000th match) and, in a second pass, those after. Here
// most matches come first in docid order, so that the second pass is led
// by the word's postings, not by the docids it starts after.
TEST(Searcher, FacetsOfMatchesTheRankedPassSawInPartAreExact) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  const std::vector<std::string> sources{"Northwind Wire", "Kyiv Ledger", "Baltic Courier"};
  std::map<std::string, std::uint64_t> truth;
  std::uint64_t matches = 0;
  {
    IndexWriter writer(writable_database_path(index), IndexOptions{1, 3000});
    for (int k = 0; k < 3000; ++k) {
      const bool harbour = k < 1050 || k % 100 == 0;
      const std::string& source = sources[(k * 7 + k / 3) % sources.size()];
      std::string text = std::string(harbour ? "The harbour" : "The market") + " reopened, note " +
                         std::to_string(k) + ".";
      writer.add(article("note-" + std::to_string(k), source, "2022-03-01", "Note", {text}));
      if (harbour) {
        ++truth[source];
        ++matches;
      }
    }
  }
  Searcher searcher(index);
  SearchRequest request;
  request.query = "harbour";
  request.passages = 0;
  request.facets = {"source"};
  auto result = searcher.search(request);
  ASSERT_EQ(result.facets.size(), 1u);
  const auto& facet = result.facets[0];
  EXPECT_TRUE(facet.exact);
  EXPECT_EQ(facet.examined, matches);
  std::map<std::string, std::uint64_t> counted;
  for (const auto& value : facet.values) counted[value.label] = value.count;
  EXPECT_EQ(counted, truth);
}

// Ids (and other keys) longer than a Xapian term allows are cut in their
// terms by the indexer; the id: filter and more-like-this must cut them the
// same way to find the article.
TEST(Searcher, FindsArticlesByIdsLongerThanATerm) {
  testing::TempDir dir;
  std::string long_id = "wire-" + std::string(240, 'x') + "-2022";
  {
    IndexWriter writer(writable_database_path(dir.path() / "index"));
    writer.add(article(long_id, "Northwind Wire", "2022-03-01", "Grain exports resume",
                       {"Grain exports resumed from the port of Odesa."}));
    writer.add(article("grain-2", "Kyiv Ledger", "2022-03-02", "Grain ships leave Odesa",
                       {"Ships carrying grain left the port of Odesa."}));
    // Unrelated articles, so that the shared words are distinctive.
    for (int k = 0; k < 4; ++k) {
      writer.add(article("other-" + std::to_string(k), "X", "2022-03-03", "Café culture",
                         {"A café in Riga reopens after the winter."}));
    }
  }
  Searcher searcher((dir.path() / "index").string());
  SearchRequest request;
  request.filters = {"id:" + long_id};
  EXPECT_EQ(ids(searcher.search(request)), std::vector<std::string>{long_id});
  SearchRequest like;
  like.like_id = long_id;
  EXPECT_EQ(ids(searcher.search(like)), std::vector<std::string>{"grain-2"});
}

TEST(Searcher, MissingIndexIsAClearError) {
  try {
    Searcher searcher("/nonexistent/index");
    FAIL();
  } catch (const IndexNotFoundError& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/index"), std::string::npos);
  }
}

TEST(Searcher, AShardAddressWithoutAPortIsAClearError) {
  // stoul read "80x" as port 80, and "99999" went to the resolver.
  for (const char* location : {"tcp://127.0.0.1", "tcp://127.0.0.1:80x", "tcp://127.0.0.1:99999",
                               "tcp://127.0.0.1:0", "tcp://:8080"}) {
    try {
      Searcher searcher(std::vector<std::string>{location});
      ADD_FAILURE() << location << " was accepted";
    } catch (const InvalidArgumentError& error) {
      EXPECT_NE(std::string(error.what()).find("must be tcp://HOST:PORT"), std::string::npos)
          << error.what();
    }
  }
}

TEST(Searcher, SeedArticleEndToEnd) {
  testing::TempDir dir;
  {
    IndexWriter writer(writable_database_path(dir.path() / "index"));
    testing::CollectingSink sink;
    read_path(std::filesystem::path(DATELINE_SOURCE_DIR) / "corpus/seed", InputFormat::automatic,
              ReaderLimits{}, sink);
    ASSERT_FALSE(sink.articles.empty());
    for (auto& a : sink.articles) writer.add(std::move(a));
  }
  Searcher searcher((dir.path() / "index").string());
  SearchRequest request;
  request.query = "refugees Poland";
  auto result = searcher.search(request);
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(result.hits[0].id, "abc-russia-ukraine-2022-03-11");
  bool unhcr = false;
  for (const auto& passage : result.hits[0].passages) {
    unhcr = unhcr || passage.text.find("UNHCR") != std::string::npos;
  }
  EXPECT_TRUE(unhcr) << "the UNHCR paragraph is among the passages";
}

}  // namespace
}  // namespace dateline
