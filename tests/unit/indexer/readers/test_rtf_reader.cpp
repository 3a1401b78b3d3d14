// RTF documents, as word processors and older newsroom systems save them.
#include <gtest/gtest.h>

#include "../test_support.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::read_string;
using Strings = std::vector<std::string>;

// As a word processor writes a story (our own text): font, colour and
// style tables, \info, a field (a hyperlink), code-page bytes, Unicode
// with fallbacks, a footnote, a table, and pictures (one in binary, its
// bytes holding braces).
const std::string story =
    R"({\rtf1\ansi\ansicpg1252\deff0\nouicompat{\fonttbl{\f0\fnil\fcharset0 Calibri;}{\f1\fswiss Arial;}}
{\colortbl ;\red0\green0\blue255;}
{\*\generator Riched20 10.0.19041}
{\stylesheet{\s0 Normal;}{\s1 heading 1;}}
{\info{\title Grain barges wait on the Danube}{\author Petru Lungu; Windows User}{\subject Traders look to river ports}{\keywords shipping, grain}{\creatim\yr2022\mo3\dy9\hr7\min12}{\operator Night desk}}
\viewkind4\uc1
\pard\s1\b\f1\fs32 Grain barges wait on the Danube\b0\par
\pard\f0\fs22 Dozens of barges wait at Reni and Izmail, agents told the \i Caf\'e9 Dun\u259area\i0  reporters.\par
The port authority {\field{\*\fldinst{HYPERLINK "https://example.org/ports"}}{\fldrslt{\ul published}}} the list\u8212\'97with berths{\super\chftn}{\footnote\pard\plain {\super\chftn} A footnote not indexed.}.\par
\trowd\cellx2000\cellx4000 Reni\cell 40\cell\row
{\*\shppict{\pict\pngblip 89504e470d0a1a0a}}{\pict\wmetafile8\bin6 }{x\'}}{\nonshppict{\pict\wmetafile8 0100090000}}
\ldblquote We wait,\rdblquote  said a captain \endash  and \u1074\'3f\u1086\'3f\u1076\'3f\u1072\'3f is the Russian word for water.\par
}
)";

TEST(RtfReader, AStoryAsAWordProcessorSavesIt) {
  EXPECT_EQ(detect_format("barges.rtf", story), InputFormat::rtf);
  EXPECT_EQ(detect_format("barges", story), InputFormat::rtf);
  auto sink = read_string(story, InputFormat::rtf, "barges.rtf");
  ASSERT_EQ(sink.articles.size(), 1u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.title, "Grain barges wait on the Danube");
  EXPECT_EQ(a.dek, "Traders look to river ports");
  EXPECT_EQ(a.authors, (Strings{"Petru Lungu"}));
  EXPECT_EQ(a.tags, (Strings{"shipping", "grain"}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2022-03-09T07:12:00Z");
  EXPECT_EQ(a.paragraphs,
            (Strings{"Dozens of barges wait at Reni and Izmail, agents told the Caf\xC3\xA9 "
                     "Dun\xC4\x83rea reporters.",
                     "The port authority published the list\xE2\x80\x94with berths.", "Reni | 40",
                     "\xE2\x80\x9CWe wait,\xE2\x80\x9D said a captain \xE2\x80\x93 and "
                     "\xD0\xB2\xD0\xBE\xD0\xB4\xD0\xB0 is the Russian word for water."}));
  EXPECT_EQ(a.format, "rtf");
}

TEST(RtfReader, OddAndBrokenDocuments) {
  // No \info, a headline as the first short line; cut short mid-group.
  auto cut =
      read_string(R"({\rtf1\ansi Port reopens\par Ships sailed at dawn from Izmail.\par {\b Tw)",
                  InputFormat::rtf, "cut.rtf");
  ASSERT_EQ(cut.articles.size(), 1u);
  EXPECT_EQ(cut.articles[0].title, "Port reopens");
  EXPECT_EQ(cut.articles[0].paragraphs, (Strings{"Ships sailed at dawn from Izmail.", "Tw"}));
  EXPECT_FALSE(cut.articles[0].published);

  auto not_rtf = read_string("Just some text.", InputFormat::rtf, "plain.rtf");
  ASSERT_EQ(not_rtf.skips.size(), 1u);
  EXPECT_EQ(not_rtf.skips[0].reason, "malformed-rtf");

  // Nothing but tables of fonts and colours.
  auto empty = read_string(R"({\rtf1{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}})",
                           InputFormat::rtf, "empty.rtf");
  ASSERT_EQ(empty.skips.size(), 1u);
  EXPECT_EQ(empty.skips[0].reason, "no-text");

  // Deep nesting is no stack: a hundred thousand groups.
  auto deep = read_string(
      "{\\rtf1 " + std::string(100000, '{') + "Deep text." + std::string(100000, '}') + "}",
      InputFormat::rtf, "deep.rtf");
  ASSERT_EQ(deep.articles.size(), 1u);
  EXPECT_EQ(deep.articles[0].paragraphs, (Strings{"Deep text."}));
}

}  // namespace
}  // namespace dateline
