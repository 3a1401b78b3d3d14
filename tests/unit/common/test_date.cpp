#include <gtest/gtest.h>

#include "dateline/common/date.h"

namespace dateline {
namespace {

std::string iso(std::string_view text) {
  auto parsed = parse_date(text);
  return parsed ? parsed->iso8601() : "none";
}

TEST(ParseDate, Iso8601) {
  EXPECT_EQ(iso("2022-03-11"), "2022-03-11T00:00:00Z");
  EXPECT_EQ(iso("2022-03-11T09:30:00-05:00"), "2022-03-11T09:30:00-05:00");
  EXPECT_EQ(iso("2022-03-11T14:30:00.123Z"), "2022-03-11T14:30:00Z");
  EXPECT_EQ(parse_date("2022-03-11T09:30:00-05:00")->day_key(), "20220311");
  EXPECT_EQ(parse_date("2022-03-11T23:30:00-05:00")->day_key(), "20220312");  // UTC day
  EXPECT_EQ(iso("2022-02-30"), "none");
  EXPECT_EQ(iso("2022-03-11T25:00"), "none");
}

// The basic format of NITF's and NewsML's dates (and of many exports).
TEST(ParseDate, Iso8601BasicFormat) {
  EXPECT_EQ(iso("20070101"), "2007-01-01T00:00:00Z");
  EXPECT_EQ(iso("20020302T142500-0500"), "2002-03-02T14:25:00-05:00");
  EXPECT_EQ(iso("20070101T000000"), "2007-01-01T00:00:00Z");
  EXPECT_EQ(iso("20220311T0930Z"), "2022-03-11T09:30:00Z");
  EXPECT_EQ(iso("20220230"), "none");
  EXPECT_EQ(iso("2022031"), "none");
  EXPECT_EQ(iso("20220311T093"), "none");
  EXPECT_EQ(iso("20220311X"), "none");
}

// Found by fuzzing (tests/fuzz/corpus/article_json/stored): an offset with an
// unknown zone printed local time with "Z", moving the instant.
TEST(DateTime, Iso8601WithUnknownZoneIsUtc) {
  DateTime time = *parse_date("2022-03-11T09:30:00-05:00");
  time.zone_known = false;
  EXPECT_EQ(time.iso8601(), "2022-03-11T14:30:00Z");
  EXPECT_EQ(parse_date(time.iso8601())->utc_seconds, time.utc_seconds);
}

TEST(ParseDate, Rfc822WithTwoDigitYears) {
  EXPECT_EQ(iso("5 Apr 93 18:01:16 GMT"), "1993-04-05T18:01:16Z");
  EXPECT_EQ(iso("Mon, 05 Apr 93 18:01:16 GMT"), "1993-04-05T18:01:16Z");
  EXPECT_EQ(iso("Fri, 11 Mar 2022 09:30:00 +0100"), "2022-03-11T09:30:00+01:00");
  EXPECT_EQ(iso("Tue, 20 Apr 1993 14:22:05 EDT"), "1993-04-20T14:22:05-04:00");
}

// JavaScript's Date.toString(), as Firefox dated the pages it saved.
TEST(ParseDate, JavaScriptsFormWithItsOffsetAfterGmt) {
  EXPECT_EQ(iso("Fri Mar 10 2006 13:40:00 GMT+0100"), "2006-03-10T13:40:00+01:00");
  EXPECT_EQ(iso("Fri Mar 10 2006 13:40:00 GMT-0500 (Eastern Standard Time)"),
            "2006-03-10T13:40:00-05:00");
  EXPECT_EQ(iso("Fri Mar 10 2006 13:40:00 GMT"), "2006-03-10T13:40:00Z");
}

TEST(ParseDate, ReutersWithItsMalformations) {
  EXPECT_EQ(iso("26-FEB-1987 15:01:01.79"), "1987-02-26T15:01:01Z");
  EXPECT_EQ(iso(" 26-FEB-1987 15:01:01.79"), "1987-02-26T15:01:01Z");
  EXPECT_EQ(iso("27-MAR-1987 00:02:59.13\x05\x05\x05RM"), "1987-03-27T00:02:59Z");
  EXPECT_EQ(iso("1-APR-1987  12:00:00.00"), "1987-04-01T12:00:00Z");
  EXPECT_EQ(iso("2-MAR-1987 09:10:11.1"), "1987-03-02T09:10:11Z");
  // An impossible hour keeps the date, drops the time.
  EXPECT_EQ(iso("31-MAR-1987 605:12:19.12"), "1987-03-31T00:00:00Z");
}

TEST(ParseDate, Prose) {
  EXPECT_EQ(iso("Feb. 24, 2022"), "2022-02-24T00:00:00Z");
  EXPECT_EQ(iso("24 February 2022"), "2022-02-24T00:00:00Z");
  EXPECT_EQ(iso("March 11, 2022 10:05 PM"), "2022-03-11T22:05:00Z");
  EXPECT_EQ(iso("Sept. 5, 2019"), "2019-09-05T00:00:00Z");
}

TEST(ParseDate, RejectsWhatItCannotTrust) {
  EXPECT_EQ(iso("yesterday-ish"), "none");
  EXPECT_EQ(iso(""), "none");
  EXPECT_EQ(iso("0000-01-01"), "none");
  EXPECT_EQ(iso("99999-01-01"), "none");
  EXPECT_EQ(iso("the 5th of never"), "none");
  EXPECT_EQ(iso("May the force be with you 2022"), "none");
}

TEST(CivilDays, RoundTrip) {
  for (std::int64_t days : {-719468LL, -1LL, 0LL, 11016LL, 19062LL, 2932896LL}) {
    EXPECT_EQ(days_from_civil(civil_from_days(days)), days);
  }
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(month_from_name("Sept."), 9);
  EXPECT_EQ(month_from_name("feb"), 2);
  EXPECT_EQ(month_from_name("fe"), 0);
}

}  // namespace
}  // namespace dateline
