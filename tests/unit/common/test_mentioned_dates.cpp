// find_mentioned_dates: behaviour cases, the seed article, and the gold set
// tests/data/dates_gold.tsv scored by exact match of normalised values.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dateline/common/mentioned_dates.h"

namespace dateline {
namespace {

std::vector<std::string> values(std::string_view text, std::optional<CivilDate> publication) {
  std::vector<std::string> out;
  for (const auto& date : find_mentioned_dates(text, publication)) out.push_back(date.value);
  return out;
}

using Values = std::vector<std::string>;
constexpr CivilDate friday{2022, 3, 11};

TEST(MentionedDates, AbsoluteDatesWithSpans) {
  std::string text = "It began on Feb. 24, 2022, and by 24 February 2022 it was war.";
  auto found = find_mentioned_dates(text, std::nullopt);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "Feb. 24, 2022");
  EXPECT_EQ(found[0].value, "2022-02-24");
  EXPECT_EQ(found[0].granularity, DateGranularity::day);
  EXPECT_FALSE(found[0].relative);
  EXPECT_EQ(text.substr(found[1].begin, found[1].end - found[1].begin), "24 February 2022");
}

TEST(MentionedDates, WithoutPublicationOnlyDatesWithAYear) {
  EXPECT_EQ(values("On Feb. 24 and yesterday, last week, in March, on Friday.", std::nullopt),
            Values{});
  EXPECT_EQ(values("In February 2022 and in 2014, see 2022-02-24.", std::nullopt),
            (Values{"2022-02", "2014", "2022-02-24"}));
}

TEST(MentionedDates, RelativeDatesAreMarkedAndResolved) {
  auto found = find_mentioned_dates("Talks resumed on Wednesday.", friday);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].relative);
  EXPECT_EQ(found[0].value, "2022-03-09");
  EXPECT_EQ(found[0].first, (CivilDate{2022, 3, 9}));
}

TEST(MentionedDates, WeekMonthQuarterFirstDays) {
  auto found = find_mentioned_dates("last week, last month, last quarter", friday);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].first, (CivilDate{2022, 2, 28}));  // Monday of ISO week 9
  EXPECT_EQ(found[0].value, "2022-W09");
  EXPECT_EQ(found[1].first, (CivilDate{2022, 2, 1}));
  EXPECT_EQ(found[2].first, (CivilDate{2021, 10, 1}));
  EXPECT_EQ(found[2].value, "2021-Q4");
}

TEST(MentionedDates, IsoWeekAtYearBoundary) {
  // 2021-01-01 is a Friday in ISO week 53 of 2020.
  EXPECT_EQ(values("It happened this week.", CivilDate{2021, 1, 1}), Values{"2020-W53"});
}

TEST(MentionedDates, FebruaryTwentyNinthOnlyInLeapYears) {
  EXPECT_EQ(values("It happened on Feb. 29.", CivilDate{2023, 3, 1}), Values{});
  EXPECT_EQ(values("It happened on Feb. 29.", CivilDate{2024, 3, 1}), Values{"2024-02-29"});
  EXPECT_EQ(values("On Feb. 30, 2022.", std::nullopt), Values{});
}

TEST(MentionedDates, NumbersThatAreNotDates) {
  EXPECT_EQ(values("They won 3-1, 2014-15 was worse; 836,000 fled; 3/4 voted; 2.5 per cent; "
                   "call 555-0143; $2020 raised; 2020% up; the G7 met; 9:30 start.",
                   friday),
            Values{});
}

TEST(MentionedDates, CurlyApostropheAndDashes) {
  EXPECT_EQ(values("Friday\xE2\x80\x99s vote, won 3\xE2\x80\x93"
                   "1.",
                   friday),
            Values{"2022-03-11"});
}

TEST(MentionedDates, BoundedOnHugeText) {
  std::string text;
  while (text.size() < mentioned_dates_max_text + 1000) text += "On Feb. 24, 2022 troops moved. ";
  auto found = find_mentioned_dates(text, friday);
  EXPECT_EQ(found.size(), mentioned_dates_max_count);
  std::string one_line(std::size_t{300} << 10, 'x');
  one_line += " in 2014";
  EXPECT_EQ(values(one_line, friday), Values{"2014"});
}

TEST(MentionedDates, ArbitraryBytesAreSafe) {
  std::string text = "\xFF\xFE \xC3 in 2014 \x80 Feb. \xE2\x82";
  EXPECT_EQ(values(text, friday), Values{"2014"});
  EXPECT_EQ(values("", friday), Values{});
  EXPECT_EQ(values("2022-02-", friday), Values{});
}

std::filesystem::path shared_dir() { return std::filesystem::path(DATELINE_SHARED_DIR); }

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(MentionedDates, SeedArticleFebruaryTwentyFourth) {
  auto path = shared_dir() / "seed" / "000_ea4ca7069aa192fc.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "seed article not found at " << path;
  std::string text = read_file(path);
  auto found = find_mentioned_dates(text, CivilDate{2022, 3, 11});
  std::size_t checked = 0;
  for (std::size_t at = text.find("Feb. 24"); at != std::string::npos;
       at = text.find("Feb. 24", at + 1)) {
    auto date =
        std::find_if(found.begin(), found.end(), [&](const auto& d) { return d.begin == at; });
    ASSERT_NE(date, found.end()) << "no date at offset " << at;
    EXPECT_EQ(date->value, "2022-02-24");
    ++checked;
  }
  EXPECT_GE(checked, 2u);
}

struct GoldRow {
  std::size_t line = 0;
  std::optional<CivilDate> publication;
  std::string sentence;
  std::vector<std::string> expected;
  bool known_gap = false;
};

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

std::vector<GoldRow> read_gold() {
  std::ifstream in(std::filesystem::path(DATELINE_SOURCE_DIR) / "tests" / "data" /
                   "dates_gold.tsv");
  std::vector<GoldRow> rows;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    auto columns = split(line, '\t');
    GoldRow row;
    row.line = number;
    if (!columns[0].empty()) {
      int year = 0, month = 0, day = 0;
      std::sscanf(columns[0].c_str(), "%d-%d-%d", &year, &month, &day);
      row.publication = CivilDate{year, month, day};
    }
    row.sentence = columns.at(1);
    if (columns.size() > 2 && !columns[2].empty()) row.expected = split(columns[2], '|');
    row.known_gap = columns.size() > 3 && columns[3] == "gap";
    rows.push_back(std::move(row));
  }
  return rows;
}

// Exact match of normalised values, as a multiset per sentence.
TEST(MentionedDates, GoldSet) {
  auto rows = read_gold();
  ASSERT_GE(rows.size(), 80u);
  std::size_t true_positives = 0, found_total = 0, expected_total = 0, gaps = 0;
  for (const auto& row : rows) {
    auto got = values(row.sentence, row.publication);
    auto expected = row.expected;
    found_total += got.size();
    expected_total += expected.size();
    auto sorted_got = got;
    std::sort(sorted_got.begin(), sorted_got.end());
    std::sort(expected.begin(), expected.end());
    std::vector<std::string> common;
    std::set_intersection(sorted_got.begin(), sorted_got.end(), expected.begin(), expected.end(),
                          std::back_inserter(common));
    true_positives += common.size();
    if (row.known_gap) {
      gaps += sorted_got != expected ? 1 : 0;
      continue;
    }
    EXPECT_EQ(got, row.expected) << "dates_gold.tsv:" << row.line << ": " << row.sentence;
  }
  double precision = found_total ? double(true_positives) / double(found_total) : 1.0;
  double recall = expected_total ? double(true_positives) / double(expected_total) : 1.0;
  double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
  std::printf(
      "gold: %zu sentences, %zu expected values, %zu found, %zu correct, %zu known gaps\n"
      "gold: precision %.3f recall %.3f F1 %.3f\n",
      rows.size(), expected_total, found_total, true_positives, gaps, precision, recall, f1);
  RecordProperty("precision", std::to_string(precision));
  RecordProperty("recall", std::to_string(recall));
  RecordProperty("f1", std::to_string(f1));
}

}  // namespace
}  // namespace dateline
