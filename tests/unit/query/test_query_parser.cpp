// The query language as a table: input -> the Xapian query it becomes
// (Xapian's own api_queryparser.cc habit), and bad input -> error offset.

#include <gtest/gtest.h>

#include "dateline/common/error.h"
#include "query_parser.h"

namespace dateline::query {
namespace {

// Readable test names from the query text.
template <typename T>
std::string case_name(const ::testing::TestParamInfo<T>& info) {
  std::string name = std::to_string(info.index) + "_";
  for (const char* p = info.param.input; *p != '\0' && name.size() < 40; ++p) {
    char ch = *p;
    bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    name += alnum ? ch : '_';
  }
  return name;
}

struct Case {
  const char* input;
  const char* expected;
};

class ParserTable : public ::testing::TestWithParam<Case> {};

TEST_P(ParserTable, ParsesTo) {
  detail::Analyzer analyzer("en");
  auto parsed = parse_query(GetParam().input, analyzer);
  EXPECT_EQ(parsed.query.get_description(), GetParam().expected) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Queries, ParserTable,
    ::testing::Values(
        Case{"negotiations", "Query(Znegoti@1)"},
        Case{"Refugees Poland", "Query((Zrefuge@1 OR (Zpoland@2 SYNONYM Zpolen@2)))"},
        Case{"zelenskyy café",
             "Query(((Zzelenskyy@1 SYNONYM Zzelenski@1 SYNONYM Zzelenskiy@1) OR Zcafe@2))"},
        Case{"+talks belarus", "Query((Ztalk@1 AND_MAYBE (Zbelarus@2 SYNONYM Zweissrussland@2)))"},
        Case{"talks -belarus", "Query((Ztalk@1 AND_NOT (Zbelarus@2 SYNONYM Zweissrussland@2)))"},
        Case{"talks AND belarus OR poland",
             "Query(((Ztalk@1 AND (Zbelarus@2 SYNONYM Zweissrussland@2)) OR (Zpoland@3 SYNONYM "
             "Zpolen@3)))"},
        Case{"talks NOT belarus", "Query((Ztalk@1 AND_NOT (Zbelarus@2 SYNONYM Zweissrussland@2)))"},
        Case{"\"peace talks\"", "Query((peace PHRASE 2 talks))"}, Case{"\"Café\"", "Query(cafe)"},
        // Typographic quotes are quotes; a Latin-1 byte is read as the
        // indexer reads one (Windows-1252).
        Case{"\u201cpeace talks\u201d", "Query((peace PHRASE 2 talks))"},
        Case{"title:\u201epeace talks\u201c", "Query((Speace PHRASE 2 Stalks))"},
        Case{"\u00abpeace talks\u00bb", "Query((peace PHRASE 2 talks))"},
        Case{"caf\xe9", "Query(Zcafe@1)"},
        Case{"belarus-ukraine border", "Query(((belarus PHRASE 2 ukraine) OR Zborder@3))"},
        Case{"talks NEAR/5 ceasefire", "Query((talks NEAR 7 ceasefire))"},
        Case{"talks ADJ ceasefire", "Query((talks PHRASE 12 ceasefire))"},
        // Words that only begin like the operators are words.
        Case{"NEARBY ADJUSTS", "Query((Znearbi@1 OR Zadjust@2))"},
        // A name the alias table spells otherwise matches its other
        // spellings, in any language the index holds, as one term.
        Case{"burma", "Query((Zburma@1 SYNONYM Zmyanmar@1))"},
        Case{"title:kiev", "Query((ZSkiev@1 SYNONYM ZSkyiv@1))"},
        // Not an exact word, and not a name of several words ("America" is
        // no spelling of "States").
        Case{"\"kiev\"", "Query(kiev)"}, Case{"america", "Query(Zamerica@1)"},
        Case{"(kyiv OR kiev) talks",
             "Query((((Zkyiv@1 SYNONYM Zkiev@1) OR (Zkiev@2 SYNONYM Zkyiv@2)) OR Ztalk@3))"},
        Case{"negotiat*", "Query(WILDCARD SYNONYM negotiat)"},
        // In the headline or byline too (the words of that field).
        Case{"title:negotiat*", "Query(WILDCARD SYNONYM Snegotiat)"},
        // Quoted, a '*' is punctuation like any other.
        Case{"\"c*o\"", "Query((c PHRASE 2 o))"}, Case{"title:putin", "Query(ZSputin@1)"},
        Case{"title:\"peace talks\"", "Query((Speace PHRASE 2 Stalks))"},
        Case{"putin place:kyiv", "Query((Zputin@1 FILTER (XLkyiv OR XTLkyiv)))"},
        Case{"putin place:kyiv place:kharkiv",
             "Query((Zputin@1 FILTER ((XLkyiv OR XTLkyiv) OR (XLkharkiv OR XTLkharkiv))))"},
        Case{"putin place:kyiv source:\"ABC News\"",
             "Query((Zputin@1 FILTER ((XLkyiv OR XTLkyiv) AND XSOURCEabc news)))"},
        Case{"person:\"Vladimir Putin's\"", "Query((XPvladimir putin OR XTPvladimir putin))"},
        // Entities as the indexer keys them: through the alias table and
        // without a company's legal form; other fields as typed.
        Case{"place:USA", "Query((XLunited states OR XTLunited states))"},
        Case{"org:\"Texaco Inc.\"", "Query((XOtexaco OR XTOtexaco))"},
        Case{"org:\"Merrill Lynch and Co Inc\"", "Query((XOmerrill lynch OR XTOmerrill lynch))"},
        Case{"source:\"Acme Inc\"", "Query(XSOURCEacme inc)"},
        Case{"person:\"Henry Co\"", "Query((XPhenry co OR XTPhenry co))"},
        Case{"date:2022", "Query(Y2022)"}, Case{"date:2022-03", "Query(M202203)"},
        Case{"date:2022-02-24", "Query(D20220224)"},
        // Closed ranges: the fewest year, month and day terms that cover
        // them (leap years known); past 64 terms, and open ranges, the day
        // value.
        Case{"cocoa date:2022-02-24..2022-03-05",
             "Query((Zcocoa@1 FILTER (D20220224 OR D20220225 OR D20220226 OR D20220227 OR "
             "D20220228 OR D20220301 OR D20220302 OR D20220303 OR D20220304 OR D20220305)))"},
        Case{"date:2024-02-28..2024-03-01", "Query((D20240228 OR D20240229 OR D20240301))"},
        Case{"date:2023-02-01..2023-02-28", "Query(M202302)"},
        Case{"date:2021-12-31..2023-01-01", "Query((D20211231 OR Y2022 OR D20230101))"},
        Case{"date:2021..2022-02", "Query((Y2021 OR M202201 OR M202202))"},
        Case{"date:2001-01-02..2003-12-30", "Query(VALUE_RANGE 0 20010102 20031230)"},
        Case{"date:..1987-03-31", "Query(VALUE_LE 0 19870331)"},
        Case{"date:1987-03..", "Query(VALUE_GE 0 19870301)"},
        Case{"date:2022-02..2022-03", "Query((M202202 OR M202203))"},
        Case{"mentions:2022-02-24", "Query(XMD20220224)"},
        Case{"talks -place:moscow", "Query((Ztalk@1 AND_NOT (XLmoscow OR XTLmoscow)))"},
        Case{"lang:DE", "Query(Lde)"},
        // A field before parentheses is the field of each word and phrase
        // in them; operators and signs work as outside.
        Case{"title:(opec quota)", "Query((ZSopec@1 OR ZSquota@2))"},
        Case{"title:(opec AND \"oil quota\")", "Query((ZSopec@1 AND (Soil PHRASE 2 Squota)))"},
        Case{"title:(opec*)", "Query(WILDCARD SYNONYM Sopec)"},
        Case{"oil place:(kuwait OR iraq)",
             "Query((Zoil@1 FILTER ((XLkuwait OR XTLkuwait) OR (XLiraq OR XTLiraq))))"},
        Case{"person:(volcker \"karl otto poehl\")",
             "Query(((XPvolcker OR XTPvolcker) OR (XPkarl otto poehl OR XTPkarl otto poehl)))"},
        Case{"oil -place:(kuwait iraq)",
             "Query((Zoil@1 AND_NOT ((XLkuwait OR XTLkuwait) OR (XLiraq OR XTLiraq))))"},
        Case{"date:(2022-02 OR 2022-03)", "Query((M202202 OR M202203))"},
        Case{"title:(opec (quota OR output)) iran",
             "Query(((ZSopec@1 OR (ZSquota@2 OR ZSoutput@3)) OR Ziran@4))"}),
    case_name<Case>);

struct BadCase {
  const char* input;
  std::size_t offset;
  const char* fragment;
};

class ParserErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(ParserErrors, RejectWithOffset) {
  detail::Analyzer analyzer("en");
  try {
    auto parsed = parse_query(GetParam().input, analyzer);
    FAIL() << GetParam().input << " parsed as " << parsed.query.get_description();
  } catch (const QuerySyntaxError& error) {
    EXPECT_EQ(error.offset(), GetParam().offset) << error.what();
    EXPECT_NE(std::string(error.what()).find(GetParam().fragment), std::string::npos)
        << error.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Queries, ParserErrors,
    ::testing::Values(
        BadCase{"", 0, "empty query"}, BadCase{"talks AND", 6, "after 'AND'"},
        BadCase{"AND talks", 0, "before 'AND'"}, BadCase{"talks OR OR peace", 6, "after 'OR'"},
        BadCase{"(talks peace", 0, "missing ')'"}, BadCase{"talks) peace", 5, "unmatched ')'"},
        BadCase{"\"peace talks", 0, "unterminated quote"},
        BadCase{"talks \u201cpeace", 6, "unterminated quote"},
        BadCase{"foo:bar", 0, "unknown field 'foo:'"},
        BadCase{"date:2022-13", 5, "bad date '2022-13'"},
        BadCase{"talks date:2022-03-01..2022-02-01", 11, "ends before it starts"},
        BadCase{"date:2022..03", 11, "bad date '03'"}, BadCase{"place:", 0, "needs a value"},
        BadCase{"talks NEAR \"a b\"", 6, "expected a word after 'NEAR'"},
        BadCase{"()", 0, "empty parentheses"}, BadCase{"!!! ---", 0, "no searchable words"},
        BadCase{"talks NEAR", 6, "expected a word after 'NEAR'"},
        BadCase{"\"a b\" NEAR talks", 0, "NEAR and ADJ join single words"},
        BadCase{"talks NEAR/x peace", 6, "'NEAR/x' needs a distance"},
        BadCase{"talks ADJ/ peace", 6, "'ADJ/' needs a distance"},
        BadCase{"talks NEAR/5x peace", 6, "'NEAR/5x' needs a distance"},
        BadCase{"title:(opec quota", 6, "missing ')'"},
        BadCase{"title:(place:kuwait)", 7, "a field inside 'title:( )'"},
        BadCase{"title:()", 6, "empty parentheses"},
        BadCase{"title:(talks NEAR peace)", 7, "not of a field"},
        BadCase{"place:(kuwait*)", 13, "a wildcard works on words"},
        BadCase{"date:(2022-13)", 6, "bad date '2022-13'"},
        // A wildcard only ends a word, and filters match whole names.
        BadCase{"negoti*tions", 6, "a wildcard goes at the end of a word"},
        BadCase{"*tiations", 0, "a wildcard goes at the end of a word"},
        BadCase{"title:ne*go", 8, "a wildcard goes at the end of a word"},
        BadCase{"talks place:kyi*", 15, "not on place: values"}),
    case_name<BadCase>);

TEST(Parser, RejectsTooManyTerms) {
  detail::Analyzer analyzer("en");
  std::string query;
  for (int k = 0; k < 10000; ++k) query += "w" + std::to_string(k) + " ";
  EXPECT_THROW(parse_query(query, analyzer), QuerySyntaxError);
}

TEST(Parser, AWordTooLongToIndexIsNotEverything) {
  detail::Analyzer analyzer("en");
  EXPECT_THROW(parse_query(std::string(100, 'x'), analyzer), QuerySyntaxError);
}

TEST(Parser, RejectsDeepNesting) {
  detail::Analyzer analyzer("en");
  std::string query = std::string(500, '(') + "x" + std::string(500, ')');
  EXPECT_THROW(parse_query(query, analyzer), QuerySyntaxError);
}

TEST(Parser, FiltersOnlyMatchEverythingFiltered) {
  detail::Analyzer analyzer("en");
  auto parsed = parse_query("place:kyiv", analyzer);
  EXPECT_FALSE(parsed.has_positive);
  EXPECT_EQ(parse_filter("person:\"Vladimir Putin\"").get_description(),
            "Query((XPvladimir putin OR XTPvladimir putin))");
  EXPECT_THROW(parse_filter("kyiv"), QuerySyntaxError);
  EXPECT_THROW(parse_filter("title:x"), QuerySyntaxError);
  EXPECT_THROW(parse_filter("place:kyi*"), QuerySyntaxError);
  EXPECT_EQ(parse_filter("place:\"kyi*\"").get_description(), "Query((XLkyi* OR XTLkyi*))");
}

TEST(Parser, CollectsWhatToHighlight) {
  detail::Analyzer analyzer("en");
  auto parsed = parse_query("negotiations \"peace talks\" kyiv*", analyzer);
  EXPECT_TRUE(parsed.match.stems.count("negoti"));
  EXPECT_FALSE(parsed.match.words.count("peace"));  // phrase words highlight only together
  ASSERT_EQ(parsed.match.sequences.size(), 1u);
  EXPECT_EQ(parsed.match.sequences[0].words, (std::vector<std::string>{"peace", "talks"}));
  EXPECT_EQ(parsed.match.wildcard_prefixes, std::vector<std::string>{"kyiv"});
}

}  // namespace
}  // namespace dateline::query
