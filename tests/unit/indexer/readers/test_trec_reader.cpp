#include <gtest/gtest.h>

#include "../test_support.h"
#include "archive_writer.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::read_string;
using Strings = std::vector<std::string>;

std::string day(const Article& article) {
  return article.published ? article.published->iso8601().substr(0, 10) : "undated";
}

// One document in each form the TREC discs' newspapers and agencies take
// (our own text, in their markup): Associated Press, Wall Street Journal,
// Financial Times, Los Angeles Times, FBIS.
const std::string tipster = R"(<DOC>
<DOCNO> AP880212-0001 </DOCNO>
<FILEID>AP-NR-02-12-88 2344EST</FILEID>
<FIRST>r a PM-Harbour-Pilot 02-12 0112</FIRST>
<HEAD>Harbour Board Names New Pilot</HEAD>
<BYLINE>By JANE ROE</BYLINE>
<BYLINE>Associated Press Writer</BYLINE>
<DATELINE>EASTPORT, Maine (AP) </DATELINE>
<TEXT>
   The harbour board named a new pilot on Friday, the first in
ten years.
   The pilot, Tom Reed, starts in March &amp; serves two years.
</TEXT>
</DOC>
<DOC>
<DOCNO> WSJ870324-0099 </DOCNO>
<HL> Ferry Line Agrees
To Sell Two Boats
----
By Sam Poe </HL>
<DD> 03/24/87</DD>
<SO> WALL STREET JOURNAL (J)</SO>
<DATELINE> PORTLAND, Maine </DATELINE>
<TEXT>
    Casco Ferries Inc. agreed to sell two of its boats to a rival line, the company said.
    Terms weren't disclosed.
</TEXT>
</DOC>
<DOC>
<DOCNO>FT911-3</DOCNO>
<PROFILE>_AN-BEOA7AAIFT</PROFILE>
<DATE>910514
</DATE>
<HEADLINE>
FT  14 MAY 91 / Harbour dues to rise
</HEADLINE>
<BYLINE>
By ANN LEE, Shipping Correspondent
</BYLINE>
<TEXT>
Harbour dues at the port will rise by a tenth next year, the board said.

Shipping lines called the rise steep.
</TEXT>
<PUB>The Financial Times
</PUB>
</DOC>
<DOC>
<DOCNO> LA010189-0001 </DOCNO>
<DOCID> 1 </DOCID>
<DATE>
<P>
January 1, 1989, Sunday, Home Edition
</P>
</DATE>
<SECTION>
<P>
Metro; Part 2; Page 1; Column 1
</P>
</SECTION>
<HEADLINE>
<P>
New Year Swim Draws Hundreds
</P>
</HEADLINE>
<BYLINE>
<P>
By MARK WEST and LUZ DIAZ, Times Staff Writers
</P>
</BYLINE>
<TEXT>
<P>
Hundreds of swimmers ran into the cold sea at dawn.
</P>
<P>
Lifeguards said no one was hurt.
</P>
</TEXT>
<SUBJECT>
<P>
SWIMMING; BEACHES; HOLIDAYS
</P>
</SUBJECT>
</DOC>
<DOC>
<DOCNO> FBIS3-1 </DOCNO>
<HT>  "cr00000011094001" </HT>
<HEADER>
<AU>   FBIS-CHI-94-001 </AU>
Document Type:Daily Report
<DATE1>  2 January 1994 </DATE1>
</HEADER>
<H3> <TI>   Port Authority Reports Record Year </TI></H3>
<TEXT>
Language: <F P=105> English </F>
Article Type:BFN

The port handled more cargo last year than ever before.
</TEXT>
</DOC>
)";

// Information retrieval's news collections are kept as TREC's SGML: files
// of <DOC> records. Before, such a file was one plain-text article whose
// text was the markup, titled "<DOC>" (or, named .sgml, nothing at all
// and no message).
TEST(TrecReader, TheTipsterAndTrecNewspapers) {
  EXPECT_EQ(detect_format("ap/ap880212", tipster), InputFormat::trec);
  EXPECT_EQ(detect_format("wsj_0001.sgml", tipster), InputFormat::trec);
  EXPECT_EQ(
      detect_format("afp_eng_199405.gz", "<DOC id=\"AFP_ENG_19940512.0004\" type=\"story\" >"),
      InputFormat::trec);
  EXPECT_NE(detect_format("notes.txt", "<DOCNO> is what a TREC file names its documents by."),
            InputFormat::trec);

  auto sink = read_string(tipster, InputFormat::trec, "tipster");
  EXPECT_TRUE(sink.skips.empty()) << sink.skips[0].origin << ": " << sink.skips[0].detail;
  EXPECT_TRUE(sink.warnings.empty()) << sink.warnings[0].detail;
  ASSERT_EQ(sink.articles.size(), 5u);

  const Article& ap = sink.articles[0];
  EXPECT_EQ(ap.format, "trec");
  EXPECT_EQ(ap.id, "AP880212-0001");  // the number the collection's judgments name
  EXPECT_EQ(ap.origin, "tipster:1");
  EXPECT_EQ(ap.source, "Associated Press");
  EXPECT_EQ(ap.title, "Harbour Board Names New Pilot");
  EXPECT_EQ(ap.authors, Strings{"JANE ROE"});  // not "Associated Press Writer"
  EXPECT_EQ(ap.dateline, "EASTPORT, Maine (AP)");
  EXPECT_EQ(day(ap), "1988-02-12");  // from the document number
  // A paragraph starts where a line is indented.
  EXPECT_EQ(ap.paragraphs,
            (Strings{"The harbour board named a new pilot on Friday, the first in ten years.",
                     "The pilot, Tom Reed, starts in March & serves two years."}));

  const Article& wsj = sink.articles[1];
  EXPECT_EQ(wsj.source, "Wall Street Journal");
  EXPECT_EQ(wsj.title, "Ferry Line Agrees To Sell Two Boats");  // the byline after "----" is not
  EXPECT_EQ(wsj.authors, Strings{"Sam Poe"});
  EXPECT_EQ(day(wsj), "1987-03-24");  // DD, month first
  EXPECT_EQ(wsj.dateline, "PORTLAND, Maine");
  // Every line indented, one paragraph a line.
  EXPECT_EQ(wsj.paragraphs, (Strings{"Casco Ferries Inc. agreed to sell two of its boats to a "
                                     "rival line, the company said.",
                                     "Terms weren't disclosed."}));

  const Article& ft = sink.articles[2];
  EXPECT_EQ(ft.id, "FT911-3");
  EXPECT_EQ(ft.source, "Financial Times");
  EXPECT_EQ(ft.title, "Harbour dues to rise");  // not "FT  14 MAY 91 / ..."
  EXPECT_EQ(ft.authors, Strings{"ANN LEE"});    // not the role
  EXPECT_EQ(day(ft), "1991-05-14");             // DATE, YYMMDD
  EXPECT_EQ(ft.paragraphs, (Strings{"Harbour dues at the port will rise by a tenth next year, "
                                    "the board said.",
                                    "Shipping lines called the rise steep."}));

  const Article& la = sink.articles[3];
  EXPECT_EQ(la.source, "Los Angeles Times");
  EXPECT_EQ(la.title, "New Year Swim Draws Hundreds");
  EXPECT_EQ(la.authors, (Strings{"MARK WEST", "LUZ DIAZ"}));
  EXPECT_EQ(day(la), "1989-01-01");  // "January 1, 1989, Sunday, Home Edition"
  EXPECT_EQ(la.paragraphs, (Strings{"Hundreds of swimmers ran into the cold sea at dawn.",
                                    "Lifeguards said no one was hurt."}));
  EXPECT_EQ(la.tags, (Strings{"SWIMMING", "BEACHES", "HOLIDAYS"}));

  const Article& fbis = sink.articles[4];
  EXPECT_EQ(fbis.title, "Port Authority Reports Record Year");
  EXPECT_EQ(day(fbis), "1994-01-02");
  ASSERT_FALSE(fbis.paragraphs.empty());
  EXPECT_EQ(fbis.paragraphs.back(), "The port handled more cargo last year than ever before.");
}

// The LDC's newswire archives: Gigaword names its documents in the DOC
// tag and gives their kind; AQUAINT wraps the story in a BODY.
TEST(TrecReader, GigawordAndAquaint) {
  const std::string gigaword = R"(<DOC id="AFP_ENG_19940512.0004" type="story" >
<HEADLINE>
Harbour strike ends after two days
</HEADLINE>
<DATELINE>
EASTPORT, May 12 (AFP) -
</DATELINE>
<TEXT>
<P>
Dock workers went back to work on Thursday after a two-day strike
over pay.
</P>
<P>
The union said talks would go on.
</P>
</TEXT>
</DOC>
<DOC id="AFP_ENG_19940512.0005" type="advis" >
<HEADLINE>
Editors: the strike story above is now final
</HEADLINE>
<TEXT>
<P>
AFP will move a new lead at 1800 GMT.
</P>
</TEXT>
</DOC>
<DOC id="AFP_SPA_19940512.0007" type="story" >
<HEADLINE>
Termina la huelga del puerto
</HEADLINE>
<TEXT>
<P>
Los estibadores volvieron al trabajo el jueves.
</P>
</TEXT>
</DOC>
)";
  auto words = read_string(gigaword, InputFormat::trec, "afp_eng_199405");
  ASSERT_EQ(words.articles.size(), 2u);
  const Article& story = words.articles[0];
  EXPECT_EQ(story.id, "AFP_ENG_19940512.0004");
  EXPECT_EQ(story.source, "Agence France-Presse");
  EXPECT_EQ(story.language, "en");
  EXPECT_EQ(day(story), "1994-05-12");
  EXPECT_EQ(story.title, "Harbour strike ends after two days");
  EXPECT_EQ(story.dateline, "EASTPORT, May 12 (AFP) -");
  EXPECT_EQ(story.paragraphs,
            (Strings{"Dock workers went back to work on Thursday after a two-day strike over pay.",
                     "The union said talks would go on."}));
  EXPECT_EQ(words.articles[1].language, "es");
  // An advisory to editors is not a story: passed over, not a skip.
  EXPECT_TRUE(words.skips.empty());
  ASSERT_EQ(words.passed.size(), 1u);
  EXPECT_EQ(words.passed[0].reason, "not-an-article");
  EXPECT_EQ(words.passed[0].origin, "afp_eng_199405:18");

  const std::string aquaint = R"(<DOC>
<DOCNO> APW19980601.0003 </DOCNO>
<DOCTYPE> NEWS STORY </DOCTYPE>
<DATE_TIME> 06/01/1998 00:17:00 </DATE_TIME>
<BODY>
<SLUG> BC-Harbour-Strike </SLUG>
<HEADLINE>
Harbour Strike Ends
</HEADLINE>
<TEXT>
<P>
   Dock workers went back to work.
</P>
</TEXT>
</BODY>
<TRAILER> AP-NY-06-01-98 0017EDT </TRAILER>
</DOC>
)";
  auto apw = read_string(aquaint, InputFormat::trec, "19980601_APW_ENG");
  ASSERT_EQ(apw.articles.size(), 1u);
  EXPECT_EQ(apw.articles[0].source, "Associated Press Worldstream");
  EXPECT_EQ(apw.articles[0].title, "Harbour Strike Ends");
  ASSERT_TRUE(apw.articles[0].published);
  EXPECT_EQ(apw.articles[0].published->iso8601(), "1998-06-01T00:17:00Z");
  EXPECT_EQ(apw.articles[0].paragraphs, Strings{"Dock workers went back to work."});
}

// Re-packed collections write tags in lower case and a document a line;
// a broken record is reported at its line and the rest is read; a date
// that cannot be read leaves the document undated, with a warning.
TEST(TrecReader, WhatFilesReallyHold) {
  const std::string file =
      "<doc><docno>D1</docno><title>One</title><text>First text.</text></doc>"
      "<doc><docno>D2</docno><text>Second text.</text></doc>\n"
      "<DOC>\n<DOCNO>D3</DOCNO>\n<DATE>sometime in spring</DATE>\n<TEXT>\nThird.\n</TEXT>\n"
      "</DOC>\n"
      "<DOC>\n<DOCNO>D4</DOCNO>\n<TEXT>\n</TEXT>\n</DOC>\n"
      "<DOC>\n<TEXT>\nNo number.\n</TEXT>\n</DOC>\n"
      "<DOC>\n<DOCNO>D6</DOCNO>\n<TEXT>\nCut short";
  EXPECT_EQ(detect_format("docs.trec", file), InputFormat::trec);
  auto sink = read_string(file, InputFormat::trec, "docs");
  ASSERT_EQ(sink.articles.size(), 4u);
  EXPECT_EQ(sink.articles[0].id, "D1");
  EXPECT_EQ(sink.articles[0].title, "One");
  EXPECT_EQ(sink.articles[0].paragraphs, Strings{"First text."});
  EXPECT_EQ(sink.articles[1].id, "D2");
  EXPECT_EQ(sink.articles[1].origin, "docs:1");
  EXPECT_EQ(sink.articles[2].id, "D3");
  EXPECT_FALSE(sink.articles[2].published);  // never "now"
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].reason, "bad-date");
  EXPECT_EQ(sink.warnings[0].origin, "docs:2");
  EXPECT_NE(sink.articles[3].id, "");  // no DOCNO: the text's hash
  EXPECT_EQ(sink.articles[3].paragraphs, Strings{"No number."});
  ASSERT_EQ(sink.skips.size(), 2u);
  EXPECT_EQ(sink.skips[0].origin, "docs:9");
  EXPECT_EQ(sink.skips[0].reason, "no-text");
  EXPECT_EQ(sink.skips[1].origin, "docs:19");
  EXPECT_EQ(sink.skips[1].reason, "truncated");

  // Read as TREC SGML, a file without a <DOC> says so.
  auto none = read_string("Just a note.\n", InputFormat::trec, "note");
  ASSERT_EQ(none.skips.size(), 1u);
  EXPECT_EQ(none.skips[0].reason, "unknown-format");
  // As does one read as Reuters-21578 without a <REUTERS> record: before,
  // it gave nothing and no message.
  auto not_reuters = read_string(tipster, InputFormat::reuters, "ap.sgm");
  ASSERT_EQ(not_reuters.skips.size(), 1u);
  EXPECT_EQ(not_reuters.skips[0].reason, "unknown-format");
}

// The TREC discs hold their files compressed with Unix compress (.Z).
TEST(TrecReader, UnixCompressedFiles) {
  testing::TempDir dir;
  testing::write_archive(dir.path() / "AP880212.Z", "raw", "compress",
                         {{"data", tipster.substr(0, tipster.find("</DOC>") + 7)}});
  testing::CollectingSink sink;
  read_path(dir.path(), InputFormat::automatic, ReaderLimits{}, sink);
  EXPECT_TRUE(sink.skips.empty()) << sink.skips[0].origin << ": " << sink.skips[0].detail;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].id, "AP880212-0001");
}

}  // namespace
}  // namespace dateline
