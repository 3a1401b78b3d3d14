// Word (.docx) and OpenDocument (.odt) text documents, written here as
// their suites write them: a zip of XML parts.
#include <gtest/gtest.h>

#include "../test_support.h"
#include "archive_writer.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::CollectingSink;
using testing::TempDir;
using testing::write_archive;
using Strings = std::vector<std::string>;

CollectingSink read(const std::filesystem::path& path) {
  CollectingSink sink;
  read_path(path, InputFormat::automatic, ReaderLimits{}, sink);
  return sink;
}

const std::string content_types =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";

const std::string word_core = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <dc:title>Template title</dc:title>
  <dc:creator>Ioana Marin; Microsoft Office User; Petru Lungu</dc:creator>
  <cp:keywords>shipping, grain; Danube</cp:keywords>
  <dc:language>en-GB</dc:language>
  <cp:lastModifiedBy>Night desk</cp:lastModifiedBy>
  <dcterms:created xsi:type="dcterms:W3CDTF">2022-03-09T07:12:00Z</dcterms:created>
  <dcterms:modified xsi:type="dcterms:W3CDTF">2022-03-09T09:40:00Z</dcterms:modified>
</cp:coreProperties>)";

// A copy file as Word saves it: styled title and subtitle, runs split
// mid-word, a tab, a tracked deletion and insertion, a hyperlink's field
// code, a table, and a text box (Word writes it twice: for new readers
// and, as a fallback, for old ones).
const std::string word_document = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
    xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
  <w:body>
    <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Grain barges wait</w:t></w:r>
      <w:r><w:t xml:space="preserve"> on the Danube</w:t></w:r></w:p>
    <w:p><w:pPr><w:pStyle w:val="Subtitle"/></w:pPr><w:r><w:t>Traders look to river ports</w:t></w:r></w:p>
    <w:p><w:r><w:t>Dozens of bar</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ges</w:t></w:r>
      <w:r><w:t xml:space="preserve"> wait at Reni</w:t></w:r><w:r><w:tab/><w:t>and Izmail</w:t></w:r>
      <w:del w:id="1" w:author="Editor"><w:r><w:delText> on Tuesday</w:delText></w:r></w:del>
      <w:ins w:id="2" w:author="Editor"><w:r><w:t xml:space="preserve"> this week</w:t></w:r></w:ins>
      <w:r><w:t>.</w:t></w:r></w:p>
    <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>
      <w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/ports" </w:instrText></w:r>
      <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>The port authority</w:t></w:r>
      <w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> published the list.</w:t></w:r></w:p>
    <w:tbl>
      <w:tr><w:tc><w:p><w:r><w:t>Port</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Barges</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:tc><w:p><w:r><w:t>Reni</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>40</w:t></w:r></w:p></w:tc></w:tr>
    </w:tbl>
    <w:p><w:r><mc:AlternateContent>
      <mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
        <w:p><w:r><w:t>Box: the river in numbers</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>
      <mc:Fallback><w:pict><w:txbxContent>
        <w:p><w:r><w:t>Box: the river in numbers</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>
    </mc:AlternateContent></w:r><w:r><w:t>The river route carries a small part.</w:t></w:r></w:p>
    <w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>
  </w:body>
</w:document>)";

TEST(OfficeReader, AWordDocument) {
  TempDir dir;
  auto file = dir.path() / "barges.docx";
  write_archive(file, "zip", "",
                {{"[Content_Types].xml", content_types},
                 {"word/document.xml", word_document},
                 {"docProps/core.xml", word_core}});
  auto sink = read(file);
  ASSERT_EQ(sink.articles.size(), 1u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  const Article& a = sink.articles[0];
  // The title the reader sees, not the template's stale property.
  EXPECT_EQ(a.title, "Grain barges wait on the Danube");
  EXPECT_EQ(a.dek, "Traders look to river ports");
  EXPECT_EQ(a.authors, (Strings{"Ioana Marin", "Petru Lungu"}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2022-03-09T07:12:00Z");
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.tags, (Strings{"shipping", "grain", "Danube"}));
  EXPECT_EQ(a.paragraphs,
            (Strings{"Dozens of barges wait at Reni and Izmail this week.",
                     "The port authority published the list.", "Port | Barges", "Reni | 40",
                     "The river route carries a small part.", "Box: the river in numbers"}));
  EXPECT_EQ(a.format, "docx");
  EXPECT_TRUE(sink.skips.empty());
}

const std::string odf_meta = R"(<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <office:meta>
    <meta:generator>LibreOffice/7.4</meta:generator>
    <meta:initial-creator>Ana Munteanu</meta:initial-creator>
    <dc:creator>Night desk</dc:creator>
    <meta:creation-date>2022-03-17T10:05:00</meta:creation-date>
    <dc:date>2022-03-17T12:00:00</dc:date>
    <meta:keyword>aid</meta:keyword><meta:keyword>Siret</meta:keyword>
    <dc:language>ro-RO</dc:language>
  </office:meta>
</office:document-meta>)";

// As LibreOffice writes it: a heading first, runs of spaces as <text:s>,
// a footnote, a comment and a tracked deletion (not the text), a list
// and a table.
const std::string odf_content = R"(<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    xmlns:dc="http://purl.org/dc/elements/1.1/">
  <office:automatic-styles/>
  <office:body><office:text>
    <text:tracked-changes><text:changed-region text:id="c1"><text:deletion>
      <text:p>Deleted words</text:p></text:deletion></text:changed-region></text:tracked-changes>
    <text:sequence-decls/>
    <text:h text:outline-level="1">Volunteers unload aid at Siret</text:h>
    <text:p text:style-name="P1">Volunteers unloaded<text:s/>food at the<text:tab/>crossing<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Footnote text.</text:p></text:note-body></text:note>.<office:annotation><dc:creator>Editor</dc:creator><text:p>Check this.</text:p></office:annotation></text:p>
    <text:list><text:list-item><text:p>Blankets</text:p></text:list-item></text:list>
    <table:table><table:table-row><table:table-cell><text:p>Lorries</text:p></table:table-cell>
      <table:table-cell><text:p>12</text:p></table:table-cell></table:table-row></table:table>
  </office:text></office:body>
</office:document-content>)";

// A German Word names its styles in German ("Titel", "Untertitel"); its
// styles.xml gives their built-in English names.
TEST(OfficeReader, AWordInAnotherLanguageNamesItsStylesSo) {
  TempDir dir;
  auto file = dir.path() / "kaehne.docx";
  write_archive(
      file, "zip", "",
      {{"[Content_Types].xml", content_types},
       {"word/styles.xml",
        R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
             <w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>
             <w:style w:type="paragraph" w:styleId="Untertitel"><w:name w:val="Subtitle"/></w:style>
           </w:styles>)"},
       {"word/document.xml",
        R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
             <w:p><w:r><w:t>ENTWURF</w:t></w:r></w:p>
             <w:p><w:pPr><w:pStyle w:val="Titel"/></w:pPr><w:r><w:t>Lastkähne warten auf der Donau</w:t></w:r></w:p>
             <w:p><w:pPr><w:pStyle w:val="Untertitel"/></w:pPr><w:r><w:t>Händler setzen auf Flusshäfen</w:t></w:r></w:p>
             <w:p><w:r><w:t>Dutzende Lastkähne warten in Reni und Ismajil.</w:t></w:r></w:p>
           </w:body></w:document>)"}});
  auto sink = read(file);
  ASSERT_EQ(sink.articles.size(), 1u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  EXPECT_EQ(sink.articles[0].title, "Lastkähne warten auf der Donau");
  EXPECT_EQ(sink.articles[0].dek, "Händler setzen auf Flusshäfen");
  EXPECT_EQ(sink.articles[0].paragraphs,
            (Strings{"ENTWURF", "Dutzende Lastkähne warten in Reni und Ismajil."}));
}

TEST(OfficeReader, AnOpenDocumentText) {
  TempDir dir;
  // Named without an extension, inside a tar: known by its mimetype part.
  auto odt = dir.path() / "aid.odt";
  write_archive(odt, "zip", "",
                {{"mimetype", "application/vnd.oasis.opendocument.text"},
                 {"content.xml", odf_content},
                 {"meta.xml", odf_meta}},
                "zip:compression=store");  // as ODF has its mimetype part
  write_archive(dir.path() / "desk.tar", "gnutar", "", {{"story-0317", testing::read_whole(odt)}});
  std::filesystem::remove(odt);
  auto sink = read(dir.path() / "desk.tar");
  ASSERT_EQ(sink.articles.size(), 1u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.origin, (dir.path() / "desk.tar").string() + ":story-0317");
  EXPECT_EQ(a.title, "Volunteers unload aid at Siret");
  EXPECT_EQ(a.authors, (Strings{"Ana Munteanu"}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2022-03-17T10:05:00Z");
  EXPECT_EQ(a.language, "ro");
  EXPECT_EQ(a.tags, (Strings{"aid", "Siret"}));
  EXPECT_EQ(a.paragraphs,
            (Strings{"Volunteers unloaded food at the crossing.", "Blankets", "Lorries | 12"}));
  EXPECT_EQ(a.format, "odt");
}

TEST(OfficeReader, DocumentsThatCannotBeReadAreReported) {
  TempDir dir;
  // An old binary .doc renamed, or a password-protected document.
  auto not_zip = dir.write(
      "old.docx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'));
  auto sink = read(not_zip);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "corrupt-document");
  EXPECT_TRUE(testing::is_clean_line(sink.skips[0].detail));

  // The same bytes named .doc go to the Word 97-2003 reader, which finds
  // no OLE2 container in them (test_doc_reader.cpp has the rest).
  auto old_word = dir.write("story.doc", testing::read_whole(not_zip));
  sink = read(old_word);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "corrupt-document");
  EXPECT_TRUE(testing::is_clean_line(sink.skips[0].detail));

  auto broken = dir.path() / "broken.docx";
  write_archive(broken, "zip", "",
                {{"word/document.xml", word_document.substr(0, word_document.size() / 2)}});
  sink = read(broken);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "malformed-xml");
  EXPECT_NE(sink.skips[0].detail.find("word/document.xml"), std::string::npos);
  EXPECT_TRUE(testing::is_clean_line(sink.skips[0].detail));

  // A spreadsheet is a zip of XML parts too, read by its own reader: this
  // one holds no sheet.
  auto sheet = dir.path() / "prices.xlsx";
  write_archive(sheet, "zip", "",
                {{"[Content_Types].xml", content_types}, {"xl/workbook.xml", "<workbook/>"}});
  sink = read(sheet);
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "unknown-format");

  // A document of no text.
  auto empty = dir.path() / "empty.docx";
  write_archive(empty, "zip", "",
                {{"word/document.xml",
                  "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/"
                  "2006/main\"><w:body/></w:document>"}});
  sink = read(empty);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "no-text");
}

}  // namespace
}  // namespace dateline
