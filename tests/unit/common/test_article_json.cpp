#include <gtest/gtest.h>

#include <cmath>

#include "dateline/common/article_json.h"
#include "dateline/common/error.h"
#include "dateline/common/schema.h"

namespace dateline {
namespace {

TEST(ArticleJson, RoundTripKeepsEveryField) {
  Article article;
  article.id = "a1";
  article.url = "https://example.org/a1";
  article.source = "Northwind Wire";
  article.title = "Talks resume";
  article.dek = "Delegations meet again";
  article.authors = {"Ann Writer"};
  article.published = parse_date("2022-03-02T14:05:00+02:00");
  article.language = "en";
  article.paragraphs = {"First.", "Second."};
  article.tags = {"talks"};
  article.given_entities = {Entity{Entity::Type::place, "kyiv", "Kyiv"}};
  article.dateline = "KYIV, March 2 -";
  Article back = article_from_json(article_to_json(article));
  EXPECT_EQ(back.id, article.id);
  EXPECT_EQ(back.url, article.url);
  EXPECT_EQ(back.source, article.source);
  EXPECT_EQ(back.title, article.title);
  EXPECT_EQ(back.dek, article.dek);
  EXPECT_EQ(back.authors, article.authors);
  ASSERT_TRUE(back.published);
  EXPECT_EQ(*back.published, *article.published);
  EXPECT_EQ(back.paragraphs, article.paragraphs);
  EXPECT_EQ(back.tags, article.tags);
  ASSERT_EQ(back.given_entities.size(), 1u);
  EXPECT_EQ(back.given_entities[0].display, "Kyiv");
  EXPECT_EQ(back.dateline, article.dateline);
}

// The searcher reads hits through article_from_document_data; it must give
// exactly what article_from_json gives, with the paragraphs or without.
TEST(ArticleJson, DocumentDataReadsAsArticleFromJson) {
  Article article;
  article.id = "a2";
  article.title = "Quotes \"and\" \\ \"paragraphs\":[ inside";
  article.dek = "dek";
  article.published = parse_date("1987-03-02");
  article.paragraphs = {"Tab\there, newline\nthere, \x01 control, \"quoted\" \\ back",
                        "Unicode: Zo\u00eb \u041c\u043e\u0441\u043a\u0432\u0430 \U0001F600", "",
                        "\"paragraphs\":[\"not a key\"]"};
  article.tags = {"t"};
  article.given_entities = {Entity{Entity::Type::place, "kyiv", "Kyiv"}};
  std::string data = article_to_json(article);
  Article full = article_from_json(data);
  Article fast = article_from_document_data(data, true);
  EXPECT_EQ(fast.paragraphs, full.paragraphs);
  EXPECT_EQ(fast.paragraphs, article.paragraphs);
  EXPECT_EQ(fast.title, full.title);
  EXPECT_EQ(fast.dek, full.dek);
  EXPECT_EQ(fast.tags, full.tags);
  ASSERT_TRUE(fast.published);
  EXPECT_EQ(*fast.published, *full.published);
  ASSERT_EQ(fast.given_entities.size(), 1u);
  Article slim = article_from_document_data(data, false);
  EXPECT_TRUE(slim.paragraphs.empty());
  EXPECT_EQ(slim.title, full.title);
  EXPECT_EQ(slim.id, full.id);
  // No paragraphs at all, paragraphs first, and "body" after "paragraphs".
  EXPECT_TRUE(article_from_document_data(R"({"id":"x","paragraphs":[]})", true).paragraphs.empty());
  EXPECT_EQ(article_from_document_data(R"({"paragraphs":["a"],"title":"T"})", true).title, "T");
  EXPECT_EQ(article_from_document_data(R"({"body":"b","paragraphs":["a"]})", true).paragraphs,
            (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(article_from_document_data(R"({"id":"y"})", true).id, "y");
  EXPECT_THROW(article_from_document_data(R"({"paragraphs":["a"],)", false), InvalidArgumentError);
}

TEST(ArticleJson, AcceptsAliasesAndBody) {
  std::string bad_date;
  Article a = article_from_json(
      R"({"headline":"H","body":"Para one\nstill one\n\nPara two","author":"X","date":"Feb. 24, 2022","keywords":"k","unknown":1})",
      &bad_date);
  EXPECT_EQ(a.title, "H");
  EXPECT_EQ(a.paragraphs, (std::vector<std::string>{"Para one still one", "Para two"}));
  EXPECT_EQ(a.authors, std::vector<std::string>{"X"});
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->day_key(), "20220224");
  EXPECT_TRUE(bad_date.empty());
}

// News exports name a story's section in several ways; each is a tag.
TEST(ArticleJson, TopicCategoryAndSectionAreTagAliases) {
  for (const char* member : {"topic", "category", "section"}) {
    EXPECT_EQ(article_from_json(R"({"title":"T",")" + std::string(member) + R"(":"Sport"})").tags,
              std::vector<std::string>{"Sport"})
        << member;
  }
  EXPECT_EQ(article_from_json(R"({"title":"T","categories":["Sport","Tennis"]})").tags,
            (std::vector<std::string>{"Sport", "Tennis"}));
}

// What the CSV reader maps a header row and its cells with.
TEST(ArticleJson, FieldsAreReadAsJsonMembersOfTheSameName) {
  EXPECT_EQ(article_field_name("Headline"), "headline");
  EXPECT_EQ(article_field_name("DATEPUBLISHED"), "datePublished");
  EXPECT_EQ(article_field_name("views"), "");
  EXPECT_TRUE(is_article_text_field("summary"));
  EXPECT_TRUE(is_article_text_field("Content"));
  EXPECT_FALSE(is_article_text_field("date"));
  EXPECT_FALSE(is_article_text_field("views"));

  const std::vector<ArticleFieldValue> fields{
      {"headline", "First"},     {"title", "Second"},
      {"date", "yesterday-ish"}, {"text", "Para one\n\nPara two"},
      {"views", "12"},           {"headline", "Later"}};
  std::string bad_date;
  Article a = article_from_fields(fields, &bad_date);
  EXPECT_EQ(a.title, "Second");  // "title" before its alias, as in JSON
  EXPECT_EQ(a.paragraphs, (std::vector<std::string>{"Para one", "Para two"}));
  EXPECT_FALSE(a.published);
  EXPECT_EQ(bad_date, "yesterday-ish");
  EXPECT_EQ(article_from_fields(
                std::vector<ArticleFieldValue>{{"headline", "First"}, {"headline", "Later"}})
                .title,
            "First");
}

TEST(ArticleJson, BadDateLeavesArticleUndated) {
  std::string bad_date;
  Article a = article_from_json(R"({"title":"T","published":"yesterday-ish"})", &bad_date);
  EXPECT_FALSE(a.published);
  EXPECT_EQ(bad_date, "yesterday-ish");
}

TEST(ArticleJson, ErrorsNameTheProblem) {
  EXPECT_THROW(article_from_json("{\"title\": "), InvalidArgumentError);
  EXPECT_THROW(article_from_json("[1,2]"), InvalidArgumentError);
  try {
    article_from_json(R"({"title": {}})");
    FAIL();
  } catch (const InvalidArgumentError& error) {
    EXPECT_NE(std::string(error.what()).find("title"), std::string::npos);
  }
}

// Found by fuzzing (tests/fuzz/corpus/article_json/crash-number-overflow):
// nlohmann's out_of_range escaped and stopped the whole indexing run.
TEST(ArticleJson, NumberTooLargeIsMalformed) {
  EXPECT_THROW(article_from_json(R"({"title": "t", "extra": 1e400})"), InvalidArgumentError);
}

TEST(StableId, GivenThenUrlThenContent) {
  Article a;
  a.title = "Same text";
  std::string by_content = stable_article_id(a);
  EXPECT_EQ(by_content[0], 'h');
  EXPECT_EQ(stable_article_id(a), by_content);
  a.url = "https://example.org/x";
  EXPECT_EQ(stable_article_id(a)[0], 'u');
  a.id = "given";
  EXPECT_EQ(stable_article_id(a), "given");
}

// Facet estimates scale sample counts by 2^level: sample j must hold about
// 2^-j of any set of ids, including ids that differ only in a number.
TEST(SampleLevel, HalvesAtEachLevelAndIsStable) {
  const int ids = 1 << 18;
  std::vector<int> at_least(schema::sample_levels + 2);
  for (int k = 0; k < ids; ++k) {
    unsigned level = sample_level("reuters-" + std::to_string(k));
    ASSERT_LE(level, schema::sample_levels);
    for (unsigned j = 0; j <= level; ++j) ++at_least[j];
  }
  EXPECT_EQ(at_least[0], ids);
  for (unsigned j = 1; j <= 8; ++j) {
    double expected = std::ldexp(ids, -static_cast<int>(j));
    // Within four standard deviations of the binomial count.
    EXPECT_NEAR(at_least[j], expected, 4 * std::sqrt(expected)) << "level " << j;
  }
  // Persisted in every index (XSAMPLE terms): a change resamples them all.
  EXPECT_EQ(sample_level("reuters-1"), sample_level(std::string("reuters-1")));
}

}  // namespace
}  // namespace dateline

namespace dateline {
namespace {

TEST(ArticleJson, LoneSurrogateEscapesAreReplaced) {
  std::size_t replaced = 0;
  EXPECT_EQ(replace_lone_surrogate_escapes(R"({"title":"a\ud800b \udc00 \ud83d\ude00 \\ud800"})",
                                           &replaced),
            R"({"title":"a\ufffdb \ufffd \ud83d\ude00 \\ud800"})");
  EXPECT_EQ(replaced, 2u);
  EXPECT_EQ(article_from_json(replace_lone_surrogate_escapes(R"({"title":"x\ud800"})")).title,
            "x\xEF\xBF\xBD");
}

TEST(ArticleJson, DeepNestingIsRefused) {
  EXPECT_THROW(article_from_json(std::string(100, '[') + std::string(100, ']')),
               InvalidArgumentError);
  EXPECT_NO_THROW(check_json_nesting("[[[\"[[[[[[[[\"]]]", 3));
}

}  // namespace
}  // namespace dateline
