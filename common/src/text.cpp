#include "dateline/common/text.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <unordered_map>

namespace dateline {
namespace {

// Windows-1252 for 0x80..0x9F; Latin-1 elsewhere.
constexpr std::array<char32_t, 32> cp1252_high{
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

}  // namespace

char32_t windows_1252(unsigned char byte) noexcept {
  return byte >= 0x80 && byte < 0xA0 ? cp1252_high[byte - 0x80] : char32_t{byte};
}

namespace {

// Decode one code point at `i`; returns a negative value for an invalid
// sequence (ICU's U8_NEXT rejects overlong forms and surrogates).
UChar32 next_code_point(std::string_view text, std::size_t& i) {
  UChar32 c;
  auto length = static_cast<int32_t>(text.size());
  auto pos = static_cast<int32_t>(i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), pos, length, c);
  i = static_cast<std::size_t>(pos);
  return c;
}

// How a language folds letters: which accented letters are letters of its
// own alphabet (kept), and whether I/i case as in Turkish. See fold().
enum class FoldRule : unsigned char { general, nordic, polish, turkish, romanian, hungarian };
constexpr std::size_t fold_rule_count = 6;

FoldRule fold_rule(std::string_view language) {
  std::string_view code = language.substr(0, language.find_first_of("-_"));
  if (code == "sv" || code == "fi" || code == "no" || code == "nb" || code == "nn" ||
      code == "da" || code == "is" || code == "fo") {
    return FoldRule::nordic;
  }
  if (code == "pl") return FoldRule::polish;
  if (code == "tr" || code == "az") return FoldRule::turkish;
  if (code == "ro") return FoldRule::romanian;
  if (code == "hu") return FoldRule::hungarian;
  return FoldRule::general;
}

// Lower-case letters that keep their diacritic under `rule`. Cyrillic й, ї
// and ў are distinct letters in every language that writes them (мой/мои),
// so no rule strips them.
bool keeps_letter(FoldRule rule, UChar32 lower) {
  if (lower == 0x439 || lower == 0x457 || lower == 0x45E) return true;
  auto among = [lower](std::initializer_list<UChar32> letters) {
    return std::find(letters.begin(), letters.end(), lower) != letters.end();
  };
  switch (rule) {
    case FoldRule::general:
      return false;
    case FoldRule::nordic:  // å ä ö
      return among({0xE5, 0xE4, 0xF6});
    case FoldRule::polish:  // ą ć ę ń ó ś ź ż (ł has no decomposition)
      return among({0x105, 0x107, 0x119, 0x144, 0xF3, 0x15B, 0x17A, 0x17C});
    case FoldRule::turkish:  // ç ğ ö ş ü (ı has no decomposition)
      return among({0xE7, 0x11F, 0xF6, 0x15F, 0xFC});
    case FoldRule::romanian:  // ă â î ș ț and the cedilla forms ş ţ
      return among({0x103, 0xE2, 0xEE, 0x219, 0x21B, 0x15F, 0x163});
    case FoldRule::hungarian:  // á é í ó ö ő ú ü ű
      return among({0xE1, 0xE9, 0xED, 0xF3, 0xF6, 0x151, 0xFA, 0xFC, 0x171});
  }
  return false;
}

// Scripts whose marks are optional accents (é, ά, ё, Arabic hamza). In other
// scripts (Devanagari, Tamil, Thai...) a mark is a vowel or virama and part
// of the spelling, so it is never stripped.
bool marks_are_accents(UChar32 base) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(base, &status);
  if (U_FAILURE(status)) return false;
  return script == USCRIPT_LATIN || script == USCRIPT_GREEK || script == USCRIPT_CYRILLIC ||
         script == USCRIPT_ARABIC || script == USCRIPT_HEBREW || script == USCRIPT_COMMON ||
         script == USCRIPT_INHERITED;
}

struct FoldedCodePoint {
  std::string folded;    // lower case, accents stripped per the rule
  std::string stripped;  // accents stripped per the rule, case kept
  std::string lower;     // lower case only, accents kept
};

// Folding is per code point and cached per thread and rule: news text
// repeats a small alphabet.
const FoldedCodePoint& fold_code_point(UChar32 c, FoldRule rule) {
  thread_local std::array<std::unordered_map<UChar32, FoldedCodePoint>, fold_rule_count> caches;
  auto& local = caches[static_cast<std::size_t>(rule)];
  auto found = local.find(c);
  if (found != local.end()) return found->second;

  const bool turkish = rule == FoldRule::turkish;
  auto to_lower = [&](const icu::UnicodeString& text) {
    icu::UnicodeString lowered = text;
    lowered.toLower(turkish ? icu::Locale("tr") : icu::Locale::getRoot());
    return lowered;
  };
  auto fold_case = [&](const icu::UnicodeString& text) {
    icu::UnicodeString folded = text;
    folded.foldCase(turkish ? U_FOLD_CASE_EXCLUDE_SPECIAL_I : U_FOLD_CASE_DEFAULT);
    return folded;
  };

  FoldedCodePoint entry;
  icu::UnicodeString original(c);
  to_lower(original).toUTF8String(entry.lower);
  icu::UnicodeString lowered = to_lower(original);
  UChar32 lower_c = lowered.length() > 0 ? lowered.char32At(0) : c;

  icu::UnicodeString stripped;
  if (keeps_letter(rule, lower_c) || (turkish && (c == 0x130 || c == 0x131))) {
    stripped = original;
  } else if (u_charType(c) == U_NON_SPACING_MARK) {
    // A combining mark on its own (decomposed input, Arabic harakat) goes when
    // it is a generic accent; script-specific marks (a virama) stay.
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(c, &status) != USCRIPT_INHERITED || U_FAILURE(status))
      stripped = original;
  } else {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString decomposed = original;
    if (U_SUCCESS(status)) decomposed = nfd->normalize(original, status);
    if (U_FAILURE(status) || decomposed.isEmpty() || !marks_are_accents(decomposed.char32At(0))) {
      stripped = original;
    } else {
      for (int32_t k = 0; k < decomposed.length();) {
        UChar32 part = decomposed.char32At(k);
        k += U16_LENGTH(part);
        if (u_charType(part) == U_NON_SPACING_MARK) continue;
        stripped.append(part);
      }
      if (stripped.isEmpty()) stripped = original;
    }
  }
  stripped.toUTF8String(entry.stripped);
  fold_case(stripped).toUTF8String(entry.folded);
  return local.emplace(c, std::move(entry)).first->second;
}

bool is_cjk(UChar32 c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

bool is_word_char(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  if (u_isalnum(c)) return true;
  auto type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
         type == U_ENCLOSING_MARK || type == U_CONNECTOR_PUNCTUATION;
}

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }

UChar32 peek(std::string_view text, std::size_t i) {
  if (i >= text.size()) return -1;
  return next_code_point(text, i);
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_valid_utf8(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    if (next_code_point(text, i) < 0) return false;
  }
  return true;
}

std::string repair_utf8(std::string_view text, std::size_t* repaired) {
  std::string out;
  out.reserve(text.size());
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      bool control = byte < 0x20 && byte != '\n' && byte != '\t' && byte != '\r';
      out.push_back(control ? ' ' : static_cast<char>(byte));
      if (byte == 0) ++count;
      ++i;
      continue;
    }
    std::size_t start = i;
    UChar32 c = next_code_point(text, i);
    if (c >= 0) {
      out.append(text.substr(start, i - start));
      continue;
    }
    i = start + 1;
    ++count;
    append_utf8(out, windows_1252(byte));
  }
  if (repaired) *repaired = count;
  return out;
}

namespace {
enum class Form { folded, stripped, lower };

std::string transform(std::string_view text, FoldRule rule, Form form) {
  std::string out;
  out.reserve(text.size());
  const bool turkish = rule == FoldRule::turkish;
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80 && !(turkish && byte == 'I' && form != Form::stripped)) {
      bool upper = byte >= 'A' && byte <= 'Z' && form != Form::stripped;
      out.push_back(static_cast<char>(upper ? byte + 32 : byte));
      ++i;
      continue;
    }
    UChar32 c = next_code_point(text, i);
    if (c < 0) {
      out.append("\xEF\xBF\xBD");
      continue;
    }
    const FoldedCodePoint& entry = fold_code_point(c, rule);
    out.append(form == Form::folded     ? entry.folded
               : form == Form::stripped ? entry.stripped
                                        : entry.lower);
  }
  return out;
}
}  // namespace

std::string fold(std::string_view text) { return transform(text, FoldRule::general, Form::folded); }

std::string fold(std::string_view text, std::string_view language) {
  return transform(text, fold_rule(language), Form::folded);
}

std::string lower_case(std::string_view text, std::string_view language) {
  return transform(text, fold_rule(language), Form::lower);
}

std::string strip_diacritics(std::string_view text) {
  return transform(text, FoldRule::general, Form::stripped);
}

std::vector<Token> tokenize(std::string_view text) { return tokenize(text, ""); }

namespace {
// The code point at `i`, moving `i` past it: ASCII without a call into
// ICU's decoder (nearly every byte of most news text).
inline UChar32 next_char(std::string_view text, std::size_t& i) {
  auto byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x80) {
    ++i;
    return byte;
  }
  return next_code_point(text, i);
}
}  // namespace

std::vector<Token> tokenize(std::string_view text, std::string_view language) {
  const FoldRule rule = fold_rule(language);
  std::vector<Token> tokens;
  // About a word for every six bytes of news text: growing the vector
  // moved every token (two strings each) again and again. (Capped: a huge
  // text without spaces need not reserve for words it does not have.)
  tokens.reserve(std::min<std::size_t>(text.size() / 6 + 1, std::size_t{1} << 16));
  std::size_t i = 0;
  std::size_t previous_end = std::string_view::npos;
  while (i < text.size()) {
    std::size_t start = i;
    UChar32 c = next_char(text, i);
    if (c < 0 || !is_word_char(c)) continue;

    auto joined_to_previous = [&](std::size_t begin) {
      if (previous_end == std::string_view::npos || begin != previous_end + 1) return false;
      char between = text[previous_end];
      return between == '-' || between == '/';
    };

    if (is_cjk(c)) {
      Token token{start, i,     transform(text.substr(start, i - start), rule, Form::folded),
                  true,  false, {}};
      tokens.push_back(std::move(token));
      previous_end = i;
      continue;
    }

    // An acronym: single letters separated by dots ("U.S.", "U.S.A."), the
    // last dot optional ("U.S", as typed in queries).
    bool acronym = false;
    if (u_isalpha(c) && peek(text, i) == '.') {
      std::size_t j = i;
      std::string letters(text.substr(start, i - start));
      int count = 1;
      bool final_dot = true;
      while (j < text.size() && text[j] == '.') {
        std::size_t letter_start = j + 1;
        std::size_t k = letter_start;
        UChar32 next = peek(text, k);
        if (next < 0 || !u_isalpha(next)) break;
        next_code_point(text, k);
        UChar32 after = peek(text, k);
        if (after != '.') {
          // "U.S" at the end of a word: the last letter without its dot.
          if (after >= 0 && is_word_char(after)) break;
          letters.append(text.substr(letter_start, k - letter_start));
          ++count;
          j = k;
          final_dot = false;
          break;
        }
        letters.append(text.substr(letter_start, k - letter_start));
        ++count;
        j = k;
      }
      if (count >= 2) {
        acronym = true;
        std::size_t end = final_dot ? j + 1 : j;  // include a final dot in the span
        Token token{
            start, end, transform(letters, rule, Form::folded), false, joined_to_previous(start),
            {}};
        tokens.push_back(std::move(token));
        previous_end = j;  // a final dot may also end a sentence
        i = end;
      }
    }
    if (acronym) continue;

    bool numeric = c < 0x80 && c >= '0' && c <= '9';
    bool ascii = c < 0x80;
    std::size_t word_end = i;
    while (word_end < text.size()) {
      std::size_t j = word_end;
      UChar32 d = next_char(text, j);
      if (d >= 0 && is_word_char(d) && !is_cjk(d)) {
        ascii = ascii && d < 0x80;
        word_end = j;
        continue;
      }
      // Apostrophe between letters, or separators inside numbers.
      if (d >= 0 && (is_apostrophe(d) || ((d == ',' || d == '.') && numeric))) {
        std::size_t k = j;
        UChar32 after = peek(text, k);
        if (after >= 0 && is_word_char(after) && !is_cjk(after) &&
            (!numeric || (after >= '0' && after <= '9'))) {
          ascii = ascii && d < 0x80;
          word_end = j;
          continue;
        }
      }
      break;
    }
    std::string_view word = text.substr(start, word_end - start);
    std::string term = transform(word, rule, Form::folded);
    // The stemmer reads the word with its accents (see Token::unfolded);
    // only words outside ASCII can differ from their fold.
    std::string unfolded;
    if (!ascii && !numeric) unfolded = transform(word, rule, Form::lower);
    if (numeric) {
      std::erase(term, ',');
    } else {
      // Normalise the typographic apostrophe (never in an ASCII word), then
      // drop a possessive 's.
      for (std::string* form : {&term, &unfolded}) {
        while (!ascii) {
          std::size_t pos = form->find("\xE2\x80\x99");
          if (pos == std::string::npos) break;
          form->replace(pos, 3, "'");
        }
        if (form->size() > 2 && form->ends_with("'s")) form->resize(form->size() - 2);
      }
      if (unfolded == term) unfolded.clear();
    }
    bool joined = joined_to_previous(start);
    i = word_end;
    previous_end = word_end;
    if (term.empty() || term.size() > max_term_bytes) continue;
    tokens.push_back(Token{start, word_end, std::move(term), false, joined, std::move(unfolded)});
  }
  return tokens;
}

namespace {
bool is_abbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 32> known{
      "mr",  "mrs", "ms",   "dr",  "prof", "gen", "gov", "sen",  "rep", "st",  "jr",
      "sr",  "lt",  "col",  "sgt", "capt", "jan", "feb", "mar",  "apr", "jun", "jul",
      "aug", "sep", "sept", "oct", "nov",  "dec", "inc", "corp", "co",  "no"};
  std::string lower;
  for (char ch : word) lower.push_back(static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch));
  for (auto k : known) {
    if (lower == k) return true;
  }
  // Single letters and dotted acronyms ("U.S", "A").
  return word.size() == 1 || (word.size() >= 3 && word[1] == '.');
}
}  // namespace

std::vector<std::size_t> sentence_starts(std::string_view text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (ch != '.' && ch != '!' && ch != '?') continue;
    std::size_t j = i + 1;
    while (j < text.size() && (text[j] == '"' || text[j] == '\'' || text[j] == ')' ||
                               text[j] == '.' || text[j] == '!' || text[j] == '?')) {
      ++j;
    }
    // A closing typographic quote.
    if (j + 2 < text.size() && text.compare(j, 3, "\xE2\x80\x9D") == 0) j += 3;
    if (j >= text.size() || (text[j] != ' ' && text[j] != '\n')) continue;
    std::size_t next = j;
    while (next < text.size() && (text[next] == ' ' || text[next] == '\n')) ++next;
    if (next >= text.size()) break;
    auto first = static_cast<unsigned char>(text[next]);
    bool starts_upper = (first >= 'A' && first <= 'Z') || first >= 0x80 || first == '"' ||
                        (first >= '0' && first <= '9');
    if (!starts_upper) continue;
    if (ch == '.') {
      std::size_t word_start = i;
      while (word_start > 0 && text[word_start - 1] != ' ' && text[word_start - 1] != '\n' &&
             text[word_start - 1] != '(') {
        --word_start;
      }
      if (is_abbreviation(text.substr(word_start, i - word_start))) continue;
    }
    starts.push_back(next);
    i = next - 1;
  }
  return starts;
}

std::string facet_key(std::string_view value) {
  std::string key = fold(collapse_whitespace(value));
  for (std::size_t pos; (pos = key.find("\xE2\x80\x99")) != std::string::npos;)
    key.replace(pos, 3, "'");
  std::erase(key, '.');
  if (key.ends_with("'s")) key.resize(key.size() - 2);
  while (!key.empty() && (key.back() == '\'' || key.back() == ' ')) key.pop_back();
  while (!key.empty() && key.front() == ' ') key.erase(0, 1);
  return key;
}

std::string_view trim(std::string_view text) noexcept {
  auto is_space = [](std::string_view t, std::size_t pos, bool back) -> std::size_t {
    if (back) {
      if (pos >= 2 && t.substr(pos - 2, 2) == "\xC2\xA0") return 2;
    } else if (t.substr(pos, 2) == "\xC2\xA0") {
      return 2;
    }
    char ch = back ? t[pos - 1] : t[pos];
    return (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') ? 1
                                                                                             : 0;
  };
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t n = is_space(text, begin, false);
    if (n == 0) break;
    begin += n;
  }
  std::size_t end = text.size();
  while (end > begin) {
    std::size_t n = is_space(text, end, true);
    if (n == 0) break;
    end -= n;
  }
  return text.substr(begin, end - begin);
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    bool space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
    if (!space && i + 1 < text.size() && text.compare(i, 2, "\xC2\xA0") == 0) {
      space = true;
      ++i;
    }
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(ch);
  }
  return out;
}

unsigned edit_distance(std::string_view a, std::string_view b, unsigned limit) {
  std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<unsigned> prev2(m + 1), prev(m + 1), row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<unsigned>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    row[0] = static_cast<unsigned>(i);
    unsigned best = row[0];
    for (std::size_t j = 1; j <= m; ++j) {
      unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], prev2[j - 2] + 1);
      }
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
    prev2.swap(prev);
    prev.swap(row);
  }
  return prev[m];
}

}  // namespace dateline
