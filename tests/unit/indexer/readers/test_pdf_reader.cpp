// PDF documents, written here as a PDF maker writes a simple one: pages of
// text in the standard Helvetica font, with a document information
// dictionary.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../test_support.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::read_string;
using Strings = std::vector<std::string>;

struct Line {
  double x, y, size;
  std::string text;  // no parentheses or backslashes
};

// A PDF of `pages`, with `info` the document information dictionary's
// entries ("/Title (...)"), the cross-reference table's offsets right.
std::string make_pdf(const std::vector<std::vector<Line>>& pages, const std::string& info) {
  std::vector<std::string> objects;  // object k + 1
  std::string kids;
  const std::size_t first_page = 4;  // 1 catalog, 2 pages, 3 font, then page/content pairs
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  for (std::size_t k = 0; k < pages.size(); ++k) {
    kids += std::to_string(first_page + 2 * k) + " 0 R ";
  }
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) +
                    " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (std::size_t k = 0; k < pages.size(); ++k) {
    std::string stream;
    for (const auto& line : pages[k]) {
      stream += "BT /F1 " + std::to_string(line.size) + " Tf " + std::to_string(line.x) + " " +
                std::to_string(line.y) + " Td (" + line.text + ") Tj ET\n";
    }
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
        "<< /F1 3 0 R >> >> /Contents " +
        std::to_string(first_page + 2 * k + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream +
                      "endstream");
  }
  objects.push_back("<< " + info + " >>");
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t k = 0; k < objects.size(); ++k) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(k + 1) + " 0 obj\n" + objects[k] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    std::string number = std::to_string(offset);
    pdf += std::string(10 - number.size(), '0') + number + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R /Info " +
         std::to_string(objects.size()) + " 0 R >>\nstartxref\n" + std::to_string(xref) +
         "\n%%EOF\n";
  return pdf;
}

// A page of a three-page report: the running head, body lines 14 points
// apart (a paragraph), a gap, and the page's foot.
std::vector<Line> report_page(int number, const Strings& first, const Strings& second) {
  std::vector<Line> lines{{72, 750, 8, "THE DANUBE COURIER   March 9, 2022"}};
  double y = 660;
  for (const auto& text : first) lines.push_back({72, y -= 14, 11, text});
  y -= 30;
  for (const auto& text : second) lines.push_back({72, y -= 14, 11, text});
  lines.push_back({280, 40, 8, "Page " + std::to_string(number) + " of 3"});
  return lines;
}

TEST(PdfReader, AReportItsHeadlineParagraphsAndRunningHeads) {
  auto page_one =
      report_page(1, {"Dozens of barges are waiting at Reni and", "Izmail, agents said."},
                  {"The river route carries only a small part, an official at the "
                   "port author-",
                   "ity said."});
  page_one.push_back({72, 700, 22, "Grain barges wait on the Danube"});
  const std::string pdf = make_pdf(
      {page_one,
       report_page(2, {"Insurers have raised premiums for vessels", "on the lower Danube."},
                   {"A captain has waited nine days for a berth."}),
       report_page(3, {"Romania has offered the port of Constanta."},
                   {"Farmers said their storage would be full by summer."})},
      "/Title (Microsoft Word - barges.docx) /Author (Petru Lungu; admin) /Keywords (shipping, "
      "Danube) /CreationDate (D:20220309091200+02'00')");
  EXPECT_EQ(detect_format("barges.pdf", pdf), InputFormat::pdf);
  EXPECT_EQ(detect_format("download", pdf), InputFormat::pdf);
  auto sink = read_string(pdf, InputFormat::pdf, "barges.pdf");
  ASSERT_EQ(sink.articles.size(), 1u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  const Article& a = sink.articles[0];
  // The headline is the largest type, not the file name the PDF was made from.
  EXPECT_EQ(a.title, "Grain barges wait on the Danube");
  EXPECT_EQ(a.authors, (Strings{"Petru Lungu"}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2022-03-09T09:12:00+02:00");
  EXPECT_EQ(a.tags, (Strings{"shipping", "Danube"}));
  // Lines joined, the hyphenated word whole, and no running heads or page numbers.
  EXPECT_EQ(a.paragraphs,
            (Strings{"Dozens of barges are waiting at Reni and Izmail, agents said.",
                     "The river route carries only a small part, an official at the port "
                     "authority said.",
                     "Insurers have raised premiums for vessels on the lower Danube.",
                     "A captain has waited nine days for a berth.",
                     "Romania has offered the port of Constanta.",
                     "Farmers said their storage would be full by summer."}));
  EXPECT_EQ(a.format, "pdf");
}

// Nexis Uni's PDF export: a cover page, then each article ending "End of
// Document", every page with the export's running foot. Each line is a
// block of its own, as Nexis Uni spaces its fields.
TEST(PdfReader, NexisUniExportIsOneArticleEach) {
  auto page = [](int number, const Strings& blocks) {
    std::vector<Line> lines;
    double y = 740;
    for (const auto& text : blocks) lines.push_back({72, y -= 30, 11, text});
    lines.push_back({280, 40, 8, "Page " + std::to_string(number) + " of 3"});
    return lines;
  };
  const std::string pdf = make_pdf(
      {page(1,
            {"Date and Time: Monday, 4. March 2019 10:12:00 CET", "Job Number: 81234567",
             "Documents (2)", "1. Port strike ends after nine days", "2. Ferry timetable changes"}),
       page(2, {"Port strike ends after nine days", "The Harbour Gazette",
                "March 14, 2019 Thursday 9:20 AM GMT", "Length: 18 words", "Byline: Mira Castell",
                "Body", "Dock workers at the port of Eastwick voted on Thursday to end the strike.",
                "Load-Date: March 15, 2019", "End of Document"}),
       page(3, {"Ferry timetable changes", "The Harbour Gazette", "March 15, 2019 Friday",
                "Length: 10 words", "Body", "The ferry to Northland leaves an hour earlier.",
                "End of Document"})},
      "/Title (Files \\(2\\))");
  auto sink = read_string(pdf, InputFormat::pdf, "Files (2).PDF");
  ASSERT_EQ(sink.articles.size(), 2u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.origin, "Files (2).PDF[1]");
  EXPECT_EQ(a.format, "lexisnexis");
  EXPECT_EQ(a.title, "Port strike ends after nine days");
  EXPECT_EQ(a.source, "The Harbour Gazette");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2019-03-14T09:20:00Z");
  EXPECT_EQ(a.authors, (Strings{"Mira Castell"}));
  // Neither the running foot nor the fields are text.
  EXPECT_EQ(a.paragraphs,
            (Strings{"Dock workers at the port of Eastwick voted on Thursday to end the strike."}));
  const Article& b = sink.articles[1];
  EXPECT_EQ(b.title, "Ferry timetable changes");
  EXPECT_EQ(b.paragraphs, (Strings{"The ferry to Northland leaves an hour earlier."}));
}

// Factiva's PDF export without codes: an article's lines set one under
// the other (one block to Poppler), ending "Document" and its number.
TEST(PdfReader, FactivaExportIsOneArticleEach) {
  auto page = [](const Strings& lines) {
    std::vector<Line> out;
    double y = 740;
    for (const auto& text : lines) out.push_back({72, y -= 14, 11, text});
    return out;
  };
  const std::string pdf = make_pdf(
      {page({"Port strike ends after nine days", "By Mira Castell", "312 words", "14 March 2019",
             "09:20", "The Harbour Gazette", "HARBGZ", "English",
             "Copyright 2019 The Harbour Gazette.", "Dock workers voted on Thursday to end it.",
             "Document HARBGZ0020190314ef3e0001k"}),
       page({"Ferry timetable changes", "41 words", "15 March 2019", "The Harbour Gazette",
             "HARBGZ", "English", "The ferry to Northland leaves an hour earlier.",
             "Document HARBGZ0020190315ef3f0002c"})},
      "/Title (Factiva)");
  auto sink = read_string(pdf, InputFormat::pdf, "Factiva-20190320.pdf");
  ASSERT_EQ(sink.articles.size(), 2u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.format, "factiva");
  EXPECT_EQ(a.id, "HARBGZ0020190314ef3e0001k");
  EXPECT_EQ(a.title, "Port strike ends after nine days");
  EXPECT_EQ(a.authors, (Strings{"Mira Castell"}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2019-03-14T09:20:00Z");
  EXPECT_EQ(a.paragraphs, (Strings{"Dock workers voted on Thursday to end it."}));
  EXPECT_EQ(sink.articles[1].title, "Ferry timetable changes");
  EXPECT_EQ(sink.articles[1].paragraphs,
            (Strings{"The ferry to Northland leaves an hour earlier."}));
}

// One page, as a word processor sets a release: a kicker, the headline
// close above the text (Poppler reads them as one block), and paragraphs
// parted by no more than their lines are.
TEST(PdfReader, AOnePageReleaseItsHeadlineAndParagraphs) {
  const std::string pdf = make_pdf(
      {{{72, 740, 8, "PRESS RELEASE"},
        {72, 700, 20, "Port reopens to grain ships"},
        {72, 680, 11, "The port of Izmail reopened on Monday to ships carrying grain, the port"},
        {72, 666, 11, "authority said in a statement."},
        {72, 652, 11,
         "Twelve ships are expected this week, and the authority said it would publish"},
        {72, 638, 11, "a schedule of berths every morning."},
        {72, 560, 11, "Berths for grain . . . . . . . . . . . . 2"},
        {72, 530, 11, "Contacts.......................3"}}},
      "/Title (Untitled) /CreationDate (D:20220314)");
  auto sink = read_string(pdf, InputFormat::pdf, "release.pdf");
  ASSERT_EQ(sink.articles.size(), 1u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.title, "Port reopens to grain ships");
  EXPECT_EQ(a.paragraphs,
            (Strings{"PRESS RELEASE",
                     "The port of Izmail reopened on Monday to ships carrying grain, the port "
                     "authority said in a statement.",
                     "Twelve ships are expected this week, and the authority said it would "
                     "publish a schedule of berths every morning.",
                     // A contents line's dot leaders, as one ellipsis.
                     "Berths for grain \xE2\x80\xA6 2", "Contacts \xE2\x80\xA6 3"}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2022-03-14T00:00:00Z");
}

TEST(PdfReader, ScannedAndBrokenPdfsAreReported) {
  // Pages without a text layer, as a scanner makes them (here: no text at all).
  auto scanned =
      read_string(make_pdf({{}, {}}, "/Producer (Scanner)"), InputFormat::pdf, "scan.pdf");
  ASSERT_EQ(scanned.skips.size(), 1u);
  EXPECT_EQ(scanned.skips[0].reason, "no-text");
  EXPECT_NE(scanned.skips[0].detail.find("OCR"), std::string::npos);

  auto broken = read_string("%PDF-1.4\n\x01\x02 not really a PDF", InputFormat::pdf, "cut.pdf");
  EXPECT_TRUE(broken.articles.empty());
  ASSERT_EQ(broken.skips.size(), 1u);
  EXPECT_EQ(broken.skips[0].origin, "cut.pdf");
  EXPECT_TRUE(broken.skips[0].reason == "corrupt-document" || broken.skips[0].reason == "no-text")
      << broken.skips[0].reason;
  EXPECT_TRUE(testing::is_clean_line(broken.skips[0].detail));

  // A date a PDF maker got wrong leaves the article undated, with a warning.
  auto undated =
      read_string(make_pdf({{{72, 700, 11, "Ships sailed at dawn."}}}, "/CreationDate (yesterday)"),
                  InputFormat::pdf, "undated.pdf");
  ASSERT_EQ(undated.articles.size(), 1u);
  EXPECT_FALSE(undated.articles[0].published);
  ASSERT_EQ(undated.warnings.size(), 1u);
  EXPECT_NE(undated.warnings[0].detail.find("yesterday"), std::string::npos);
}

// Formats read whole are held in memory up to the record limit; a larger
// document is skipped without being held, and the batch goes on.
TEST(DocumentsReadWhole, OverTheRecordLimitAreSkipped) {
  ReaderLimits limits;
  limits.max_record_bytes = 1000;
  const std::string big = "{\\rtf1 " + std::string(5000, 'x') + "}";
  for (InputFormat format :
       {InputFormat::nitf, InputFormat::newsml, InputFormat::office, InputFormat::pdf,
        InputFormat::rtf, InputFormat::doc, InputFormat::alto, InputFormat::rcv1,
        InputFormat::mhtml, InputFormat::lexisnexis, InputFormat::factiva,
        InputFormat::spreadsheet}) {
    auto sink = read_string(big, format, "big", limits);
    EXPECT_TRUE(sink.articles.empty()) << format_name(format);
    ASSERT_EQ(sink.skips.size(), 1u) << format_name(format);
    EXPECT_EQ(sink.skips[0].reason, "too-large") << format_name(format);
  }
}

}  // namespace
}  // namespace dateline
