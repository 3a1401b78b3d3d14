#include <gtest/gtest.h>

#include "../test_support.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::read_string;
using Strings = std::vector<std::string>;

// A page of a digitised newspaper as Chronicling America's OCR writes it
// (ALTO v2; our own text): a running head and page number in the top
// margin, a column of two blocks, words hyphenated across lines both ways
// ALTO marks them (a HYP alone, after a String that keeps its hyphen as
// some OCR writes it; and HypPart1/HypPart2 with the whole word).
const std::string page = R"(<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#" xmlns:xlink="http://www.w3.org/1999/xlink">
  <Description>
    <MeasurementUnit>inch1200</MeasurementUnit>
    <sourceImageInformation><fileName>0003.jp2</fileName></sourceImageInformation>
  </Description>
  <Styles><TextStyle ID="TXT_0" FONTSIZE="9"/></Styles>
  <Layout>
    <Page ID="PAGE_1" PHYSICAL_IMG_NR="3" HEIGHT="22000" WIDTH="16000">
      <TopMargin ID="TM1">
        <TextBlock ID="TB_RH"><TextLine><String CONTENT="THE"/><SP/><String CONTENT="EASTPORT"/><SP/><String CONTENT="HERALD,"/><SP/><String CONTENT="3"/></TextLine></TextBlock>
      </TopMargin>
      <PrintSpace>
        <TextBlock ID="TB1" LANG="eng">
          <TextLine><String CONTENT="The" WC="0.98"/><SP/><String CONTENT="harbour" WC="0.91"/><SP/><String CONTENT="com-"/><HYP CONTENT="-"/></TextLine>
          <TextLine><String CONTENT="missioners"/><SP/><String CONTENT="met"/><SP/><String CONTENT="on"/><SP/><String CONTENT="Tuesday."/></TextLine>
        </TextBlock>
        <ComposedBlock ID="CB1">
          <TextBlock ID="TB2" LANG="eng">
            <TextLine><String CONTENT="A"/><SP/><String CONTENT="new"/><SP/><String CONTENT="light" SUBS_TYPE="HypPart1" SUBS_CONTENT="lighthouse"/><HYP CONTENT="-"/></TextLine>
            <TextLine><String CONTENT="house" SUBS_TYPE="HypPart2" SUBS_CONTENT="lighthouse"/><SP/><String CONTENT="keeper"/><SP/><String CONTENT="was" /><SP/><String CONTENT="named."/></TextLine>
          </TextBlock>
        </ComposedBlock>
        <Illustration ID="IL1"/>
        <TextBlock ID="TB3"><TextLine/></TextBlock>
      </PrintSpace>
      <BottomMargin><TextBlock><TextLine><String CONTENT="Page"/><SP/><String CONTENT="3"/></TextLine></TextBlock></BottomMargin>
    </Page>
  </Layout>
</alto>
)";

// Libraries keep their digitised newspapers as ALTO, a file of OCR per
// page. Before, a page was read as a plain-text article: its XML markup
// was the text.
TEST(AltoReader, AScannedNewspaperPage) {
  const std::string name = "batch_curiv/sn84026749/00280654953/1905010101/0003.xml";
  EXPECT_EQ(detect_format(name, page), InputFormat::alto);
  auto sink = read_string(page, InputFormat::alto, name);
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& article = sink.articles[0];
  EXPECT_EQ(article.format, "alto");
  EXPECT_EQ(article.title, "");  // a page holds many stories: no headline of its own
  // Each block of the print space a paragraph; hyphenated words whole;
  // not the running head nor the page number in the margins.
  EXPECT_EQ(article.paragraphs, (Strings{"The harbour commissioners met on Tuesday.",
                                         "A new lighthouse keeper was named."}));
  // The issue's folder: YYYYMMDD and the edition.
  ASSERT_TRUE(article.published);
  EXPECT_EQ(article.published->iso8601().substr(0, 10), "1905-01-01");
  EXPECT_EQ(article.language, "eng");  // "en" once the index normalises it
  EXPECT_TRUE(sink.skips.empty());
  // The page's place in the batch: the reel, the issue and the page.
  EXPECT_EQ(article.id, "alto:00280654953/1905010101/0003");
}

// Libraries OCR their pages again as OCR improves. The page keeps its id,
// so the new text replaces the old in the index; before, the id was the
// text's hash and the page was indexed twice. A path without an issue
// folder names no page: the text gives the id.
TEST(AltoReader, APageOcrdAgainKeepsItsId) {
  auto page_with = [](const std::string& word) {
    return "<alto><Layout><Page><PrintSpace><TextBlock><TextLine><String CONTENT=\"" + word +
           "\"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>";
  };
  const std::string path = "batch.tar:sn84026749/00280654953/1905010101/0003.xml";
  auto first = read_string(page_with("Harbonr"), InputFormat::alto, path);
  auto again = read_string(page_with("Harbour"), InputFormat::alto, path);
  ASSERT_EQ(first.articles.size(), 1u);
  ASSERT_EQ(again.articles.size(), 1u);
  EXPECT_EQ(first.articles[0].id, "alto:00280654953/1905010101/0003");
  EXPECT_EQ(again.articles[0].id, first.articles[0].id);
  // Another page of the issue, and the same page of another day, differ.
  auto next = read_string(page_with("Harbour"), InputFormat::alto,
                          "sn84026749/00280654953/1905010101/0004.xml");
  auto other_day = read_string(page_with("Harbour"), InputFormat::alto,
                               "sn84026749/00280654953/1905010201/0003.xml");
  EXPECT_EQ(next.articles[0].id, "alto:00280654953/1905010101/0004");
  EXPECT_EQ(other_day.articles[0].id, "alto:00280654953/1905010201/0003");

  auto loose = read_string(page_with("Harbour"), InputFormat::alto, "scans/0003.xml");
  auto loose_again = read_string(page_with("Harbonr"), InputFormat::alto, "scans/0003.xml");
  EXPECT_NE(loose.articles[0].id, loose_again.articles[0].id);
  EXPECT_FALSE(loose.articles[0].id.starts_with("alto:"));
}

// A HypPart1's SUBS_CONTENT is the whole word; its HypPart2 is not read again.
TEST(AltoReader, AWordHyphenatedAsAltoMarksIt) {
  auto sink = read_string(
      "<alto><Layout><Page><PrintSpace><TextBlock>"
      "<TextLine><String CONTENT=\"Wash\" SUBS_TYPE=\"HypPart1\" SUBS_CONTENT=\"Washington\"/>"
      "<HYP CONTENT=\"-\"/></TextLine>"
      "<TextLine><String CONTENT=\"ington\" SUBS_TYPE=\"HypPart2\" SUBS_CONTENT=\"Washington\"/>"
      "<SP/><String CONTENT=\"wired.\"/></TextLine>"
      "</TextBlock></PrintSpace></Page></Layout></alto>",
      InputFormat::alto, "pages/1861-04-12/seq-1.xml");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].paragraphs, Strings{"Washington wired."});
  // A HypPart1 without the whole word: its HypPart2 continues it, even if
  // that one names the word.
  auto halves = read_string(
      "<alto><Layout><Page><PrintSpace><TextBlock>"
      "<TextLine><String CONTENT=\"Wash\" SUBS_TYPE=\"HypPart1\"/><HYP CONTENT=\"-\"/></TextLine>"
      "<TextLine><String CONTENT=\"ington\" SUBS_TYPE=\"HypPart2\" SUBS_CONTENT=\"Washington\"/>"
      "</TextLine></TextBlock></PrintSpace></Page></Layout></alto>",
      InputFormat::alto, "0001.xml");
  ASSERT_EQ(halves.articles.size(), 1u);
  EXPECT_EQ(halves.articles[0].paragraphs, Strings{"Washington"});
  ASSERT_TRUE(sink.articles[0].published);
  EXPECT_EQ(sink.articles[0].published->iso8601().substr(0, 10), "1861-04-12");
}

// A batch holds each issue's METS description beside its pages: passed
// over, not read as text. A page without text (a picture, a page not yet
// through OCR) and a broken file are reported; a path without a date
// leaves the page undated.
TEST(AltoReader, DescriptionsEmptyAndBrokenPages) {
  const std::string mets =
      "<?xml version=\"1.0\"?>\n<mets:mets xmlns:mets=\"http://www.loc.gov/METS/\">"
      "<mets:dmdSec ID=\"issueModsBib\"/></mets:mets>";
  EXPECT_EQ(detect_format("1905010101.xml", mets), InputFormat::alto);
  auto described = read_string(mets, InputFormat::alto, "1905010101.xml");
  EXPECT_TRUE(described.articles.empty());
  EXPECT_TRUE(described.skips.empty());
  ASSERT_EQ(described.passed.size(), 1u);
  EXPECT_EQ(described.passed[0].reason, "not-an-article");

  auto empty = read_string(
      "<alto><Layout><Page><PrintSpace><Illustration/></PrintSpace></Page></Layout></alto>",
      InputFormat::alto, "0001.xml");
  ASSERT_EQ(empty.skips.size(), 1u);
  EXPECT_EQ(empty.skips[0].reason, "no-text");

  auto broken = read_string("<alto><Layout><Page>", InputFormat::alto, "0002.xml");
  ASSERT_EQ(broken.skips.size(), 1u);
  EXPECT_EQ(broken.skips[0].reason, "malformed-xml");
  EXPECT_TRUE(testing::is_clean_line(broken.skips[0].detail));

  auto undated = read_string(
      "<alto><Layout><Page><PrintSpace><TextBlock><TextLine><String CONTENT=\"Text.\"/>"
      "</TextLine></TextBlock></PrintSpace></Page></Layout></alto>",
      InputFormat::alto, "scans/12345678901/0004.xml");
  ASSERT_EQ(undated.articles.size(), 1u);
  EXPECT_FALSE(undated.articles[0].published);
  EXPECT_TRUE(undated.warnings.empty());
}

}  // namespace
}  // namespace dateline
