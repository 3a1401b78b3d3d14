// Readers against the research collections in shared/data. Each test skips
// with a message when the data is not there (e.g. outside the project's
// machines); the files are never copied into the repository.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "../test_support.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::CollectingSink;

std::filesystem::path shared_data(const std::string& relative) {
  return std::filesystem::path(DATELINE_SHARED_DATA) / relative;
}

#define SKIP_WITHOUT(path)                                                                  \
  if (!std::filesystem::exists(path)) {                                                     \
    GTEST_SKIP() << "shared data not found at " << (path).string() << "; nothing to check"; \
  }

std::string year_of(const Article& article) {
  return article.published ? article.published->day_key().substr(0, 4) : "undated";
}

TEST(SharedData, ReutersGivesEveryRecordAndSkipsTheOneEmptyOne) {
  auto folder = shared_data("reuters21578");
  SKIP_WITHOUT(folder);
  CollectingSink sink;
  for (int file = 0; file <= 21; ++file) {
    char name[32];
    std::snprintf(name, sizeof name, "reut2-%03d.sgm", file);
    read_path(folder / name, InputFormat::automatic, ReaderLimits{}, sink);
  }
  EXPECT_EQ(sink.articles.size(), 21577u);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_TRUE(sink.skips[0].origin.ends_with("reut2-012.sgm NEWID=12793")) << sink.skips[0].origin;
  EXPECT_EQ(sink.skips[0].reason, "no-text");
  EXPECT_TRUE(sink.warnings.empty());
  std::size_t in_1987 = 0;
  for (const auto& article : sink.articles) {
    if (year_of(article) == "1987") ++in_1987;
  }
  EXPECT_EQ(in_1987, sink.articles.size());
  // The one stray Latin-1 byte (reut2-017.sgm) was repaired, nothing else.
  EXPECT_EQ(sink.repaired_bytes, 1u);
  const Article& first = sink.articles.front();
  EXPECT_EQ(first.id, "reuters-1");
  EXPECT_EQ(first.title, "BAHIA COCOA REVIEW");
  EXPECT_EQ(first.dateline, "SALVADOR, Feb 26 -");
  EXPECT_EQ(first.published->iso8601(), "1987-02-26T15:01:01Z");
  EXPECT_EQ(first.tags, (std::vector<std::string>{"cocoa"}));
  EXPECT_EQ(first.given_entities.size(), 3u);
}

TEST(SharedData, MiniNewsgroupsAreAllDatedIn1993) {
  auto archive = shared_data("20newsgroups/mini_newsgroups.tar.gz");
  SKIP_WITHOUT(archive);
  CollectingSink sink;
  read_path(archive, InputFormat::automatic, ReaderLimits{}, sink);
  EXPECT_EQ(sink.articles.size(), 2000u);
  EXPECT_TRUE(sink.skips.empty()) << sink.skips.front().origin << " " << sink.skips.front().reason;
  EXPECT_TRUE(sink.warnings.empty());
  std::size_t in_1993 = 0;
  const Article* cross_posted = nullptr;
  for (const auto& article : sink.articles) {
    if (year_of(article) == "1993") ++in_1993;
    EXPECT_EQ(article.format, "rfc822");
    if (article.origin.ends_with("alt.atheism/51121")) cross_posted = &article;
  }
  EXPECT_EQ(in_1993, 2000u);
  ASSERT_NE(cross_posted, nullptr);
  EXPECT_EQ(cross_posted->id, "1993Apr05.180116.43346@watson.ibm.com");
  EXPECT_EQ(cross_posted->authors, (std::vector<std::string>{"Rob Strom"}));
  EXPECT_EQ(cross_posted->source, "alt.atheism");
  EXPECT_EQ(cross_posted->tags,
            (std::vector<std::string>{"alt.atheism", "soc.motss", "rec.scouting"}));
  EXPECT_EQ(cross_posted->published->iso8601(), "1993-04-05T18:01:16Z");
  // The signature after "-- " is gone.
  EXPECT_EQ(cross_posted->paragraphs.back(),
            "Can somebody reconcile the apparent contradiction between [1] and [2]?");
}

TEST(SharedData, BbcArticlesAreUndatedTextWithoutTheReadme) {
  auto archive = shared_data("bbc_news/bbc-fulltext.tar.gz");
  SKIP_WITHOUT(archive);
  CollectingSink sink;
  read_path(archive, InputFormat::automatic, ReaderLimits{}, sink);
  EXPECT_EQ(sink.articles.size(), 2225u);
  EXPECT_TRUE(sink.skips.empty());
  bool found_199 = false;
  for (const auto& article : sink.articles) {
    EXPECT_FALSE(article.published) << article.origin;
    EXPECT_EQ(article.format, "text");
    EXPECT_FALSE(article.origin.ends_with("README.TXT"));
    if (article.origin.ends_with("bbc/sport/199.txt")) {
      found_199 = true;
      std::string text = article.title + article.dek;
      for (const auto& paragraph : article.paragraphs) text += paragraph;
      EXPECT_NE(text.find("\xC2\xA3"), std::string::npos) << "the 0xA3 byte should become U+00A3";
    }
  }
  EXPECT_TRUE(found_199);
}

}  // namespace
}  // namespace dateline
