#include <gtest/gtest.h>

#include "../test_support.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::read_string;
using Strings = std::vector<std::string>;

// A story of the Reuters Corpus (RCV1) as the corpus keeps it (our own
// text), in ISO-8859-1 as every one of its files: "Zürich" is a Latin-1
// byte.
const std::string item =
    "<?xml version=\"1.0\" encoding=\"iso-8859-1\" ?>\n"
    "<newsitem itemid=\"2286\" id=\"root\" date=\"1996-08-22\" xml:lang=\"en\">\n"
    "<title>NETHERLANDS: Harbour pilots end strike.</title>\n"
    "<headline>Harbour pilots end strike.</headline>\n"
    "<byline>Jane Roe, Shipping Correspondent</byline>\n"
    "<dateline>ROTTERDAM 1996-08-22</dateline>\n"
    "<text>\n"
    "<p>Harbour pilots in Rotterdam went back to work on Thursday after a two-day strike.</p>\n"
    "<p>Their union said talks on pay would resume in Z\xfcrich next week.</p>\n"
    "</text>\n"
    "<copyright>(c) Reuters Limited 1996</copyright>\n"
    "<metadata>\n"
    "<codes class=\"bip:countries:1.0\">\n"
    "  <code code=\"NETH\">\n"
    "    <editdetail attribution=\"Reuters BIP Coding Group\" action=\"confirmed\" "
    "date=\"1996-08-22\"/>\n"
    "  </code>\n"
    "</codes>\n"
    "<codes class=\"bip:topics:1.0\">\n"
    "  <code code=\"GCAT\"/>\n"
    "  <code code=\"GJOB\"/>\n"
    "</codes>\n"
    "<codes class=\"bip:industries:1.0\"><code code=\"I74000\"/></codes>\n"
    "<dc element=\"dc.publisher\" value=\"Reuters Holdings Plc\"/>\n"
    "<dc element=\"dc.date.published\" value=\"1996-08-22\"/>\n"
    "<dc element=\"dc.source\" value=\"Reuters\"/>\n"
    "</metadata>\n"
    "</newsitem>\n";

// The Reuters Corpus is the news collection most research uses (CoNLL-2003
// is drawn from it). Its items are <newsitem>s outside IPTC's namespace,
// and the NewsML-G2 reader passed each over as "not an article": a whole
// corpus gave nothing.
TEST(Rcv1Reader, AStoryOfTheReutersCorpus) {
  EXPECT_EQ(detect_format("19960822/2286newsML.xml", item), InputFormat::rcv1);
  auto sink = read_string(item, InputFormat::rcv1, "19960822/2286newsML.xml");
  EXPECT_TRUE(sink.skips.empty()) << sink.skips[0].detail;
  EXPECT_TRUE(sink.passed.empty());
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& article = sink.articles[0];
  EXPECT_EQ(article.format, "rcv1");
  EXPECT_EQ(article.id, "rcv1-2286");
  EXPECT_EQ(article.title, "Harbour pilots end strike.");
  EXPECT_EQ(article.authors, Strings{"Jane Roe"});
  EXPECT_EQ(article.dateline, "ROTTERDAM 1996-08-22");
  ASSERT_TRUE(article.published);
  EXPECT_EQ(article.published->iso8601().substr(0, 10), "1996-08-22");
  EXPECT_EQ(article.language, "en");
  EXPECT_EQ(article.source, "Reuters");
  EXPECT_EQ(article.tags, (Strings{"GCAT", "GJOB"}));  // the topics, not the industries
  ASSERT_EQ(article.given_entities.size(), 1u);
  EXPECT_EQ(article.given_entities[0].type, Entity::Type::place);
  EXPECT_EQ(article.given_entities[0].display, "Netherlands");
  EXPECT_EQ(article.paragraphs,
            (Strings{"Harbour pilots in Rotterdam went back to work on Thursday after a two-day "
                     "strike.",
                     "Their union said talks on pay would resume in Z\u00fcrich next week."}));

  // A NewsML-G2 item is still NewsML-G2.
  EXPECT_EQ(detect_format("item.xml",
                          "<newsItem xmlns=\"http://iptc.org/std/nar/2006-09-01/\" "
                          "guid=\"urn:x\" version=\"1\" itemid=\"1\">"),
            InputFormat::newsml);
}

// RCV2's stories in other languages; an item without a headline or a date
// attribute; a broken file.
TEST(Rcv1Reader, OtherLanguagesAndWhatAnItemMayLack) {
  auto sink = read_string(
      "<newsitem itemid=\"31\" id=\"root\" xml:lang=\"es\">"
      "<title>ESPAÑA: Termina la huelga del puerto.</title>"
      "<text><p>Los prácticos volvieron al trabajo.</p></text>"
      "<metadata><dc element=\"dc.date.published\" value=\"1997-03-02\"/>"
      "<dc element=\"dc.source\" value=\"Reuters Spanish\"/></metadata></newsitem>",
      InputFormat::rcv1, "31.xml");
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& article = sink.articles[0];
  EXPECT_EQ(article.id, "rcv2-31");
  EXPECT_EQ(article.language, "es");
  EXPECT_EQ(article.title, "Termina la huelga del puerto.");
  ASSERT_EQ(article.given_entities.size(), 1u);
  EXPECT_EQ(article.given_entities[0].display, "España");
  ASSERT_TRUE(article.published);
  EXPECT_EQ(article.published->iso8601().substr(0, 10), "1997-03-02");
  EXPECT_EQ(article.source, "Reuters Spanish");

  auto broken = read_string("<newsitem itemid=\"1\"><text><p>Cut", InputFormat::rcv1, "1.xml");
  ASSERT_EQ(broken.skips.size(), 1u);
  EXPECT_EQ(broken.skips[0].reason, "malformed-xml");
}

}  // namespace
}  // namespace dateline
