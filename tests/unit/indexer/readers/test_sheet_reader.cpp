// Spreadsheets of articles: Excel workbooks and OpenDocument spreadsheets,
// written here part by part as Excel and LibreOffice write them.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

#include "../test_support.h"
#include "archive_writer.h"
#include "dateline/indexer/reader.h"
#include "ole_writer.h"

namespace dateline {
namespace {

using testing::CollectingSink;
using testing::TempDir;
using testing::write_archive;
using Strings = std::vector<std::string>;

CollectingSink read(const std::filesystem::path& path, const ReaderLimits& limits = {},
                    InputFormat format = InputFormat::automatic) {
  CollectingSink sink;
  read_path(path, format, limits, sink);
  return sink;
}

const std::string content_types =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>)";

std::string workbook(const std::string& sheets, bool date1904 = false) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)" +
         std::string(date1904 ? R"(<workbookPr date1904="1"/>)" : R"(<workbookPr/>)") + "<sheets>" +
         sheets + "</sheets></workbook>";
}

const std::string relationships = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
  <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
  <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>)";

// Cell formats: 0 General, 1 Excel's built-in date (14), 2 a date and
// time of the workbook's own, 3 a number with "d" only in quoted text.
const std::string styles = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <numFmts count="2">
    <numFmt numFmtId="164" formatCode="[$-409]yyyy\-mm\-dd\ hh:mm;@"/>
    <numFmt numFmtId="165" formatCode="0&quot; days&quot;"/>
  </numFmts>
  <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>
    <xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/></cellXfs>
</styleSheet>)";

// A rich-text run, a phonetic guide that is not text, a line break Excel
// escapes as _x000D_ before the line feed, and an escaped escape.
const std::string shared_strings = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="12" uniqueCount="12">
  <si><t>Press coverage, March 2022</t></si>
  <si><t>Headline</t></si><si><t>Date</t></si><si><t>Text</t></si><si><t>URL</t></si>
  <si><t>Author</t></si><si><t>ID</t></si>
  <si><r><rPr><b/></rPr><t>Grain barges</t></r><r><t xml:space="preserve"> wait on the Danube</t></r><rPh sb="0" eb="1"><t>グレイン</t></rPh></si>
  <si><t>Dozens of barges wait at Reni._x000D_
Traders look to the river ports.</t></si>
  <si><t>Ioana Marin</t></si>
  <si><t>Ports reopen after the storm</t></si>
  <si><t>Cranes worked through the night at Izmail. The code _x005F_x000D_ is no line break.</t></si>
</sst>)";

const std::string sheet1 = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <sheetData>
    <row r="1"><c r="A1" t="s"><v>0</v></c></row>
    <row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c><c r="C3" t="s"><v>3</v></c>
      <c r="D3" t="s"><v>4</v></c><c r="E3" t="s"><v>5</v></c><c r="F3" t="s"><v>6</v></c><c r="G3" t="s"><v>2</v></c></row>
    <row r="4"><c r="A4" t="s"><v>7</v></c><c r="B4" s="1"><v>44637</v></c><c r="C4" t="s"><v>8</v></c>
      <c r="D4" t="str"><f>HYPERLINK("https://example.org/barges")</f><v>https://example.org/barges</v></c>
      <c r="E4" t="s"><v>9</v></c><c r="F4"><v>20220317</v></c></row>
    <row r="5" spans="1:7"><c r="A5" t="s"><v>10</v></c><c r="B5" s="2"><v>44638.4375</v></c>
      <c r="C5" t="s"><v>11</v></c><c r="F5" s="3"><v>1.5</v></c><c r="Z5" t="inlineStr"><is><t>past the header</t></is></c></row>
    <row r="6"><c r="A6" s="1"/><c r="B6" t="e"><v>#N/A</v></c></row>
    <row r="7"><c r="C7" t="inlineStr"><is><t>A third story, without a headline, written inline.</t></is></c>
      <c r="B7" t="s"><v>9</v></c></row>
  </sheetData>
</worksheet>)";

const std::string notes_sheet = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Outlet</t></is></c><c r="B1" t="inlineStr"><is><t>Stories</t></is></c></row>
  <row r="2"><c r="A2" t="inlineStr"><is><t>Danube Herald</t></is></c><c r="B2"><v>3</v></c></row></sheetData>
</worksheet>)";

std::vector<testing::Entry> excel_parts(const std::string& first_sheet, bool date1904 = false) {
  return {{"[Content_Types].xml", content_types},
          {"xl/workbook.xml", workbook(R"(<sheet name="Articles" sheetId="1" r:id="rId1"/>)"
                                       R"(<sheet name="Notes" sheetId="2" r:id="rId2"/>)",
                                       date1904)},
          {"xl/_rels/workbook.xml.rels", relationships},
          {"xl/worksheets/sheet1.xml", first_sheet},
          {"xl/worksheets/sheet2.xml", notes_sheet},
          {"xl/styles.xml", styles},
          // After the sheets, where Excel writes it.
          {"xl/sharedStrings.xml", shared_strings}};
}

TEST(SheetReader, AnExcelWorkbookOfArticles) {
  TempDir dir;
  auto file = dir.path() / "coverage.xlsx";
  write_archive(file, "zip", "", excel_parts(sheet1));
  auto sink = read(file);
  ASSERT_EQ(sink.articles.size(), 3u);
  EXPECT_TRUE(sink.skips.empty());

  const Article& first = sink.articles[0];
  EXPECT_EQ(first.title, "Grain barges wait on the Danube");  // not the phonetic guide
  ASSERT_TRUE(first.published.has_value());
  EXPECT_EQ(first.published->iso8601(), "2022-03-17T00:00:00Z");  // day 44637
  EXPECT_EQ(first.paragraphs,
            (Strings{"Dozens of barges wait at Reni.", "Traders look to the river ports."}));
  EXPECT_EQ(first.url, "https://example.org/barges");  // a formula's last value
  EXPECT_EQ(first.authors, Strings{"Ioana Marin"});
  EXPECT_EQ(first.id, "20220317");  // a number as written, not 20220317.0
  EXPECT_EQ(first.format, "xlsx");
  EXPECT_EQ(first.origin, file.string() + ":Articles:4");

  const Article& second = sink.articles[1];
  EXPECT_EQ(second.title, "Ports reopen after the storm");
  ASSERT_TRUE(second.published.has_value());
  EXPECT_EQ(second.published->iso8601(), "2022-03-18T10:30:00Z");  // the workbook's own format
  EXPECT_EQ(second.paragraphs, (Strings{"Cranes worked through the night at Izmail. The code "
                                        "_x000D_ is no line break."}));
  EXPECT_EQ(second.id, "1.5");  // "0 days" is a number format, not a date
  EXPECT_EQ(second.origin, file.string() + ":Articles:5");

  // The row of a date format and an error only is blank; the next one has
  // its cells out of order, text in the Date column (not a date).
  const Article& third = sink.articles[2];
  EXPECT_EQ(third.paragraphs, Strings{"A third story, without a headline, written inline."});
  EXPECT_FALSE(third.published.has_value());
  EXPECT_EQ(third.origin, file.string() + ":Articles:7");
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].origin, third.origin);
  EXPECT_EQ(sink.warnings[0].reason, "bad-date");

  // The sheet of figures beside the articles is passed over, not a fault.
  ASSERT_EQ(sink.passed.size(), 1u);
  EXPECT_EQ(sink.passed[0].origin, file.string() + ":Notes");
  EXPECT_EQ(sink.passed[0].reason, "no-header");
  EXPECT_NE(sink.passed[0].detail.find("\"Outlet\""), std::string::npos);
  EXPECT_TRUE(testing::is_clean_line(sink.passed[0].detail));
}

TEST(SheetReader, DatesOfThe1904SystemAndOfExcelsFirstDays) {
  TempDir dir;
  // 43175 days after 1904-01-01 is 2022-03-17 (Excel for the Mac before 2011).
  auto mac = dir.path() / "mac.xlsx";
  const std::string dated = R"(<worksheet><sheetData>
    <row r="1"><c t="inlineStr"><is><t>title</t></is></c><c t="inlineStr"><is><t>date</t></is></c></row>
    <row r="2"><c t="inlineStr"><is><t>A story</t></is></c><c s="1"><v>43175</v></c></row>
  </sheetData></worksheet>)";
  write_archive(mac, "zip", "", excel_parts(dated, true));
  auto sink = read(mac);
  ASSERT_EQ(sink.articles.size(), 1u);
  ASSERT_TRUE(sink.articles[0].published.has_value());
  EXPECT_EQ(sink.articles[0].published->day_string(), "2022-03-17");

  // Day 61 is 1900-03-01: Excel counts a 29 February 1900 (day 60).
  auto early = dir.path() / "early.xlsx";
  write_archive(early, "zip", "", excel_parts(R"(<worksheet><sheetData>
    <row r="1"><c t="inlineStr"><is><t>title</t></is></c><c t="inlineStr"><is><t>date</t></is></c></row>
    <row r="2"><c t="inlineStr"><is><t>Day 59</t></is></c><c s="1"><v>59</v></c></row>
    <row r="3"><c t="inlineStr"><is><t>Day 61</t></is></c><c s="1"><v>61</v></c></row>
    <row r="4"><c t="inlineStr"><is><t>A time alone</t></is></c><c s="2"><v>0.5</v></c></row>
  </sheetData></worksheet>)"));
  sink = read(early);
  ASSERT_EQ(sink.articles.size(), 3u);
  ASSERT_TRUE(sink.articles[0].published.has_value());
  EXPECT_EQ(sink.articles[0].published->day_string(), "1900-02-28");
  ASSERT_TRUE(sink.articles[1].published.has_value());
  EXPECT_EQ(sink.articles[1].published->day_string(), "1900-03-01");
  // A time of day alone is no date: undated, with a warning naming the row.
  EXPECT_FALSE(sink.articles[2].published.has_value());
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].origin, early.string() + ":Articles:4");
  EXPECT_NE(sink.warnings[0].detail.find("12:00:00"), std::string::npos);
}

// content.xml as LibreOffice Calc writes it: repeated cells and rows, a
// cell of two paragraphs with runs of spaces, a comment, a date value and
// a number shown with a thousands separator.
const std::string ods_content = R"(<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
    xmlns:dc="http://purl.org/dc/elements/1.1/">
 <office:body><office:spreadsheet>
  <table:table table:name="Stories">
   <table:table-column table:number-columns-repeated="4"/>
   <table:table-row><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>title</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>published</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>body</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell>
    <table:table-cell table:number-columns-repeated="1020"/></table:table-row>
   <table:table-row><table:table-cell office:value-type="string"><text:p>Grain barges wait</text:p></table:table-cell>
    <table:table-cell office:value-type="date" office:date-value="2022-03-17T10:30:00"><text:p>17/03/22 10:30</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><office:annotation><dc:creator>Desk</dc:creator><text:p>check the figure</text:p></office:annotation><text:p>Dozens of barges<text:s text:c="3"/>wait at <text:span>Reni</text:span>.</text:p><text:p>Traders look to the river ports.</text:p></table:table-cell>
    <table:table-cell office:value-type="float" office:value="20220317"><text:p>20,220,317</text:p></table:table-cell></table:table-row>
   <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
   <table:table-row><table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>Ports reopen</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>Cranes worked through the night.</text:p></table:table-cell></table:table-row>
   <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
  </table:table>
  <table:table table:name="Empty"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>
 </office:spreadsheet></office:body></office:document-content>)";

TEST(SheetReader, AnOpenDocumentSpreadsheetOfArticles) {
  TempDir dir;
  auto file = dir.path() / "stories.ods";
  write_archive(file, "zip", "",
                {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                 {"content.xml", ods_content}},
                "zip:compression=store");
  auto sink = read(file);
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_TRUE(sink.skips.empty());
  EXPECT_TRUE(sink.passed.empty());  // an empty sheet is no sheet of notes

  const Article& first = sink.articles[0];
  EXPECT_EQ(first.title, "Grain barges wait");
  ASSERT_TRUE(first.published.has_value());
  EXPECT_EQ(first.published->iso8601(), "2022-03-17T10:30:00Z");
  // Paragraphs kept apart, the run of spaces a space, not the comment.
  EXPECT_EQ(first.paragraphs,
            (Strings{"Dozens of barges wait at Reni.", "Traders look to the river ports."}));
  EXPECT_EQ(first.id, "20220317");  // the value, not "20,220,317"
  EXPECT_EQ(first.format, "ods");
  EXPECT_EQ(first.origin, file.string() + ":Stories:2");

  // A cell repeated across two columns fills both; rows repeated count.
  const Article& second = sink.articles[1];
  EXPECT_EQ(second.title, "Ports reopen");
  EXPECT_FALSE(second.published.has_value());  // "Ports reopen" is no date...
  ASSERT_EQ(sink.warnings.size(), 1u);         // ...and says so
  EXPECT_EQ(second.origin, file.string() + ":Stories:5");

  // Known by its first part too, whatever its name.
  auto unnamed = dir.path() / "download";
  std::filesystem::copy_file(file, unnamed);
  EXPECT_EQ(read(unnamed).articles.size(), 2u);
}

TEST(SheetReader, AWorkbookWithoutArticlesIsSkippedSayingWhy) {
  TempDir dir;
  auto figures = dir.path() / "figures.xlsx";
  write_archive(figures, "zip", "", excel_parts(notes_sheet));
  auto sink = read(figures);
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "no-header");
  EXPECT_EQ(sink.skips[0].origin, figures.string() + ":Articles");
  EXPECT_NE(sink.skips[0].detail.find("title, text, date"), std::string::npos);
  EXPECT_NE(sink.skips[0].detail.find("\"Outlet\""), std::string::npos);

  // A sheet's name in a message is one clean line, whatever the file says.
  auto odd = dir.path() / "odd.ods";
  write_archive(odd, "zip", "", {{"content.xml", R"(<office:document-content
    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>
    <table:table table:name="Line&#10;break&#9;"><table:table-row><table:table-cell><text:p>n</text:p></table:table-cell></table:table-row></table:table>
    </office:spreadsheet></office:body></office:document-content>)"}});
  sink = read(odd);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, odd.string() + ":Line break ") << sink.skips[0].detail;
  EXPECT_TRUE(testing::is_clean_line(sink.skips[0].origin));

  auto blank = dir.path() / "blank.xlsx";
  write_archive(blank, "zip", "",
                excel_parts("<worksheet><sheetData/></worksheet>") /* Notes still has cells */);
  sink = read(blank);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, blank.string() + ":Notes");

  auto binary = dir.path() / "binary.xlsb";
  write_archive(binary, "zip", "",
                {{"[Content_Types].xml", content_types}, {"xl/workbook.bin", "\x83\x01"}});
  sink = read(binary);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "unknown-format");
  EXPECT_NE(sink.skips[0].detail.find("(.xlsb)"), std::string::npos);

  auto not_zip = dir.path() / "old.xlsx";
  std::ofstream(not_zip) << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) << "an OLE2 file";
  sink = read(not_zip);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_TRUE(testing::is_clean_line(sink.skips[0].detail));
}

TEST(SheetReader, ABrokenSheetKeepsTheRowsBeforeAndTheOtherSheets) {
  TempDir dir;
  auto file = dir.path() / "broken.xlsx";
  std::string broken = R"(<worksheet><sheetData>
    <row r="1"><c t="inlineStr"><is><t>title</t></is></c><c t="inlineStr"><is><t>text</t></is></c></row>)";
  for (int row = 2; row <= 40; ++row) {
    const std::string n = std::to_string(row);
    broken += "\n<row r=\"" + n + "\"><c t=\"inlineStr\"><is><t>Story " + n +
              "</t></is></c><c t=\"inlineStr\"><is><t>The text of story " + n +
              ", long enough to be a row of some size.</t></is></c></row>";
  }
  broken += R"(<row r="41"><c t="inlineStr"><is><t>Cut</t></is></c></rw>)";
  auto parts = excel_parts(broken);
  parts[4].bytes = R"(<worksheet><sheetData>
    <row r="1"><c t="inlineStr"><is><t>Headline</t></is></c><c t="inlineStr"><is><t>Body</t></is></c></row>
    <row r="2"><c t="inlineStr"><is><t>Second sheet</t></is></c><c t="inlineStr"><is><t>Its story.</t></is></c></row>
  </sheetData></worksheet>)";
  write_archive(file, "zip", "", parts);
  auto sink = read(file);
  // The rows before the fault, up to the few libxml2 had not handed over.
  ASSERT_GE(sink.articles.size(), 30u);
  EXPECT_EQ(sink.articles.front().title, "Story 2");
  const Article& last_of_first = sink.articles[sink.articles.size() - 2];
  EXPECT_EQ(sink.articles.back().title, "Second sheet");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "malformed-xml");
  EXPECT_EQ(sink.skips[0].origin, file.string() + ":Articles");
  EXPECT_NE(sink.skips[0].detail.find("xl/worksheets/sheet1.xml"), std::string::npos);
  EXPECT_NE(sink.skips[0].detail.find("line 41"), std::string::npos);
  // It names the last row read.
  const std::string last_row = last_of_first.origin.substr(last_of_first.origin.rfind(':') + 1);
  EXPECT_EQ(last_of_first.title, "Story " + last_row);
  EXPECT_NE(sink.skips[0].detail.find("the rows after row " + last_row + " are not read"),
            std::string::npos)
      << sink.skips[0].detail;
  EXPECT_TRUE(testing::is_clean_line(sink.skips[0].detail));

  // Shared strings that cannot be read leave no cell's text known.
  auto strings = dir.path() / "strings.xlsx";
  parts = excel_parts(sheet1);
  parts.back().bytes = shared_strings.substr(0, 400);
  write_archive(strings, "zip", "", parts);
  sink = read(strings);
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "malformed-xml");
  EXPECT_NE(sink.skips[0].detail.find("xl/sharedStrings.xml"), std::string::npos);
}

TEST(SheetReader, ARowOverTheRecordLimitIsSkippedAndTheNextOneRead) {
  TempDir dir;
  auto file = dir.path() / "long.xlsx";
  const std::string long_text(5000, 'x');
  write_archive(file, "zip", "",
                excel_parts(R"(<worksheet><sheetData>
    <row r="1"><c t="inlineStr"><is><t>title</t></is></c><c t="inlineStr"><is><t>text</t></is></c></row>
    <row r="2"><c t="inlineStr"><is><t>Too long</t></is></c><c t="inlineStr"><is><t>)" +
                            long_text + R"(</t></is></c></row>
    <row r="3"><c t="inlineStr"><is><t>Short</t></is></c><c t="inlineStr"><is><t>A short story.</t></is></c></row>
  </sheetData></worksheet>)"));
  ReaderLimits limits;
  limits.max_record_bytes = 4096;
  auto sink = read(file, limits);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Short");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "too-large");
  EXPECT_EQ(sink.skips[0].origin, file.string() + ":Articles:2");

  // A sheet is read up to 16 times the record limit of XML, the rows
  // before kept and the last one read named.
  std::string rows;
  for (int k = 0; k < 12000; ++k) rows += "<row/>";
  auto endless = dir.path() / "endless.xlsx";
  write_archive(endless, "zip", "",
                excel_parts(R"(<worksheet><sheetData>
    <row r="1"><c t="inlineStr"><is><t>title</t></is></c><c t="inlineStr"><is><t>url</t></is></c></row>
    <row r="2"><c t="inlineStr"><is><t>Before the rows</t></is></c></row>)" +
                            rows +
                            R"(<row><c t="inlineStr"><is><t>After</t></is></c></row>
  </sheetData></worksheet>)"));
  sink = read(endless, limits);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Before the rows");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "too-large");
  EXPECT_EQ(sink.skips[0].origin, endless.string() + ":Articles");
  EXPECT_NE(sink.skips[0].detail.find("longer than 65536 bytes of XML"), std::string::npos)
      << sink.skips[0].detail;
  EXPECT_NE(sink.skips[0].detail.find("the rows after row "), std::string::npos);

  // One long text named by many cells is bounded as a whole: the cells'
  // text in all is at most 16 times the record limit.
  std::string shared_rows;
  for (int k = 2; k <= 40; ++k) {
    shared_rows += "<row r=\"" + std::to_string(k) +
                   "\"><c t=\"inlineStr\"><is><t>Story</t></is></c><c t=\"s\"><v>0</v></c></row>";
  }
  auto parts = excel_parts(R"(<worksheet><sheetData>
    <row r="1"><c t="inlineStr"><is><t>title</t></is></c><c t="inlineStr"><is><t>text</t></is></c></row>)" +
                           shared_rows + "</sheetData></worksheet>");
  parts.back().bytes = "<sst><si><t>" + std::string(3000, 'x') + "</t></si></sst>";
  auto shared = dir.path() / "shared.xlsx";
  write_archive(shared, "zip", "", parts);
  sink = read(shared, limits);
  EXPECT_GE(sink.articles.size(), 15u);  // 65,536 bytes: some twenty rows
  EXPECT_LT(sink.articles.size(), 39u);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "too-large");
  EXPECT_EQ(sink.skips[0].origin, shared.string() + ":Articles");
  EXPECT_NE(sink.skips[0].detail.find("more than 65536 bytes of text in all"), std::string::npos)
      << sink.skips[0].detail;
  EXPECT_NE(sink.skips[0].detail.find("the rows after row " +
                                      std::to_string(sink.articles.size() + 1) + " are not read"),
            std::string::npos)
      << sink.skips[0].detail;

  // So is one cell repeated across a row, row after row.
  std::string repeated_rows;
  for (int k = 0; k < 40; ++k) {
    repeated_rows +=
        "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Story</text:p>"
        "</table:table-cell><table:table-cell table:number-columns-repeated=\"2\"><text:p>" +
        std::string(1500, 'y') + "</text:p></table:table-cell></table:table-row>";
  }
  auto wide = dir.path() / "wide.ods";
  write_archive(
      wide, "zip", "",
      {{"content.xml",
        R"(<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>
    <table:table table:name="S"><table:table-row><table:table-cell><text:p>title</text:p></table:table-cell>
    <table:table-cell><text:p>text</text:p></table:table-cell><table:table-cell><text:p>dek</text:p></table:table-cell></table:table-row>)" +
            repeated_rows +
            "</table:table></office:spreadsheet></office:body></office:document-content>"}});
  sink = read(wide, limits);
  EXPECT_GE(sink.articles.size(), 15u);
  EXPECT_LT(sink.articles.size(), 40u);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "too-large");
  EXPECT_EQ(sink.skips[0].origin, wide.string() + ":S");

  // In ODS, spaces written as counts (<text:s text:c="64"/>) count too.
  std::string spaces;
  for (int k = 0; k < 200; ++k) spaces += R"(<text:s text:c="64"/>)";
  auto ods = dir.path() / "spaces.ods";
  write_archive(
      ods, "zip", "",
      {{"content.xml",
        R"(<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>
    <table:table table:name="S"><table:table-row><table:table-cell><text:p>title</text:p></table:table-cell>
    <table:table-cell><text:p>text</text:p></table:table-cell></table:table-row>
    <table:table-row><table:table-cell><text:p>Spaces</text:p></table:table-cell><table:table-cell><text:p>a)" +
            spaces + R"(b</text:p></table:table-cell></table:table-row>
    <table:table-row><table:table-cell><text:p>Short</text:p></table:table-cell>
    <table:table-cell><text:p>A short story.</text:p></table:table-cell></table:table-row>
    </table:table></office:spreadsheet></office:body></office:document-content>)"}});
  sink = read(ods, limits);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Short");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "too-large");
  EXPECT_EQ(sink.skips[0].origin, ods.string() + ":S:2");
}

// Excel 97-2003: BIFF8 records in an OLE2 file's Workbook stream, written
// here record by record as [MS-XLS] lays them out.
std::string le(std::uint64_t value, int bytes) {
  std::string out;
  for (int k = 0; k < bytes; ++k) out.push_back(static_cast<char>(value >> (8 * k) & 0xFF));
  return out;
}
std::string record(std::uint16_t type, const std::string& data) {
  return le(type, 2) + le(data.size(), 2) + data;
}
std::string cell(std::uint16_t row, std::uint16_t column, std::uint16_t xf) {
  return le(row, 2) + le(column, 2) + le(xf, 2);
}
// An XLUnicodeString of 8-bit characters, its length in 16 bits (or 8).
std::string xl_string(const std::string& latin1, int length_bytes = 2) {
  return le(latin1.size(), length_bytes) + std::string(1, '\0') + latin1;
}
std::string number(double value) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  return le(bits, 8);
}
std::string bof(std::uint16_t kind) {
  return record(0x0809, le(0x0600, 2) + le(kind, 2) + std::string(12, '\0'));
}
std::string eof() { return record(0x000A, ""); }

struct Workbook97 {
  std::string globals_before_sheets;                        // after BOF: DATEMODE, FORMAT, XFs
  std::string globals_after_sheets;                         // SST...
  std::vector<std::pair<std::string, std::string>> sheets;  // name, cell records
  std::string stream() const {
    std::string boundsheets;
    for (const auto& [name, cells] : sheets) {
      boundsheets += record(0x0085, le(0, 4) + le(0, 2) + xl_string(name, 1));
    }
    std::string globals =
        bof(0x0005) + globals_before_sheets + boundsheets + globals_after_sheets + eof();
    // Each BOUNDSHEET's offset: where its sheet's BOF is.
    std::size_t at = globals.size(), patch = bof(0x0005).size() + globals_before_sheets.size();
    std::string out = globals;
    for (const auto& [name, cells] : sheets) {
      out.replace(patch + 4, 4, le(at, 4));
      patch += 4 + 6 + 1 + 1 + name.size();
      const std::string sheet = bof(0x0010) + cells + eof();
      out += sheet;
      at += sheet.size();
    }
    return out;
  }
};

TEST(SheetReader, AnExcel97Workbook) {
  Workbook97 book;
  // Cell formats: 0 General, 1 the built-in date 14, 2 a date and time of
  // the workbook's own (164).
  const std::string xf_tail(16, '\0');
  book.globals_before_sheets = record(0x0022, le(0, 2)) +
                               record(0x041E, le(164, 2) + xl_string("yyyy-mm-dd hh:mm")) +
                               record(0x00E0, le(0, 2) + le(0, 2) + xf_tail) +
                               record(0x00E0, le(0, 2) + le(14, 2) + xf_tail) +
                               record(0x00E0, le(0, 2) + le(164, 2) + xf_tail);
  // Shared strings; the fifth runs on in a CONTINUE record, whose first
  // byte says its characters go on in UTF-16 ("Przemyśl").
  std::string sst = le(6, 4) + le(6, 4);
  for (const char* text : {"title", "date", "text", "Grain barges wait"}) sst += xl_string(text);
  const std::string before = "Families wait for buses to ";
  const std::u16string after = u"Przemy\u015Bl.";
  sst += le(before.size() + after.size(), 2) + std::string(1, '\0') + before;
  std::string wide = std::string(1, '\x01');
  for (char16_t unit : after) wide += le(unit, 2);
  std::string rest = wide + xl_string("id");
  book.globals_after_sheets = record(0x00FC, sst) + record(0x003C, rest);

  std::string cells;
  cells += record(0x00FD, cell(0, 0, 0) + le(0, 4)) + record(0x00FD, cell(0, 1, 0) + le(1, 4)) +
           record(0x00FD, cell(0, 2, 0) + le(5, 4)) + record(0x00FD, cell(0, 3, 0) + le(2, 4));
  cells += record(0x00FD, cell(1, 0, 0) + le(3, 4)) +
           record(0x0203, cell(1, 1, 2) + number(44637.4375)) +  // 2022-03-17 10:30
           record(0x00FD, cell(1, 3, 0) + le(4, 4)) +
           record(0x027E, cell(1, 2, 0) + le(20220317u << 2 | 2, 4));  // an RK integer
  // A chart inside the sheet: its records are no cells.
  cells += bof(0x0020) + record(0x00FD, cell(2, 0, 0) + le(3, 4)) + eof();
  // A formula's text result, in the STRING record after it; a date as an
  // RK; MULRK's numbers.
  cells += record(0x0006, cell(3, 0, 0) + le(0, 1) + std::string(5, '\0') + le(0xFFFF, 2) +
                              std::string(6, '\0')) +
           record(0x0207, xl_string("Ports reopen")) +
           record(0x0204, cell(3, 3, 0) + xl_string("Cranes worked through the night.")) +
           record(0x00BD, le(3, 2) + le(1, 2) + le(1, 2) + le(44638u << 2 | 2, 4) + le(0, 2) +
                              le(7u << 2 | 2, 4) + le(2, 2));
  book.sheets = {{"Articles", cells},
                 {"Notes", record(0x0204, cell(0, 0, 0) + xl_string("Outlet"))}};

  TempDir dir;
  auto file = dir.path() / "coverage.xls";
  std::ofstream(file, std::ios::binary) << testing::write_ole({{"Workbook", book.stream()}});
  auto sink = read(file);
  for (const auto& skip : sink.skips) ADD_FAILURE() << skip.origin << ": " << skip.detail;
  ASSERT_EQ(sink.articles.size(), 2u);
  const Article& first = sink.articles[0];
  EXPECT_EQ(first.title, "Grain barges wait");
  ASSERT_TRUE(first.published.has_value());
  EXPECT_EQ(first.published->iso8601(), "2022-03-17T10:30:00Z");
  EXPECT_EQ(first.paragraphs, Strings{"Families wait for buses to Przemy\u015Bl."});
  EXPECT_EQ(first.id, "20220317");
  EXPECT_EQ(first.format, "xls");
  EXPECT_EQ(first.origin, file.string() + ":Articles:2");
  const Article& second = sink.articles[1];
  EXPECT_EQ(second.title, "Ports reopen");
  ASSERT_TRUE(second.published.has_value());
  EXPECT_EQ(second.published->day_string(), "2022-03-18");
  EXPECT_EQ(second.paragraphs, Strings{"Cranes worked through the night."});
  EXPECT_EQ(second.id, "7");
  EXPECT_EQ(second.origin, file.string() + ":Articles:4");
  ASSERT_EQ(sink.passed.size(), 1u);
  EXPECT_EQ(sink.passed[0].origin, file.string() + ":Notes");

  // Two sheets said to start at the same records: read once.
  std::string twice = book.stream();
  const std::size_t first_offset = bof(0x0005).size() + book.globals_before_sheets.size() + 4;
  const std::size_t second_offset = first_offset + 4 + 6 + 1 + 1 + std::string("Articles").size();
  twice.replace(second_offset, 4, twice.substr(first_offset, 4));
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      << testing::write_ole({{"Workbook", twice}});
  sink = read(file);
  EXPECT_EQ(sink.articles.size(), 2u);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, file.string() + ":Notes");
  EXPECT_NE(sink.skips[0].detail.find("inside another's"), std::string::npos);

  // Password-protected: said so, nothing read.
  Workbook97 locked = book;
  locked.globals_before_sheets = record(0x002F, le(1, 2)) + locked.globals_before_sheets;
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      << testing::write_ole({{"Workbook", locked.stream()}});
  sink = read(file);
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "corrupt-document");
  EXPECT_NE(sink.skips[0].detail.find("password-protected"), std::string::npos);

  // Cut short in its first sheet: the rows before kept, the cut named.
  std::string cut_stream = book.stream();
  cut_stream.resize(cut_stream.size() - 40);
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      << testing::write_ole({{"Workbook", cut_stream}});
  sink = read(file);
  ASSERT_GE(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Grain barges wait");
  ASSERT_GE(sink.skips.size(), 1u);
  EXPECT_TRUE(testing::is_clean_line(sink.skips[0].detail));
}

TEST(SheetReader, FormatNamesAndArchivesOfSpreadsheets) {
  EXPECT_EQ(format_from_name("xlsx"), InputFormat::spreadsheet);
  EXPECT_EQ(format_from_name("ods"), InputFormat::spreadsheet);
  EXPECT_EQ(format_from_name("spreadsheet"), InputFormat::spreadsheet);
  TempDir dir;
  auto book = dir.path() / "coverage.xlsx";
  write_archive(book, "zip", "", excel_parts(sheet1));
  // A zip of workbooks is an archive; each workbook in it is read.
  auto zip = dir.path() / "exports.zip";
  write_archive(zip, "zip", "", {{"2022/coverage.xlsx", testing::read_whole(book)}});
  auto sink = read(zip);
  ASSERT_EQ(sink.articles.size(), 3u);
  EXPECT_EQ(sink.articles[0].origin, zip.string() + ":2022/coverage.xlsx:Articles:4");
}

}  // namespace
}  // namespace dateline
