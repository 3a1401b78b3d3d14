// The TIME collection reader, through the public read_stream()/read_path().

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "dateline/indexer/reader.h"
#include "test_support.h"

namespace {

using dateline::Article;
using dateline::InputFormat;
using dateline::testing::CollectingSink;

// Written for this test in the collection's layout: a blank line after every
// text line, punctuation split off, one irregular header of each known kind.
constexpr const char* sample =
    "*TEXT 017 01/04/63 PAGE 020\n"
    "\n"
    "THE ALLIES AFTER NASSAU THE U.S . OFFERED POLARIS MISSILES TO BRITAIN .\n"
    "\n"
    "THE PRIME MINISTER SAID \" THE TERMS ARE GOOD . \" WHAT NEXT ? NOBODY\n"
    "\n"
    "KNOWS (TIME, DEC . 28) .\n"
    "\n"
    "*TEXT 503  11/15/63  PAGE 045\n"
    "\n"
    "BERLIN A SHORT ONE .\n"
    "\n"
    "*TEXT 431 08/30 63 PAGE 026\n"
    "\n"
    "GREAT BRITAIN BOBBIES IN TROUBLE .\n"
    "\n"
    "*STOP\n"
    "\n";

std::vector<Article> read_sample(const std::string& text, CollectingSink& sink) {
  sink = dateline::testing::read_string(text, InputFormat::time, "TIME.ALL");
  return sink.articles;
}

TEST(TimeReader, DetectsTheFormatFromTheHeader) {
  EXPECT_EQ(dateline::detect_format("TIME.ALL", sample), InputFormat::time);
  EXPECT_EQ(dateline::format_from_name("time"), InputFormat::time);
}

TEST(TimeReader, KeysArticlesByTheirTextNumberAsWritten) {
  CollectingSink sink;
  auto articles = read_sample(sample, sink);
  ASSERT_EQ(articles.size(), 3u);
  EXPECT_EQ(articles[0].id, "017");
  EXPECT_EQ(articles[1].id, "503");
  EXPECT_EQ(articles[2].id, "431");
  EXPECT_TRUE(sink.skips.empty());
  EXPECT_TRUE(sink.warnings.empty());
  for (const auto& article : articles) {
    EXPECT_EQ(article.source, "Time");
    EXPECT_EQ(article.language, "en");
    EXPECT_EQ(article.format, "time");
  }
  EXPECT_EQ(articles[1].origin, "TIME.ALL:9");
}

TEST(TimeReader, ParsesIssueDatesIncludingIrregularHeaders) {
  CollectingSink sink;
  auto articles = read_sample(sample, sink);
  ASSERT_EQ(articles.size(), 3u);
  ASSERT_TRUE(articles[0].published);
  EXPECT_EQ(articles[0].published->day_string(), "1963-01-04");
  ASSERT_TRUE(articles[1].published);
  EXPECT_EQ(articles[1].published->day_string(), "1963-11-15");
  ASSERT_TRUE(articles[2].published);
  EXPECT_EQ(articles[2].published->day_string(), "1963-08-30");
}

TEST(TimeReader, TitleIsTheFirstSentenceAndPunctuationIsReattached) {
  CollectingSink sink;
  auto articles = read_sample(sample, sink);
  ASSERT_EQ(articles.size(), 3u);
  EXPECT_EQ(articles[0].title,
            "THE ALLIES AFTER NASSAU THE U.S. OFFERED POLARIS MISSILES TO BRITAIN.");
  ASSERT_EQ(articles[0].paragraphs.size(), 1u);
  EXPECT_EQ(
      articles[0].paragraphs[0],
      "THE PRIME MINISTER SAID \"THE TERMS ARE GOOD.\" WHAT NEXT? NOBODY KNOWS (TIME, DEC. 28).");
  // A one-sentence article is all title.
  EXPECT_EQ(articles[1].title, "BERLIN A SHORT ONE.");
  EXPECT_TRUE(articles[1].paragraphs.empty());
}

TEST(TimeReader, GroupsSentencesIntoParagraphsOfSeveralSentences) {
  std::string text = "*TEXT 001 01/04/63 PAGE 001\n\nHEADLINE WORDS HERE .\n\n";
  // 30 sentences of 10 words each.
  for (int k = 0; k < 30; ++k) text += "ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN .\n\n";
  text += "*STOP\n";
  CollectingSink sink;
  auto articles = read_sample(text, sink);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].title, "HEADLINE WORDS HERE.");
  // 80-word paragraphs: 8 sentences each, and the 6-sentence tail stands alone.
  ASSERT_EQ(articles[0].paragraphs.size(), 4u);
  for (const auto& paragraph : articles[0].paragraphs) {
    EXPECT_TRUE(paragraph.starts_with("ONE TWO")) << paragraph;
    EXPECT_TRUE(paragraph.ends_with("TEN.")) << paragraph;
  }
}

TEST(TimeReader, CutsAVeryLongFirstSentenceForTheTitle) {
  std::string text = "*TEXT 002 01/04/63 PAGE 001\n\n";
  for (int k = 0; k < 40; ++k) text += "WORD" + std::to_string(k) + " ";
  text += ".\n\n*STOP\n";
  CollectingSink sink;
  auto articles = read_sample(text, sink);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_TRUE(articles[0].title.ends_with("WORD29")) << articles[0].title;
  ASSERT_EQ(articles[0].paragraphs.size(), 1u);
  EXPECT_TRUE(articles[0].paragraphs[0].starts_with("WORD30 ")) << articles[0].paragraphs[0];
}

TEST(TimeReader, ReportsBadHeadersDatesAndAMissingStop) {
  std::string text =
      "*TEXT ABC 01/04/63 PAGE 001\n\nLOST TEXT .\n\n"
      "*TEXT 005 13/45/63 PAGE 002\n\nUNDATED TEXT .\n\n"
      "*TEXT 006 01/04/63 PAGE 003\n\nTRUNCATED TEXT\n";
  CollectingSink sink;
  auto articles = read_sample(text, sink);
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].id, "005");
  EXPECT_FALSE(articles[0].published);
  EXPECT_EQ(articles[1].id, "006");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "malformed-header");
  EXPECT_EQ(sink.skips[0].origin, "TIME.ALL:1");
  ASSERT_EQ(sink.warnings.size(), 2u);
  EXPECT_EQ(sink.warnings[0].reason, "bad-date");
  EXPECT_EQ(sink.warnings[1].reason, "truncated");
}

// Reports quote the header; what they quote is shown as one clean line.
TEST(TimeReader, ReportsQuoteTheHeaderAsOneCleanLine) {
  CollectingSink sink;
  read_sample(
      "*TEXT \x1b[2J\xff 01/04/63 PAGE 001\n\nLOST .\n\n"
      "*TEXT 005 13/45/\x01\xe2\x82 PAGE 002\n\nUNDATED .\n\n*STOP\n",
      sink);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "malformed-header");
  EXPECT_TRUE(dateline::testing::is_clean_line(sink.skips[0].detail)) << sink.skips[0].detail;
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].reason, "bad-date");
  EXPECT_TRUE(dateline::testing::is_clean_line(sink.warnings[0].detail)) << sink.warnings[0].detail;
}

TEST(TimeReader, SkipsArticlesOverTheSizeLimit) {
  std::string text = "*TEXT 007 01/04/63 PAGE 001\n\n";
  for (int k = 0; k < 100; ++k) text += "A LINE OF TEXT THAT IS FAIRLY LONG .\n\n";
  text += "*TEXT 008 01/04/63 PAGE 002\n\nSHORT .\n\n*STOP\n";
  dateline::ReaderLimits limits;
  limits.max_article_bytes = 1000;
  CollectingSink sink;
  std::istringstream in(text);
  dateline::read_stream(in, "TIME.ALL", InputFormat::time, limits, sink);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].id, "008");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "too-large");
}

TEST(TimeReader, ReadsTheWholeCollection) {
  std::filesystem::path file =
      std::filesystem::path(DATELINE_SHARED_DATA) / "time_collection" / "TIME.ALL";
  if (!std::filesystem::exists(file)) {
    GTEST_SKIP() << "TIME collection not found at " << file.string()
                 << " (shared data is not checked out next to the source tree)";
  }
  CollectingSink sink;
  dateline::read_path(file, InputFormat::automatic, dateline::ReaderLimits{}, sink);
  EXPECT_EQ(sink.articles.size(), 423u);
  EXPECT_TRUE(sink.skips.empty());
  EXPECT_TRUE(sink.warnings.empty());
  std::set<std::string> ids, days;
  for (const auto& article : sink.articles) {
    ids.insert(article.id);
    ASSERT_TRUE(article.published) << article.id;
    days.insert(article.published->day_string());
    EXPECT_EQ(article.id.size(), 3u);
    EXPECT_FALSE(article.title.empty()) << article.id;
  }
  EXPECT_EQ(ids.size(), 423u);
  // 44 distinct date strings, but "08/30 63" (TEXT 431) is the same issue as
  // "08/30/63".
  EXPECT_EQ(days.size(), 43u);
  EXPECT_TRUE(days.contains("1963-08-30"));
  EXPECT_EQ(sink.articles.front().id, "017");
}

}  // namespace
