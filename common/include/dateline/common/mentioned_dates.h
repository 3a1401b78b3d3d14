#pragma once
// Dates an article's text mentions ("Feb. 24", "last week", "in 2014"),
// normalised the way HeidelTime does for news: expressions without a year and
// relative ones are resolved against the publication date, past-biased.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/common/date.h"

namespace dateline {

/// How much of the calendar a mentioned date names.
enum class DateGranularity { day, week, month, quarter, year, decade };

/// One date mentioned in a text.
struct MentionedDate {
  std::size_t begin = 0;  ///< byte offset of the expression in the text
  std::size_t end = 0;    ///< one past its last byte
  CivilDate first;        ///< first day of the period it names
  DateGranularity granularity = DateGranularity::day;
  /// Normalised value, TIMEX3 style: "2022-02-24", "2022-W08", "2022-02",
  /// "2022-Q1", "2022", and "199" for the 1990s.
  std::string value;
  /// True when the value depended on the publication date.
  bool relative = false;
};

/// Longest prefix of a text that find_mentioned_dates() reads; the rest is
/// ignored so that a pathological input costs bounded time and memory.
inline constexpr std::size_t mentioned_dates_max_text = std::size_t{4} << 20;
/// Most dates find_mentioned_dates() returns for one text.
inline constexpr std::size_t mentioned_dates_max_count = 2048;

/// Find the dates mentioned in English `text`, in text order.
///
/// Absolute dates (ISO "2022-02-24", "Feb. 24, 2022", "24 February 2022",
/// "February 2022", "in 2014", "the 1990s") are always found. Dates that need
/// an anchor ("Feb. 24", "on Wednesday", "yesterday", "last month", "two
/// weeks ago", "the third quarter") are resolved against `publication` and
/// skipped when it is absent. Without a tense cue, a weekday is the nearest
/// such day on or before the publication day and a day or month without a
/// year the nearest one within six months; "will" (and similar cues) or
/// "next" move forward, past-tense cues or "last" move back.
///
/// It rejects "may"/"march" as words, names ("Theresa May"), holidays
/// ("Black Monday", "Good Friday"), scores ("3-1"), fractions, decimals,
/// times, phone numbers and counts ("836,000"). Durations ("the past week",
/// "for three years") and sets ("every Monday", "Mondays") are not dates.
///
/// `text` may be any bytes; non-ASCII characters never start a date. Only the
/// first mentioned_dates_max_text bytes are read and at most
/// mentioned_dates_max_count dates are returned. Never throws except
/// std::bad_alloc.
std::vector<MentionedDate> find_mentioned_dates(std::string_view text,
                                                std::optional<CivilDate> publication);

}  // namespace dateline
