#include "dateline/common/date.h"

#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace dateline {

// Howard Hinnant's civil-date algorithms (public domain).
std::int64_t days_from_civil(CivilDate date) noexcept {
  std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  auto yoe = static_cast<unsigned>(y - era * 400);
  unsigned mp = static_cast<unsigned>(date.month + (date.month > 2 ? -3 : 9));
  unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(date.day) - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t days) noexcept {
  days += 719468;
  std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  auto doe = static_cast<unsigned>(days - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m),
                   static_cast<int>(d)};
}

int days_in_month(int year, int month) noexcept {
  static constexpr std::array<int, 12> lengths{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && leap) return 29;
  return lengths[static_cast<std::size_t>(month - 1)];
}

bool is_valid_civil(CivilDate date) noexcept {
  if (date.month < 1 || date.month > 12 || date.day < 1) return false;
  return date.day <= days_in_month(date.year, date.month);
}

namespace {

constexpr std::int64_t seconds_per_day = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

std::string lower_ascii(std::string_view word) {
  std::string out(word);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  }
  return out;
}

bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
bool is_alpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

bool is_weekday(std::string_view lower) {
  static constexpr std::array<std::string_view, 7> names{
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (auto name : names) {
    if (lower == name || (lower.size() >= 3 && name.starts_with(lower))) return true;
  }
  return lower == "tues" || lower == "thur" || lower == "thurs";
}

// Offset in minutes for a zone name, or nullopt.
std::optional<int> zone_offset(std::string_view lower) {
  struct Zone {
    std::string_view name;
    int minutes;
  };
  static constexpr std::array<Zone, 15> zones{{{"gmt", 0},
                                               {"ut", 0},
                                               {"utc", 0},
                                               {"z", 0},
                                               {"bst", 60},
                                               {"cet", 60},
                                               {"cest", 120},
                                               {"est", -300},
                                               {"edt", -240},
                                               {"et", -300},
                                               {"cst", -360},
                                               {"cdt", -300},
                                               {"mst", -420},
                                               {"mdt", -360},
                                               {"pst", -480}}};
  for (const auto& zone : zones) {
    if (lower == zone.name) return zone.minutes;
  }
  if (lower == "pdt") return -420;
  return std::nullopt;
}

struct Piece {
  enum Kind { number, word, time, zone_numeric } kind;
  std::string text;
  char separator_before = ' ';
};

// Split into numbers, words, clock times and numeric zones.
std::vector<Piece> split_pieces(std::string_view text) {
  std::vector<Piece> pieces;
  char separator = ' ';
  std::size_t i = 0;
  while (i < text.size()) {
    char ch = text[i];
    if (is_digit(ch)) {
      std::size_t j = i;
      while (j < text.size() && (is_digit(text[j]) || text[j] == ':' ||
                                 (text[j] == '.' && j > i &&
                                  text.substr(i, j - i).find(':') != std::string_view::npos))) {
        ++j;
      }
      std::string piece(text.substr(i, j - i));
      Piece::Kind kind = piece.find(':') != std::string::npos ? Piece::time : Piece::number;
      // "+0500" / "-05:00" after a time is a numeric zone, as is "GMT+0100"
      // after one (JavaScript's dates: "Fri Mar 10 2006 13:40:00 GMT+0100").
      const bool after_time =
          !pieces.empty() &&
          (pieces.back().kind == Piece::time ||
           (pieces.size() >= 2 && pieces[pieces.size() - 2].kind == Piece::time &&
            pieces.back().kind == Piece::word &&
            (pieces.back().text == "gmt" || pieces.back().text == "utc")));
      if ((separator == '+' || separator == '-') && after_time &&
          (piece.size() == 4 || piece.size() == 5)) {
        std::string digits;
        for (char d : piece) {
          if (is_digit(d)) digits.push_back(d);
        }
        if (digits.size() == 4) {
          piece = std::string(1, separator) + digits;
          kind = Piece::zone_numeric;
        }
      }
      pieces.push_back(Piece{kind, piece, separator});
      separator = ' ';
      i = j;
    } else if (is_alpha(ch)) {
      std::size_t j = i;
      while (j < text.size() && is_alpha(text[j])) ++j;
      pieces.push_back(Piece{Piece::word, lower_ascii(text.substr(i, j - i)), separator});
      separator = ' ';
      i = j;
    } else {
      if (ch != ' ' || separator == ' ') separator = ch;
      ++i;
    }
  }
  return pieces;
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char d : digits) {
    if (!is_digit(d)) break;
    if (value > 100000) return -1;
    value = value * 10 + (d - '0');
  }
  return value;
}

struct ClockTime {
  int hour = 0, minute = 0, second = 0;
  bool valid = false;
};

ClockTime parse_clock(std::string_view text) {
  ClockTime clock;
  std::size_t first = text.find(':');
  if (first == 0 || first == std::string_view::npos) return clock;
  std::size_t second = text.find(':', first + 1);
  clock.hour = to_int(text.substr(0, first));
  clock.minute = to_int(text.substr(first + 1));
  clock.second = second == std::string_view::npos ? 0 : to_int(text.substr(second + 1));
  clock.valid = clock.hour >= 0 && clock.hour <= 23 && clock.minute >= 0 && clock.minute <= 59 &&
                clock.second >= 0 && clock.second <= 60 && text.size() - first - 1 >= 2;
  return clock;
}

std::optional<DateTime> make(CivilDate date, ClockTime clock, std::optional<int> offset) {
  if (date.year < 1000 || date.year > 9999 || !is_valid_civil(date)) return std::nullopt;
  DateTime result;
  std::int64_t local = days_from_civil(date) * seconds_per_day;
  if (clock.valid) {
    local += clock.hour * 3600 + clock.minute * 60 + std::min(clock.second, 59);
  }
  result.offset_minutes = offset.value_or(0);
  result.zone_known = offset.has_value();
  result.utc_seconds = local - std::int64_t{result.offset_minutes} * 60;
  return result;
}

// ISO 8601: 2022-03-11, 2022-03-11T09:30, 2022-03-11 09:30:00.123+01:00, ...Z
std::optional<DateTime> parse_iso(std::string_view text) {
  if (text.size() < 10 || !is_digit(text[0]) || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  for (std::size_t k : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(text[k])) return std::nullopt;
  }
  CivilDate date{to_int(text.substr(0, 4)), to_int(text.substr(5, 2)), to_int(text.substr(8, 2))};
  ClockTime clock;
  std::optional<int> offset;
  std::string_view rest = text.substr(10);
  if (!rest.empty() && (rest[0] == 'T' || rest[0] == ' ')) {
    std::size_t end = 1;
    while (end < rest.size() && (is_digit(rest[end]) || rest[end] == ':')) ++end;
    clock = parse_clock(rest.substr(1, end - 1));
    if (!clock.valid) return std::nullopt;
    if (end < rest.size() && (rest[end] == '.' || rest[end] == ',')) {
      ++end;
      while (end < rest.size() && is_digit(rest[end])) ++end;
    }
    rest = rest.substr(end);
    while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
    if (!rest.empty() && (rest[0] == 'Z' || rest[0] == 'z')) {
      offset = 0;
      rest.remove_prefix(1);
    } else if (!rest.empty() && (rest[0] == '+' || rest[0] == '-')) {
      std::string digits;
      std::size_t k = 1;
      for (; k < rest.size() && (is_digit(rest[k]) || rest[k] == ':'); ++k) {
        if (is_digit(rest[k])) digits.push_back(rest[k]);
      }
      if (digits.size() == 2) digits += "00";
      if (digits.size() != 4) return std::nullopt;
      int minutes = to_int(digits.substr(0, 2)) * 60 + to_int(digits.substr(2, 2));
      if (minutes > 14 * 60) return std::nullopt;
      offset = rest[0] == '-' ? -minutes : minutes;
      rest = rest.substr(k);
    } else if (!rest.empty()) {
      // A zone name after a space ("2022-03-11 09:30 EST").
      auto named = zone_offset(lower_ascii(rest));
      if (!named) return std::nullopt;
      offset = named;
      rest = {};
    }
  }
  if (!rest.empty()) return std::nullopt;
  return make(date, clock, offset);
}

// ISO 8601's basic format, as NITF and NewsML write dates: 20020302,
// 20020302T1425, 20020302T142500-0500, 20070101T000000Z.
std::optional<DateTime> parse_iso_basic(std::string_view text) {
  if (text.size() < 8) return std::nullopt;
  for (std::size_t k = 0; k < 8; ++k) {
    if (!is_digit(text[k])) return std::nullopt;
  }
  std::string extended = std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) +
                         "-" + std::string(text.substr(6, 2));
  if (text.size() > 8) {
    if (text[8] != 'T' && text[8] != 't') return std::nullopt;
    std::string_view time = text.substr(9);
    std::size_t digits = 0;
    while (digits < time.size() && is_digit(time[digits])) ++digits;
    if (digits != 4 && digits != 6) return std::nullopt;
    extended += "T" + std::string(time.substr(0, 2)) + ":" + std::string(time.substr(2, 2));
    if (digits == 6) extended += ":" + std::string(time.substr(4, 2));
    extended += time.substr(digits);  // a fraction and the zone, as parse_iso reads them
  }
  return parse_iso(extended);
}

}  // namespace

int month_from_name(std::string_view word) noexcept {
  static constexpr std::array<std::string_view, 12> names{
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string lower;
  for (char ch : word) {
    if (ch == '.') continue;
    if (!is_alpha(ch)) return 0;
    lower.push_back(static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch));
  }
  if (lower.size() < 3) return 0;
  if (lower == "sept") return 9;
  for (std::size_t m = 0; m < names.size(); ++m) {
    if (lower == names[m] || (lower.size() == 3 && names[m].starts_with(lower))) {
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

std::optional<DateTime> parse_date(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  if (text.empty() || text.size() > 200) return std::nullopt;
  if (auto iso = parse_iso(text)) return iso;
  if (auto basic = parse_iso_basic(text)) return basic;
  if (text.size() >= 10 && is_digit(text[0]) && text[4] == '-') return std::nullopt;

  auto pieces = split_pieces(text);
  int month = 0;
  int day = -1;
  int year = -1;
  bool year_two_digits = false;
  ClockTime clock;
  bool have_clock = false;
  // Not std::optional<int>: GCC 12 at -O2 warns, wrongly, that its value
  // may be used uninitialised in make(), in every release build.
  int offset = 0;
  bool zone_known = false;
  bool pm = false, am = false;
  std::vector<int> before_month, after_month;
  std::size_t unknown_words = 0;

  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const Piece& piece = pieces[k];
    switch (piece.kind) {
      case Piece::time:
        if (!have_clock) {
          clock = parse_clock(piece.text);
          have_clock = true;
        }
        break;
      case Piece::zone_numeric: {
        int minutes = to_int(piece.text.substr(1, 2)) * 60 + to_int(piece.text.substr(3, 2));
        if (minutes <= 14 * 60) {
          offset = piece.text[0] == '-' ? -minutes : minutes;
          zone_known = true;
        }
        break;
      }
      case Piece::number:
        if (have_clock) break;  // wire junk after the time
        (month == 0 ? before_month : after_month).push_back(to_int(piece.text));
        if (piece.text.size() == 2 && month != 0) year_two_digits = true;
        if (piece.text.size() >= 4 && piece.text.size() <= 5) year_two_digits = false;
        break;
      case Piece::word: {
        int m = month_from_name(piece.text);
        if (m != 0 && month == 0 &&
            !(piece.text == "may" && k + 1 < pieces.size() && pieces[k + 1].kind == Piece::word)) {
          month = m;
        } else if (is_weekday(piece.text)) {
        } else if (piece.text == "pm" || piece.text == "p") {
          pm = true;
        } else if (piece.text == "am" || piece.text == "a") {
          am = true;
        } else if (piece.text == "t" || piece.text == "th" || piece.text == "st" ||
                   piece.text == "nd" || piece.text == "rd" || piece.text == "of" ||
                   piece.text == "m") {
        } else if (auto zone = zone_offset(piece.text)) {
          if (have_clock) {
            offset = *zone;
            zone_known = true;
          }
        } else if (!have_clock) {
          ++unknown_words;
        }
        break;
      }
    }
  }
  if (month == 0 || unknown_words > 0) return std::nullopt;
  // "24 February 2022", "26-FEB-1987", "5 Apr 93"
  if (before_month.size() == 1 && after_month.size() == 1) {
    day = before_month[0];
    year = after_month[0];
  } else if (before_month.empty() && after_month.size() == 2) {
    // "Feb. 24, 2022"
    day = after_month[0];
    year = after_month[1];
    year_two_digits = year < 100;
  } else {
    return std::nullopt;
  }
  if (year < 0 || day < 1) return std::nullopt;
  if (year < 100 && year_two_digits) year += year < 50 ? 2000 : 1900;
  if (have_clock && clock.valid) {
    if (pm && clock.hour < 12) clock.hour += 12;
    if (am && clock.hour == 12) clock.hour = 0;
  }
  if (!clock.valid) zone_known = false;
  return make(CivilDate{year, month, day}, clock,
              zone_known ? std::optional<int>(offset) : std::nullopt);
}

std::string DateTime::day_string() const {
  CivilDate date = civil_from_days(floor_div(utc_seconds, seconds_per_day));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

std::string day_key(CivilDate date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", date.year, date.month, date.day);
  return buffer;
}

std::string DateTime::day_key() const {
  return dateline::day_key(civil_from_days(floor_div(utc_seconds, seconds_per_day)));
}

std::string DateTime::iso8601() const {
  // Without a known zone the text ends in "Z", so it must show UTC time: an
  // offset here would move the instant (found by fuzzing article_json).
  const int shown_offset = zone_known ? offset_minutes : 0;
  std::int64_t local = utc_seconds + std::int64_t{shown_offset} * 60;
  std::int64_t days = floor_div(local, seconds_per_day);
  std::int64_t seconds = local - days * seconds_per_day;
  CivilDate date = civil_from_days(days);
  char buffer[64];
  int hours = static_cast<int>(seconds / 3600);
  int minutes = static_cast<int>((seconds / 60) % 60);
  int secs = static_cast<int>(seconds % 60);
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", date.year, date.month,
                date.day, hours, minutes, secs);
  std::string out = buffer;
  if (shown_offset == 0) {
    out += 'Z';
  } else {
    int off = shown_offset < 0 ? -shown_offset : shown_offset;
    std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", shown_offset < 0 ? '-' : '+', off / 60,
                  off % 60);
    out += buffer;
  }
  return out;
}

}  // namespace dateline
