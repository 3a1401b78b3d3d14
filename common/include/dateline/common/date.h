#pragma once
// Dates and times as news archives write them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dateline {

/// A point in time: seconds since 1970-01-01T00:00:00Z, plus the zone offset
/// the source wrote it in (so display can use local time), and whether the
/// zone was known at all.
struct DateTime {
  std::int64_t utc_seconds = 0;
  int offset_minutes = 0;   ///< zone offset of the original text, east positive
  bool zone_known = false;  ///< false: the text had no zone, UTC was assumed

  /// "2022-03-11" (UTC day).
  std::string day_string() const;
  /// "20220311" (UTC day), the form stored in the index.
  std::string day_key() const;
  /// ISO 8601 in the original zone: "2022-03-11T09:30:00-05:00" (or "Z").
  std::string iso8601() const;
  friend bool operator==(const DateTime&, const DateTime&) = default;
};

/// A civil date (proleptic Gregorian).
struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

std::int64_t days_from_civil(CivilDate date) noexcept;
CivilDate civil_from_days(std::int64_t days) noexcept;
bool is_valid_civil(CivilDate date) noexcept;
/// Days in `month` (1-12) of `year`, leap years counted.
int days_in_month(int year, int month) noexcept;
/// "20220311": the form of a day in the index (its D, M and Y terms are
/// prefixes of it).
std::string day_key(CivilDate date);

/// Parse a publication date in any form the readers meet:
/// ISO 8601 ("2022-03-11", "2022-03-11T09:30:00-05:00", "...Z"), RFC 822
/// ("Fri, 11 Mar 2022 09:30:00 +0000", 2-digit years: 93 -> 1993),
/// Reuters ("26-FEB-1987 15:01:01.79" with its known malformations),
/// and prose ("Feb. 24, 2022", "24 February 2022", "March 11, 2022 10:05 AM").
/// Returns nullopt when the text is not a date we can trust; years outside
/// 1000..9999 are rejected.
std::optional<DateTime> parse_date(std::string_view text);

/// Month number (1..12) for an English month name or abbreviation
/// ("Feb", "Feb.", "february", "Sept"); 0 when it is none.
int month_from_name(std::string_view word) noexcept;

}  // namespace dateline
