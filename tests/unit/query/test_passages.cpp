#include <gtest/gtest.h>

#include "dateline/common/text.h"
#include "passages.h"

namespace dateline::query {
namespace {

std::vector<std::string> marked(std::string_view text, const char* query) {
  detail::Analyzer analyzer("en");
  auto parsed = parse_query(query, analyzer);
  std::vector<std::string> out;
  for (const auto& h : find_highlights(text, parsed.match, analyzer)) {
    out.emplace_back(text.substr(h.begin, h.end - h.begin));
  }
  return out;
}

TEST(Highlights, StemsFoldingAndPossessives) {
  EXPECT_EQ(marked("Negotiations resumed as they negotiated.", "negotiate"),
            (std::vector<std::string>{"Negotiations", "negotiated"}));
  EXPECT_EQ(marked("Le Café de Zelenskyy's team", "cafe zelenskyy"),
            (std::vector<std::string>{"Café", "Zelenskyy's"}));
}

TEST(Highlights, PhrasesAndNearSpansAreOneHighlight) {
  EXPECT_EQ(marked("The peace talks began; talks of peace later.", "\"peace talks\""),
            std::vector<std::string>{"peace talks"});
  EXPECT_EQ(marked("talks on a ceasefire resumed", "talks NEAR/3 ceasefire"),
            std::vector<std::string>{"talks on a ceasefire"});
  EXPECT_EQ(marked("ceasefire after talks", "talks NEAR/3 ceasefire"),
            std::vector<std::string>{"ceasefire after talks"});
  // Too far apart for NEAR/1: nothing is a match.
  EXPECT_TRUE(marked("talks went on and on about a ceasefire", "talks NEAR/1 ceasefire").empty());
}

TEST(Highlights, Wildcards) {
  EXPECT_EQ(marked("Negotiators and negotiation", "negotiat*"),
            (std::vector<std::string>{"Negotiators", "negotiation"}));
}

TEST(Passages, CoverDistinctTermsAndStayWithinAParagraph) {
  detail::Analyzer analyzer("en");
  std::vector<std::string> paragraphs{
      "Russia and Ukraine met for talks. Nothing was agreed.",
      "Some 836,000 refugees have fled Ukraine, UNHCR says. Most went to Poland.",
      "Refugees crossed into Poland overnight. Aid groups were waiting."};
  auto parsed = parse_query("refugees poland unhcr", analyzer);
  auto passages = choose_passages(paragraphs, parsed.match, analyzer, 2);
  ASSERT_EQ(passages.size(), 2u);
  // The best passage covers the most distinct query terms.
  EXPECT_EQ(passages[0].paragraph, 1u);
  EXPECT_NE(passages[0].text.find("UNHCR"), std::string::npos);
  EXPECT_EQ(passages[1].paragraph, 2u);
  EXPECT_GE(passages[0].score, passages[1].score);
  for (const auto& passage : passages) {
    for (const auto& h : passage.highlights) ASSERT_LE(h.end, passage.text.size());
  }
  EXPECT_EQ(
      passages[1].text.substr(passages[1].highlights[0].begin,
                              passages[1].highlights[0].end - passages[1].highlights[0].begin),
      "Refugees");
}

TEST(Passages, WithoutBodyMatchesTheLeadIsShown) {
  detail::Analyzer analyzer("en");
  auto parsed = parse_query("zebra", analyzer);
  auto passages = choose_passages({"Lead sentence here. Second one."}, parsed.match, analyzer, 2);
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_TRUE(passages[0].highlights.empty());
  EXPECT_EQ(passages[0].text.rfind("Lead sentence here.", 0), 0u);
}

// Found by fuzzing (tests/fuzz/corpus/passages/crash-lead-cut-mid-character):
// a long lead was cut inside a character, giving invalid UTF-8.
TEST(Passages, LongLeadIsCutBetweenCharacters) {
  detail::Analyzer analyzer("en");
  auto parsed = parse_query("zebra", analyzer);
  std::string lead = "x";
  while (lead.size() < 2000) lead += "\u00e9";  // 2-byte characters after one ASCII byte
  auto passages = choose_passages({lead}, parsed.match, analyzer, 1);
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_TRUE(is_valid_utf8(passages[0].text));
  EXPECT_LE(passages[0].text.size(), max_passage_bytes * 2);
}

TEST(Passages, HugeArticlesAreScannedOnlyUpToTheBound) {
  detail::Analyzer analyzer("en");
  std::vector<std::string> paragraphs(2000, std::string(1000, 'a') + " filler text.");
  paragraphs.push_back("The needle is here.");
  auto parsed = parse_query("needle", analyzer);
  auto passages = choose_passages(paragraphs, parsed.match, analyzer, 2);
  // Beyond max_scan_bytes: not found, the lead is shown instead.
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].paragraph, 0u);
}

}  // namespace
}  // namespace dateline::query
