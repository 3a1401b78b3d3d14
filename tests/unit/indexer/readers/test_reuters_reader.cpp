#include <gtest/gtest.h>

#include "../test_support.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::read_string;

// A record in the collection's layout; `date`, `text` and `newid` vary.
std::string record(const std::string& newid, const std::string& date, const std::string& text,
                   const std::string& facets =
                       "<TOPICS></TOPICS>\n<PLACES></PLACES>\n"
                       "<PEOPLE></PEOPLE>\n<ORGS></ORGS>\n"
                       "<EXCHANGES></EXCHANGES>\n") {
  return "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"1\" "
         "NEWID=\"" +
         newid + "\">\n<DATE>" + date + "</DATE>\n" + facets +
         "<COMPANIES></COMPANIES>\n<UNKNOWN> \n&#5;&#5;&#5;C T\n&#22;&#22;&#1;f0704&#31;reute\n"
         "u f BC-SLUG   02-26 0105</UNKNOWN>\n" +
         text + "\n</REUTERS>\n";
}

const std::string doctype = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n";

TEST(ReutersReader, ReadsEveryField) {
  std::string text =
      "<TEXT>&#2;\n<TITLE>BANKAMERICA &lt;BAC> EQUITY &amp; DEBT</TITLE>\n"
      "<AUTHOR>    by Janie Gabbett, Reuters</AUTHOR>\n"
      "<DATELINE>    LOS ANGELES, Feb 26 - </DATELINE><BODY>BankAmerica Corp is not under\n"
      "pressure to act quickly, analysts said.\n"
      "    Some analysts said they have recommended\n"
      "a delay.\n"
      " Reuter\n&#3;</BODY></TEXT>";
  std::string facets =
      "<TOPICS><D>earn</D><D>acq</D></TOPICS>\n<PLACES><D>usa</D><D>el-salvador</D></PLACES>\n"
      "<PEOPLE><D>volcker</D></PEOPLE>\n<ORGS><D>imf</D></ORGS>\n"
      "<EXCHANGES><D>nyse</D></EXCHANGES>\n";
  auto sink = read_string(doctype + record("42", "26-FEB-1987 15:01:01.79", text, facets),
                          InputFormat::reuters, "reut2-000.sgm");
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "reuters-42");
  EXPECT_EQ(a.source, "Reuters");
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.format, "reuters");
  EXPECT_EQ(a.origin, "reut2-000.sgm NEWID=42");
  EXPECT_EQ(a.title, "BANKAMERICA <BAC> EQUITY & DEBT");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Janie Gabbett"}));
  EXPECT_EQ(a.dateline, "LOS ANGELES, Feb 26 -");
  // Indented lines start paragraphs; the "Reuter" sign-off is not text.
  EXPECT_EQ(a.paragraphs,
            (std::vector<std::string>{
                "BankAmerica Corp is not under pressure to act quickly, analysts said.",
                "Some analysts said they have recommended a delay."}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "1987-02-26T15:01:01Z");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"earn", "acq", "nyse"}));
  ASSERT_EQ(a.given_entities.size(), 4u);
  EXPECT_EQ(a.given_entities[0].type, Entity::Type::place);
  EXPECT_EQ(a.given_entities[0].key, "usa");  // the indexer maps it to "United States"
  EXPECT_EQ(a.given_entities[1].display, "El Salvador");
  EXPECT_EQ(a.given_entities[2].type, Entity::Type::person);
  EXPECT_EQ(a.given_entities[2].key, "volcker");
  EXPECT_EQ(a.given_entities[3].type, Entity::Type::organisation);
}

// The sign-off also comes after the last sentence, twice (NEWID 15932),
// and inside a brief's title; a name at the end of a sentence stays.
// Nine AUTHOR lines of the collection name two reporters, and a dozen
// spell the agency after the name otherwise ("Reuter"): before, "Martin
// Hayes and Jane Merriman" and "Patti Domm, Reuter" were each one author.
TEST(ReutersReader, AnAuthorLineNamesEachReporterAndNotTheAgency) {
  auto sink = read_string(
      doctype +
          record("1", "26-FEB-1987 15:01:01.79",
                 "<TEXT><TITLE>T</TITLE><AUTHOR>    By Martin Hayes and Jane Merriman</AUTHOR>"
                 "<BODY>Text.</BODY></TEXT>") +
          record("2", "26-FEB-1987 15:01:01.79",
                 "<TEXT><TITLE>T</TITLE><AUTHOR>    By Patti Domm, Reuter</AUTHOR>"
                 "<BODY>Text.</BODY></TEXT>"),
      InputFormat::reuters, "reut2-000.sgm");
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].authors, (std::vector<std::string>{"Martin Hayes", "Jane Merriman"}));
  EXPECT_EQ(sink.articles[1].authors, (std::vector<std::string>{"Patti Domm"}));
}

TEST(ReutersReader, DropsTheSignOffWhereverItEndsTheStory) {
  const std::pair<std::string, std::string> cases[] = {
      {"Noranda said. Reuter\n Reuter\n&#3;", "Noranda said."},
      {"The mine is shut.  REUTER\n&#3;", "The mine is shut."},
      {"Output fell, said Peter Reuter\n&#3;", "Output fell, said Peter Reuter"},
  };
  for (const auto& [body, paragraph] : cases) {
    std::string text = "<TEXT>&#2;\n<TITLE>MINE</TITLE>\n<BODY>" + body + "</BODY></TEXT>";
    auto sink = read_string(doctype + record("7", "26-FEB-1987 15:01:01.79", text),
                            InputFormat::reuters, "reut2-000.sgm");
    ASSERT_EQ(sink.articles.size(), 1u) << body;
    EXPECT_EQ(sink.articles[0].paragraphs, std::vector<std::string>{paragraph}) << body;
  }
  // A brief, all title (NEWID 19012).
  std::string brief =
      "<TEXT TYPE=\"BRIEF\">&#2;\n******<TITLE>WILSON CUTS PERSONAL TAX RATES, LIMITS CAPITAL "
      "GAINS\nEXEMPTIONS\n Reuter\n</TITLE>&#3;\n\n</TEXT>";
  auto sink = read_string(doctype + record("19012", "18-JUN-1987 15:01:01.79", brief),
                          InputFormat::reuters, "reut2-019.sgm");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title,
            "WILSON CUTS PERSONAL TAX RATES, LIMITS CAPITAL GAINS EXEMPTIONS");
}

TEST(ReutersReader, CopesWithTheCollectionsMalformedDates) {
  struct Case {
    std::string date;
    std::string expected;
  };
  const Case cases[] = {
      {" 3-APR-1987 07:09:06.48", "1987-04-03T07:09:06Z"},                // leading space
      {"27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM", "1987-03-27T00:02:59Z"},  // wire junk
      {"3-MAR-1987  09:15:05.40", "1987-03-03T09:15:05Z"},                // double space
      {"5-MAR-1987 10:11:12.4", "1987-03-05T10:11:12Z"},                  // one fraction digit
      {"31-MAR-1987 605:12:19.12", "1987-03-31T00:00:00Z"},               // NEWID 17192
  };
  for (const auto& c : cases) {
    auto sink = read_string(record("1", c.date, "<TEXT><TITLE>T</TITLE><BODY>B</BODY></TEXT>"),
                            InputFormat::reuters);
    ASSERT_EQ(sink.articles.size(), 1u) << c.date;
    ASSERT_TRUE(sink.articles[0].published) << c.date;
    EXPECT_EQ(sink.articles[0].published->iso8601(), c.expected) << c.date;
    EXPECT_TRUE(sink.warnings.empty()) << c.date;
  }
}

TEST(ReutersReader, UnparsableDateIsAWarningAndTheArticleIsKept) {
  auto sink =
      read_string(record("7", "sometime in spring", "<TEXT><TITLE>T</TITLE><BODY>B</BODY></TEXT>"),
                  InputFormat::reuters, "r.sgm");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_FALSE(sink.articles[0].published);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].origin, "r.sgm NEWID=7");
  EXPECT_EQ(sink.warnings[0].reason, "bad-date");
}

// Found by fuzzing: the warning quoted the date as it was, a control
// character (0x1E) and bytes that are not UTF-8 included.
TEST(ReutersReader, BadDateWarningQuotesTheDateAsOneCleanLine) {
  auto sink = read_string(record("5", "26-FEB-1987 1ddd\xff\xff\x1e\x1b[2Jddd5:01:01.79",
                                 "<TEXT><TITLE>T</TITLE><BODY>B</BODY></TEXT>"),
                          InputFormat::reuters, "r.sgm");
  ASSERT_EQ(sink.articles.size(), 1u);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].reason, "bad-date");
  EXPECT_TRUE(testing::is_clean_line(sink.warnings[0].detail)) << sink.warnings[0].detail;
}

// A damaged NEWID is still named in reports, without its control characters.
TEST(ReutersReader, DamagedNewidIsNamedAsOneCleanLine) {
  auto sink = read_string(
      "<REUTERS NEWID=\"1\x1b[2J\xff\">\n<DATE>bad</DATE>\n"
      "<TEXT><TITLE>T</TITLE><BODY>B</BODY></TEXT>\n</REUTERS>\n",
      InputFormat::reuters, "r.sgm");
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_TRUE(testing::is_clean_line(sink.warnings[0].origin)) << sink.warnings[0].origin;
  EXPECT_TRUE(sink.warnings[0].origin.starts_with("r.sgm NEWID=1 [2J")) << sink.warnings[0].origin;
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_TRUE(testing::is_clean_line(sink.articles[0].id)) << sink.articles[0].id;
}

TEST(ReutersReader, EmptyRecordIsASkipNamingFileAndNewid) {
  std::string input =
      doctype +
      record("12792", "3-APR-1987 07:09:00.00",
             "<TEXT><TITLE>BEFORE</TITLE><BODY>Text.</BODY></TEXT>") +
      record("12793", " 3-APR-1987 07:09:06.48", "<TEXT TYPE=\"UNPROC\">&#2;\n&#3;\n\n</TEXT>") +
      record("12794", "3-APR-1987 07:09:42.28",
             "<TEXT><TITLE>AFTER</TITLE><BODY>Text.</BODY></TEXT>");
  auto sink = read_string(input, InputFormat::reuters, "reut2-012.sgm");
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].title, "BEFORE");
  EXPECT_EQ(sink.articles[1].title, "AFTER");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "reut2-012.sgm NEWID=12793");
  EXPECT_EQ(sink.skips[0].reason, "no-text");
}

TEST(ReutersReader, UnprocessedTextIsTheBodyAndItsFirstLineTheTitle) {
  auto sink =
      read_string(record("5", "26-FEB-1987 15:01:01.79",
                         "<TEXT TYPE=\"UNPROC\">&#2;\nFEDERAL RESERVE WEEKLY REPORT 1 - FEB 26\n"
                         "    Two weeks ended Feb 25      daily avgs-mlns\n"
                         " Net free reserves.............644 vs.....1,337\n Reuter\n&#3;\n</TEXT>"),
                  InputFormat::reuters);
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.title, "FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26");
  EXPECT_EQ(a.paragraphs,
            (std::vector<std::string>{"FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26",
                                      "Two weeks ended Feb 25 daily avgs-mlns",
                                      "Net free reserves.............644 vs.....1,337"}));
}

TEST(ReutersReader, BriefRecordIsItsTitleOnly) {
  auto sink = read_string(
      record("9", "26-FEB-1987 15:01:01.79",
             "<TEXT TYPE=\"BRIEF\">&#2;\n******<TITLE>ASSETS OF MONEY MARKET FUNDS ROSE\n"
             "</TITLE>Blah blah blah.\n&#3;\n</TEXT>"),
      InputFormat::reuters);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "ASSETS OF MONEY MARKET FUNDS ROSE");
  EXPECT_TRUE(sink.articles[0].paragraphs.empty());
}

TEST(ReutersReader, ControlEntitiesBecomeSpacesAndLatin1IsRepaired) {
  auto sink = read_string(record("3", "26-FEB-1987 15:01:01.79",
                                 "<TEXT><TITLE>M\xFC"
                                 "NCHEN&#22;TALKS</TITLE><BODY>One&#3;two &#127;three "
                                 "&#233;t&#233;\n</BODY></TEXT>"),
                          InputFormat::reuters);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "M\xC3\xBCNCHEN TALKS");
  EXPECT_EQ(sink.articles[0].paragraphs,
            (std::vector<std::string>{"One two three \xC3\xA9t\xC3\xA9"}));
  EXPECT_EQ(sink.repaired_bytes, 1u);
}

TEST(ReutersReader, OversizedRecordIsSkippedAndReadingGoesOn) {
  std::string big(2000, 'x');
  std::string input =
      record("1", "26-FEB-1987 15:01:01.79",
             "<TEXT><TITLE>BIG</TITLE><BODY>" + big + "\n" + big + "</BODY></TEXT>") +
      record("2", "26-FEB-1987 15:01:01.79", "<TEXT><TITLE>SMALL</TITLE><BODY>ok</BODY></TEXT>");
  ReaderLimits limits;
  limits.max_record_bytes = 1500;
  auto sink = read_string(input, InputFormat::reuters, "r.sgm", limits);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "SMALL");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "r.sgm NEWID=1");
  EXPECT_EQ(sink.skips[0].reason, "too-large");
}

TEST(ReutersReader, FileEndingInsideARecordKeepsTheRecordsBefore) {
  std::string input =
      record("1", "26-FEB-1987 15:01:01.79", "<TEXT><TITLE>WHOLE</TITLE><BODY>ok</BODY></TEXT>") +
      "<REUTERS NEWID=\"2\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT>";
  auto sink = read_string(input, InputFormat::reuters, "cut.sgm");
  ASSERT_EQ(sink.articles.size(), 1u);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "cut.sgm NEWID=2");
  EXPECT_EQ(sink.skips[0].reason, "truncated");
}

TEST(ReutersReader, IsDetectedByNameAndContent) {
  EXPECT_EQ(detect_format("reut2-000.sgm", doctype), InputFormat::reuters);
  EXPECT_EQ(detect_format("feed", doctype + "<REUTERS NEWID=\"1\">"), InputFormat::reuters);
}

}  // namespace
}  // namespace dateline
