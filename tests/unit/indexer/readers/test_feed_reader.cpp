#include <gtest/gtest.h>

#include "../test_support.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::read_string;
using Strings = std::vector<std::string>;

const std::string rss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:c="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Northwind Wire</title>
  <language>en-gb</language>
  <image><title>Logo</title><url>https://northwind.example/logo.png</url></image>
  <item>
    <title>Grain exports resume from Odesa</title>
    <link>https://northwind.example/news/grain</link>
    <guid isPermaLink="false">nw-2022-0801-grain</guid>
    <pubDate>Mon, 01 Aug 2022 09:30:00 +0300</pubDate>
    <dc:creator>Ana Example</dc:creator>
    <category>Ukraine</category>
    <category>Shipping</category>
    <description>The first ship left port on Monday.</description>
    <c:encoded><![CDATA[<p>The first grain ship since the war began left <b>Odesa</b> on Monday.</p>
      <div class="share-tools"><p>Share this story</p></div>
      <p>More ships are expected this week.</p>]]></c:encoded>
  </item>
  <item>
    <title>Copper rises in Santiago</title>
    <link>https://northwind.example/news/copper</link>
    <pubDate>not a date</pubDate>
    <author>desk@northwind.example (Luis Rivera)</author>
    <description>&lt;p&gt;Copper prices rose in Santiago on &lt;i&gt;Tuesday&lt;/i&gt;.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
)";

// Archives keep sites' feeds: each item is an article, its HTML its text.
TEST(FeedReader, Rss) {
  EXPECT_EQ(detect_format("feed.xml", rss), InputFormat::feed);
  EXPECT_EQ(detect_format("news.rss", "<rss version=\"2.0\"><channel>"), InputFormat::feed);
  auto sink = read_string(rss, InputFormat::feed, "wire.xml");
  ASSERT_EQ(sink.articles.size(), 2u);
  const Article& grain = sink.articles[0];
  EXPECT_EQ(grain.id, "nw-2022-0801-grain");
  EXPECT_EQ(grain.title, "Grain exports resume from Odesa");
  EXPECT_EQ(grain.url, "https://northwind.example/news/grain");
  ASSERT_TRUE(grain.published);
  EXPECT_EQ(grain.published->iso8601(), "2022-08-01T09:30:00+03:00");
  EXPECT_EQ(grain.authors, Strings{"Ana Example"});
  EXPECT_EQ(grain.tags, (Strings{"Ukraine", "Shipping"}));
  EXPECT_EQ(grain.source, "Northwind Wire");  // the channel's title, not the image's
  EXPECT_EQ(grain.language, "en");
  EXPECT_EQ(grain.dek, "The first ship left port on Monday.");
  // The content's main text, without the share tools the HTML reader drops.
  EXPECT_EQ(grain.paragraphs,
            (Strings{"The first grain ship since the war began left Odesa on Monday.",
                     "More ships are expected this week."}));
  EXPECT_EQ(grain.format, "feed");
  EXPECT_EQ(grain.origin, "wire.xml:8");

  const Article& copper = sink.articles[1];
  EXPECT_EQ(copper.url, "https://northwind.example/news/copper");
  EXPECT_EQ(copper.id[0], 'u');  // no guid: derived from the URL
  EXPECT_FALSE(copper.published);
  EXPECT_EQ(copper.authors, Strings{"Luis Rivera"});
  // An escaped HTML description is the text when there is no content.
  EXPECT_EQ(copper.paragraphs, Strings{"Copper prices rose in Santiago on Tuesday."});
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].origin, "wire.xml:21");
  EXPECT_EQ(sink.warnings[0].reason, "bad-date");
}

TEST(FeedReader, Atom) {
  const std::string atom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uk-UA">
  <title>Kyiv Ledger</title>
  <entry>
    <title type="text">Talks in Antalya</title>
    <link rel="self" href="https://kyiv.example/api/1"/>
    <link rel="alternate" href="https://kyiv.example/news/antalya"/>
    <id>tag:kyiv.example,2022:antalya</id>
    <updated>2022-03-10T16:00:00Z</updated>
    <published>2022-03-10T15:40:00+02:00</published>
    <author><name>Oksana Melnyk</name><email>om@kyiv.example</email></author>
    <category term="diplomacy"/>
    <summary>Foreign ministers met in Antalya.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The ministers met on
      Thursday.</p><p>No <a href="/c">ceasefire</a> was agreed.</p><title>Not a title</title></div></content>
  </entry>
  <entry>
    <title>Only updated</title>
    <link href="https://kyiv.example/news/2"/>
    <updated>2022-03-11T08:00:00Z</updated>
    <content type="html">&lt;p&gt;Text.&lt;/p&gt;</content>
  </entry>
</feed>
)";
  EXPECT_EQ(detect_format("kyiv.xml", atom), InputFormat::feed);
  auto sink = read_string(atom, InputFormat::feed, "kyiv.atom");
  ASSERT_EQ(sink.articles.size(), 2u);
  const Article& talks = sink.articles[0];
  EXPECT_EQ(talks.title, "Talks in Antalya");
  EXPECT_EQ(talks.url, "https://kyiv.example/news/antalya");  // rel="alternate", not "self"
  EXPECT_EQ(talks.id, "tag:kyiv.example,2022:antalya");
  ASSERT_TRUE(talks.published);
  EXPECT_EQ(talks.published->iso8601(), "2022-03-10T15:40:00+02:00");  // published, not updated
  EXPECT_EQ(talks.authors, Strings{"Oksana Melnyk"});
  EXPECT_EQ(talks.tags, Strings{"diplomacy"});
  EXPECT_EQ(talks.source, "Kyiv Ledger");
  EXPECT_EQ(talks.language, "uk");
  EXPECT_EQ(talks.dek, "Foreign ministers met in Antalya.");
  EXPECT_EQ(talks.paragraphs,
            (Strings{"The ministers met on Thursday.", "No ceasefire was agreed."}));
  ASSERT_TRUE(sink.articles[1].published);
  EXPECT_EQ(sink.articles[1].published->iso8601(), "2022-03-11T08:00:00Z");
  EXPECT_EQ(sink.articles[1].url, "https://kyiv.example/news/2");
}

TEST(FeedReader, RssOneInRdf) {
  const std::string rdf = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/"><title>Old Wire</title></channel>
  <item rdf:about="https://old.example/1">
    <title>Wheat exports rise</title>
    <link>https://old.example/1</link>
    <dc:date>2004-05-06T07:08:09Z</dc:date>
    <dc:subject>Agriculture</dc:subject>
    <description>Wheat exports from Kansas rose.</description>
  </item>
</rdf:RDF>
)";
  EXPECT_EQ(detect_format("index.rdf", rdf), InputFormat::feed);
  auto sink = read_string(rdf, InputFormat::feed);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].source, "Old Wire");
  EXPECT_EQ(sink.articles[0].tags, Strings{"Agriculture"});
  ASSERT_TRUE(sink.articles[0].published);
  EXPECT_EQ(sink.articles[0].paragraphs, Strings{"Wheat exports from Kansas rose."});
}

// A feed cut short, or broken part way, keeps the items before; the item
// cut in two is not indexed as if whole.
TEST(FeedReader, ABrokenFeedKeepsTheItemsBefore) {
  const std::string cut = rss.substr(0, rss.find("<author>") + 12);
  auto sink = read_string(cut, InputFormat::feed, "cut.xml");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Grain exports resume from Odesa");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "malformed-xml");
  EXPECT_TRUE(sink.skips[0].origin.starts_with("cut.xml:")) << sink.skips[0].origin;
  EXPECT_NE(sink.skips[0].detail.find("the item before is indexed"), std::string::npos)
      << sink.skips[0].detail;
  EXPECT_TRUE(testing::is_clean_line(sink.skips[0].detail));

  auto not_xml = read_string("<rss", InputFormat::feed, "x.rss");
  EXPECT_TRUE(not_xml.articles.empty());
  ASSERT_EQ(not_xml.skips.size(), 1u);
  EXPECT_EQ(not_xml.skips[0].detail.find("nothing of it is indexed") != std::string::npos, true);
}

// Feeds written by templates hold HTML's entities and bare ampersands, which
// XML does not allow: libxml2 stopped there, and every item after was lost.
TEST(FeedReader, HtmlEntitiesAndBareAmpersandsAreReadPast) {
  auto sink = read_string(
      "<rss><channel><title>Wire</title>\n"
      "<item><title>A</title><description>First.</description></item>\n"
      "<item><title>Fish & chips</title><description>Cod&nbsp;and chips, &eacute;t&eacute; "
      "&amp; hiver &#8211; &unknown; AT&T</description></item>\n"
      "<item><title>C</title><description>Last.</description></item>\n"
      "</channel></rss>\n",
      InputFormat::feed, "template.xml");
  ASSERT_EQ(sink.articles.size(), 3u);
  EXPECT_EQ(sink.articles[1].title, "Fish & chips");
  EXPECT_EQ(sink.articles[1].paragraphs, Strings{"Cod and chips, été & hiver – &unknown; AT&T"});
  EXPECT_EQ(sink.articles[1].origin, "template.xml:3");
  EXPECT_EQ(sink.articles[2].title, "C");
  EXPECT_EQ(sink.articles[2].source, "Wire");
  EXPECT_TRUE(sink.skips.empty());
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].reason, "malformed-xml");
  EXPECT_NE(sink.warnings[0].detail.find("recovery"), std::string::npos);
}

// External entities are never read (XXE): the feed's text stays its own.
TEST(FeedReader, ExternalEntitiesAreNotLoaded) {
  auto sink = read_string(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
      "<rss><channel><item><title>Leak &secret;</title><description>Text.</description>"
      "</item></channel></rss>\n",
      InputFormat::feed);
  for (const auto& article : sink.articles) {
    EXPECT_EQ(article.title.find("root:"), std::string::npos) << article.title;
  }
}

}  // namespace
}  // namespace dateline
