// Exports of the news databases journalists and researchers get archives
// from: LexisNexis (Academic's text and HTML, Nexis Uni's Word and RTF) and
// Factiva (XML, HTML with its codes, and RTF, Word and HTML without them)
// and ProQuest (its export page, saved or e-mailed, and its text export).
// Many articles a file, written here in each layout with our own text. The
// PDF exports are in test_pdf_reader.cpp.

#include <gtest/gtest.h>

#include <algorithm>

#include "../test_support.h"
#include "archive_writer.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::CollectingSink;
using testing::read_string;
using testing::TempDir;
using testing::write_archive;
using Strings = std::vector<std::string>;

// A file's bytes read as dateline-index reads them: format detected.
CollectingSink read_auto(const std::string& text, const std::string& name) {
  return read_string(text, detect_format(name, text), name);
}

CollectingSink read(const std::filesystem::path& path) {
  CollectingSink sink;
  read_path(path, InputFormat::automatic, ReaderLimits{}, sink);
  return sink;
}

// A Word document of these paragraphs, as the databases' exports are.
void write_docx(const std::filesystem::path& file, const Strings& paragraphs) {
  std::string body;
  for (const std::string& paragraph : paragraphs) {
    body += "<w:p><w:r><w:t>" + paragraph + "</w:t></w:r></w:p>";
  }
  write_archive(
      file, "zip", "",
      {{"[Content_Types].xml",
        R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
       {"word/document.xml",
        R"(<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
            body + "</w:body></w:document>"}});
}

std::vector<std::string> names(const Article& article, Entity::Type type) {
  std::vector<std::string> out;
  for (const Entity& entity : article.given_entities) {
    if (entity.type == type) out.push_back(entity.display);
  }
  return out;
}

// LexisNexis Academic's text export: a download request, then each article
// after its "N of M DOCUMENTS" line, centred lines indented.
const std::string academic_text =
    "\n\n"
    "Download Request: Selected Items: 1-3\n"
    "Time Of Request: Monday, March 4, 2019  10:12:40\n"
    "Terms: (harbour and strike)\n"
    "Source: Selected newspapers\n"
    "\n"
    "                               1 of 3 DOCUMENTS\n"
    "\n"
    "                              The Harbour Gazette\n"
    "\n"
    "                            March 14, 2019 Thursday\n"
    "                                   Final Edition\n"
    "\n"
    "Port strike ends after nine days\n"
    "\n"
    "BYLINE: By MIRA CASTELL and Tom Okafor, Transport Correspondent\n"
    "\n"
    "SECTION: NEWS; Pg. 4\n"
    "\n"
    "LENGTH: 48 words\n"
    "\n"
    "DATELINE: EASTWICK\n"
    "\n"
    "Dock workers at the port of Eastwick voted on Thursday to end a nine-day\n"
    "strike that had left forty ships waiting at anchor.\n"
    "\n"
    "NOTES: the union said the agreement raises wages by six per cent over two years.\n"
    "\n"
    "LOAD-DATE: March 15, 2019\n"
    "\n"
    "LANGUAGE: ENGLISH\n"
    "\n"
    "CORRECTION:\n"
    "\n"
    "An earlier version gave the length of the strike as ten days.\n"
    "\n"
    "SUBJECT: STRIKES (92%); PORTS (90%); WAGES (48%)\n"
    "\n"
    "PERSON: MIRA CASTELL (71%)\n"
    "\n"
    "ORGANIZATION: EASTWICK DOCKERS UNION (88%)\n"
    "\n"
    "GEOGRAPHIC: EASTWICK, NORTHLAND (94%) NORTHLAND (90%); SOUTHLAND (40%)\n"
    "\n"
    "\n"
    "                     Copyright 2019 The Harbour Gazette Ltd\n"
    "                              All Rights Reserved\n"
    "\n"
    "                               2 of 3 DOCUMENTS\n"
    "\n"
    "                                 Le Courrier\n"
    "\n"
    "                            12 avril 2019 vendredi\n"
    "\n"
    "Les dockers reprennent le travail\n"
    "\n"
    "RUBRIQUE: ECONOMIE; Pg. 7\n"
    "\n"
    "LONGUEUR: 20 mots\n"
    "\n"
    "Les dockers du port ont repris le travail vendredi matin.\n"
    "\n"
    "LANGUE: FRANÇAIS\n"
    "\n"
    "                               3 of 3 DOCUMENTS\n"
    "\n"
    "                              The Harbour Gazette\n"
    "\n"
    "                              Spring Supplement\n"
    "\n"
    "Ferry timetable changes\n"
    "\n"
    "LENGTH: 12 words\n"
    "\n"
    "The ferry to Northland leaves an hour earlier from Monday.\n";

TEST(LexisNexis, AcademicTextExportIsOneArticleEach) {
  auto sink = read_auto(academic_text, "Results.TXT");
  ASSERT_EQ(sink.articles.size(), 3u);
  EXPECT_TRUE(sink.skips.empty());
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.origin, "Results.TXT:8");
  EXPECT_EQ(a.format, "lexisnexis");
  EXPECT_EQ(a.source, "The Harbour Gazette");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2019-03-14T00:00:00Z");
  EXPECT_EQ(a.title, "Port strike ends after nine days");
  EXPECT_EQ(a.authors, (Strings{"MIRA CASTELL", "Tom Okafor"}));
  EXPECT_EQ(a.dateline, "EASTWICK");
  EXPECT_EQ(a.language, "en");
  // The body, a line of it with a colon included; no field, no copyright.
  EXPECT_EQ(a.paragraphs,
            (Strings{"Dock workers at the port of Eastwick voted on Thursday to end a nine-day "
                     "strike that had left forty ships waiting at anchor.",
                     "NOTES: the union said the agreement raises wages by six per cent over two "
                     "years."}));
  // The database's index terms weighed at 50% or more.
  EXPECT_EQ(a.tags, (Strings{"Strikes", "Ports"}));
  EXPECT_EQ(names(a, Entity::Type::person), (Strings{"Mira Castell"}));
  EXPECT_EQ(names(a, Entity::Type::organisation), (Strings{"Eastwick Dockers Union"}));
  EXPECT_EQ(names(a, Entity::Type::place), (Strings{"Eastwick", "Northland"}));

  // French labels and months.
  const Article& b = sink.articles[1];
  EXPECT_EQ(b.origin, "Results.TXT:50");
  EXPECT_EQ(b.source, "Le Courrier");
  ASSERT_TRUE(b.published);
  EXPECT_EQ(b.published->iso8601(), "2019-04-12T00:00:00Z");
  EXPECT_EQ(b.title, "Les dockers reprennent le travail");
  EXPECT_EQ(b.paragraphs, (Strings{"Les dockers du port ont repris le travail vendredi matin."}));
  EXPECT_EQ(b.language, "fr");

  // No date line: undated and said so, never dated "now".
  const Article& c = sink.articles[2];
  EXPECT_FALSE(c.published);
  EXPECT_EQ(c.title, "Ferry timetable changes");
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].origin, "Results.TXT:66");
  EXPECT_EQ(sink.warnings[0].reason, "bad-date");
  EXPECT_NE(sink.warnings[0].detail.find("Spring Supplement"), std::string::npos);

  // The same articles whatever the file is called, and by name.
  EXPECT_EQ(detect_format("download.txt", academic_text), InputFormat::lexisnexis);
  EXPECT_EQ(format_from_name("lexisnexis"), InputFormat::lexisnexis);
}

// Academic's HTML export: a block a <div>, the lines of a block apart by
// <br>s.
TEST(LexisNexis, AcademicHtmlExport) {
  const std::string html =
      "<HTML><HEAD><STYLE>.c0 { text-align: center; }</STYLE><!-- LXNComment 2827 -->"
      "<TITLE>&nbsp;</TITLE></HEAD><BODY>"
      "<A NAME=\"DOC_ID_0_0\"></A><!-- Hide XML section from browser <DOC NUMBER=1> -->"
      "<BR><DIV CLASS=\"c0\"><P CLASS=\"c1\"><SPAN>17 of 240 DOCUMENTS</SPAN></P></DIV>"
      "<BR><DIV CLASS=\"c3\"><P CLASS=\"c1\"><SPAN>The Harbour Gazette</SPAN></P></DIV>"
      "<BR><DIV CLASS=\"c3\"><P CLASS=\"c1\"><SPAN CLASS=\"c4\">January</SPAN><SPAN> 28, 1993, "
      "Thursday, Late Edition - Final<BR>Correction Appended</SPAN></P></DIV>"
      "<BR><DIV CLASS=\"c5\"><P CLASS=\"c6\"><SPAN CLASS=\"c7\">Tolls rise;<BR>Bridge "
      "repairs begin</SPAN></P></DIV>"
      "<BR><DIV CLASS=\"c5\"><P CLASS=\"c6\"><SPAN CLASS=\"c8\">SECTION: </SPAN><SPAN>Section "
      "B; Page 2</SPAN></P></DIV>"
      "<BR><DIV CLASS=\"c5\"><P CLASS=\"c9\"><SPAN>Tolls on the Eastwick bridge rise by a "
      "fifth.</SPAN></P><P CLASS=\"c9\"><SPAN>Repairs start in March.</SPAN></P></DIV>"
      "<BR><DIV CLASS=\"c5\"><P CLASS=\"c6\"><SPAN CLASS=\"c8\">LANGUAGE: </SPAN>"
      "<SPAN>ENGLISH</SPAN></P></DIV>"
      "<BR><DIV CLASS=\"c3\"><P CLASS=\"c1\"><SPAN>Copyright 1993 The Harbour Gazette</SPAN>"
      "</P></DIV><!-- </DOC> -->"
      "<BR><DIV CLASS=\"c0\"><P CLASS=\"c1\"><SPAN>18 of 240 DOCUMENTS</SPAN></P></DIV>"
      "<BR><DIV CLASS=\"c3\"><P CLASS=\"c1\"><SPAN>The Harbour Gazette</SPAN></P></DIV>"
      "<BR><DIV CLASS=\"c3\"><P CLASS=\"c1\"><SPAN>January 29, 1993, Friday</SPAN></P></DIV>"
      "<BR><DIV CLASS=\"c5\"><P CLASS=\"c6\"><SPAN>Ferry strike called off</SPAN></P></DIV>"
      "<BR><DIV CLASS=\"c5\"><P CLASS=\"c6\"><SPAN CLASS=\"c8\">LENGTH: </SPAN><SPAN>9 "
      "words</SPAN></P></DIV>"
      "<BR><DIV CLASS=\"c5\"><P CLASS=\"c9\"><SPAN>The ferry crews returned to work on "
      "Friday.</SPAN></P></DIV></BODY></HTML>";
  auto sink = read_auto(html, "export.HTML");
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_TRUE(sink.warnings.empty());
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.origin, "export.HTML[17]");
  EXPECT_EQ(a.format, "lexisnexis");
  EXPECT_EQ(a.source, "The Harbour Gazette");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "1993-01-28T00:00:00Z");
  EXPECT_EQ(a.title, "Tolls rise; Bridge repairs begin");
  EXPECT_EQ(a.paragraphs,
            (Strings{"Tolls on the Eastwick bridge rise by a fifth.", "Repairs start in March."}));
  const Article& b = sink.articles[1];
  EXPECT_EQ(b.origin, "export.HTML[18]");
  EXPECT_EQ(b.title, "Ferry strike called off");
  EXPECT_EQ(b.paragraphs, (Strings{"The ferry crews returned to work on Friday."}));
}

// Nexis Uni's layout: a cover page listing the documents, then each article
// ending "End of Document".
const Strings nexis_uni = {
    "Date and Time: Monday, 4. March 2019 10:12:00 CET",
    "Job Number: 81234567",
    "Documents (2)",
    "1. Port strike ends after nine days",
    "Client/Matter: -None-",
    "Search Terms: harbour strike",
    "Port strike ends after nine days",
    "The Harbour Gazette",
    "March 14, 2019 Thursday 9:20 AM GMT",
    "Copyright 2019 The Harbour Gazette Ltd. All Rights Reserved",
    "Section: NEWS; Version:3",
    "Series: Harbour diary",
    "Length: 48 words",
    "Byline: Mira Castell (now), Tom Okafor in Eastwick",
    "Highlight: Forty ships had waited at anchor",
    "Body",
    "Dock workers at the port of Eastwick voted on Thursday to end a nine-day strike.",
    "Length of the strike: nine days.",
    "Classification",
    "Language: ENGLISH",
    "Subject: STRIKES (92%); PORTS (90%)",
    "Load-Date: March 15, 2019",
    "End of Document",
    "Ferry timetable changes",
    "The Harbour Gazette",
    "March 15, 2019 Friday",
    "Length: 12 words",
    "Body",
    "The ferry to Northland leaves an hour earlier from Monday.",
    "End of Document",
};

void expect_nexis_uni(const CollectingSink& sink, const std::string& name) {
  ASSERT_EQ(sink.articles.size(), 2u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  EXPECT_TRUE(sink.warnings.empty());
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.origin, name + "[1]");
  EXPECT_EQ(a.format, "lexisnexis");
  EXPECT_EQ(a.title, "Port strike ends after nine days");
  EXPECT_EQ(a.source, "The Harbour Gazette");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2019-03-14T09:20:00Z");
  EXPECT_EQ(a.authors, (Strings{"Mira Castell", "Tom Okafor"}));
  EXPECT_EQ(a.dek, "Forty ships had waited at anchor");
  EXPECT_EQ(a.paragraphs,
            (Strings{"Dock workers at the port of Eastwick voted on Thursday to end a nine-day "
                     "strike.",
                     "Length of the strike: nine days."}));
  EXPECT_EQ(a.tags, (Strings{"Strikes", "Ports"}));
  EXPECT_EQ(a.language, "en");
  const Article& b = sink.articles[1];
  EXPECT_EQ(b.origin, name + "[2]");
  EXPECT_EQ(b.title, "Ferry timetable changes");
  ASSERT_TRUE(b.published);
  EXPECT_EQ(b.published->iso8601(), "2019-03-15T00:00:00Z");
  EXPECT_EQ(b.paragraphs, (Strings{"The ferry to Northland leaves an hour earlier from Monday."}));
}

TEST(LexisNexis, NexisUniWordExport) {
  TempDir dir;
  auto file = dir.path() / "Files (2).DOCX";
  write_docx(file, nexis_uni);
  expect_nexis_uni(read(file), file.string());
}

TEST(LexisNexis, NexisUniRtfExport) {
  std::string rtf = "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\n";
  for (const std::string& paragraph : nexis_uni) rtf += "\\pard " + paragraph + "\\par\n";
  rtf += "}";
  expect_nexis_uni(read_auto(rtf, "Files.RTF"), "Files.RTF");
}

// A date line that is no date: undated and said so; the source and
// headline still where the layout puts them.
TEST(LexisNexis, NexisUniDateLineThatIsNoDate) {
  auto sink = read_string(
      "Ferry timetable changes\n\nThe Harbour Gazette\n\nSpring Supplement 2019\n\n"
      "Length: 10 words\n\nBody\n\nThe ferry to Northland leaves an hour earlier.\n\n"
      "End of Document\n",
      InputFormat::lexisnexis, "export.txt");
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_FALSE(a.published);
  EXPECT_EQ(a.title, "Ferry timetable changes");
  EXPECT_EQ(a.source, "The Harbour Gazette");
  EXPECT_EQ(a.paragraphs, (Strings{"The ferry to Northland leaves an hour earlier."}));
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].reason, "bad-date");
  EXPECT_EQ(sink.warnings[0].origin, "export.txt:13");
  EXPECT_NE(sink.warnings[0].detail.find("Spring Supplement 2019"), std::string::npos);
}

// A story that quotes such lines is still one story.
TEST(LexisNexis, AStoryMentioningTheMarkersIsNoExport) {
  auto sink = read_auto(
      "Archive searches\n\nThe clerk printed page 1 of 3 documents and wrote End of Document "
      "below it.\nBody\nEnd of Document\n",
      "story.txt");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].format, "text");
  // A report whose last line is "End of Document", its fields undated.
  TempDir dir;
  auto report = dir.path() / "report.docx";
  write_docx(report, {"Quarterly report", "Section: Finance", "Length: 12 pages",
                      "Revenue rose in every region.", "End of Document"});
  auto read_report = read(report);
  ASSERT_EQ(read_report.articles.size(), 1u);
  EXPECT_EQ(read_report.articles[0].format, "docx");
}

// Factiva's XML export (a PPS response).
const std::string factiva_xml = R"(<?xml version="1.0" encoding="utf-8"?>
<PPSResponse>
  <ppsArticleResponse xmlns="http://global.factiva.com/pps/2.0">
    <ppsarticleResultSet count="2">
      <ppsarticle>
        <article>
          <accessionNo>HARBGZ0020190314ef3e0001k</accessionNo>
          <baseLanguage>EN</baseLanguage>
          <copyright>(c) 2019 The Harbour Gazette</copyright>
          <headline><paragraph display="Proportional" lang="EN"><hlt>Port</hlt> strike ends after nine days</paragraph></headline>
          <byline><paragraph>By Mira Castell</paragraph></byline>
          <leadParagraph><paragraph>Dock workers voted on Thursday to end the strike.</paragraph></leadParagraph>
          <publicationDate><dateTime>2019-03-14T09:20:00Z</dateTime></publicationDate>
          <sourceName>The Harbour Gazette</sourceName>
          <region code="eastw"><name>Eastwick</name></region>
          <company code="edu"><name>Eastwick Dockers Union</name></company>
          <newsSubject code="glabor"><name>Labor/Personnel</name></newsSubject>
          <tailParagraphs><paragraph>Forty ships had waited at anchor.</paragraph><paragraph>The union will vote again in May.</paragraph></tailParagraphs>
          <wordCount>31</wordCount>
        </article>
      </ppsarticle>
      <ppsarticle>
        <article>
          <accessionNo>REUT00019870226-0001</accessionNo>
          <headline><paragraph>FERRY LINE CUTS FARES</paragraph></headline>
          <leadParagraph>
The Northland Ferry Co said it cut
its fares by a tenth from Monday.
    The cut follows the end of the port strike.
          </leadParagraph>
          <publicationDate><date>1987-02-26</date></publicationDate>
        </article>
      </ppsarticle>
    </ppsarticleResultSet>
  </ppsArticleResponse>
</PPSResponse>
)";

TEST(Factiva, XmlExport) {
  EXPECT_EQ(detect_format("factiva.xml", factiva_xml), InputFormat::factiva);
  auto sink = read_auto(factiva_xml, "factiva.xml");
  ASSERT_EQ(sink.articles.size(), 2u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  EXPECT_TRUE(sink.warnings.empty());
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.origin, "factiva.xml:6");
  EXPECT_EQ(a.format, "factiva");
  // Factiva's own id: an article exported again replaces itself.
  EXPECT_EQ(a.id, "HARBGZ0020190314ef3e0001k");
  EXPECT_EQ(a.title, "Port strike ends after nine days");
  EXPECT_EQ(a.authors, (Strings{"Mira Castell"}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2019-03-14T09:20:00Z");
  EXPECT_EQ(a.source, "The Harbour Gazette");
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.paragraphs,
            (Strings{"Dock workers voted on Thursday to end the strike.",
                     "Forty ships had waited at anchor.", "The union will vote again in May."}));
  EXPECT_EQ(a.tags, (Strings{"Labor/Personnel"}));
  EXPECT_EQ(names(a, Entity::Type::place), (Strings{"Eastwick"}));
  EXPECT_EQ(names(a, Entity::Type::organisation), (Strings{"Eastwick Dockers Union"}));
  // Wire copy as written: its indented lines start paragraphs.
  const Article& b = sink.articles[1];
  EXPECT_EQ(b.paragraphs,
            (Strings{"The Northland Ferry Co said it cut its fares by a tenth from Monday.",
                     "The cut follows the end of the port strike."}));
  ASSERT_TRUE(b.published);
  EXPECT_EQ(b.published->iso8601(), "1987-02-26T00:00:00Z");
}

TEST(Factiva, BrokenXmlIsNamedNotLost) {
  auto sink = read_string(factiva_xml.substr(0, factiva_xml.size() / 2), InputFormat::factiva,
                          "factiva.xml");
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "malformed-xml");
  EXPECT_NE(sink.skips[0].detail.find("line"), std::string::npos);
}

// Factiva's HTML export with its codes: a table of rows an article.
TEST(Factiva, HtmlExportWithCodes) {
  auto row = [](const std::string& code, const std::string& value) {
    return "<tr><td align=\"right\" valign=\"top\" class=\"index\"><b>" + code +
           "</b>&nbsp;</td><td>" + value + "</td></tr>";
  };
  const std::string html =
      "<html><head><title>Factiva</title></head><body><div id=\"navcontainer\"><h1>Factiva</h1>"
      "</div><form><div id=\"contentWrapper\"><div class=\"article enArticle\"><table>" +
      row("HD", "<b class='enHeadline'>Port strike ends after nine days</b>") +
      row("BY", "By Mira Castell and Tom Okafor") + row("WC", "31 words") +
      row("PD", "14 March 2019") + row("ET", "09:20") + row("SN", "The Harbour Gazette") +
      row("SC", "HARBGZ") + row("LA", "English") + row("CY", "(c) 2019 The Harbour Gazette") +
      row("LP",
          "<p class=\"articleParagraph enarticleParagraph\">Dock workers voted on Thursday to "
          "end the strike.</p>") +
      row("TD",
          "<p class=\"articleParagraph enarticleParagraph\">Forty ships had waited.</p>"
          "<p class=\"articleParagraph enarticleParagraph\">The union will vote again.</p>") +
      row("NS", "<br/>glabor : Labor/Personnel | gcat : Political/General News") +
      row("RE", "<br/>eastw : Eastwick | namz : North America") +
      row("CO", "<br/>edu : Eastwick Dockers Union") +
      row("AN", "<br/>Document HARBGZ0020190314ef3e0001k") +
      "</table></div><div class=\"article frArticle\"><table>" +
      row("HD", "<b class='frHeadline'>Les dockers reprennent le travail</b>") +
      row("PD", "15 mars 2019") + row("SN", "Le Courrier") + row("LA", "Français") +
      row("LP", "<p class=\"articleParagraph frarticleParagraph\">Les dockers ont repris.</p>") +
      row("AN", "<br/>Document COURR00020190315ef3f0002b") +
      "</table></div><div id=\"pageFooter\"><span class=\"copyright\">&copy; 2019 Factiva, "
      "Inc.</span></div></div></form></body></html>";
  auto sink = read_auto(html, "Factiva.html");
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_TRUE(sink.warnings.empty());
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.origin, "Factiva.html[1]");
  EXPECT_EQ(a.format, "factiva");
  EXPECT_EQ(a.id, "HARBGZ0020190314ef3e0001k");
  EXPECT_EQ(a.title, "Port strike ends after nine days");
  EXPECT_EQ(a.authors, (Strings{"Mira Castell", "Tom Okafor"}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2019-03-14T09:20:00Z");
  EXPECT_EQ(a.source, "The Harbour Gazette");
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.paragraphs, (Strings{"Dock workers voted on Thursday to end the strike.",
                                   "Forty ships had waited.", "The union will vote again."}));
  EXPECT_EQ(a.tags, (Strings{"Labor/Personnel", "Political/General News"}));
  EXPECT_EQ(names(a, Entity::Type::place), (Strings{"Eastwick", "North America"}));
  EXPECT_EQ(names(a, Entity::Type::organisation), (Strings{"Eastwick Dockers Union"}));
  const Article& b = sink.articles[1];
  EXPECT_EQ(b.origin, "Factiva.html[2]");
  EXPECT_EQ(b.id, "COURR00020190315ef3f0002b");
  ASSERT_TRUE(b.published);
  EXPECT_EQ(b.published->iso8601(), "2019-03-15T00:00:00Z");
  EXPECT_EQ(b.language, "fr");
  EXPECT_EQ(b.paragraphs, (Strings{"Les dockers ont repris."}));
}

// Factiva without its codes ("Full Article/Report"), as Word, RTF and
// browsers save it: each article's lines in the codes' order, ending with
// its accession number.
const Strings factiva_plain = {
    "Factiva",
    "Dow Jones",
    "Transport",
    "Port strike ends after nine days",
    "By Mira Castell",
    "312 words",
    "14 March 2019",
    "09:20",
    "The Harbour Gazette",
    "HARBGZ",
    "Late Edition",
    "English",
    "(c) 2019 The Harbour Gazette. All rights reserved.",
    "Dock workers voted on Thursday to end the strike.",
    "Forty ships had waited at anchor.",
    "Document HARBGZ0020190314ef3e0001k",
    "Les dockers reprennent le travail",
    "20 mots",
    "15 mars 2019",
    "Le Courrier",
    "COURR",
    "Français",
    "Les dockers ont repris le travail vendredi.",
    "Document COURR00020190315ef3f0002b",
    "Search Summary",
    "Date: 03/01/2019 to 03/31/2019",
};

void expect_factiva_plain(const CollectingSink& sink, const std::string& name) {
  ASSERT_EQ(sink.articles.size(), 2u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  EXPECT_TRUE(sink.warnings.empty());
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.origin, name + "[1]");
  EXPECT_EQ(a.format, "factiva");
  EXPECT_EQ(a.id, "HARBGZ0020190314ef3e0001k");
  EXPECT_EQ(a.title, "Port strike ends after nine days");
  EXPECT_EQ(a.authors, (Strings{"Mira Castell"}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2019-03-14T09:20:00Z");
  EXPECT_EQ(a.source, "The Harbour Gazette");
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.paragraphs, (Strings{"Dock workers voted on Thursday to end the strike.",
                                   "Forty ships had waited at anchor."}));
  const Article& b = sink.articles[1];
  EXPECT_EQ(b.id, "COURR00020190315ef3f0002b");
  EXPECT_EQ(b.title, "Les dockers reprennent le travail");
  ASSERT_TRUE(b.published);
  EXPECT_EQ(b.published->iso8601(), "2019-03-15T00:00:00Z");
  EXPECT_EQ(b.language, "fr");
  EXPECT_EQ(b.paragraphs, (Strings{"Les dockers ont repris le travail vendredi."}));
}

// An article of the export whose lines are out of their order is named,
// and the others are read.
TEST(Factiva, AnArticleOutOfOrderIsNamedAndTheRestRead) {
  Strings lines = factiva_plain;
  const auto count = std::ranges::find(lines, "20 mots");
  ASSERT_NE(count, lines.end());
  lines.erase(count);
  std::string rtf = "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\n";
  for (const std::string& line : lines) rtf += "\\pard " + line + "\\par\n";
  auto sink = read_auto(rtf + "}", "Factiva.rtf");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].id, "HARBGZ0020190314ef3e0001k");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "Factiva.rtf[2]");
  EXPECT_EQ(sink.skips[0].reason, "bad-record");
}

TEST(Factiva, RtfExportWithoutCodes) {
  std::string rtf = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\n";
  for (const std::string& line : factiva_plain) {
    std::string escaped;
    for (char ch : line) {
      // RTF's 8-bit text: "ç" as \'e7 in Windows-1252.
      if (static_cast<unsigned char>(ch) == 0xC3) continue;
      escaped += static_cast<unsigned char>(ch) == 0xA7 ? std::string("\\'e7") : std::string(1, ch);
    }
    rtf += "\\pard " + escaped + "\\par\n";
  }
  rtf += "}";
  expect_factiva_plain(read_auto(rtf, "Factiva-20190320.rtf"), "Factiva-20190320.rtf");
}

TEST(Factiva, WordAndHtmlExportsWithoutCodes) {
  std::string page = "<html><head><title>Factiva</title></head><body>";
  for (const std::string& line : factiva_plain) {
    page += (line.starts_with("Dock") || line.starts_with("Forty") || line.starts_with("Les d"))
                ? "<p class=\"articleParagraph enarticleParagraph\">" + line + "</p>"
                : "<div>" + line + "</div>";
  }
  page += "</body></html>";
  TempDir dir;
  auto file = dir.path() / "Factiva.docx";
  write_docx(file, factiva_plain);
  expect_factiva_plain(read(file), file.string());
  expect_factiva_plain(read_auto(page, "Factiva.html"), "Factiva.html");
}

// A story that quotes a word count and a document number is still one
// story: the lines must stand as an export's do.
TEST(Factiva, AStoryQuotingADocumentNumberIsNoExport) {
  auto sink = read_auto(
      "<html><body><h1>Memo leaked</h1><p>The memo ran to</p><p>500 words</p><p>and was "
      "filed as</p><p>Document HARBGZ0020190314ef3e0001k</p><p>in the archive.</p></body></html>",
      "memo.html");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].format, "html");
}

// ProQuest's export page (saved, or e-mailed as its "Email" does): each
// document after its "DocID_" anchor, fields labelled in <strong>.
std::string proquest_document(const std::string& id, const std::string& headline,
                              const std::string& author, const std::string& text,
                              const std::string& tail) {
  auto p = [](const std::string& label, const std::string& value) {
    return "<p style=\"margin-bottom:5pt\"><strong>" + label + ":  </strong>" + value + "</p>";
  };
  return "<div style=\"margin-bottom:20px;border-bottom:2px solid #ccc\"><a name=\"DocID_MSTAR_" +
         id + "\"></a><p></p><p style=\"font-size:11pt;font-weight:bold;\">" + headline + "</p>" +
         p("Author", author) +
         p("Publication info", "The Harbour Gazette ; Eastwick [Eastwick]14 Mar 2019: A.3.") +
         "<p><a href=\"https://search.proquest.example/docview/" + id +
         "?accountid=1\">ProQuest document link</a></p>" + p("Abstract", "") +
         "<p>Forty ships had waited at anchor.</p>" + p("Links", "<a href=\"#\">Find it</a>") +
         p("Full text", text) + tail + p("Publication title", "The Harbour Gazette; Eastwick") +
         p("Pages", "A.3") + p("Number of pages", "0") + p("Publication date", "Mar 14, 2019") +
         p("Language of publication", "English") + p("ProQuest document ID", id) +
         p("Document URL", "https://search.proquest.example/docview/" + id + "?accountid=1") +
         p("Copyright", "Copyright The Harbour Gazette Mar 14, 2019") +
         p("Database", "Regional Newsstream") + "</div>";
}

const std::string proquest_page =
    "<!DOCTYPE html><html><head><title>ProQuest Export</title></head><body>"
    "<div class=\"mainCopyBlock\">Mira sent you the following:</div><p>Email 1 of 1</p>" +
    proquest_document(
        "2100000001", "Port strike ends after nine days", "Castell, Mira; Okafor, Tom",
        "Dock workers voted on Thursday to end the strike.</p><p>The union will vote again.",
        "<p><strong>Subject:  </strong>Strikes; Ports</p><p><strong>Location:  </strong>"
        "Eastwick--EW; Northland</p><p><strong>Company / organization:  </strong>Name: "
        "Eastwick Dockers Union; NAICS: 813930</p>") +
    proquest_document("2100000002", "Ferry timetable changes", "Anonymous",
                      "The ferry to Northland leaves an hour earlier.</p><p>Update: Northland "
                      "Ferries said the change is for the summer.",
                      "") +
    "<p>Copyright 2019 ProQuest LLC. All rights reserved.</p></body></html>";

void expect_proquest(const CollectingSink& sink, const std::string& name) {
  ASSERT_EQ(sink.articles.size(), 2u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  EXPECT_TRUE(sink.warnings.empty());
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.origin, name + "[1]");
  EXPECT_EQ(a.format, "proquest");
  // ProQuest's own id: a document exported again replaces itself.
  EXPECT_EQ(a.id, "proquest-2100000001");
  EXPECT_EQ(a.title, "Port strike ends after nine days");
  EXPECT_EQ(a.authors, (Strings{"Mira Castell", "Tom Okafor"}));
  EXPECT_EQ(a.dek, "Forty ships had waited at anchor.");
  EXPECT_EQ(a.source, "The Harbour Gazette");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2019-03-14T00:00:00Z");
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.url, "https://search.proquest.example/docview/2100000001");
  EXPECT_EQ(a.paragraphs, (Strings{"Dock workers voted on Thursday to end the strike.",
                                   "The union will vote again."}));
  EXPECT_EQ(a.tags, (Strings{"Strikes", "Ports"}));
  EXPECT_EQ(names(a, Entity::Type::place), (Strings{"Eastwick", "Northland"}));
  EXPECT_EQ(names(a, Entity::Type::organisation), (Strings{"Eastwick Dockers Union"}));
  const Article& b = sink.articles[1];
  EXPECT_EQ(b.id, "proquest-2100000002");
  EXPECT_TRUE(b.authors.empty());  // "Anonymous"
  // A line of the text that opens as a field would stays text.
  EXPECT_EQ(b.paragraphs,
            (Strings{"The ferry to Northland leaves an hour earlier.",
                     "Update: Northland Ferries said the change is for the summer."}));
}

TEST(ProQuest, SavedExportPage) {
  expect_proquest(read_auto(proquest_page, "ProQuestDocuments-2019-03-20.html"),
                  "ProQuestDocuments-2019-03-20.html");
}

// As ProQuest e-mails the page: a plain-text part first, the page its
// alternative.
TEST(ProQuest, EmailedExport) {
  const std::string message =
      "From: <noreply@proquest.example>\r\nTo: <mira@gazette.example>\r\nSubject: Your "
      "ProQuest Research\r\nDate: Wed, 20 Mar 2019 09:12:00 -0400\r\nMIME-Version: "
      "1.0\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\nYour documents are in the HTML part.\r\n"
      "--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
      proquest_page + "\r\n--b1--\r\n";
  expect_proquest(read_auto(message, "research.eml"), "research.eml");
}

// ProQuest's text export: a report's header and table of contents, each
// document after "Document N of M" to a rule line, its fields after the
// text in the order of their names; a bibliography after the documents.
TEST(ProQuest, TextExport) {
  const std::string rule = "____________________________________________________________\n\n";
  const std::string text =
      rule + "Report Information from ProQuest\nMarch 20 2019 09:12\n" + rule + "\n" + rule +
      "Table of contents\n\n1. Port strike ends after nine days\n\n2. Ferry timetable "
      "changes\n\n" +
      rule +
      "Document 1 of 2\n\nPort strike ends after nine days\n\nAuthor: Castell, Mira\n\n"
      "https://search.proquest.example/docview/2100000001?accountid=1\n\n"
      "Abstract: Forty ships had waited at anchor.\n\nFull text: Dock workers voted on "
      "Thursday to end the strike.\n\nUpdate: the union will vote again in May.\n\n"
      "Company / organization: Name: Eastwick Dockers Union; NAICS: 813930\n\n"
      "Copyright: Copyright The Harbour Gazette Mar 14, 2019\n\nDocument feature: "
      "Photographs\n\nLanguage of publication: English\n\nLocation: Eastwick\n\n"
      "ProQuest document ID: 2100000001\n\nPublication date: Mar 14, 2019\n\nPublication "
      "title: The Harbour Gazette; Eastwick\n\nSubject: Strikes; Ports\n\n" +
      rule +
      "Document 2 of 2\n\nFerry timetable changes\n\nFull text: The ferry to Northland "
      "leaves an hour earlier.\n\nProQuest document ID: 2100000002\n\nPublication date: "
      "Mar 15, 2019\n\n" +
      rule +
      "Bibliography\n\nCitation style: APA 6th\n\nCastell, M. (2019, Mar 14). Port strike "
      "ends. The Harbour Gazette\n\n" +
      rule + "Contact us at: https://www.proquest.example/contact\n";
  EXPECT_EQ(detect_format("ProQuestDocuments-2019-03-20.txt", text), InputFormat::proquest);
  auto sink = read_auto(text, "ProQuestDocuments-2019-03-20.txt");
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_TRUE(sink.warnings.empty());
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.origin, "ProQuestDocuments-2019-03-20.txt[1]");
  EXPECT_EQ(a.format, "proquest");
  EXPECT_EQ(a.id, "proquest-2100000001");
  EXPECT_EQ(a.title, "Port strike ends after nine days");
  EXPECT_EQ(a.authors, (Strings{"Mira Castell"}));
  EXPECT_EQ(a.dek, "Forty ships had waited at anchor.");
  EXPECT_EQ(a.paragraphs, (Strings{"Dock workers voted on Thursday to end the strike.",
                                   "Update: the union will vote again in May."}));
  EXPECT_EQ(a.source, "The Harbour Gazette");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2019-03-14T00:00:00Z");
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.tags, (Strings{"Strikes", "Ports"}));
  EXPECT_EQ(names(a, Entity::Type::place), (Strings{"Eastwick"}));
  EXPECT_EQ(names(a, Entity::Type::organisation), (Strings{"Eastwick Dockers Union"}));
  const Article& b = sink.articles[1];
  EXPECT_EQ(b.id, "proquest-2100000002");
  EXPECT_EQ(b.paragraphs, (Strings{"The ferry to Northland leaves an hour earlier."}));
  EXPECT_EQ(format_from_name("proquest"), InputFormat::proquest);
}

}  // namespace
}  // namespace dateline
