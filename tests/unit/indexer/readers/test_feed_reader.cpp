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

// A WordPress export (WXR) is a news site's whole archive: what it
// published, and its drafts, private posts, media files and menus. Before,
// every item was an article: a draft marked "do not publish" was found by
// a search, a menu entry "Home" was an article, the author was a login,
// and a post's paragraphs (parted by blank lines, as WordPress keeps them)
// and its shortcodes' markup ran together into one paragraph.
TEST(FeedReader, AWordPressExportGivesWhatTheSitePublished) {
  const std::string wxr = R"(<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Harbour Gazette</title>
  <language>en-GB</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[mjones]]></wp:author_login><wp:author_display_name><![CDATA[Mary Jones]]></wp:author_display_name></wp:author>
  <wp:category><wp:term_id>3</wp:term_id><wp:cat_name><![CDATA[Local news]]></wp:cat_name></wp:category>
  <item>
    <title>Council approves new sea wall</title>
    <link>https://gazette.example/2026/10/sea-wall/</link>
    <dc:creator><![CDATA[mjones]]></dc:creator>
    <guid isPermaLink="false">https://gazette.example/?p=88</guid>
    <description></description>
    <content:encoded><![CDATA[Eastport council voted on Thursday to build a new sea wall.

[caption id="attachment_9" align="alignright" width="300"]<img src="wall.jpg" width="300" /> The promenade in the floods of 2024.[/caption]

The wall will cost <strong>£4.2 million</strong>, the engineer said [sic].
It will take two years.

[embed]https://video.example/watch?v=sea[/embed]
[gallery ids="4,5,6"]

https://video.example/watch?v=wall

<!-- wp:embed {"url":"https://video.example/watch?v=tide"} -->
<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">
https://video.example/watch?v=tide
</div></figure>
<!-- /wp:embed -->
<h2>What residents say</h2>

<blockquote>We asked for it for years.</blockquote>]]></content:encoded>
    <excerpt:encoded><![CDATA[The wall will take two years to build.]]></excerpt:encoded>
    <wp:post_date_gmt><![CDATA[2026-10-09 16:05:00]]></wp:post_date_gmt>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="local"><![CDATA[Local news]]></category>
    <wp:comment><wp:comment_content><![CDATA[A reader's comment about Zanzibar.]]></wp:comment_content></wp:comment>
  </item>
  <item>
    <title>Ferry service to resume</title>
    <pubDate>Tue, 24 Nov 2026 08:30:00 +0000</pubDate>
    <dc:creator>mjones</dc:creator>
    <guid isPermaLink="false">https://gazette.example/?p=101</guid>
    <content:encoded><![CDATA[<!-- wp:paragraph -->
<p>The ferry will run again on Monday.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>Storm damage closed the route.</p>
<!-- /wp:paragraph -->]]></content:encoded>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
  </item>
  <item>
    <title>DRAFT: mayor to resign?</title>
    <pubDate>Mon, 30 Nov -0001 00:00:00 +0000</pubDate>
    <guid isPermaLink="false">https://gazette.example/?p=120</guid>
    <content:encoded><![CDATA[Unconfirmed, do not publish.]]></content:encoded>
    <wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>
    <wp:status>draft</wp:status>
    <wp:post_type>post</wp:post_type>
  </item>
  <item>
    <title>Staff rota</title>
    <guid isPermaLink="false">https://gazette.example/?p=130</guid>
    <content:encoded>Night desk: Tom.</content:encoded>
    <wp:status>private</wp:status>
    <wp:post_type>post</wp:post_type>
  </item>
  <item>
    <title>Subscribers: the tide tables</title>
    <guid isPermaLink="false">https://gazette.example/?p=140</guid>
    <content:encoded>High water at 06:12.</content:encoded>
    <wp:post_password>harbour</wp:post_password>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
  </item>
  <item>
    <title>pier-damage</title>
    <guid isPermaLink="false">https://gazette.example/wp-content/uploads/pier.jpg</guid>
    <excerpt:encoded><![CDATA[The damaged pier.]]></excerpt:encoded>
    <wp:status>inherit</wp:status>
    <wp:post_type>attachment</wp:post_type>
  </item>
  <item>
    <title>Home</title>
    <guid isPermaLink="false">https://gazette.example/?p=5</guid>
    <wp:status>publish</wp:status>
    <wp:post_type>nav_menu_item</wp:post_type>
  </item>
  <item>
    <title>About us</title>
    <guid isPermaLink="false">https://gazette.example/?page_id=2</guid>
    <content:encoded>The Gazette has covered the harbour towns since 1921.</content:encoded>
    <wp:status>publish</wp:status>
    <wp:post_type>page</wp:post_type>
  </item>
</channel>
</rss>
)";
  EXPECT_EQ(detect_format("gazette.WordPress.2026-12-07.xml", wxr), InputFormat::feed);
  auto sink = read_string(wxr, InputFormat::feed, "gazette.xml");
  ASSERT_EQ(sink.articles.size(), 3u);

  const Article& wall = sink.articles[0];
  EXPECT_EQ(wall.id, "https://gazette.example/?p=88");
  EXPECT_EQ(wall.authors, Strings{"Mary Jones"});  // not the login
  EXPECT_EQ(wall.source, "Harbour Gazette");
  EXPECT_EQ(wall.tags, Strings{"Local news"});
  ASSERT_TRUE(wall.published);  // no pubDate: the GMT date
  EXPECT_EQ(wall.published->iso8601(), "2026-10-09T16:05:00Z");
  EXPECT_EQ(wall.dek, "The wall will take two years to build.");
  // One paragraph per blank-line-parted run; shortcodes' tags dropped, a
  // caption's text kept, an embedded video's address not (a shortcode's, one
  // alone on its line, a block's); "[sic]" is text.
  EXPECT_EQ(wall.paragraphs,
            (Strings{"Eastport council voted on Thursday to build a new sea wall.",
                     "The promenade in the floods of 2024.",
                     "The wall will cost £4.2 million, the engineer said [sic]. It will take two "
                     "years.",
                     "What residents say", "We asked for it for years."}));
  for (const auto& article : sink.articles) {
    for (const auto& paragraph : article.paragraphs) {
      EXPECT_EQ(paragraph.find("Zanzibar"), std::string::npos);  // comments are not read
      EXPECT_EQ(paragraph.find("video.example"), std::string::npos) << paragraph;
      EXPECT_EQ(paragraph.find("gallery"), std::string::npos) << paragraph;
    }
  }

  const Article& ferry = sink.articles[1];
  EXPECT_EQ(ferry.paragraphs,
            (Strings{"The ferry will run again on Monday.", "Storm damage closed the route."}));
  ASSERT_TRUE(ferry.published);
  EXPECT_EQ(ferry.published->iso8601(), "2026-11-24T08:30:00Z");

  const Article& about = sink.articles[2];  // a page, tagged so
  EXPECT_EQ(about.title, "About us");
  EXPECT_EQ(about.tags, Strings{"page"});

  // What the site did not publish is passed over, not indexed, and not a
  // fault of the export (no skip: the run does not end "with input
  // skipped", nor stop a --strict one); an unpublished post names the
  // command that removes the version an earlier export gave.
  EXPECT_TRUE(sink.skips.empty());
  ASSERT_EQ(sink.passed.size(), 5u);
  EXPECT_EQ(sink.passed[0].reason, "unpublished");
  EXPECT_NE(sink.passed[0].detail.find("a draft"), std::string::npos) << sink.passed[0].detail;
  EXPECT_NE(sink.passed[0].detail.find("dateline-index delete https://gazette.example/?p=120"),
            std::string::npos)
      << sink.passed[0].detail;
  EXPECT_EQ(sink.passed[1].reason, "unpublished");
  EXPECT_NE(sink.passed[1].detail.find("a private post"), std::string::npos);
  EXPECT_EQ(sink.passed[2].reason, "protected");  // a password-protected post
  EXPECT_EQ(sink.passed[3].reason, "not-an-article");
  EXPECT_NE(sink.passed[3].detail.find("attachment"), std::string::npos);
  EXPECT_EQ(sink.passed[4].reason, "not-an-article");
  EXPECT_NE(sink.passed[4].detail.find("menu entry"), std::string::npos);
  for (const auto& skip : sink.passed) EXPECT_TRUE(testing::is_clean_line(skip.detail));
  EXPECT_TRUE(sink.warnings.empty());  // the draft's "-0001" date is not read
}

// A Blogger export is an Atom feed of a blog's posts and pages, and of its
// comments, settings and templates, as Google writes it since 2020
// (blogger:type, blogger:status) and wrote it before (a "#kind" category,
// app:draft). Before, each entry was an article: the blog's settings and
// every comment were found by a search, and drafts too.
TEST(FeedReader, ABloggerExportGivesWhatTheBlogPublished) {
  const std::string current = R"(<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:blogger="http://schemas.google.com/blogger/2018">
  <id>tag:blogger.com,1999:blog-1</id><title>Valley Notes</title>
  <entry>
    <id>tag:blogger.com,1999:blog-1.post-11</id>
    <blogger:type>POST</blogger:type><blogger:status>LIVE</blogger:status>
    <author><name>Ana Example</name></author>
    <title>Flood barrier finished</title>
    <content type="html">&lt;p&gt;The barrier on the river was finished on Friday.&lt;/p&gt;</content>
    <published>2021-05-07T18:00:00Z</published>
    <category term="floods"/>
    <blogger:filename>/2021/05/flood-barrier.html</blogger:filename>
  </entry>
  <entry>
    <id>tag:blogger.com,1999:blog-1.post-12</id>
    <blogger:type>POST</blogger:type><blogger:status>DRAFT</blogger:status>
    <title>Not yet</title><content type="html">A draft.</content>
  </entry>
  <entry>
    <id>tag:blogger.com,1999:blog-1.post-13</id>
    <blogger:type>COMMENT</blogger:type><blogger:status>LIVE</blogger:status>
    <title>Great news</title><content type="html">Great news for the valley.</content>
  </entry>
  <entry>
    <id>tag:blogger.com,1999:blog-1.page-2</id>
    <blogger:type>PAGE</blogger:type><blogger:status>LIVE</blogger:status>
    <title>About</title><content type="html">Notes from the valley since 2009.</content>
  </entry>
</feed>
)";
  auto sink = read_string(current, InputFormat::feed, "blog.atom");
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].title, "Flood barrier finished");
  EXPECT_EQ(sink.articles[0].authors, Strings{"Ana Example"});
  EXPECT_EQ(sink.articles[0].tags, Strings{"floods"});
  EXPECT_EQ(sink.articles[0].paragraphs,
            Strings{"The barrier on the river was finished on Friday."});
  EXPECT_EQ(sink.articles[1].title, "About");
  EXPECT_EQ(sink.articles[1].tags, Strings{"page"});
  ASSERT_EQ(sink.passed.size(), 2u);
  EXPECT_EQ(sink.passed[0].reason, "unpublished");
  EXPECT_NE(sink.passed[0].detail.find("Blogger"), std::string::npos) << sink.passed[0].detail;
  EXPECT_EQ(sink.passed[1].reason, "not-an-article");
  EXPECT_NE(sink.passed[1].detail.find("comment"), std::string::npos) << sink.passed[1].detail;
  EXPECT_TRUE(sink.skips.empty());

  const std::string before_2020 = R"(<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:app="http://purl.org/atom/app#">
  <title>Valley Notes</title>
  <entry>
    <id>tag:blogger.com,1999:blog-1.settings.BLOG_NAME</id>
    <category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#settings"/>
    <title>Blog name</title><content type="text">Valley Notes</content>
  </entry>
  <entry>
    <id>tag:blogger.com,1999:blog-1.post-11</id>
    <published>2009-05-07T18:00:00.000-07:00</published>
    <category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#post"/>
    <category scheme="http://www.blogger.com/atom/ns#" term="floods"/>
    <title>River rises</title><content type="html">The river rose a metre overnight.</content>
  </entry>
  <entry>
    <id>tag:blogger.com,1999:blog-1.post-12</id>
    <category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#post"/>
    <title>Unfinished</title><content type="html">A draft.</content>
    <app:control><app:draft>yes</app:draft></app:control>
  </entry>
</feed>
)";
  auto old = read_string(before_2020, InputFormat::feed, "blog-05-07-2009.xml");
  ASSERT_EQ(old.articles.size(), 1u);
  EXPECT_EQ(old.articles[0].title, "River rises");
  EXPECT_EQ(old.articles[0].tags, Strings{"floods"});  // the kind is not a tag
  ASSERT_EQ(old.passed.size(), 2u);
  EXPECT_EQ(old.passed[0].reason, "not-an-article");  // the blog's settings
  EXPECT_EQ(old.passed[1].reason, "unpublished");
}

// Outside a WordPress export, a feed's content is HTML as the site showed
// it: blank lines and brackets in it are text, not paragraphs and shortcodes.
// An Atom Publishing Protocol collection (a CMS's or a blog's, not only
// Blogger's export) marks a draft in app:control. Before, outside a
// Blogger export, the draft was indexed as published.
TEST(FeedReader, AnAtomPubDraftIsNotPublished) {
  auto sink = read_string(R"(<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:app="http://www.w3.org/2007/app">
  <title>Valley Notes</title>
  <entry><id>urn:uuid:1</id><title>Flood barrier finished</title>
    <content>The barrier was finished on Friday.</content></entry>
  <entry><id>urn:uuid:2</id><title>Not yet</title>
    <app:control><app:draft>yes</app:draft></app:control>
    <content>A draft.</content></entry>
  <entry><id>urn:uuid:3</id><title>Bridge opens</title>
    <app:control><app:draft>no</app:draft></app:control>
    <content>The bridge opened.</content></entry>
</feed>)",
                          InputFormat::feed, "collection.atom");
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].title, "Flood barrier finished");
  EXPECT_EQ(sink.articles[1].title, "Bridge opens");
  EXPECT_TRUE(sink.articles[1].tags.empty());
  ASSERT_EQ(sink.passed.size(), 1u);
  EXPECT_EQ(sink.passed[0].reason, "unpublished");
  EXPECT_EQ(sink.passed[0].origin, "collection.atom:6");
  EXPECT_NE(sink.passed[0].detail.find("a draft in an AtomPub collection"), std::string::npos)
      << sink.passed[0].detail;
  EXPECT_NE(sink.passed[0].detail.find("dateline-index delete urn:uuid:2`"), std::string::npos);
}

TEST(FeedReader, OnlyAWordPressExportsContentIsReadAsWordPressKeepsIt) {
  auto sink = read_string(
      "<rss><channel><item><title>T</title><description><![CDATA[One\n\nline [gallery "
      "ids=\"1\"] here.]]></description></item></channel></rss>",
      InputFormat::feed);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].paragraphs, Strings{"One line [gallery ids=\"1\"] here."});
}

}  // namespace
}  // namespace dateline
