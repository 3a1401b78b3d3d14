// "Did you mean" from the index's own vocabulary: words no article holds,
// and words only a few articles hold next to a far more frequent word one
// typing slip away (an archive's own typos), but not the rare words that
// are other words or names.

#include <gtest/gtest.h>

#include <xapian.h>

#include <map>

#include "spelling.h"

namespace dateline::query {
namespace {

// An in-memory database where each word is in the given number of
// articles.
Xapian::Database vocabulary(const std::map<std::string, int>& articles) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  int most = 0;
  for (const auto& [word, count] : articles) most = std::max(most, count);
  for (int k = 0; k < most; ++k) {
    Xapian::Document doc;
    for (const auto& [word, count] : articles) {
      if (k < count) doc.add_term(word);
    }
    db.add_document(doc);
  }
  db.commit();
  return db;
}

// The suggestion for a query of plain words (each its own stem).
std::string suggest(const Xapian::Database& db, const std::string& query) {
  std::vector<ParsedQuery::Word> words;
  std::size_t start = 0;
  while (start < query.size()) {
    std::size_t end = query.find(' ', start);
    if (end == std::string::npos) end = query.size();
    std::string word = query.substr(start, end - start);
    words.push_back({start, word, {word}});
    start = end + 1;
  }
  return suggest_spelling(db, query, words);
}

TEST(Spelling, AWordNoArticleHoldsGetsTheNearestFrequentOne) {
  auto db = vocabulary({{"coffee", 40}, {"coffer", 2}, {"prices", 30}});
  EXPECT_EQ(suggest(db, "cofee prices"), "coffee prices");
  EXPECT_EQ(suggest(db, "coffee prices"), "");
}

TEST(Spelling, AnArchivesOwnRareTypoGetsTheWordItMeant) {
  // "intrest" is in one article, "interest" in a hundred.
  auto db = vocabulary({{"intrest", 1}, {"interest", 100}, {"rates", 80}});
  EXPECT_EQ(suggest(db, "intrest rates"), "interest rates");
  // A transposition and a doubled letter are slips too.
  auto slips = vocabulary({{"stcok", 1}, {"stock", 100}, {"firsst", 2}, {"first", 150}});
  EXPECT_EQ(suggest(slips, "stcok"), "stock");
  EXPECT_EQ(suggest(slips, "firsst"), "first");
}

TEST(Spelling, RareWordsThatAreOtherWordsStay) {
  auto db = vocabulary({{"intrest", 4},  // in more than three articles: meant
                        {"interest", 400},
                        {"banda", 1},  // a change at the end: another word
                        {"band", 100},
                        {"reich", 1},  // one vowel for another: another word
                        {"reach", 100},
                        {"mite", 1},  // too short to tell
                        {"mine", 100},
                        {"duffer", 1},  // the other word is not 50x as frequent
                        {"buffer", 10},
                        {"differ", 40}});
  for (const char* word : {"intrest", "banda", "reich", "mite", "duffer"}) {
    EXPECT_EQ(suggest(db, word), "") << word;
  }
}

}  // namespace
}  // namespace dateline::query
