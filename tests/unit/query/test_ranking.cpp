// Searcher's ranking options (SearchRequest::ranking): stopwords, title
// weight, weighting model and its parameters, pseudo-relevance feedback.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "dateline/common/date.h"
#include "dateline/common/error.h"
#include "dateline/indexer/index_location.h"
#include "dateline/indexer/index_writer.h"
#include "dateline/indexer/sharded_index.h"
#include "dateline/query/searcher.h"
#include "test_support.h"

namespace {

dateline::Article make_article(const std::string& id, const std::string& title,
                               const std::string& body) {
  dateline::Article article;
  article.id = id;
  article.title = title;
  article.paragraphs = {body};
  return article;
}

// The same articles as one index (DIR/single) and as two shards
// (DIR/sharded), without language detection.
void index_single_and_sharded(const std::filesystem::path& dir,
                              const std::vector<dateline::Article>& articles,
                              dateline::IndexOptions options) {
  options.detect_language = false;
  {
    dateline::IndexWriter writer(dateline::writable_database_path(dir / "single"), options);
    for (const auto& article : articles) writer.add(article);
  }
  dateline::ShardedWriter writer(dateline::writable_shard_paths(dir / "sharded", 2), options);
  for (const auto& article : articles) writer.add(article);
}

class RankingTest : public testing::Test {
 protected:
  void SetUp() override {
    dateline::IndexWriter writer(m_dir.path() / "index", dateline::IndexOptions{1, 100});
    // "budget" is once in a's title, twice in b's body.
    writer.add(
        make_article("a", "Budget vote", "The vote passed after a long night of the debate."));
    writer.add(
        make_article("b", "Parliament news", "The budget debate went on; the budget passed."));
    writer.add(make_article("c", "Weather", "Of the rain and the wind there was plenty."));
    writer.commit();
  }

  dateline::SearchResult search(const std::string& query, dateline::Ranking ranking) {
    dateline::Searcher searcher((m_dir.path() / "index").string());
    dateline::SearchRequest request;
    request.query = query;
    request.ranking = ranking;
    request.suggest = false;
    return searcher.search(request);
  }

  dateline::testing::TempDir m_dir;
};

TEST_F(RankingTest, StopwordsAreLeftOutOfRankedWordsOnly) {
  dateline::Ranking ranking;
  ranking.skip_stopwords = true;
  auto result = search("the budget of", ranking);
  EXPECT_EQ(result.query_description.find("Zthe"), std::string::npos) << result.query_description;
  EXPECT_EQ(result.query_description.find("Zof"), std::string::npos) << result.query_description;
  EXPECT_EQ(result.hits.size(), 2u);  // only the articles with "budget"
  for (const auto& hit : result.hits) {
    for (const auto& passage : hit.passages) {
      for (const auto& highlight : passage.highlights) {
        EXPECT_EQ(passage.text.substr(highlight.begin, highlight.end - highlight.begin), "budget");
      }
    }
  }

  // Kept: in a phrase, as a required word, and when nothing else is left.
  EXPECT_NE(search("\"of the rain\"", ranking).query_description.find("the"), std::string::npos);
  // Stopwords have no stem terms; they are searched as the words themselves.
  EXPECT_NE(search("+the budget", ranking).query_description.find("(the"), std::string::npos);
  auto only_stopwords = search("the of", ranking);
  EXPECT_NE(only_stopwords.query_description.find("the"), std::string::npos);
  EXPECT_EQ(only_stopwords.hits.size(), 3u);
}

TEST_F(RankingTest, StopwordsCountWhenNotSkipped) {
  dateline::Ranking ranking;
  ranking.skip_stopwords = false;
  auto result = search("the budget", ranking);
  EXPECT_NE(result.query_description.find("(the"), std::string::npos);
  EXPECT_EQ(result.hits.size(), 3u);
}

TEST_F(RankingTest, TitleWeightFavoursTitleMatches) {
  dateline::Ranking plain;
  plain.model = dateline::WeightingModel::bm25;
  plain.feedback_documents = 0;
  plain.title_weight = 0;
  plain.b = 0;  // equal lengths do not matter then; b's two mentions win
  auto without = search("budget", plain);
  ASSERT_EQ(without.hits.size(), 2u);
  EXPECT_EQ(without.hits[0].id, "b");
  EXPECT_EQ(without.query_description.find("ZSbudget"), std::string::npos);

  dateline::Ranking boosted = plain;
  boosted.title_weight = 2;
  auto with = search("budget", boosted);
  EXPECT_NE(with.query_description.find("ZSbudget"), std::string::npos) << with.query_description;
  ASSERT_EQ(with.hits.size(), 2u);
  EXPECT_EQ(with.hits[0].id, "a");
}

TEST_F(RankingTest, FeedbackOnlyReordersAndIsNotHighlighted) {
  dateline::Ranking off;
  off.feedback_documents = 0;
  auto without = search("vote", off);
  EXPECT_EQ(without.query_description.find("Zdebat"), std::string::npos);

  dateline::Ranking on;  // the default: feedback from the top hits
  ASSERT_GT(on.feedback_documents, 0u);
  auto with = search("vote", on);
  // The top hit's stems ("debate", "budget"...) join the query...
  EXPECT_NE(with.query_description.find("Zdebat"), std::string::npos) << with.query_description;
  // ...but match nothing new ("budget" alone is in b): same hits, same count.
  EXPECT_EQ(with.total, without.total);
  ASSERT_EQ(with.hits.size(), without.hits.size());
  ASSERT_EQ(with.hits.size(), 1u);
  EXPECT_EQ(with.hits[0].id, "a");
  for (const auto& passage : with.hits[0].passages) {
    for (const auto& highlight : passage.highlights) {
      EXPECT_EQ(passage.text.substr(highlight.begin, highlight.end - highlight.begin), "vote");
    }
  }
}

TEST_F(RankingTest, FeedbackReRanksOnlyTheTopHits) {
  dateline::Searcher searcher((m_dir.path() / "index").string());
  dateline::SearchRequest request;
  request.query = "budget OR debate OR vote OR rain";
  request.suggest = false;
  request.ranking.feedback_documents = 0;
  auto without = searcher.search(request);
  ASSERT_EQ(without.hits.size(), 3u);

  // Depth 0: only the top offset + limit hits are re-ranked, so with a
  // limit of 1 the top hit is the first pass's, scored with feedback.
  request.ranking = {};
  request.ranking.feedback_depth = 0;
  request.limit = 1;
  auto top = searcher.search(request);
  ASSERT_EQ(top.hits.size(), 1u);
  EXPECT_EQ(top.hits[0].id, without.hits[0].id);
  EXPECT_NE(top.query_description.find("Zdebat"), std::string::npos) << top.query_description;
  EXPECT_EQ(top.total, without.total);

  // Pages of a re-ranked list fit together, and hold every match once.
  request.ranking = {};
  request.limit = 3;
  auto all = searcher.search(request);
  ASSERT_EQ(all.hits.size(), 3u);
  std::vector<std::string> paged;
  for (std::size_t offset = 0; offset < 3; ++offset) {
    request.offset = offset;
    request.limit = 1;
    auto page = searcher.search(request);
    ASSERT_EQ(page.hits.size(), 1u);
    EXPECT_EQ(page.hits[0].rank, offset + 1);
    EXPECT_EQ(page.hits[0].score, all.hits[offset].score);
    paged.push_back(page.hits[0].id);
  }
  std::vector<std::string> ids;
  for (const auto& hit : all.hits) ids.push_back(hit.id);
  EXPECT_EQ(paged, ids);
  std::vector<std::string> first_pass;
  for (const auto& hit : without.hits) first_pass.push_back(hit.id);
  std::sort(ids.begin(), ids.end());
  std::sort(first_pass.begin(), first_pass.end());
  EXPECT_EQ(ids, first_pass);
}

// On one local index the re-ranked candidates are a docid filter, over
// shards a filter of their cluster and id terms: either way exactly the
// first pass's top hits, with their near-duplicate copies, are re-ranked.
TEST(Feedback, ReRanksExactlyTheFirstPassTopHitsWithTheirCopies) {
  dateline::testing::TempDir dir;
  {
    dateline::IndexWriter writer(dir.path() / "index", dateline::IndexOptions{1, 100});
    const std::vector<std::string> cities{"Minsk", "Geneva", "Antalya", "Vienna", "Istanbul"};
    const std::vector<std::string> topics{"grain", "prisoners", "ceasefire", "energy", "corridors"};
    for (int k = 0; k < 40; ++k) {
      const std::string& city = cities[k % cities.size()];
      const std::string& topic = topics[(k / 5) % topics.size()];
      std::string body = "Talks on " + topic + " resumed in " + city + ".";
      for (int repeat = 0; repeat < k % 4; ++repeat) body += " The talks on " + topic + " went on.";
      writer.add(make_article("talks-" + std::to_string(k), "Talks in " + city, body));
    }
    // A wire story and its copy: one cluster, collapsed into one hit.
    const std::string wire = dateline::testing::wire_story;
    writer.add(make_article("wire", "Grain talks resume", wire));
    writer.add(make_article("wire-copy", "Grain talks resume in Istanbul", wire));
    writer.commit();
  }
  dateline::Searcher searcher((dir.path() / "index").string());
  dateline::SearchRequest request;
  request.query = "talks grain";
  request.suggest = false;
  request.limit = 10;
  request.ranking.feedback_documents = 0;
  auto first_pass = searcher.search(request);
  ASSERT_EQ(first_pass.hits.size(), 10u);
  ASSERT_GT(first_pass.total, 10u);  // so the candidates are filtered

  request.ranking = {};
  request.ranking.feedback_depth = 10;
  auto reranked = searcher.search(request);
  // Feedback was applied (a filter that lost a candidate falls back to the
  // first pass's order, without the expansion terms).
  EXPECT_NE(reranked.query_description.find("AND_MAYBE"), std::string::npos)
      << reranked.query_description;
  auto by_id = [](const dateline::SearchResult& result) {
    std::map<std::string, std::size_t> similar;
    for (const auto& hit : result.hits) similar[hit.id] = hit.similar;
    return similar;
  };
  auto expected = by_id(first_pass);
  EXPECT_EQ(by_id(reranked), expected);
  // The copy was re-ranked with its original: still one hit, "1 similar".
  const bool wire_shown = expected.contains("wire") || expected.contains("wire-copy");
  ASSERT_TRUE(wire_shown);
  EXPECT_EQ(expected.contains("wire") ? expected["wire"] : expected["wire-copy"], 1u);
}

// Feedback adds the expansion's weight to the first pass's hits, not to
// their near-duplicate copies: the copy shown is the best match of the
// query as typed, on one index and over shards alike. Here the copy
// matches the query as well as its original, and holds more of the words
// feedback adds: with the expansion's weight it would be shown instead, as
// it was when every copy got it.
TEST(Feedback, ShowsTheCopyTheFirstPassShowed) {
  dateline::testing::TempDir dir;
  std::vector<dateline::Article> articles;
  const std::string story =
      "Talks on grain exports resumed in Istanbul on Monday as delegations met United Nations "
      "and Turkish officials to discuss the corridor for ships carrying wheat and maize from "
      "the ports of Odesa to buyers in Africa and the Middle East, officials said.";
  articles.push_back(make_article("story", "Grain talks resume", story));
  // The same length and the same query words, so the same weight for the
  // query, but "delegates and officials" for "wheat and maize".
  std::string copy = story;
  copy.replace(copy.find("wheat and maize"), 15, "delegates and officials");
  articles.push_back(make_article("story-copy", "Grain talks resume", copy));
  for (int k = 0; k < 30; ++k) {
    std::string body = "Grain talks in round " + std::to_string(k) + " covered the corridor";
    for (int repeat = 0; repeat < k % 3; ++repeat) body += " for wheat and maize";
    body += ". Delegates r" + std::to_string(k) + " met again.";
    articles.push_back(make_article("round-" + std::to_string(k), "Round of talks", body));
  }
  index_single_and_sharded(dir.path(), articles, dateline::IndexOptions{1, 100});
  for (const std::string layout : {"single", "sharded"}) {
    SCOPED_TRACE(layout);
    dateline::Searcher searcher((dir.path() / layout).string());
    dateline::SearchRequest request;
    request.query = "grain talks istanbul";
    request.suggest = false;
    request.passages = 0;
    request.ranking.feedback_documents = 0;
    auto first_pass = searcher.search(request);
    ASSERT_FALSE(first_pass.hits.empty());
    ASSERT_EQ(first_pass.hits[0].id, "story");
    ASSERT_EQ(first_pass.hits[0].similar, 1u) << "the copy is not in the story's cluster";
    request.ranking = {};
    auto reranked = searcher.search(request);
    EXPECT_NE(reranked.query_description.find("AND_MAYBE"), std::string::npos);
    std::map<std::string, std::size_t> shown;
    for (const auto& hit : reranked.hits) shown[hit.id] = hit.similar;
    EXPECT_TRUE(shown.contains("story"));
    EXPECT_FALSE(shown.contains("story-copy"));
    EXPECT_EQ(shown["story"], 1u);
  }
}

// On one local index the re-ranking pass takes each candidate's weight for
// the query from the first pass, which examined it, and matches the query
// again only for candidates that pass skipped (past its first 1,000
// matches); over shards it matches the query again for every candidate.
// Both must give the same hits, scores and "similar" counts: here a phrase
// of more matches than the first pass examines at least, whose top stories
// have copies that score lower (a longer text) or do not match (the phrase
// broken). With either weighting model, and in a new Searcher's first
// search, which reads the clusters' copies from the index rather than from
// memory.
TEST(Feedback, FirstPassWeightsReRankAsMatchingTheQueryAgain) {
  dateline::testing::TempDir dir;
  std::vector<dateline::Article> articles;
  const std::vector<std::string> topics{"mining",   "retail", "shipping", "banking",
                                        "telecoms", "steel",  "insurance"};
  auto add = [&](const std::string& id, const std::string& body) {
    dateline::Article article = make_article(id, "Results", body);
    // A day of its own: equal scores are ordered by date, the same in both
    // layouts (not by docid, which differs).
    const int day = static_cast<int>(articles.size());
    char date[32];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", 1990 + day / 336, 1 + day / 28 % 12,
                  1 + day % 28);
    article.published = dateline::parse_date(date);
    articles.push_back(std::move(article));
  };
  for (int k = 0; k < 1200; ++k) {
    // Words of its own, so that reports do not cluster together.
    const std::string& topic = topics[k % topics.size()];
    std::string body = "The " + topic + " group declared a quarterly dividend";
    for (int word = 0; word < 30; ++word) {
      body += " r" + std::to_string(k) + "w" + std::to_string(word);
      if (word % (2 + k % 5) == 0) body += " " + topic;
    }
    body += ".";
    add("report-" + std::to_string(k), body);
    if (k % 40 == 0) {
      // Copies of every 40th report: one with a longer text (a lower
      // weight), one whose "quarterly dividend" is broken (not a match).
      add("report-" + std::to_string(k) + "-long", body + " Shares were little changed.");
      std::string broken = body;
      broken.replace(broken.find("quarterly dividend"), 18, "quarterly cash dividend");
      add("report-" + std::to_string(k) + "-broken", broken);
    }
  }
  index_single_and_sharded(dir.path(), articles, dateline::IndexOptions{1, 2000});
  dateline::Searcher single((dir.path() / "single").string());
  dateline::Searcher sharded((dir.path() / "sharded").string());
  auto hits = [](const dateline::SearchResult& result) {
    std::string out;
    for (const auto& hit : result.hits) {
      out += hit.id + "/" + std::to_string(hit.score) + "/" + std::to_string(hit.similar) + " ";
    }
    return out;
  };
  bool copies_folded = false;
  dateline::Ranking bm25;
  bm25.model = dateline::WeightingModel::bm25;
  bm25.k1 = 0.9;
  bm25.b = 0.6;
  for (const auto& ranking : {dateline::Ranking{}, bm25}) {
    for (const std::string query : {"\"quarterly dividend\"", "dividend", "banking OR steel",
                                    "\"quarterly dividend\" mining"}) {
      for (std::size_t limit : {10u, 30u}) {
        SCOPED_TRACE(query + ", limit " + std::to_string(limit) +
                     (ranking.model == dateline::WeightingModel::bm25 ? ", BM25" : ", IneB2"));
        dateline::SearchRequest request;
        request.query = query;
        request.limit = limit;
        request.passages = 0;
        request.suggest = false;
        request.ranking = ranking;
        auto local = single.search(request);
        ASSERT_EQ(local.hits.size(), limit);
        EXPECT_NE(local.query_description.find("AND_MAYBE"), std::string::npos);
        auto shards = sharded.search(request);
        EXPECT_EQ(hits(local), hits(shards));
        // A new Searcher reads the clusters' copies from the index.
        auto first = dateline::Searcher((dir.path() / "single").string()).search(request);
        EXPECT_EQ(hits(first), hits(shards));
        ASSERT_EQ(local.hits.size(), shards.hits.size());
        ASSERT_EQ(first.hits.size(), shards.hits.size());
        for (std::size_t k = 0; k < local.hits.size(); ++k) {
          EXPECT_NEAR(local.hits[k].score, shards.hits[k].score, 1e-9 * shards.hits[k].score);
          EXPECT_NEAR(first.hits[k].score, shards.hits[k].score, 1e-9 * shards.hits[k].score);
        }
        request.ranking.feedback_documents = 0;
        EXPECT_NE(hits(local), hits(single.search(request))) << "feedback changed nothing";
        for (const auto& hit : local.hits) copies_folded = copies_folded || hit.similar > 0;
      }
    }
  }
  EXPECT_TRUE(copies_folded);
}

TEST_F(RankingTest, BothWeightingModelsRank) {
  std::vector<double> top_scores;
  for (auto model : {dateline::WeightingModel::bm25, dateline::WeightingModel::ineb2}) {
    dateline::Ranking ranking;
    ranking.model = model;
    auto result = search("budget debate", ranking);
    ASSERT_EQ(result.hits.size(), 2u);
    EXPECT_GT(result.hits[1].score, 0);
    EXPECT_GE(result.hits[0].score, result.hits[1].score);
    top_scores.push_back(result.hits[0].score);
  }
  EXPECT_NE(top_scores[0], top_scores[1]);  // the model is really used
}

// A recency preference (SearchRequest::recency_half_life_days) orders the
// top hits again by score x (1 + 2^(-age / half-life)), the age in days from
// the newest of them; an undated hit keeps its score. The same on one index
// and over shards (the hits' own dates, not the layout, decide).
TEST(Recency, PrefersRecentArticlesAmongTheTopHits) {
  dateline::testing::TempDir dir;
  auto dated = [](const std::string& id, const std::string& title, const std::string& body,
                  const std::string& date) {
    dateline::Article article = make_article(id, title, body);
    if (!date.empty()) article.published = dateline::parse_date(date);
    return article;
  };
  const std::vector<dateline::Article> articles = {
      dated("old", "Budget vote", "The vote passed after long talks; the budget passed.",
            "2020-01-01"),
      dated("new", "Parliament news", "The budget passed; the budget vote was close.",
            "2020-03-01"),
      dated("mid", "Budget", "The budget passed after the vote.", "2020-02-20"),
      dated("undated", "Budget talks", "A budget was agreed.", ""),
      dated("rain", "Weather", "Rain and wind all week.", "2020-03-02"),
      dated("trains", "Transport", "Trains ran late all week.", "2020-02-01")};
  index_single_and_sharded(dir.path(), articles, dateline::IndexOptions{1, 100});
  for (const std::string layout : {"single", "sharded"}) {
    SCOPED_TRACE(layout);
    dateline::Searcher searcher((dir.path() / layout).string());
    dateline::SearchRequest request;
    request.query = "budget";
    request.suggest = false;
    request.passages = 0;
    const auto plain = searcher.search(request);
    ASSERT_EQ(plain.hits.size(), 4u);
    std::map<std::string, double> plain_score;
    for (const auto& hit : plain.hits) plain_score[hit.id] = hit.score;

    request.recency_half_life_days = 10;
    const auto recent = searcher.search(request);
    ASSERT_EQ(recent.hits.size(), 4u);
    EXPECT_EQ(recent.total, plain.total);
    // "new" is the newest of the hits (the weather story after it does not
    // match): its score counts double, "mid" (10 days older) 1.5 times,
    // "old" (60 days older) 1 + 2^-6 times; "undated" keeps its score.
    const std::map<std::string, double> factor = {
        {"new", 2.0}, {"mid", 1.5}, {"old", 1.0 + std::exp2(-6.0)}, {"undated", 1.0}};
    for (const auto& hit : recent.hits) {
      EXPECT_NEAR(hit.score, plain_score.at(hit.id) * factor.at(hit.id), 1e-9) << hit.id;
    }
    // "new" rises above "old", which the plain order put first.
    auto rank_of = [](const dateline::SearchResult& result, const std::string& id) {
      for (const auto& hit : result.hits) {
        if (hit.id == id) return hit.rank;
      }
      return std::size_t{0};
    };
    EXPECT_GT(rank_of(plain, "new"), rank_of(plain, "old"));
    EXPECT_LT(rank_of(recent, "new"), rank_of(recent, "old"));
    for (std::size_t k = 1; k < recent.hits.size(); ++k) {
      EXPECT_GE(recent.hits[k - 1].score, recent.hits[k].score);
      EXPECT_EQ(recent.hits[k].rank, k + 1);
    }
    // Paging goes through the same order.
    request.offset = 1;
    request.limit = 2;
    const auto page = searcher.search(request);
    ASSERT_EQ(page.hits.size(), 2u);
    EXPECT_EQ(page.hits[0].id, recent.hits[1].id);
    EXPECT_EQ(page.hits[1].id, recent.hits[2].id);
    EXPECT_EQ(page.hits[0].rank, 2u);
  }
}

TEST(Recency, RejectsADateOrderAndANegativeHalfLife) {
  dateline::testing::TempDir dir;
  index_single_and_sharded(dir.path(), {make_article("a", "Budget", "The budget passed.")},
                           dateline::IndexOptions{1, 100});
  dateline::Searcher searcher((dir.path() / "single").string());
  dateline::SearchRequest request;
  request.query = "budget";
  request.recency_half_life_days = 30;
  request.sort = dateline::SortOrder::newest;
  EXPECT_THROW(searcher.search(request), dateline::InvalidArgumentError);
  request.sort = dateline::SortOrder::relevance;
  request.recency_half_life_days = -1;
  EXPECT_THROW(searcher.search(request), dateline::InvalidArgumentError);
  request.recency_half_life_days = 30;
  EXPECT_EQ(searcher.search(request).hits.size(), 1u);
}

TEST_F(RankingTest, RejectsParametersOutOfRange) {
  dateline::Ranking ranking;
  ranking.k1 = -1;
  EXPECT_THROW(search("budget", ranking), dateline::InvalidArgumentError);
  ranking = {};
  ranking.b = 1.5;
  EXPECT_THROW(search("budget", ranking), dateline::InvalidArgumentError);
  ranking = {};
  ranking.title_weight = -0.5;
  EXPECT_THROW(search("budget", ranking), dateline::InvalidArgumentError);
  ranking = {};
  ranking.feedback_terms = 0;
  EXPECT_THROW(search("budget", ranking), dateline::InvalidArgumentError);
  ranking = {};
  ranking.feedback_weight = -1;
  EXPECT_THROW(search("budget", ranking), dateline::InvalidArgumentError);
}

}  // namespace
