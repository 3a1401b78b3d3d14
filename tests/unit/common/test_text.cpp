#include <gtest/gtest.h>

#include "dateline/common/text.h"

namespace dateline {
namespace {

std::vector<std::string> terms(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& token : tokenize(text)) out.push_back(token.term);
  return out;
}

TEST(Fold, LowercasesAndStripsDiacritics) {
  EXPECT_EQ(fold("Café"), "cafe");
  EXPECT_EQ(fold("ZELENSKYY"), "zelenskyy");
  EXPECT_EQ(fold("Wiślana"), "wislana");
  EXPECT_EQ(fold("Straße"), "strasse");
  EXPECT_EQ(fold("Маріуполь"), "маріуполь");
}

TEST(StripDiacritics, KeepsCase) {
  EXPECT_EQ(strip_diacritics("Café AND Zürich"), "Cafe AND Zurich");
}

TEST(Tokenize, WordsPossessivesAcronymsNumbers) {
  EXPECT_EQ(terms("Ukraine's capital, Kyiv."),
            (std::vector<std::string>{"ukraine", "capital", "kyiv"}));
  EXPECT_EQ(terms("according to U.S. officials"),
            (std::vector<std::string>{"according", "to", "us", "officials"}));
  EXPECT_EQ(terms("u.s officials and e.g. U.S.A."),
            (std::vector<std::string>{"us", "officials", "and", "eg", "usa"}));
  EXPECT_EQ(terms("A.b.c.def"), (std::vector<std::string>{"abc", "def"}));
  EXPECT_EQ(terms("Some 836,000 people; 4.5 million"),
            (std::vector<std::string>{"some", "836000", "people", "4.5", "million"}));
  EXPECT_EQ(terms("didn\xE2\x80\x99t stop"), (std::vector<std::string>{"didn't", "stop"}));
  EXPECT_EQ(terms("ABC News' Patrick"), (std::vector<std::string>{"abc", "news", "patrick"}));
}

TEST(Tokenize, OffsetsPointIntoTheOriginalText) {
  std::string text = "Le café est fermé.";
  auto tokens = tokenize(text);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "café");
  EXPECT_EQ(tokens[1].term, "cafe");
  EXPECT_EQ(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin), "fermé");
}

TEST(Tokenize, HyphenatedWordsAreJoined) {
  auto tokens = tokenize("the Belarus-Ukraine border");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_FALSE(tokens[1].joined);
  EXPECT_TRUE(tokens[2].joined);
  EXPECT_FALSE(tokens[3].joined);
}

TEST(Tokenize, CjkCharactersAreSeparateTokens) {
  auto tokens = tokenize("北京新闻");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_TRUE(tokens[0].cjk);
}

TEST(Tokenize, OverlongTermsAreSkipped) {
  std::string text = "short " + std::string(100, 'x') + " end";
  EXPECT_EQ(terms(text), (std::vector<std::string>{"short", "end"}));
}

TEST(Utf8, RepairReadsInvalidBytesAsWindows1252) {
  std::size_t repaired = 0;
  EXPECT_TRUE(is_valid_utf8("Café"));
  EXPECT_FALSE(
      is_valid_utf8("\xA3"
                    "5"));
  EXPECT_EQ(repair_utf8("\xA3"
                        "5",
                        &repaired),
            "£5");
  EXPECT_EQ(repaired, 1u);
  // Overlong '/' and an encoded surrogate are invalid too.
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));
  EXPECT_TRUE(is_valid_utf8(repair_utf8("\xC0\xAF \xED\xA0\x80")));
  EXPECT_EQ(repair_utf8(std::string("a\0b", 3)), "a b");
}

TEST(Sentences, AbbreviationsDoNotEndASentence) {
  std::string text = "The attack began Feb. 24, said U.S. officials. Talks ended. Mr. Smith left.";
  auto starts = sentence_starts(text);
  ASSERT_EQ(starts.size(), 3u);
  EXPECT_EQ(text.substr(starts[1], 5), "Talks");
  EXPECT_EQ(text.substr(starts[2], 3), "Mr.");
}

TEST(FacetKey, NormalisesNamesForFilters) {
  EXPECT_EQ(facet_key("ABC News'"), "abc news");
  EXPECT_EQ(facet_key("U.S."), "us");
  EXPECT_EQ(facet_key("  Vladimir   Putin's "), "vladimir putin");
  EXPECT_EQ(facet_key("Kraków"), "krakow");
}

TEST(Whitespace, CollapseAndTrim) {
  EXPECT_EQ(collapse_whitespace("  a \n\t b\xC2\xA0"
                                "c  "),
            "a b c");
  EXPECT_EQ(trim("\xC2\xA0 x \n"), "x");
}

}  // namespace
}  // namespace dateline
