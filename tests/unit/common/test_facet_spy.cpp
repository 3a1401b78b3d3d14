// The facet pack (value slot 3) and the FacetSpy that counts it: labels
// spelt as markers where they follow from the key, and counted back exactly.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dateline/detail/facet_spy.h"

namespace dateline::detail {
namespace {

struct Label {
  char code;
  std::string key;
  std::string display;
};

std::string pack(const std::vector<Label>& labels) {
  std::string packed;
  for (const auto& label : labels) packed += pack_facet(label.code, label.key, label.display);
  return packed;
}

const FacetSpy::Count& counted(const FacetSpy& spy, char code, const std::string& key) {
  static const FacetSpy::Count none;
  auto values = spy.counts().find(code);
  if (values == spy.counts().end()) return none;
  auto found = values->second.find(key);
  return found == values->second.end() ? none : found->second;
}

TEST(FacetPack, LabelsThatFollowFromTheKeyCostOneByte) {
  // code + key + marker + entry separator
  EXPECT_EQ(pack_facet('l', "united states", "United States").size(), 1 + 13 + 1 + 1u);
  EXPECT_EQ(pack_facet('o', "usair group", "USAIR GROUP").size(), 1 + 11 + 1 + 1u);
  // The label is the key: nothing after it.
  EXPECT_EQ(pack_facet('t', "acq", "acq"), std::string("tacq") + facet_entry_separator);
  // Anything else is spelt out.
  EXPECT_EQ(
      pack_facet('o', "mcdonald's", "McDonald's"),
      std::string("omcdonald's") + facet_display_separator + "McDonald's" + facet_entry_separator);
}

TEST(FacetPack, EveryLabelIsCountedBackAsItWasGiven) {
  const std::vector<Label> labels{
      {'l', "united states", "United States"},      // title case
      {'o', "usair group", "USAIR GROUP"},          // upper case
      {'t', "acq", "acq"},                          // the key itself
      {'l', "são paulo", "São Paulo"},              // title case, non-ASCII inside
      {'l', "zürich", "ZüRICH"},                    // upper case of the ASCII letters only
      {'p', "guardian-morton", "Guardian-Morton"},  // spelt out: '-' starts no word
      {'p', "vladimir putin", "Vladimir  Putin"},   // spelt out: not the key's spacing
  };
  FacetSpy spy("ltpo");
  spy.count_pack(pack(labels), 1);
  for (const auto& label : labels) {
    SCOPED_TRACE(label.key);
    const auto& count = counted(spy, label.code, label.key);
    EXPECT_EQ(count.articles, 1u);
    EXPECT_EQ(count.display, label.display);
  }
  // ÜRICH is not Zürich's upper case in ASCII terms: it stays spelt out.
  EXPECT_NE(pack_facet('l', "zürich", "ZÜRICH").find(facet_display_separator), std::string::npos);
}

TEST(FacetPack, TheLabelShownDoesNotDependOnTheOrderArticlesAreCounted) {
  const std::string shouting = pack({{'l', "united states", "UNITED STATES"}});
  const std::string titled = pack({{'l', "united states", "United States"}});
  const std::string lower = pack({{'l', "united states", "united states"}});
  for (const auto& order : std::vector<std::vector<std::string>>{
           {shouting, titled, lower}, {lower, titled, shouting}, {titled, shouting, titled}}) {
    FacetSpy spy("l");
    for (const auto& one : order) spy.count_pack(one, 2);
    const auto& count = counted(spy, 'l', "united states");
    EXPECT_EQ(count.articles, 6u);
    // Lower-case letters beat shouting; of two such, the smaller string.
    EXPECT_EQ(count.display, "United States");
  }
}

TEST(FacetPack, MergedLabelsCompeteWithTheOnesCountedAfter) {
  FacetSpy shard("l");
  shard.count_pack(pack({{'l', "kyiv", "Kyiv"}}), 3);
  FacetSpy total("l");
  total.count_pack(pack({{'l', "kyiv", "KYIV"}}), 1);
  total.merge_results(shard.serialise_results());
  total.count_pack(pack({{'l', "kyiv", "KYIV"}}), 1);
  total.count_pack(pack({{'l', "kyiv", "kyiv"}}), 1);
  const auto& count = counted(total, 'l', "kyiv");
  EXPECT_EQ(count.articles, 6u);
  EXPECT_EQ(count.display, "Kyiv");
}

TEST(FacetPack, AnArticleCountsOncePerKey) {
  FacetSpy spy("p");
  spy.count_pack(pack({{'p', "volcker", "Volcker"}, {'p', "volcker", "VOLCKER"}}), 1);
  EXPECT_EQ(counted(spy, 'p', "volcker").articles, 1u);
}

}  // namespace
}  // namespace dateline::detail
