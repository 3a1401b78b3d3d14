#include "dateline/common/mentioned_dates.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <unordered_map>

// How it works: the text is cut into lines (a date never spans one), each
// line into light tokens (ASCII words, digit runs, single punctuation marks)
// whose words are looked up once in a small lexicon of word classes. Rules
// then fire only at tokens that can start a date: a number, a month or
// weekday name, a deictic word, last/this/next, or a unit followed by "ago".
// Everything else is skipped after one hash lookup, which keeps the scan at
// memory speed on text that mentions no dates at all.

namespace dateline {
namespace {

// Word classes, one bit each: a word can play several parts ("last" is a
// modifier and also a past-tense cue).
enum WordClass : std::uint32_t {
  month_name = 1u << 0,          // value: 1..12
  month_abbreviation = 1u << 1,  // "Feb", "Sept": never a bare month
  weekday_name = 1u << 2,        // value: 0 (Monday) .. 6
  deictic = 1u << 3,             // today, yesterday...; value: offset in days
  modifier_last = 1u << 4,
  modifier_this = 1u << 5,
  modifier_next = 1u << 6,
  earlier_later = 1u << 7,  // "earlier this month"
  ago = 1u << 8,
  unit = 1u << 9,          // value: Unit
  number_word = 1u << 10,  // value: the number
  ordinal = 1u << 11,      // first..fourth; value: 1..4
  date_cue = 1u << 12,     // in, since, until...: may precede a bare month or year
  list_join = 1u << 13,    // and, or, to: continue a list of dates
  article_the = 1u << 14,
  word_of = 1u << 15,
  part_of_day = 1u << 16,  // morning, afternoon, evening; value 1 for "night"
  future_cue = 1u << 17,
  past_cue = 1u << 18,
  holiday_prefix = 1u << 19,   // "Black" Monday, "Good" Friday
  title_after_day = 1u << 20,  // Sunday "Times", Saturday "Night" Live, Today "Show"
  year_follower = 1u << 21,    // may follow a bare year: "in 2014 when"
  event_noun = 1u << 22,       // "the 2016 election"
  period_anchor = 1u << 23,    // "the end of 2021", "summer of 2019"
  ordinal_suffix = 1u << 24,   // 24th
  percent_word = 1u << 25,
  set_word = 1u << 26,  // "every" Monday
};

enum Unit : int { unit_day = 0, unit_week = 1, unit_month = 2, unit_quarter = 3, unit_year = 4 };

struct LexiconEntry {
  std::string_view word;
  std::uint32_t classes;
  int value;
};

// A word listed twice gets the union of its classes.
constexpr auto lexicon_entries = std::to_array<LexiconEntry>({
    {"january", month_name, 1},
    {"february", month_name, 2},
    {"march", month_name, 3},
    {"april", month_name, 4},
    {"may", month_name, 5},
    {"june", month_name, 6},
    {"july", month_name, 7},
    {"august", month_name, 8},
    {"september", month_name, 9},
    {"october", month_name, 10},
    {"november", month_name, 11},
    {"december", month_name, 12},
    {"jan", month_name | month_abbreviation, 1},
    {"feb", month_name | month_abbreviation, 2},
    {"mar", month_name | month_abbreviation, 3},
    {"apr", month_name | month_abbreviation, 4},
    {"jun", month_name | month_abbreviation, 6},
    {"jul", month_name | month_abbreviation, 7},
    {"aug", month_name | month_abbreviation, 8},
    {"sep", month_name | month_abbreviation, 9},
    {"sept", month_name | month_abbreviation, 9},
    {"oct", month_name | month_abbreviation, 10},
    {"nov", month_name | month_abbreviation, 11},
    {"dec", month_name | month_abbreviation, 12},
    {"monday", weekday_name, 0},
    {"tuesday", weekday_name, 1},
    {"wednesday", weekday_name, 2},
    {"thursday", weekday_name, 3},
    {"friday", weekday_name, 4},
    {"saturday", weekday_name, 5},
    {"sunday", weekday_name, 6},
    {"today", deictic, 0},
    {"tonight", deictic, 0},
    {"yesterday", deictic | past_cue, -1},
    {"tomorrow", deictic | future_cue, 1},
    {"last", modifier_last | past_cue, 0},
    {"this", modifier_this | year_follower, 0},
    {"next", modifier_next | future_cue, 0},
    {"earlier", earlier_later, 0},
    {"later", earlier_later, 0},
    {"ago", ago | past_cue, 0},
    {"day", unit, unit_day},
    {"days", unit, unit_day},
    {"week", unit, unit_week},
    {"weeks", unit, unit_week},
    {"month", unit, unit_month},
    {"months", unit, unit_month},
    {"quarter", unit, unit_quarter},
    {"year", unit, unit_year},
    {"years", unit, unit_year},
    {"a", number_word | year_follower, 1},
    {"an", number_word | year_follower, 1},
    {"one", number_word, 1},
    {"two", number_word, 2},
    {"three", number_word, 3},
    {"four", number_word, 4},
    {"five", number_word, 5},
    {"six", number_word, 6},
    {"seven", number_word, 7},
    {"eight", number_word, 8},
    {"nine", number_word, 9},
    {"ten", number_word, 10},
    {"eleven", number_word, 11},
    {"twelve", number_word, 12},
    {"first", ordinal, 1},
    {"second", ordinal, 2},
    {"third", ordinal, 3},
    {"fourth", ordinal, 4},
    {"in", date_cue | year_follower, 0},
    {"since", date_cue | year_follower, 0},
    {"until", date_cue | year_follower, 0},
    {"till", date_cue, 0},
    {"by", date_cue | year_follower, 0},
    {"during", date_cue | year_follower, 0},
    {"before", date_cue | year_follower, 0},
    {"after", date_cue | year_follower, 0},
    {"from", date_cue | year_follower, 0},
    {"through", date_cue | list_join, 0},
    {"early", date_cue, 0},
    {"late", date_cue, 0},
    {"mid", date_cue, 0},
    {"between", date_cue, 0},
    {"and", list_join | year_follower, 0},
    {"or", list_join | year_follower, 0},
    {"to", list_join | year_follower, 0},
    {"the", article_the | year_follower, 0},
    {"of", word_of | year_follower, 0},
    {"morning", part_of_day, 0},
    {"afternoon", part_of_day, 0},
    {"evening", part_of_day, 0},
    {"night", part_of_day | title_after_day, 1},
    {"will", future_cue, 0},
    {"shall", future_cue, 0},
    {"ll", future_cue, 0},
    {"upcoming", future_cue, 0},
    {"scheduled", future_cue, 0},
    {"expected", future_cue, 0},
    {"due", future_cue, 0},
    {"plans", future_cue, 0},
    {"planned", future_cue, 0},
    {"going", future_cue, 0},
    {"plan", future_cue, 0},
    {"was", past_cue | year_follower, 0},
    {"were", past_cue | year_follower, 0},
    {"had", past_cue | year_follower, 0},
    {"did", past_cue, 0},
    {"began", past_cue, 0},
    {"took", past_cue, 0},
    {"held", past_cue, 0},
    {"came", past_cue, 0},
    {"went", past_cue, 0},
    {"met", past_cue, 0},
    {"fell", past_cue, 0},
    {"rose", past_cue, 0},
    {"won", past_cue, 0},
    {"lost", past_cue, 0},
    {"left", past_cue, 0},
    {"saw", past_cue, 0},
    {"told", past_cue, 0},
    {"made", past_cue, 0},
    {"gave", past_cue, 0},
    {"got", past_cue, 0},
    {"ran", past_cue, 0},
    {"sent", past_cue, 0},
    {"spoke", past_cue, 0},
    {"struck", past_cue, 0},
    {"wrote", past_cue, 0},
    {"led", past_cue, 0},
    {"paid", past_cue, 0},
    {"sold", past_cue, 0},
    {"fled", past_cue, 0},
    {"broke", past_cue, 0},
    {"shot", past_cue, 0},
    {"black", holiday_prefix, 0},
    {"good", holiday_prefix, 0},
    {"cyber", holiday_prefix, 0},
    {"super", holiday_prefix, 0},
    {"ash", holiday_prefix, 0},
    {"maundy", holiday_prefix, 0},
    {"holy", holiday_prefix, 0},
    {"easter", holiday_prefix, 0},
    {"palm", holiday_prefix, 0},
    {"bloody", holiday_prefix, 0},
    {"giving", holiday_prefix, 0},
    {"blue", holiday_prefix, 0},
    {"shrove", holiday_prefix, 0},
    {"whit", holiday_prefix, 0},
    {"times", title_after_day, 0},
    {"telegraph", title_after_day, 0},
    {"mirror", title_after_day, 0},
    {"express", title_after_day, 0},
    {"post", title_after_day, 0},
    {"herald", title_after_day, 0},
    {"show", title_after_day, 0},
    {"live", title_after_day, 0},
    {"mail", title_after_day, 0},
    {"programme", title_after_day, 0},
    {"program", title_after_day, 0},
    {"but", year_follower, 0},
    {"when", year_follower, 0},
    {"as", year_follower, 0},
    {"with", year_follower, 0},
    {"for", year_follower, 0},
    {"that", year_follower, 0},
    {"which", year_follower, 0},
    {"while", year_follower, 0},
    {"it", year_follower, 0},
    {"he", year_follower, 0},
    {"she", year_follower, 0},
    {"they", year_follower, 0},
    {"we", year_follower, 0},
    {"i", year_follower, 0},
    {"you", year_follower, 0},
    {"there", year_follower, 0},
    {"his", year_follower, 0},
    {"her", year_follower, 0},
    {"its", year_follower, 0},
    {"their", year_follower, 0},
    {"our", year_follower, 0},
    {"is", year_follower, 0},
    {"has", year_follower, 0},
    {"have", year_follower, 0},
    {"amid", year_follower, 0},
    {"despite", year_follower, 0},
    {"following", year_follower, 0},
    {"on", year_follower, 0},
    {"at", year_follower, 0},
    {"than", year_follower, 0},
    {"compared", year_follower, 0},
    {"under", year_follower, 0},
    {"over", year_follower, 0},
    {"against", year_follower, 0},
    {"because", year_follower, 0},
    {"if", year_follower, 0},
    {"so", year_follower, 0},
    {"then", year_follower, 0},
    {"only", year_follower, 0},
    {"also", year_follower, 0},
    {"alone", year_follower, 0},
    {"not", year_follower, 0},
    {"election", event_noun, 0},
    {"elections", event_noun, 0},
    {"season", event_noun, 0},
    {"campaign", event_noun, 0},
    {"budget", event_noun, 0},
    {"census", event_noun, 0},
    {"midterms", event_noun, 0},
    {"midterm", event_noun, 0},
    {"olympics", event_noun, 0},
    {"games", event_noun, 0},
    {"race", event_noun, 0},
    {"vote", event_noun, 0},
    {"referendum", event_noun, 0},
    {"crisis", event_noun, 0},
    {"invasion", event_noun, 0},
    {"war", event_noun, 0},
    {"summit", event_noun, 0},
    {"final", event_noun, 0},
    {"tournament", event_noun, 0},
    {"fiscal", event_noun, 0},
    {"presidential", event_noun, 0},
    {"general", event_noun, 0},
    {"world", event_noun, 0},
    {"cup", event_noun, 0},
    {"crash", event_noun, 0},
    {"attack", event_noun, 0},
    {"attacks", event_noun, 0},
    {"end", period_anchor, 0},
    {"start", period_anchor, 0},
    {"beginning", period_anchor, 0},
    {"middle", period_anchor, 0},
    {"spring", period_anchor, 0},
    {"summer", period_anchor, 0},
    {"autumn", period_anchor, 0},
    {"fall", period_anchor, 0},
    {"winter", period_anchor, 0},
    {"st", ordinal_suffix, 0},
    {"nd", ordinal_suffix, 0},
    {"rd", ordinal_suffix, 0},
    {"th", ordinal_suffix, 0},
    {"percent", percent_word, 0},
    {"per", percent_word, 0},
    {"every", set_word, 0},
});

struct WordInfo {
  std::uint32_t classes = 0;
  int value = 0;
};

const std::unordered_map<std::string_view, WordInfo>& lexicon() {
  static const auto table = [] {
    std::unordered_map<std::string_view, WordInfo> map;
    for (const auto& entry : lexicon_entries) {
      auto& info = map[entry.word];
      info.classes |= entry.classes;
      if (entry.value != 0) info.value = entry.value;
    }
    return map;
  }();
  return table;
}

constexpr std::size_t longest_lexicon_word = 12;

char lower_ascii(char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch; }
bool is_alpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

WordInfo classify(std::string_view word) {
  if (word.size() <= longest_lexicon_word) {
    std::array<char, longest_lexicon_word> lower{};
    for (std::size_t k = 0; k < word.size(); ++k) lower[k] = lower_ascii(word[k]);
    auto found = lexicon().find(std::string_view(lower.data(), word.size()));
    if (found != lexicon().end()) return found->second;
  }
  // Regular past tense ("launched", "announced") as a cheap tense cue; "-eed"
  // words ("need", "indeed") are not past forms.
  std::size_t n = word.size();
  if (n >= 4 && lower_ascii(word[n - 2]) == 'e' && lower_ascii(word[n - 1]) == 'd' &&
      lower_ascii(word[n - 3]) != 'e') {
    return WordInfo{past_cue, 0};
  }
  return {};
}

enum class Kind : std::uint8_t { word, number, punct };

struct Lexeme {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t classes = 0;
  int value = 0;
  Kind kind = Kind::punct;
  char symbol = 0;  ///< punctuation: the character; dashes read '-', ’ reads '\'', £ € read '$'
  bool spaced = true;  ///< whitespace before it
  bool capitalised = false;
};

// Split text[from, to) (one line, without its newline) into tokens.
void tokenize_line(std::string_view text, std::size_t from, std::size_t to,
                   std::vector<Lexeme>& tokens) {
  tokens.clear();
  bool spaced = true;
  std::size_t i = from;
  while (i < to) {
    char ch = text[i];
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v') {
      spaced = true;
      ++i;
      continue;
    }
    Lexeme token;
    token.begin = static_cast<std::uint32_t>(i);
    token.spaced = spaced;
    std::size_t j = i + 1;
    if (is_alpha(ch)) {
      while (j < to && is_alpha(text[j])) ++j;
      token.kind = Kind::word;
      token.capitalised = ch >= 'A' && ch <= 'Z';
      WordInfo info = classify(text.substr(i, j - i));
      token.classes = info.classes;
      token.value = info.value;
    } else if (is_digit(ch)) {
      while (j < to && is_digit(text[j])) ++j;
      token.kind = Kind::number;
    } else if (static_cast<unsigned char>(ch) < 0x80) {
      token.symbol = ch;
    } else {
      while (j < to && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
      std::string_view sequence = text.substr(i, j - i);
      if (sequence == "\xC2\xA0") {  // no-break space
        spaced = true;
        i = j;
        continue;
      }
      if (sequence == "\xE2\x80\x99" || sequence == "\xE2\x80\x98") {
        token.symbol = '\'';
      } else if (sequence == "\xE2\x80\x93" || sequence == "\xE2\x80\x94") {
        token.symbol = '-';
      } else if (sequence == "\xC2\xA3" || sequence == "\xE2\x82\xAC") {
        token.symbol = '$';
      } else {
        token.symbol = '?';
      }
    }
    token.end = static_cast<std::uint32_t>(j);
    spaced = false;
    tokens.push_back(token);
    i = j;
  }
}

enum class Tense { none, past, future };

constexpr std::size_t tense_window = 25;  // tokens each side, within the sentence
constexpr std::size_t max_line_bytes = std::size_t{64} << 10;
constexpr int first_bare_year = 1800;
constexpr int last_bare_year = 2100;

int weekday_of(std::int64_t days) {  // 0 = Monday; 1970-01-01 was a Thursday
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

std::string format_value(CivilDate first, DateGranularity granularity) {
  std::array<char, 24> buffer{};
  switch (granularity) {
    case DateGranularity::day:
      std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", first.year, first.month,
                    first.day);
      break;
    case DateGranularity::week: {
      // ISO 8601: the week belongs to the year of its Thursday.
      std::int64_t thursday = days_from_civil(first) + 3;
      CivilDate date = civil_from_days(thursday);
      auto week = static_cast<int>((thursday - days_from_civil({date.year, 1, 1})) / 7 + 1);
      std::snprintf(buffer.data(), buffer.size(), "%04d-W%02d", date.year, week);
      break;
    }
    case DateGranularity::month:
      std::snprintf(buffer.data(), buffer.size(), "%04d-%02d", first.year, first.month);
      break;
    case DateGranularity::quarter:
      std::snprintf(buffer.data(), buffer.size(), "%04d-Q%d", first.year,
                    (first.month - 1) / 3 + 1);
      break;
    case DateGranularity::year:
      std::snprintf(buffer.data(), buffer.size(), "%04d", first.year);
      break;
    case DateGranularity::decade:
      std::snprintf(buffer.data(), buffer.size(), "%03d", first.year / 10);
      break;
  }
  return buffer.data();
}

// First day of the month `offset` months from `date`'s month.
CivilDate shift_months(CivilDate date, int offset) {
  int index = date.year * 12 + (date.month - 1) + offset;
  return CivilDate{index / 12, index % 12 + 1, 1};
}

class DateScanner {
 public:
  DateScanner(std::string_view text, std::optional<CivilDate> publication)
      : m_text(text), m_publication(publication) {
    if (m_publication && !is_valid_civil(*m_publication)) m_publication.reset();
    if (m_publication) m_publication_days = days_from_civil(*m_publication);
  }

  bool full() const { return m_found.size() >= mentioned_dates_max_count; }

  void scan_line(std::size_t from, std::size_t to) {
    tokenize_line(m_text, from, to, m_tokens);
    m_last_end = no_token;
    std::size_t i = 0;
    while (i < m_tokens.size() && !full()) i += std::max<std::size_t>(1, match(i));
  }

  std::vector<MentionedDate> take() { return std::move(m_found); }

 private:
  static constexpr std::size_t no_token = static_cast<std::size_t>(-1);

  // Returns how many tokens starting at `i` were used (0: none matched).
  std::size_t match(std::size_t i) {
    const Lexeme& token = m_tokens[i];
    if (token.kind == Kind::number) return match_number(i);
    if (token.kind != Kind::word || token.classes == 0) return 0;
    if (token.classes & weekday_name) return match_weekday(i);
    if (token.classes & month_name) return match_month(i);
    if (token.classes & deictic) return match_deictic(i);
    if (token.classes & (modifier_last | modifier_this | modifier_next)) return match_modified(i);
    if (token.classes & earlier_later) return match_earlier_this(i);
    if (token.classes & unit) return match_ago(i);
    if (token.classes & ordinal) return match_quarter(i);
    return 0;
  }

  // --- token helpers -------------------------------------------------------

  bool exists(std::size_t i) const { return i < m_tokens.size(); }
  bool has(std::size_t i, std::uint32_t classes) const {
    return exists(i) && m_tokens[i].kind == Kind::word && (m_tokens[i].classes & classes) != 0;
  }
  bool capitalised_has(std::size_t i, std::uint32_t classes) const {
    return has(i, classes) && m_tokens[i].capitalised;
  }
  bool attached(std::size_t i) const { return exists(i) && !m_tokens[i].spaced; }
  bool is_symbol(std::size_t i, char symbol) const {
    return exists(i) && m_tokens[i].kind == Kind::punct && m_tokens[i].symbol == symbol;
  }
  bool is_number(std::size_t i) const { return exists(i) && m_tokens[i].kind == Kind::number; }
  std::size_t digits(std::size_t i) const { return m_tokens[i].end - m_tokens[i].begin; }
  int number_value(std::size_t i) const {
    if (digits(i) > 6) return -1;
    int value = 0;
    for (std::uint32_t k = m_tokens[i].begin; k < m_tokens[i].end; ++k) {
      value = value * 10 + (m_text[k] - '0');
    }
    return value;
  }
  bool word_is(std::size_t i, std::string_view lower) const {
    if (!exists(i) || m_tokens[i].kind != Kind::word) return false;
    std::string_view word = m_text.substr(m_tokens[i].begin, m_tokens[i].end - m_tokens[i].begin);
    if (word.size() != lower.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
      if (lower_ascii(word[k]) != lower[k]) return false;
    }
    return true;
  }

  // Numbers joined by - / . , : without spaces form one group: a score
  // ("3-1"), fraction, decimal, time, phone number, count ("836,000") or
  // numeric date. Returns the index after the group.
  std::size_t number_group_end(std::size_t i) const {
    std::size_t j = i + 1;
    while (exists(j + 1) && m_tokens[j].kind == Kind::punct && attached(j) && attached(j + 1) &&
           is_number(j + 1)) {
      char symbol = m_tokens[j].symbol;
      if (symbol != '-' && symbol != '/' && symbol != '.' && symbol != ',' && symbol != ':') break;
      j += 2;
    }
    return j;
  }

  // A lone number: not part of a group and not glued to a word before it
  // ("G7", "A380").
  bool is_lone_number(std::size_t i) const {
    if (!is_number(i) || number_group_end(i) != i + 1) return false;
    if (i > 0 && attached(i) && m_tokens[i - 1].kind == Kind::word) return false;
    return !(i > 0 && attached(i) && is_symbol(i - 1, '$'));
  }

  // A four-digit year after a month or day ("Feb. 24, 2022"): a lone number
  // with nothing glued after it.
  bool is_year_after_date(std::size_t i) const {
    return is_lone_number(i) && digits(i) == 4 &&
           !(exists(i + 1) && attached(i + 1) && m_tokens[i + 1].kind != Kind::punct);
  }

  // A day of the month at `i`, with an optional ordinal suffix; returns the
  // index after it, or 0.
  std::size_t day_end(std::size_t i) const {
    if (!is_lone_number(i) || digits(i) > 2) return 0;
    int value = number_value(i);
    if (value < 1 || value > 31) return 0;
    if (exists(i + 1) && attached(i + 1)) {
      if (has(i + 1, ordinal_suffix)) return i + 2;
      if (m_tokens[i + 1].kind == Kind::word || is_symbol(i + 1, '%')) return 0;
    }
    return i + 1;
  }

  // Sentence ends: . ! ? ; but not the dot of "Feb." or "Mr.".
  bool is_sentence_end(std::size_t k) const {
    const Lexeme& token = m_tokens[k];
    if (token.kind != Kind::punct) return false;
    if (token.symbol == '!' || token.symbol == '?' || token.symbol == ';') return true;
    if (token.symbol != '.') return false;
    // "a.m. on", "Feb. 24": a sentence goes on after the dot.
    if (exists(k + 1) && (attached(k + 1) || m_tokens[k + 1].kind == Kind::number ||
                          (m_tokens[k + 1].kind == Kind::word && !m_tokens[k + 1].capitalised))) {
      return false;
    }
    if (k > 0 && attached(k) && m_tokens[k - 1].kind == Kind::word && m_tokens[k - 1].capitalised &&
        m_tokens[k - 1].end - m_tokens[k - 1].begin <= 4) {
      return false;
    }
    return true;
  }

  // Future if the sentence around `i` has a future cue ("will", "next"),
  // else past if it has a past one ("was", "-ed"), else none.
  Tense tense_around(std::size_t i) const {
    bool past = false;
    for (std::size_t k = i, steps = 0; k-- > 0 && steps < tense_window; ++steps) {
      if (is_sentence_end(k)) break;
      if (has(k, future_cue)) return Tense::future;
      if (has(k, past_cue)) past = true;
    }
    for (std::size_t k = i + 1, steps = 0; exists(k) && steps < tense_window; ++k, ++steps) {
      if (is_sentence_end(k)) break;
      if (has(k, future_cue)) return Tense::future;
      if (has(k, past_cue)) past = true;
    }
    return past ? Tense::past : Tense::none;
  }

  // A bare month or year needs a cue before it: "in", "since", "mid-",
  // "the end of", or a list of dates ("between January and March").
  bool has_date_cue(std::size_t i) const {
    if (i == 0) return false;
    if (has(i - 1, date_cue)) return true;
    if (is_symbol(i - 1, '-') && attached(i) && i >= 2 && word_is(i - 2, "mid")) return true;
    if (has(i - 1, list_join) && m_last_end == i - 1) return true;
    if (has(i - 1, list_join) && i >= 2 && has(i - 2, unit)) return true;  // "the year to March"
    return has(i - 1, word_of) && i >= 2 && has(i - 2, period_anchor);
  }

  // --- emitting ------------------------------------------------------------

  bool emit(std::size_t first_token, std::size_t end_token, CivilDate first,
            DateGranularity granularity, bool relative) {
    if (first.year < 1000 || first.year > 9999 || !is_valid_civil(first)) return false;
    MentionedDate date;
    date.begin = m_tokens[first_token].begin;
    date.end = m_tokens[end_token - 1].end;
    date.first = first;
    date.granularity = granularity;
    date.value = format_value(first, granularity);
    date.relative = relative;
    m_found.push_back(std::move(date));
    m_last_end = end_token;
    return true;
  }

  bool emit_day(std::size_t first_token, std::size_t end_token, std::int64_t days) {
    return emit(first_token, end_token, civil_from_days(days), DateGranularity::day, true);
  }

  bool emit_week(std::size_t first_token, std::size_t end_token, std::int64_t days) {
    return emit(first_token, end_token, civil_from_days(days - weekday_of(days)),
                DateGranularity::week, true);
  }

  // --- resolution against the publication date -----------------------------

  // Periods (years, or months for "the 25th") to add to a candidate
  // `difference` units away from the publication date: the tense picks the
  // side, and without one the nearest candidate within `half_period` wins.
  static int year_shift(std::int64_t difference, std::int64_t half_period, Tense tense) {
    switch (tense) {
      case Tense::future:
        return difference < 0 ? 1 : 0;
      case Tense::past:
        return difference > 0 ? -1 : 0;
      case Tense::none:
        break;
    }
    return difference > half_period ? -1 : difference < -half_period ? 1 : 0;
  }

  // Year for a month and day without one: the publication year, moved by
  // tense, or (with no cue) to the nearest such day within six months.
  std::optional<CivilDate> resolve_day(int month, int day, Tense tense) const {
    CivilDate date{m_publication->year, month, day};
    if (month == 2 && day == 29 && !is_valid_civil(date)) return std::nullopt;
    date.year += year_shift(days_from_civil(date) - m_publication_days, 183, tense);
    if (!is_valid_civil(date)) return std::nullopt;
    return date;
  }

  CivilDate resolve_month(int month, Tense tense) const {
    CivilDate date{m_publication->year, month, 1};
    date.year += year_shift(month - m_publication->month, 6, tense);
    return date;
  }

  std::int64_t resolve_weekday(int weekday, int direction, bool inclusive) const {
    int today = weekday_of(m_publication_days);
    int back = (today - weekday + 7) % 7;
    int forward = (weekday - today + 7) % 7;
    if (direction < 0) return m_publication_days - (back == 0 && !inclusive ? 7 : back);
    return m_publication_days + (forward == 0 && !inclusive ? 7 : forward);
  }

  // --- rules ---------------------------------------------------------------

  std::size_t match_number(std::size_t i) {
    std::size_t group_end = number_group_end(i);
    if (group_end - i == 5) return match_iso(i);
    if (group_end - i != 1) return group_end - i;
    if (!is_lone_number(i)) return 1;
    std::size_t after = i + 1;
    if (exists(after) && attached(after) && m_tokens[after].kind == Kind::word) {
      // "the 1990s"
      if (digits(i) == 4 && word_is(after, "s") && number_value(i) % 10 == 0) {
        int year = number_value(i);
        if (emit(i, after + 1, CivilDate{year, 1, 1}, DateGranularity::decade, false)) return 2;
      }
      if (!has(after, ordinal_suffix)) return 1;
    }
    if (std::size_t end = day_end(i)) {
      if (std::size_t used = match_day_month(i, end)) return used;
      if (end == i + 2) return match_ordinal_day(i, end);
    }
    if (digits(i) == 4) return match_bare_year(i);
    return 1;
  }

  // 2022-02-24
  std::size_t match_iso(std::size_t i) {
    if (digits(i) == 4 && is_symbol(i + 1, '-') && digits(i + 2) == 2 && is_symbol(i + 3, '-') &&
        digits(i + 4) == 2 && !(i > 0 && attached(i) && m_tokens[i - 1].kind != Kind::punct)) {
      CivilDate date{number_value(i), number_value(i + 2), number_value(i + 4)};
      emit(i, i + 5, date, DateGranularity::day, false);
    }
    return 5;
  }

  // "24 February 2022", "24th of Feb.", "24 February"
  std::size_t match_day_month(std::size_t i, std::size_t j) {
    int day = number_value(i);
    if (has(j, word_of)) ++j;
    if (!capitalised_has(j, month_name)) return 0;
    int month = m_tokens[j].value;
    std::size_t end = j + 1;
    if (has(j, month_abbreviation) && is_symbol(end, '.') && attached(end)) ++end;
    std::size_t year_at = is_symbol(end, ',') ? end + 1 : end;
    if (is_year_after_date(year_at)) {
      if (emit(i, year_at + 1, CivilDate{number_value(year_at), month, day}, DateGranularity::day,
               false)) {
        return year_at + 1 - i;
      }
      return 0;
    }
    if (!m_publication) return end - i;
    if (auto date = resolve_day(month, day, tense_around(i))) {
      emit(i, end, *date, DateGranularity::day, true);
    }
    return end - i;
  }

  // "on the 25th": a day of the publication month or the one next to it.
  std::size_t match_ordinal_day(std::size_t i, std::size_t end) {
    if (!m_publication || i < 2 || !has(i - 1, article_the) ||
        !(word_is(i - 2, "on") || has(i - 2, date_cue))) {
      return end - i;
    }
    int day = number_value(i);
    int shift = year_shift(day - m_publication->day, 15, tense_around(i));
    CivilDate date = shift_months(*m_publication, shift);
    date.day = day;
    if (is_valid_civil(date)) emit(i, end, date, DateGranularity::day, true);
    return end - i;
  }

  // "in 2014", "since 2014", "the end of 2021", "mid-2021", "the 2016 election"
  std::size_t match_bare_year(std::size_t i) {
    int year = number_value(i);
    if (year < first_bare_year || year > last_bare_year) return 1;
    std::size_t next = i + 1;
    bool event = has(next, event_noun);
    if (!has_date_cue(i) && !(i > 0 && has(i - 1, article_the) && event)) return 1;
    if (exists(next)) {
      const Lexeme& after = m_tokens[next];
      if (after.kind == Kind::number || (after.kind == Kind::punct && after.symbol == '%'))
        return 1;
      if (after.kind == Kind::word && !after.capitalised && !event &&
          !(after.classes & (year_follower | past_cue | future_cue))) {
        return 1;  // "in 2000 cases"
      }
    }
    emit(i, i + 1, CivilDate{year, 1, 1}, DateGranularity::year, false);
    return 1;
  }

  // "Feb. 24, 2022", "Sept. 5", "February 2022", "in March"
  std::size_t match_month(std::size_t i) {
    if (!m_tokens[i].capitalised) return 0;  // "may need", "march on"
    int month = m_tokens[i].value;
    bool abbreviation = has(i, month_abbreviation);
    std::size_t j = i + 1;
    if (abbreviation && is_symbol(j, '.') && attached(j)) ++j;
    if (std::size_t end = day_end(j)) {
      int day = number_value(j);
      std::size_t year_at = is_symbol(end, ',') ? end + 1 : end;
      if (is_year_after_date(year_at)) {
        emit(i, year_at + 1, CivilDate{number_value(year_at), month, day}, DateGranularity::day,
             false);
        return year_at + 1 - i;
      }
      if (!m_publication) return end - i;
      if (auto date = resolve_day(month, day, tense_around(i))) {
        emit(i, end, *date, DateGranularity::day, true);
      }
      return end - i;
    }
    std::size_t year_at = has(j, word_of) ? j + 1 : j;
    if (is_year_after_date(year_at)) {
      emit(i, year_at + 1, CivilDate{number_value(year_at), month, 1}, DateGranularity::month,
           false);
      return year_at + 1 - i;
    }
    if (abbreviation || !m_publication || !has_date_cue(i)) return 0;
    emit(i, i + 1, resolve_month(month, tense_around(i)), DateGranularity::month, true);
    return 1;
  }

  // "on Wednesday", "Friday's talks", "Wednesday, March 2"
  std::size_t match_weekday(std::size_t i) {
    if (!m_tokens[i].capitalised) return 0;
    if (i > 0 && (capitalised_has(i - 1, holiday_prefix) || has(i - 1, set_word))) return 1;
    if (capitalised_has(i + 1, title_after_day)) return 1;  // "Sunday Times", "Saturday Night Live"
    if (i >= 2 && word_is(i - 1, "on") && word_is(i - 2, "mail")) return 1;
    // A weekday before a full date only decorates it.
    std::size_t j = is_symbol(i + 1, ',') ? i + 2 : i + 1;
    if (has(j, month_name) || is_number(j)) {
      std::size_t before = m_found.size();
      std::size_t used = has(j, month_name) ? match_month(j) : match_number(j);
      if (m_found.size() > before) {
        if (m_found.back().granularity == DateGranularity::day) {
          m_found.back().begin = m_tokens[i].begin;
        }
        return j - i + used;
      }
    }
    if (!m_publication) return 1;
    bool future = tense_around(i) == Tense::future;
    emit_day(i, i + 1, resolve_weekday(m_tokens[i].value, future ? 1 : -1, true));
    return 1;
  }

  // today, tonight, yesterday, tomorrow
  std::size_t match_deictic(std::size_t i) {
    if (!m_publication) return 1;
    if (i > 0 && word_is(i - 1, "usa")) return 1;                          // the newspaper
    if (m_tokens[i].capitalised && has(i + 1, title_after_day)) return 1;  // "the Today show"
    emit_day(i, i + 1, m_publication_days + m_tokens[i].value);
    return 1;
  }

  // last/this/next + week, month, year, quarter, weekday or month name;
  // "this morning", "last night".
  std::size_t match_modified(std::size_t i) {
    if (!m_publication) return 0;
    if (i > 0 && (has(i - 1, article_the) || has(i - 1, set_word))) return 0;  // a duration
    std::size_t j = i + 1;
    if (!exists(j) || m_tokens[j].kind != Kind::word) return 0;
    int direction = has(i, modifier_last) ? -1 : has(i, modifier_next) ? 1 : 0;
    const Lexeme& what = m_tokens[j];
    const CivilDate& publication = *m_publication;
    if (what.classes & unit) {
      switch (what.value) {
        case unit_week:
          emit_week(i, j + 1, m_publication_days + 7 * direction);
          return 2;
        case unit_month:
          emit(i, j + 1, shift_months(publication, direction), DateGranularity::month, true);
          return 2;
        case unit_quarter: {
          CivilDate quarter = shift_months(publication, 3 * direction);
          quarter.month = (quarter.month - 1) / 3 * 3 + 1;
          emit(i, j + 1, quarter, DateGranularity::quarter, true);
          return 2;
        }
        case unit_year:
          emit(i, j + 1, CivilDate{publication.year + direction, 1, 1}, DateGranularity::year,
               true);
          return 2;
        default:
          return 0;
      }
    }
    if (what.capitalised && (what.classes & weekday_name)) {
      std::int64_t days = direction == 0
                              ? m_publication_days - weekday_of(m_publication_days) + what.value
                              : resolve_weekday(what.value, direction, false);
      emit_day(i, j + 1, days);
      return 2;
    }
    if (what.capitalised && (what.classes & month_name) && !(what.classes & month_abbreviation)) {
      CivilDate month{publication.year, what.value, 1};
      if (direction < 0 && what.value >= publication.month) month.year -= 1;
      if (direction > 0 && what.value <= publication.month) month.year += 1;
      emit(i, j + 1, month, DateGranularity::month, true);
      return 2;
    }
    if (what.classes & part_of_day) {
      bool night = what.value == 1;
      if (direction == 0 && !night) emit_day(i, j + 1, m_publication_days);
      if (direction < 0 && night) emit_day(i, j + 1, m_publication_days - 1);
      return 2;
    }
    return 0;
  }

  // "earlier this month", "later this year"
  std::size_t match_earlier_this(std::size_t i) {
    if (!has(i + 1, modifier_this)) return 0;
    std::size_t before = m_found.size();
    std::size_t used = match_modified(i + 1);
    if (m_found.size() > before) {
      m_found.back().begin = m_tokens[i].begin;
      return used + 1;
    }
    return 0;
  }

  // "two days ago", "a week ago", "10 years ago", found at the unit.
  std::size_t match_ago(std::size_t i) {
    if (!m_publication || i == 0 || !has(i + 1, ago)) return 0;
    int count = 0;
    if (has(i - 1, number_word)) {
      count = m_tokens[i - 1].value;
    } else if (is_lone_number(i - 1) && digits(i - 1) <= 3) {
      count = number_value(i - 1);
    }
    if (count <= 0) return 0;
    std::size_t from = i - 1;
    std::size_t end = i + 2;
    switch (m_tokens[i].value) {
      case unit_day:
        emit_day(from, end, m_publication_days - count);
        break;
      case unit_week:
        emit_week(from, end, m_publication_days - 7 * std::int64_t{count});
        break;
      case unit_month:
        emit(from, end, shift_months(*m_publication, -count), DateGranularity::month, true);
        break;
      case unit_year:
        emit(from, end, CivilDate{m_publication->year - count, 1, 1}, DateGranularity::year, true);
        break;
      default:
        return 0;
    }
    return 2;
  }

  // "the third quarter", "first-quarter", "the fourth quarter of 2021"
  std::size_t match_quarter(std::size_t i) {
    std::size_t j = i + 1;
    if (is_symbol(j, '-') && attached(j)) ++j;
    if (!has(j, unit) || m_tokens[j].value != unit_quarter) return 0;
    int quarter = m_tokens[i].value;
    int first_month = (quarter - 1) * 3 + 1;
    std::size_t year_at = has(j + 1, word_of) ? j + 2 : j + 1;
    if (is_year_after_date(year_at)) {
      emit(i, year_at + 1, CivilDate{number_value(year_at), first_month, 1},
           DateGranularity::quarter, false);
      return year_at + 1 - i;
    }
    if (!m_publication) return j + 1 - i;
    // News reports quarters that are over: without a future cue, a quarter
    // after the current one belongs to last year.
    int current = (m_publication->month - 1) / 3 + 1;
    int year = m_publication->year;
    Tense tense = tense_around(i);
    if (tense == Tense::future && quarter < current) ++year;
    if (tense != Tense::future && quarter > current) --year;
    emit(i, j + 1, CivilDate{year, first_month, 1}, DateGranularity::quarter, true);
    return j + 1 - i;
  }

  std::string_view m_text;
  std::optional<CivilDate> m_publication;
  std::int64_t m_publication_days = 0;
  std::vector<Lexeme> m_tokens;
  std::vector<MentionedDate> m_found;
  std::size_t m_last_end = no_token;  ///< token after the last date found on this line
};

}  // namespace

std::vector<MentionedDate> find_mentioned_dates(std::string_view text,
                                                std::optional<CivilDate> publication) {
  text = text.substr(0, std::min(text.size(), mentioned_dates_max_text));
  DateScanner scanner(text, publication);
  std::size_t start = 0;
  while (start < text.size() && !scanner.full()) {
    std::size_t stop = text.find('\n', start);
    if (stop == std::string_view::npos) stop = text.size();
    std::size_t next = stop + 1;
    if (stop - start > max_line_bytes) {
      // An enormous line is read in pieces cut at a space.
      stop = text.find(' ', start + max_line_bytes);
      if (stop == std::string_view::npos || stop - start > 2 * max_line_bytes) {
        stop = start + max_line_bytes;
      }
      next = stop;
    }
    scanner.scan_line(start, stop);
    start = next;
  }
  return scanner.take();
}

}  // namespace dateline
