#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>

#include "dateline/indexer/reader.h"
#include "test_support.h"

namespace dateline {
namespace {

using testing::read_string;

std::vector<std::string> origins(const std::vector<Article>& articles) {
  std::vector<std::string> out;
  for (const auto& article : articles) out.push_back(article.origin);
  return out;
}

TEST(CsvReader, HeaderNamesFieldsAsJsonDoesAliasesAndCaseIncluded) {
  auto sink = read_string(
      "\" Headline \",DatePublished,Content,AUTHOR,link,guid,Publisher,lang,Topic,views\n"
      "Talks resume,2022-03-02T14:05:00+02:00,\"First para.\n\nSecond para.\",A. Writer,"
      "https://example.org/a,wire-1,Northwind Wire,en,talks,1234\n",
      InputFormat::csv, "export.csv");
  ASSERT_TRUE(sink.skips.empty()) << sink.skips[0].detail;
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.title, "Talks resume");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2022-03-02T14:05:00+02:00");
  EXPECT_EQ(a.paragraphs, (std::vector<std::string>{"First para.", "Second para."}));
  EXPECT_EQ(a.authors, (std::vector<std::string>{"A. Writer"}));
  EXPECT_EQ(a.url, "https://example.org/a");
  EXPECT_EQ(a.id, "wire-1");
  EXPECT_EQ(a.source, "Northwind Wire");
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"talks"}));
  EXPECT_EQ(a.format, "csv");
  EXPECT_EQ(a.origin, "export.csv:2");
}

TEST(CsvReader, ACellOfAListFieldHoldsTheList) {
  auto sink = read_string(
      "title,text,tags,authors,places,people,Outlet\n"
      "Grain talks,Talks resumed.,\"grain, wheat;shipping\",\"Marin, Ioana; Tom Rees\","
      "\"Ukraine, Turkey\",\"Marin, Ioana; Rees, Tom\",Danube Herald\n",
      InputFormat::csv, "lists.csv");
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.tags, (std::vector<std::string>{"grain", "wheat", "shipping"}));
  // Authors are parted by ";" only: a cell may name one as "Last, First".
  // "Last, First" is read as "First Last", as news databases' names are.
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Ioana Marin", "Tom Rees"}));
  std::vector<std::string> entities;
  for (const auto& entity : a.given_entities) entities.push_back(entity.key);
  // Names are parted at ";" where the cell holds one, else at ",".
  EXPECT_EQ(entities, (std::vector<std::string>{"ioana marin", "tom rees", "ukraine", "turkey"}));
  EXPECT_EQ(a.source, "Danube Herald");  // a media-monitoring export's "Outlet"
}

// Media Cloud's story lists, as researchers download them: headlines,
// dates and outlets (no text).
TEST(CsvReader, MediaCloudStoryLists) {
  auto sink = read_string(
      "guid,stories_id,processed_stories_id,title,url,language,collect_date,publish_date,"
      "media_id,media_name,media_url,tags\n"
      "https://danube.example/a,1183743601,1,Grain barges wait on the Danube,"
      "https://danube.example/a,en,2022-03-17 10:41:05.123456,2022-03-17 10:30:00,1,"
      "Danube Herald,https://danube.example,\n",
      InputFormat::csv, "mediacloud.csv");
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.title, "Grain barges wait on the Danube");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->day_string(), "2022-03-17");  // publish_date, not collect_date
  EXPECT_EQ(a.source, "Danube Herald");
  EXPECT_EQ(a.id, "https://danube.example/a");
  // The current search tool's export names the id "id", the rest alike.
  sink = read_string(
      "id,indexed_date,language,media_name,media_url,publish_date,title,url\n"
      "5f2c,2022-03-18,en,danube.example,https://danube.example,2022-03-17,Barges wait,"
      "https://danube.example/b\n",
      InputFormat::csv, "mediacloud-search.csv");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].id, "5f2c");
  EXPECT_EQ(sink.articles[0].source, "danube.example");
  ASSERT_TRUE(sink.articles[0].published);
  EXPECT_EQ(sink.articles[0].published->day_string(), "2022-03-17");
}

TEST(CsvReader, QuotedCellsHoldDelimitersDoubledQuotesAndLineBreaks) {
  auto sink = read_string(
      "title,text\n"
      "\"Prices, again\",\"He said \"\"no\"\".\n"
      "\n"
      "Then left.\"\n"
      "Next,Body\n"
      "\"A title\n"
      "on two lines\",Body\n",
      InputFormat::csv, "q.csv");
  ASSERT_EQ(sink.articles.size(), 3u);
  EXPECT_EQ(sink.articles[0].title, "Prices, again");
  EXPECT_EQ(sink.articles[0].paragraphs,
            (std::vector<std::string>{"He said \"no\".", "Then left."}));
  EXPECT_EQ(sink.articles[2].title, "A title on two lines");
  // The record after one spanning lines 2-4 starts on line 5; a record is
  // where its first cell starts, even when that cell ends on a later line.
  EXPECT_EQ(origins(sink.articles), (std::vector<std::string>{"q.csv:2", "q.csv:5", "q.csv:6"}));
}

TEST(CsvReader, OriginsCountPhysicalLinesWithCrLfAndBlankLines) {
  auto sink = read_string(
      "title,text\r\n"
      "\r\n"
      "A,\"one\r\ntwo\"\r\n"
      "B,x\r\n"
      ",\r\n"
      "\n"
      "C,y",  // no line break at the end
      InputFormat::csv, "crlf.csv");
  EXPECT_EQ(origins(sink.articles),
            (std::vector<std::string>{"crlf.csv:3", "crlf.csv:5", "crlf.csv:8"}));
  EXPECT_TRUE(sink.skips.empty());  // a row of empty cells is a blank line
}

TEST(CsvReader, SemicolonTabAndPipeAreFoundFromTheHeaderLine) {
  auto semicolon = read_string("title;text;date\nPrices, again;Body, more;2020-01-02\n",
                               InputFormat::csv, "s.csv");
  ASSERT_EQ(semicolon.articles.size(), 1u);
  EXPECT_EQ(semicolon.articles[0].title, "Prices, again");
  EXPECT_EQ(semicolon.articles[0].paragraphs, (std::vector<std::string>{"Body, more"}));
  ASSERT_TRUE(semicolon.articles[0].published);

  // A comma inside a quoted header cell does not count.
  auto tab =
      read_string("title\t\"text, or body\"\ttext\nA; b, c\tx\tBody\n", InputFormat::csv, "t.csv");
  ASSERT_EQ(tab.articles.size(), 1u);
  EXPECT_EQ(tab.articles[0].title, "A; b, c");
  EXPECT_EQ(tab.articles[0].paragraphs, (std::vector<std::string>{"Body"}));

  auto pipe = read_string("title|text\nA, b|Body; c\n", InputFormat::csv, "p.csv");
  ASSERT_EQ(pipe.articles.size(), 1u);
  EXPECT_EQ(pipe.articles[0].title, "A, b");
}

TEST(CsvReader, AHeadlineColumnNeedsAnAddressOrDateBesideIt) {
  // A staff list's "Title" is a job title, not a headline.
  auto staff = read_string("Name,Title,Department\nJoe Smith,Manager,Sales\n", InputFormat::csv,
                           "staff.csv");
  EXPECT_TRUE(staff.articles.empty());
  ASSERT_EQ(staff.skips.size(), 1u);
  EXPECT_EQ(staff.skips[0].reason, "no-header");
  // A list of headlines has their addresses or dates.
  auto headlines = read_string("title,url\nBarges wait,https://danube.example/a\n",
                               InputFormat::csv, "headlines.csv");
  ASSERT_EQ(headlines.articles.size(), 1u);
  EXPECT_EQ(headlines.articles[0].title, "Barges wait");
  EXPECT_EQ(read_string("Headline;Date\nBarges wait;2022-03-17\n", InputFormat::csv, "h.csv")
                .articles.size(),
            1u);
  // A description alone is no article either.
  EXPECT_TRUE(
      read_string("Code,Description\n7,New\n", InputFormat::csv, "codes.csv").articles.empty());
}

TEST(CsvReader, TsvFilesAreTabSeparatedWhateverTheHeaderHolds) {
  // As .csv the header's comma would win the tie with its tab.
  const std::string text = "text,dek\tbody\nx,y\tBody\n";
  auto tsv = read_string(text, InputFormat::csv, "f.tsv");
  ASSERT_EQ(tsv.articles.size(), 1u);
  // "text,dek" names no field
  EXPECT_EQ(tsv.articles[0].paragraphs, (std::vector<std::string>{"Body"}));
  auto csv = read_string(text, InputFormat::csv, "f.csv");
  ASSERT_EQ(csv.articles.size(), 1u);
  EXPECT_EQ(csv.articles[0].paragraphs, (std::vector<std::string>{"x"}));
}

TEST(CsvReader, SingleQuotesWhenTheFileIsQuotedSo) {
  // 10kGNAD's form: cells quoted with ' when needed, so an unquoted text may
  // start with '"', which a '"'-quoted reading would take for a quote.
  auto sink = read_string(
      "topic;text\n"
      "Wirtschaft;'Er sagte ''Nein''; dann ging er.'\n"
      "Web;\"Premium\"-Tarif ab sofort.\n"
      "Sport;Tor.\n",
      InputFormat::csv, "gnad.csv");
  ASSERT_EQ(sink.articles.size(), 3u);
  EXPECT_EQ(sink.articles[0].paragraphs,
            (std::vector<std::string>{"Er sagte 'Nein'; dann ging er."}));
  EXPECT_EQ(sink.articles[0].tags, (std::vector<std::string>{"Wirtschaft"}));
  EXPECT_EQ(sink.articles[1].paragraphs,
            (std::vector<std::string>{"\"Premium\"-Tarif ab sofort."}));
  EXPECT_EQ(sink.articles[2].origin, "gnad.csv:4");

  // An apostrophe at the start of a cell of a '"'-quoted file is text.
  auto english = read_string("title,text\n'Tis the season,\"Body, with a comma\"\n",
                             InputFormat::csv, "en.csv");
  ASSERT_EQ(english.articles.size(), 1u);
  EXPECT_EQ(english.articles[0].title, "'Tis the season");
  EXPECT_EQ(english.articles[0].paragraphs, (std::vector<std::string>{"Body, with a comma"}));
}

TEST(CsvReader, ByteOrderMarkDoesNotHideTheFirstColumnName) {
  auto sink = read_string("\xEF\xBB\xBFtitle;text\nHeadline;Body\n", InputFormat::csv, "bom.csv");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Headline");
}

TEST(CsvReader, HeaderNamingNoArticleFieldIsOneSkipAndNothingIsGuessed) {
  auto sink = read_string(
      "\n"
      "Wirtschaft;'Die Gewerkschaft GPA-djp lanciert den \"All-in-Rechner\" und findet, dass'\n"
      "Sport;'Tor'\n",
      InputFormat::csv, "10k.csv");
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "10k.csv:2");
  EXPECT_EQ(sink.skips[0].reason, "no-header");
  EXPECT_EQ(sink.skips[0].detail,
            "no header row naming article fields: the first row must name columns such as "
            "title, text, date (found \"Wirtschaft\", \"Die Gewerkschaft GPA-djp lanciert den "
            "\"A...\")");

  // Metadata columns alone name no text either.
  auto ids = read_string("id,date,url\n1,2020-01-01,http://x\n", InputFormat::csv, "ids.csv");
  EXPECT_TRUE(ids.articles.empty());
  ASSERT_EQ(ids.skips.size(), 1u);
  EXPECT_EQ(ids.skips[0].reason, "no-header");
}

TEST(CsvReader, RecordOverTheLimitIsSkippedAndTheNextOneRead) {
  ReaderLimits limits;
  limits.max_record_bytes = 1000;
  // Doubled quotes, delimiters and line breaks inside the long cell: past
  // the limit the reader must still follow the quoting to the record's end.
  std::string long_cell;
  for (int i = 0; i < 300; ++i) long_cell += "ab \"\"x\"\", cd\n";
  auto sink = read_string("title,text\nLong,\"" + long_cell + "\"\nShort,Body\n" +
                              std::string(3000, 'u') + ",unquoted and long\nLast,Body\n",
                          InputFormat::csv, "big.csv", limits);
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].title, "Short");
  EXPECT_EQ(sink.articles[0].origin, "big.csv:303");  // 2 + the cell's 300 lines + 1
  EXPECT_EQ(sink.articles[1].title, "Last");
  ASSERT_EQ(sink.skips.size(), 2u);
  EXPECT_EQ(sink.skips[0].origin, "big.csv:2");
  EXPECT_EQ(sink.skips[0].reason, "too-large");
  EXPECT_EQ(sink.skips[1].origin, "big.csv:304");
  EXPECT_EQ(sink.skips[1].reason, "too-large");
}

// The reader takes its input 64 KiB at a time. Here the quote closing a
// long cell is the last byte of the first 64 KiB: dropping the cell as it
// grows, the reader must still see it end at the comma that follows.
TEST(CsvReader, LongCellWhoseQuoteClosesAtTheEndOfABuffer) {
  ReaderLimits limits;
  limits.max_record_bytes = 1000;
  const std::string start = "title,text\nLong,\"";
  const std::string cell(65535 - start.size(), 'x');
  const std::string text = start + cell + "\",Body\nNext,Text\n";
  ASSERT_EQ(text[65535], '"');
  auto sink = read_string(text, InputFormat::csv, "edge.csv", limits);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "too-large");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Next");
  EXPECT_EQ(sink.articles[0].origin, "edge.csv:3");
}

TEST(CsvReader, UnclosedQuoteIsOneSkipWhereItsRecordBegan) {
  auto sink = read_string("title,text\nA,B\nC,\"never closed\nD,E\n", InputFormat::csv, "u.csv");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "A");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "u.csv:3");
  EXPECT_EQ(sink.skips[0].reason, "malformed-csv");
}

TEST(CsvReader, InvalidUtf8IsRepairedAndCounted) {
  auto sink = read_string(
      "title,text\nCaf\xE9,Price \xA3"
      "5\n",
      InputFormat::csv, "latin1.csv");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Café");
  EXPECT_EQ(sink.articles[0].paragraphs, (std::vector<std::string>{"Price £5"}));
  EXPECT_EQ(sink.repaired_bytes, 2u);
}

TEST(CsvReader, ExtraCellsAreIgnoredMissingOnesEmptyAndBadRowsReported) {
  auto sink = read_string(
      "title,text,date\n"
      "A,Body,2020-01-02,surplus,cells\n"
      "B\n"
      ",,2020-01-03\n"
      "C,Body,soon\n",
      InputFormat::csv, "r.csv");
  ASSERT_EQ(sink.articles.size(), 3u);
  EXPECT_EQ(sink.articles[0].paragraphs, (std::vector<std::string>{"Body"}));
  EXPECT_EQ(sink.articles[1].title, "B");
  EXPECT_TRUE(sink.articles[1].paragraphs.empty());
  EXPECT_FALSE(sink.articles[2].published);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "r.csv:4");
  EXPECT_EQ(sink.skips[0].reason, "no-text");
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].origin, "r.csv:5");
  EXPECT_EQ(sink.warnings[0].reason, "bad-date");
}

// --strict stops the indexer by throwing from the sink; libcsv calls the
// reader back from C, and the exception must still reach the caller.
TEST(CsvReader, AnExceptionFromTheSinkReachesTheCaller) {
  struct Throwing : testing::CollectingSink {
    void skip(Skip&&) override { throw std::runtime_error("stop"); }
  } sink;
  std::istringstream in("title,text,date\nA,B\n,,2020-01-01\nC,D\n");
  EXPECT_THROW(read_stream(in, "s.csv", InputFormat::csv, ReaderLimits{}, sink),
               std::runtime_error);
  EXPECT_EQ(sink.articles.size(), 1u);
}

TEST(CsvReader, FormatNamesAndDetectionByNameOnly) {
  EXPECT_EQ(format_name(InputFormat::csv), "csv");
  EXPECT_EQ(format_from_name("csv"), InputFormat::csv);
  EXPECT_EQ(format_from_name("tsv"), InputFormat::csv);
  EXPECT_EQ(detect_format("export.csv", "title,text\n"), InputFormat::csv);
  EXPECT_EQ(detect_format("EXPORT.CSV", "title,text\n"), InputFormat::csv);
  EXPECT_EQ(detect_format("export.tsv", "title\ttext\n"), InputFormat::csv);
  EXPECT_EQ(detect_format("export.csv.gz", "title,text\n"), InputFormat::csv);
  EXPECT_EQ(detect_format("a.tar:news/export.tsv", "title\ttext\n"), InputFormat::csv);
  // Never from content: a text file whose first line has commas is text.
  EXPECT_EQ(detect_format("notes.txt", "title,text\nA,B\n"), InputFormat::text);
  EXPECT_EQ(detect_format("notes", "title,text\nA,B\n"), InputFormat::text);
}

TEST(CsvReader, CompressedTsvIsReadThroughReadPath) {
  testing::TempDir dir;
  auto file = dir.write("export.tsv", "title,dek\ttext\nx,y\tBody\n");
  ASSERT_EQ(std::system(("gzip " + file.string()).c_str()), 0);
  testing::CollectingSink sink;
  read_path(dir.path() / "export.tsv.gz", InputFormat::automatic, ReaderLimits{}, sink);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].paragraphs, (std::vector<std::string>{"Body"}));
  EXPECT_EQ(sink.articles[0].format, "csv");
  EXPECT_EQ(sink.articles[0].origin, (dir.path() / "export.tsv.gz").string() + ":2");
}

}  // namespace
}  // namespace dateline
