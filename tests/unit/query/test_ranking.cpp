// Searcher's ranking options (SearchRequest::ranking): stopwords, title
// weight, BM25 parameters.

#include <gtest/gtest.h>

#include "dateline/common/error.h"
#include "dateline/indexer/index_writer.h"
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
}

}  // namespace
