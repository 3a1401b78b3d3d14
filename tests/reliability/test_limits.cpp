// Every documented limit (README "Limits") and what happens past it: one
// test per limit, at the limit and just past it.

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "../unit/indexer/test_support.h"
#include "dateline/common/article_json.h"
#include "dateline/common/error.h"
#include "dateline/common/mentioned_dates.h"
#include "dateline/common/text.h"
#include "dateline/indexer/index_location.h"
#include "dateline/indexer/index_writer.h"
#include "dateline/indexer/reader.h"
#include "dateline/query/searcher.h"
#include "passages.h"
#include "query_parser.h"

namespace dateline {
namespace {

struct Collected : ArticleSink {
  std::vector<Article> articles;
  std::vector<Skip> skips;
  std::vector<Skip> warnings;
  void article(Article&& article) override { articles.push_back(std::move(article)); }
  void skip(Skip&& skip) override { skips.push_back(std::move(skip)); }
  void warning(Skip&& warning) override { warnings.push_back(std::move(warning)); }
};

Collected read(const std::string& input, InputFormat format, const ReaderLimits& limits) {
  std::istringstream in(input);
  Collected sink;
  read_stream(in, "input", format, limits, sink);
  return sink;
}

std::string words(std::size_t count, std::string_view separator = " ") {
  std::string out;
  for (std::size_t k = 0; k < count; ++k) {
    if (k > 0) out += separator;
    out += "w" + std::to_string(k);
  }
  return out;
}

TEST(Limits, DefaultsAreTheDocumentedValues) {
  ReaderLimits limits;
  EXPECT_EQ(limits.max_article_bytes, 16u << 20);
  EXPECT_EQ(limits.max_record_bytes, 64u << 20);
  EXPECT_EQ(limits.max_list_items, 256u);
  query::ParserLimits parser;
  EXPECT_EQ(parser.max_terms, 1000u);
  EXPECT_EQ(parser.max_wildcard, 200u);
  EXPECT_EQ(parser.max_depth, 100u);
  EXPECT_EQ(max_json_depth, 64u);
  EXPECT_EQ(max_term_bytes, 64u);
  EXPECT_EQ(query::max_scan_bytes, 512u * 1024);
  EXPECT_EQ(mentioned_dates_max_text, 4u << 20);
  EXPECT_EQ(mentioned_dates_max_count, 2048u);
}

TEST(Limits, ArticleLargerThanMaxArticleBytesIsSkipped) {
  ReaderLimits limits;
  limits.max_article_bytes = 100;
  std::string fits = R"({"id":"a","title":")" + std::string(100, 'x') + "\"}\n";
  std::string over = R"({"id":"b","title":")" + std::string(101, 'x') + "\"}\n";
  auto result = read(fits + over, InputFormat::jsonl, limits);
  ASSERT_EQ(result.articles.size(), 1u);
  EXPECT_EQ(result.articles[0].id, "a");
  ASSERT_EQ(result.skips.size(), 1u);
  EXPECT_EQ(result.skips[0].reason, "too-large");
  EXPECT_EQ(result.skips[0].origin, "input:2");
}

TEST(Limits, RecordLongerThanMaxRecordBytesIsSkippedAndReadingGoesOn) {
  ReaderLimits limits;
  limits.max_record_bytes = 64;
  std::string line = R"({"id":"a","title":"t"})";
  std::string longer = R"({"id":"b","title":")" + std::string(100, 'x') + "\"}";
  auto result = read(line + "\n" + longer + "\n" + line + "\n", InputFormat::jsonl, limits);
  EXPECT_EQ(result.articles.size(), 2u);
  ASSERT_EQ(result.skips.size(), 1u);
  EXPECT_EQ(result.skips[0].reason, "too-large");
  EXPECT_EQ(result.skips[0].origin, "input:2");
  // A text article with a line over the limit is skipped whole.
  auto text = read("Headline\n" + std::string(100, 'y') + "\n", InputFormat::text, limits);
  EXPECT_TRUE(text.articles.empty());
  ASSERT_EQ(text.skips.size(), 1u);
  EXPECT_EQ(text.skips[0].reason, "too-large");
}

TEST(Limits, ListsLongerThanMaxListItemsAreCutWithAWarning) {
  ReaderLimits limits;
  limits.max_list_items = 3;
  auto at = read("Tags: a, b, c\n\nHeadline\nBody\n", InputFormat::text, limits);
  ASSERT_EQ(at.articles.size(), 1u);
  EXPECT_EQ(at.articles[0].tags.size(), 3u);
  EXPECT_TRUE(at.warnings.empty());
  auto over = read("Tags: a, b, c, d\n\nHeadline\nBody\n", InputFormat::text, limits);
  ASSERT_EQ(over.articles.size(), 1u);
  EXPECT_EQ(over.articles[0].tags.size(), 3u);
  ASSERT_EQ(over.warnings.size(), 1u);
  EXPECT_EQ(over.warnings[0].reason, "too-many-tags");
}

TEST(Limits, JsonNestedDeeperThanMaxJsonDepthIsRefused) {
  auto nested = [](std::size_t depth) {
    return R"({"title":"t","extra":)" + std::string(depth - 1, '[') + std::string(depth - 1, ']') +
           "}";
  };
  EXPECT_NO_THROW(article_from_json(nested(max_json_depth)));
  EXPECT_THROW(article_from_json(nested(max_json_depth + 1)), InvalidArgumentError);
}

TEST(Limits, QueryWithMoreThanMaxTermsIsASyntaxError) {
  detail::Analyzer analyzer("en");
  EXPECT_NO_THROW(query::parse_query(words(1000), analyzer));
  try {
    query::parse_query(words(1001), analyzer);
    FAIL() << "1001 terms parsed";
  } catch (const QuerySyntaxError& error) {
    EXPECT_NE(std::string(error.what()).find("more than 1000 terms"), std::string::npos);
  }
  // Every form counts: OR lists and phrases too.
  EXPECT_THROW(query::parse_query(words(1001, " OR "), analyzer), QuerySyntaxError);
  EXPECT_THROW(query::parse_query("\"" + words(1001) + "\"", analyzer), QuerySyntaxError);
}

TEST(Limits, ParenthesesNestedDeeperThanMaxDepthAreASyntaxError) {
  detail::Analyzer analyzer("en");
  EXPECT_NO_THROW(
      query::parse_query(std::string(100, '(') + "a" + std::string(100, ')'), analyzer));
  EXPECT_THROW(query::parse_query(std::string(101, '(') + "a" + std::string(101, ')'), analyzer),
               QuerySyntaxError);
}

TEST(Limits, TermsLongerThanMaxTermBytesAreNotSearchable) {
  detail::Analyzer analyzer("en");
  EXPECT_NO_THROW(query::parse_query(std::string(max_term_bytes, 'k'), analyzer));
  // Never "everything": a query of only over-long words is an error.
  EXPECT_THROW(query::parse_query(std::string(max_term_bytes + 1, 'k'), analyzer),
               QuerySyntaxError);
}

TEST(Limits, PassagesScanOnlyTheFirstMaxScanBytes) {
  detail::Analyzer analyzer("en");
  auto parsed = query::parse_query("needle", analyzer);
  std::vector<std::string> paragraphs(1, std::string(query::max_scan_bytes - 20, 'a') + " text.");
  paragraphs.push_back("A needle inside the bound.");
  EXPECT_FALSE(query::choose_passages(paragraphs, parsed.match, analyzer, 1)[0].highlights.empty());
  paragraphs[0] += std::string(40, 'b');
  EXPECT_TRUE(query::choose_passages(paragraphs, parsed.match, analyzer, 1)[0].highlights.empty());
}

TEST(Limits, MentionedDatesStopAtTheirBounds) {
  std::string many;
  while (many.size() < 80000) many += "in 2014, ";
  EXPECT_EQ(find_mentioned_dates(many, std::nullopt).size(), mentioned_dates_max_count);
  std::string late = std::string(mentioned_dates_max_text, ' ') + "On March 3, 2022.";
  EXPECT_TRUE(find_mentioned_dates(late, std::nullopt).empty());
}

class SearchLimits : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new testing::TempDir();
    IndexWriter writer(writable_database_path(s_dir->path() / "index"), IndexOptions{1, 1000});
    // 300 articles, each with its own word starting "zq": more words than
    // one wildcard may expand to.
    for (int k = 0; k < 300; ++k) {
      Article article;
      article.id = "limit-" + std::to_string(k);
      article.title = "Wildcard fodder " + std::to_string(k);
      article.paragraphs = {"The word zq" + std::to_string(1000 + k) + " appears once. Filler " +
                            std::to_string(k * 31) + "."};
      writer.add(std::move(article));
    }
    writer.commit();
  }
  static void TearDownTestSuite() { delete s_dir; }
  static inline testing::TempDir* s_dir = nullptr;
};

TEST_F(SearchLimits, WildcardExpandsToAtMostMaxWildcardTerms) {
  Searcher searcher((s_dir->path() / "index").string());
  SearchRequest request;
  request.query = "zq*";
  request.passages = 0;
  request.collapse = false;
  request.exact_total = true;
  request.limit = 1000;
  SearchResult result = searcher.search(request);
  EXPECT_EQ(result.total, 200u);  // one article per expanded word
  request.query = "zq10*";        // 100 words: within the limit, all match
  EXPECT_EQ(searcher.search(request).total, 100u);
}

TEST_F(SearchLimits, LimitAndPassagesHaveCeilings) {
  Searcher searcher((s_dir->path() / "index").string());
  SearchRequest request;
  request.query = "wildcard";
  request.limit = 10000;
  request.passages = 20;
  EXPECT_NO_THROW(searcher.search(request));
  request.limit = 10001;
  EXPECT_THROW(searcher.search(request), InvalidArgumentError);
  request.limit = 10;
  request.passages = 21;
  EXPECT_THROW(searcher.search(request), InvalidArgumentError);
}

}  // namespace
}  // namespace dateline
