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

// Each passage as text, paragraph and highlighted spans.
std::string passages_text(const std::vector<Passage>& passages) {
  std::string out;
  for (const auto& passage : passages) {
    out += std::to_string(passage.paragraph) + ":" + passage.text + "[";
    for (const auto& h : passage.highlights) {
      out += passage.text.substr(h.begin, h.end - h.begin) + ";";
    }
    out += "] ";
  }
  return out;
}

// A search reuses one TokenMatcher for all its hits, which remembers each
// term's match: the passages and highlights must be those of a fresh one
// for every article, with accents, stopwords, phrases and wildcards.
TEST(Passages, AMatcherReusedAcrossArticlesMatchesAsAFreshOne) {
  detail::Analyzer analyzer("en");
  auto parsed =
      parse_query("refugees \"aid groups\" café negotiat* the talks NEAR/3 ceasefire", analyzer);
  const std::vector<std::vector<std::string>> articles{
      {"Refugees crossed into Poland. Aid groups were waiting at the café.",
       "Negotiators met; the talks on a ceasefire resumed."},
      {"The Cafe served refugees. Groups gave aid.", "A ceasefire after talks, said negotiators."},
      {"Nothing here matches at all.", "Still nothing."},
      {"Aid groups and refugees, again; the CAFÉ was shut. Talks went on and on about a "
       "ceasefire."}};
  TokenMatcher reused(parsed.match, analyzer);
  for (int round = 0; round < 2; ++round) {
    for (const auto& paragraphs : articles) {
      EXPECT_EQ(passages_text(choose_passages(paragraphs, reused, 2)),
                passages_text(choose_passages(paragraphs, parsed.match, analyzer, 2)))
          << paragraphs[0];
      for (const auto& paragraph : paragraphs) {
        auto expected = find_highlights(paragraph, parsed.match, analyzer);
        auto got = find_highlights(paragraph, reused);
        ASSERT_EQ(got.size(), expected.size()) << paragraph;
        for (std::size_t k = 0; k < got.size(); ++k) {
          EXPECT_EQ(got[k].begin, expected[k].begin) << paragraph;
          EXPECT_EQ(got[k].end, expected[k].end) << paragraph;
        }
      }
    }
  }
  // And they are what the query asks for ("the" was typed, so it is a word
  // of the query too).
  EXPECT_EQ(passages_text(choose_passages(articles[0], reused, 1)),
            "0:Refugees crossed into Poland. Aid groups were waiting at the café.[Refugees;Aid "
            "groups;the;café;] ");
}

}  // namespace
}  // namespace dateline::query
