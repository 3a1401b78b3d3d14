#include <gtest/gtest.h>

#include "../test_support.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::CollectingSink;
using testing::read_string;
using Strings = std::vector<std::string>;

Strings displays(const Article& article, Entity::Type type) {
  Strings out;
  for (const auto& entity : article.given_entities) {
    if (entity.type == type) out.push_back(entity.display);
  }
  return out;
}

// Shaped as agencies deliver a text item (our own text), its body as XHTML.
const std::string item = R"(<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" xmlns:xhtml="http://www.w3.org/1999/xhtml"
    guid="urn:newsml:danube-courier.example:20220309:grain-barges" version="2"
    standard="NewsML-G2" standardversion="2.29" xml:lang="en-GB">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:DANCOU"><name>The Danube Courier</name></provider>
    <versionCreated>2022-03-09T11:20:00+02:00</versionCreated>
    <firstCreated>2022-03-09T09:05:00+02:00</firstCreated>
    <pubStatus qcode="stat:usable"/>
  </itemMeta>
  <contentMeta>
    <contentCreated>2022-03-09T08:40:00+02:00</contentCreated>
    <located qcode="geo:galati"><name>Galati</name></located>
    <creator qcode="nprov:DANCOU" type="cpnat:organisation"><name>Courier desk</name></creator>
    <creator role="crol:author"><name>Petru Lungu</name></creator>
    <creator literal="Ioana Marin"/>
    <language tag="en-GB"/>
    <genre qcode="genre:Current"><name>Current</name></genre>
    <subject type="cpnat:abstract" qcode="medtop:20000344"><name>shipping</name></subject>
    <subject type="cpnat:abstract" qcode="medtop:20000210"/>
    <subject type="cpnat:person" qcode="ex:lungu"><name>Vasile Rusu</name></subject>
    <subject type="cpnat:organisation"><name>Danube Commission</name></subject>
    <subject type="cpnat:geoArea" qcode="iso3166-1a2:UA"><name>Ukraine</name></subject>
    <keyword>grain</keyword>
    <slugline>DANUBE-GRAIN/</slugline>
    <headline role="hlrole:sub">Traders look to river ports</headline>
    <headline>Grain barges wait on the Danube as ports stay shut</headline>
    <dateline>GALATI, Romania, March 9</dateline>
    <by>By Petru Lungu</by>
    <description role="drol:summary">Dozens of barges wait at Reni and Izmail.</description>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
      <html xmlns="http://www.w3.org/1999/xhtml"><head><title>ignored</title></head>
        <body><p>Dozens of barges are waiting at Reni and Izmail.</p>
          <p>Shipping agents said the <em>river route</em> carries only a small part.</p></body></html>
    </inlineXML>
  </contentSet>
</newsItem>
)";

TEST(NewsmlReader, ATextItemAsAgenciesDeliverIt) {
  EXPECT_EQ(detect_format("item.xml", item), InputFormat::newsml);
  auto sink = read_string(item, InputFormat::newsml, "item.xml");
  ASSERT_EQ(sink.articles.size(), 1u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "urn:newsml:danube-courier.example:20220309:grain-barges");
  EXPECT_EQ(a.title, "Grain barges wait on the Danube as ports stay shut");
  EXPECT_EQ(a.dek, "Dozens of barges wait at Reni and Izmail.");
  // The people who wrote it, not the desk that is an organisation.
  EXPECT_EQ(a.authors, (Strings{"Petru Lungu", "Ioana Marin"}));
  EXPECT_EQ(a.dateline, "GALATI, Romania, March 9");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2022-03-09T09:05:00+02:00");  // first created
  EXPECT_EQ(a.source, "The Danube Courier");
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.tags, (Strings{"Current", "shipping", "20000210", "grain"}));
  EXPECT_EQ(displays(a, Entity::Type::person), (Strings{"Vasile Rusu"}));
  EXPECT_EQ(displays(a, Entity::Type::organisation), (Strings{"Danube Commission"}));
  EXPECT_EQ(displays(a, Entity::Type::place), (Strings{"Galati", "Ukraine"}));
  EXPECT_EQ(a.paragraphs,
            (Strings{"Dozens of barges are waiting at Reni and Izmail.",
                     "Shipping agents said the river route carries only a small part."}));
  EXPECT_EQ(a.format, "newsml");
}

// A newsMessage: a NITF story, a plain-text one, a picture, a withdrawn
// item and a package, each an item of the message's itemSet.
const std::string message = R"(<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header><sent>2022-03-10T07:00:00Z</sent></header>
  <itemSet>
    <newsItem guid="urn:example:nitf-story" version="1">
      <itemMeta><itemClass qcode="ninat:text"/><provider literal="Northwind Wire"/>
        <versionCreated>2022-03-10T06:00:00Z</versionCreated></itemMeta>
      <contentMeta><headline>Port of Constanta adds berths</headline></contentMeta>
      <contentSet>
        <inlineXML contenttype="application/nitf+xml">
          <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">
            <head><docdata><identified-content><org>Constanta Port Authority</org>
              </identified-content></docdata></head>
            <body><body.head><hedline><hl1>NITF headline, not used</hl1><hl2>Two more berths</hl2>
              </hedline><byline>By Ana Pop</byline></body.head>
              <body.content><p>Constanta opened two berths.</p><p>More are planned.</p></body.content>
            </body>
          </nitf>
        </inlineXML>
      </contentSet>
    </newsItem>
    <newsItem guid="urn:example:plain" version="1">
      <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:NWIRE"/>
        <firstCreated>March 10th, sometime</firstCreated></itemMeta>
      <contentMeta><headline>Barge traffic rises</headline></contentMeta>
      <contentSet><inlineData contenttype="text/plain">First paragraph
of the story.

Second paragraph.</inlineData></contentSet>
    </newsItem>
    <newsItem guid="urn:example:picture" version="1">
      <itemMeta><itemClass qcode="ninat:picture"/></itemMeta>
      <contentMeta><headline>Barges at Reni</headline>
        <description role="drol:caption">Barges moored at Reni on March 9.</description></contentMeta>
      <contentSet><remoteContent href="reni.jpg"/></contentSet>
    </newsItem>
    <newsItem guid="urn:example:killed" version="3">
      <itemMeta><itemClass qcode="ninat:text"/><pubStatus qcode="stat:canceled"/></itemMeta>
      <contentMeta><headline>KILL: story withdrawn</headline></contentMeta>
    </newsItem>
  </itemSet>
</newsMessage>
)";

TEST(NewsmlReader, EveryItemOfAMessage) {
  EXPECT_EQ(detect_format("feed.xml", message), InputFormat::newsml);
  auto sink = read_string(message, InputFormat::newsml, "feed.xml");
  ASSERT_EQ(sink.articles.size(), 3u);

  // The item's own headline wins; NITF fills what the item left empty.
  const Article& nitf = sink.articles[0];
  EXPECT_EQ(nitf.origin, "feed.xml:5");
  EXPECT_EQ(nitf.title, "Port of Constanta adds berths");
  EXPECT_EQ(nitf.dek, "Two more berths");
  EXPECT_EQ(nitf.authors, (Strings{"Ana Pop"}));
  EXPECT_EQ(nitf.source, "Northwind Wire");
  EXPECT_EQ(nitf.paragraphs, (Strings{"Constanta opened two berths.", "More are planned."}));
  EXPECT_EQ(displays(nitf, Entity::Type::organisation), (Strings{"Constanta Port Authority"}));
  ASSERT_TRUE(nitf.published);
  EXPECT_EQ(nitf.published->iso8601(), "2022-03-10T06:00:00Z");  // version created

  // Plain text keeps its paragraphs; an unparsable date leaves it undated.
  const Article& plain = sink.articles[1];
  EXPECT_EQ(plain.paragraphs, (Strings{"First paragraph of the story.", "Second paragraph."}));
  EXPECT_EQ(plain.source, "NWIRE");
  EXPECT_FALSE(plain.published);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].origin, plain.origin);
  EXPECT_NE(sink.warnings[0].detail.find("March 10th, sometime"), std::string::npos);

  // A picture is indexed by its caption, and tagged as one.
  const Article& picture = sink.articles[2];
  EXPECT_EQ(picture.title, "Barges at Reni");
  EXPECT_EQ(picture.paragraphs, (Strings{"Barges moored at Reni on March 9."}));
  EXPECT_EQ(picture.tags, (Strings{"picture"}));

  // The withdrawn item is reported, with how to remove an earlier version.
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "withdrawn");
  EXPECT_NE(sink.skips[0].detail.find("dateline-index delete urn:example:killed"),
            std::string::npos);
  EXPECT_TRUE(testing::is_clean_line(sink.skips[0].detail));
}

// An item in the legacy charset its XML declaration names, detected by its
// root element (after the declaration and a comment) and read in it.
TEST(NewsmlReader, AnItemInTheCharsetItDeclares) {
  testing::TempDir dir;
  // "Баржи ждут" / "Десятки барж ждут в Рени." in windows-1251.
  const std::string headline = "\xC1\xE0\xF0\xE6\xE8 \xE6\xE4\xF3\xF2";
  const std::string text =
      "\xC4\xE5\xF1\xFF\xF2\xEA\xE8 \xE1\xE0\xF0\xE6 \xE6\xE4\xF3\xF2 \xE2 "
      "\xD0\xE5\xED\xE8.";
  auto file = dir.write("item.xml",
                        "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<!-- feed -->\n"
                        "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:x:1\">"
                        "<contentMeta><headline>" +
                            headline + " " + headline + " " + headline +
                            "</headline></contentMeta><contentSet><inlineData>" + text + " " +
                            text + " " + text + "</inlineData></contentSet></newsItem>\n");
  CollectingSink sink;
  read_path(file, InputFormat::automatic, ReaderLimits{}, sink);
  ASSERT_EQ(sink.articles.size(), 1u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  EXPECT_EQ(sink.articles[0].format, "newsml");
  EXPECT_TRUE(sink.articles[0].title.starts_with("\xD0\x91\xD0\xB0\xD1\x80\xD0\xB6\xD0\xB8"))
      << sink.articles[0].title;  // "Баржи"
}

// XML news formats are known by their root element, not by words their
// first lines happen to hold.
// NewsML 1, as agencies delivered news from 2000 to the late 2000s (our own
// text): an envelope, then NewsItems, each a tree of NewsComponents whose
// text is NITF, XHTML or plain text.
const std::string newsml1 = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE NewsML SYSTEM "http://www.iptc.org/std/NewsML/1.2/specification/NewsML_1.2.dtd">
<NewsML Version="1.2">
  <NewsEnvelope>
    <DateAndTime>20040312T101500+0100</DateAndTime>
  </NewsEnvelope>
  <NewsItem>
    <Identification>
      <NewsIdentifier>
        <ProviderId>northwind.example</ProviderId>
        <DateId>20040312</DateId>
        <NewsItemId>TX-EAS-HARB1</NewsItemId>
        <RevisionId PreviousRevision="1" Update="N">2</RevisionId>
        <PublicIdentifier>urn:newsml:northwind.example:20040312:TX-EAS-HARB1:2</PublicIdentifier>
      </NewsIdentifier>
    </Identification>
    <NewsManagement>
      <NewsItemType FormalName="News"/>
      <FirstCreated>20040312T091000+0100</FirstCreated>
      <ThisRevisionCreated>20040312T101500+0100</ThisRevisionCreated>
      <Status FormalName="Usable"/>
    </NewsManagement>
    <NewsComponent xml:lang="en">
      <NewsLines>
        <HeadLine>Harbour strike ends after two days</HeadLine>
        <SubHeadLine>Dock workers accept a new offer</SubHeadLine>
        <ByLine>By Jane Roe, Staff Correspondent</ByLine>
        <DateLine>EASTPORT, March 12 (Northwind) -</DateLine>
        <CreditLine>Northwind Wire</CreditLine>
        <KeywordLine>strike</KeywordLine>
      </NewsLines>
      <AdministrativeMetadata>
        <Provider><Party FormalName="Northwind Wire"/></Provider>
      </AdministrativeMetadata>
      <DescriptiveMetadata>
        <Language FormalName="en"/>
        <Location HowPresent="Origin">
          <Property FormalName="Country" Value="USA"/>
          <Property FormalName="City" Value="Eastport"/>
        </Location>
      </DescriptiveMetadata>
      <NewsComponent>
        <Role FormalName="Main"/>
        <ContentItem>
          <MediaType FormalName="Text"/>
          <MimeType FormalName="text/vnd.IPTC.NITF"/>
          <DataContent>
            <nitf><body><body.content>
              <p>Dock workers went back to work on Friday.</p>
              <p>The union said talks would go on.</p>
            </body.content></body></nitf>
          </DataContent>
        </ContentItem>
      </NewsComponent>
      <NewsComponent>
        <Role FormalName="Photo"/>
        <ContentItem Href="harbour.jpg"><MediaType FormalName="Photo"/></ContentItem>
      </NewsComponent>
    </NewsComponent>
  </NewsItem>
  <NewsItem>
    <Identification><NewsIdentifier><ProviderId>northwind.example</ProviderId>
      <DateId>20040313</DateId><NewsItemId>TX-EAS-FERRY</NewsItemId><RevisionId>1</RevisionId>
    </NewsIdentifier></Identification>
    <NewsComponent>
      <NewsLines><HeadLine>Ferry fares rise</HeadLine></NewsLines>
      <ContentItem>
        <MediaType FormalName="Text"/><MimeType FormalName="text/plain"/>
        <DataContent>Ferry fares rise by a tenth.

The operator blamed fuel.</DataContent>
      </ContentItem>
    </NewsComponent>
  </NewsItem>
  <NewsItem>
    <Identification><NewsIdentifier><ProviderId>northwind.example</ProviderId>
      <DateId>20040313</DateId><NewsItemId>TX-EAS-OLD</NewsItemId><RevisionId>3</RevisionId>
      <PublicIdentifier>urn:newsml:northwind.example:20040313:TX-EAS-OLD:3</PublicIdentifier>
    </NewsIdentifier></Identification>
    <NewsManagement><Status FormalName="Canceled"/></NewsManagement>
    <NewsComponent><NewsLines><HeadLine>Withdrawn</HeadLine></NewsLines></NewsComponent>
  </NewsItem>
  <NewsItem>
    <NewsManagement><NewsItemType FormalName="Advisory"/></NewsManagement>
    <NewsComponent><NewsLines><HeadLine>Editors: a new lead at noon</HeadLine></NewsLines>
    </NewsComponent>
  </NewsItem>
</NewsML>
)";

// Before, a NewsML 1 document was read as plain text: its markup was an
// article.
TEST(NewsmlReader, NewsML1AsAgenciesDeliveredIt) {
  EXPECT_EQ(detect_format("TX-EAS-HARB1.xml", newsml1), InputFormat::newsml);
  auto sink = read_string(newsml1, InputFormat::newsml, "2004-03-12.xml");
  ASSERT_EQ(sink.articles.size(), 2u);
  const Article& strike = sink.articles[0];
  // Without the revision: revision 3 replaces revision 2.
  EXPECT_EQ(strike.id, "urn:newsml:northwind.example:20040312:TX-EAS-HARB1");
  EXPECT_EQ(strike.origin, "2004-03-12.xml:7");
  EXPECT_EQ(strike.title, "Harbour strike ends after two days");
  EXPECT_EQ(strike.dek, "Dock workers accept a new offer");
  EXPECT_EQ(strike.authors, Strings{"Jane Roe"});
  EXPECT_EQ(strike.dateline, "EASTPORT, March 12 (Northwind) -");
  ASSERT_TRUE(strike.published);
  EXPECT_EQ(strike.published->iso8601(), "2004-03-12T09:10:00+01:00");  // FirstCreated
  EXPECT_EQ(strike.source, "Northwind Wire");
  EXPECT_EQ(strike.language, "en");
  EXPECT_EQ(strike.tags, Strings{"strike"});
  ASSERT_EQ(strike.given_entities.size(), 1u);  // the city; "USA" is a code
  EXPECT_EQ(strike.given_entities[0].display, "Eastport");
  EXPECT_EQ(strike.paragraphs, (Strings{"Dock workers went back to work on Friday.",
                                        "The union said talks would go on."}));

  const Article& ferry = sink.articles[1];
  EXPECT_EQ(ferry.id, "urn:newsml:northwind.example:20040313:TX-EAS-FERRY");
  EXPECT_EQ(ferry.paragraphs,
            (Strings{"Ferry fares rise by a tenth.", "The operator blamed fuel."}));
  ASSERT_TRUE(ferry.published);
  EXPECT_EQ(ferry.published->iso8601().substr(0, 10), "2004-03-12");  // the envelope's

  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "withdrawn");
  EXPECT_NE(sink.skips[0].detail.find(
                "dateline-index delete urn:newsml:northwind.example:20040313:TX-EAS-OLD`"),
            std::string::npos);
  ASSERT_EQ(sink.passed.size(), 1u);
  EXPECT_EQ(sink.passed[0].reason, "not-an-article");
}

TEST(NewsmlReader, XmlFormatsAreKnownByTheirRoot) {
  EXPECT_EQ(detect_format("page.xml",
                          "<?xml version=\"1.0\"?>\n<html><body><p>NewsML-G2's namespace is "
                          "http://iptc.org/std/nar/2006-10-01/ and NITF's root is &lt;nitf&gt; "
                          "or <nitf> in a sample.</p></body></html>"),
            InputFormat::html);
  EXPECT_EQ(detect_format("item.xml",
                          "\xEF\xBB\xBF<?xml version=\"1.0\"?><!-- from the desk -->"
                          "<!DOCTYPE x [<!ENTITY a \"b\">]><nar:newsItem "
                          "xmlns:nar=\"http://iptc.org/std/nar/2006-10-01/\"/>"),
            InputFormat::newsml);
  EXPECT_EQ(detect_format("story.xml", "<!DOCTYPE nitf SYSTEM \"nitf.dtd\">\n<nitf><head/></nitf>"),
            InputFormat::nitf);
  EXPECT_EQ(detect_format("feed.xml",
                          "<?xml version=\"1.0\"?>\n<!-- generator -->\n<rss "
                          "version=\"2.0\"><channel/></rss>"),
            InputFormat::feed);
}

TEST(NewsmlReader, PackagesAndBrokenFilesAreReported) {
  auto package =
      read_string("<packageItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:p\"/>",
                  InputFormat::newsml, "package.xml");
  EXPECT_TRUE(package.articles.empty());
  EXPECT_TRUE(package.skips.empty());  // not a fault of the delivery
  ASSERT_EQ(package.passed.size(), 1u);
  EXPECT_EQ(package.passed[0].reason, "not-an-article");
  EXPECT_NE(package.passed[0].detail.find("packageItem"), std::string::npos);

  auto broken = read_string(message.substr(0, message.size() / 2), InputFormat::newsml, "cut.xml");
  EXPECT_TRUE(broken.articles.empty());
  ASSERT_EQ(broken.skips.size(), 1u);
  EXPECT_EQ(broken.skips[0].origin, "cut.xml");
  EXPECT_EQ(broken.skips[0].reason, "malformed-xml");
  EXPECT_TRUE(testing::is_clean_line(broken.skips[0].detail));

  EXPECT_EQ(format_from_name("newsml-g2"), InputFormat::newsml);
}

}  // namespace
}  // namespace dateline
