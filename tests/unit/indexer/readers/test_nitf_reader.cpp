#include <gtest/gtest.h>

#include "../test_support.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::read_string;
using Strings = std::vector<std::string>;

// Shaped as the New York Times Annotated Corpus writes its stories (our
// own text): the DTD it names is never fetched.
const std::string story = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nitf SYSTEM "http://www.nitf.org/IPTC/NITF/3.3/specification/dtd/nitf-3-3.dtd">
<nitf change.date="June 10, 2005" change.time="19:30" version="-//IPTC//DTD NITF 3.3//EN">
  <head>
    <title>Grain Barges Wait on the Danube</title>
    <docdata>
      <doc-id id-string="1815718"/>
      <doc.copyright holder="The Danube Courier" year="2022"/>
      <identified-content>
        <classifier class="indexing_service" type="descriptor">Grain</classifier>
        <classifier class="indexing_service" type="descriptor">Shipping</classifier>
        <person class="indexing_service">Lungu, Petru</person>
        <org class="indexing_service">Danube Commission</org>
        <location class="indexing_service">Izmail (Ukraine)</location>
      </identified-content>
    </docdata>
    <pubdata date.publication="20220309T090500+0200" name="The Danube Courier"/>
  </head>
  <body>
    <body.head>
      <hedline><hl1>Grain Barges Wait on the Danube as Ports Stay Shut</hl1>
        <hl2>Traders look to river ports</hl2></hedline>
      <byline class="print_byline">By PETRU LUNGU and IOANA MARIN</byline>
      <dateline>GALATI, Romania, March 8</dateline>
    </body.head>
    <body.content>
      <block class="lead_paragraph"><p>Dozens of barges are waiting at Reni and Izmail.</p></block>
      <block class="full_text">
        <p>Dozens of barges are waiting at Reni and Izmail.</p>
        <p>Shipping agents said the <em>river route</em> carries only a small part.</p>
      </block>
    </body.content>
  </body>
</nitf>
)";

TEST(NitfReader, AStoryAsAgenciesAndTheTimesWriteIt) {
  EXPECT_EQ(detect_format("1815718.xml", story), InputFormat::nitf);
  auto sink = read_string(story, InputFormat::nitf, "1815718.xml");
  ASSERT_EQ(sink.articles.size(), 1u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "1815718");
  EXPECT_EQ(a.title, "Grain Barges Wait on the Danube as Ports Stay Shut");
  EXPECT_EQ(a.dek, "Traders look to river ports");
  EXPECT_EQ(a.authors, (Strings{"PETRU LUNGU", "IOANA MARIN"}));
  EXPECT_EQ(a.dateline, "GALATI, Romania, March 8");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2022-03-09T09:05:00+02:00");
  EXPECT_EQ(a.source, "The Danube Courier");
  EXPECT_EQ(a.tags, (Strings{"Grain", "Shipping"}));
  // The full text once, not again after its lead paragraph.
  EXPECT_EQ(a.paragraphs,
            (Strings{"Dozens of barges are waiting at Reni and Izmail.",
                     "Shipping agents said the river route carries only a small part."}));
  Strings entities;
  for (const auto& entity : a.given_entities) entities.push_back(entity.display);
  EXPECT_EQ(entities, (Strings{"Petru Lungu", "Danube Commission", "Izmail (Ukraine)"}));
  EXPECT_EQ(a.format, "nitf");
}

TEST(NitfReader, MinimalAndBrokenDocuments) {
  auto minimal = read_string(
      "<nitf><head><title>Port reopens</title><docdata><date.issue norm=\"20020302\"/>"
      "</docdata></head><body><body.content><p>Ships sailed.</p></body.content></body></nitf>",
      InputFormat::nitf);
  ASSERT_EQ(minimal.articles.size(), 1u);
  EXPECT_EQ(minimal.articles[0].title, "Port reopens");
  ASSERT_TRUE(minimal.articles[0].published);
  EXPECT_EQ(minimal.articles[0].published->iso8601(), "2002-03-02T00:00:00Z");

  auto broken = read_string(story.substr(0, story.size() / 2), InputFormat::nitf, "cut.xml");
  EXPECT_TRUE(broken.articles.empty());
  ASSERT_EQ(broken.skips.size(), 1u);
  EXPECT_EQ(broken.skips[0].origin, "cut.xml");
  EXPECT_EQ(broken.skips[0].reason, "malformed-xml");
  EXPECT_TRUE(testing::is_clean_line(broken.skips[0].detail));
}

}  // namespace
}  // namespace dateline
