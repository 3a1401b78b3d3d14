#include "dateline/common/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <unordered_map>

namespace dateline {
namespace {

// Windows-1252 for 0x80..0x9F; Latin-1 elsewhere.
constexpr std::array<char32_t, 32> cp1252_high{
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

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

// Folding is per code point and cached per thread: news text repeats a small
// alphabet. first = folded (lower case, no marks), second = marks stripped.
const std::pair<std::string, std::string>& fold_code_point(UChar32 c) {
  thread_local std::unordered_map<UChar32, std::pair<std::string, std::string>> local;
  auto found = local.find(c);
  if (found != local.end()) return found->second;

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposed;
  if (U_SUCCESS(status)) {
    decomposed = nfd->normalize(icu::UnicodeString(c), status);
  }
  if (U_FAILURE(status)) decomposed = icu::UnicodeString(c);
  icu::UnicodeString stripped;
  for (int32_t k = 0; k < decomposed.length();) {
    UChar32 part = decomposed.char32At(k);
    k += U16_LENGTH(part);
    if (u_charType(part) == U_NON_SPACING_MARK) continue;
    stripped.append(part);
  }
  if (stripped.isEmpty()) stripped = icu::UnicodeString(c);
  std::pair<std::string, std::string> entry;
  stripped.toUTF8String(entry.second);
  icu::UnicodeString folded = stripped;
  folded.foldCase();
  folded.toUTF8String(entry.first);
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
    char32_t replacement = byte < 0xA0 ? cp1252_high[byte - 0x80] : char32_t{byte};
    append_utf8(out, replacement);
  }
  if (repaired) *repaired = count;
  return out;
}

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + 32 : byte));
      ++i;
      continue;
    }
    UChar32 c = next_code_point(text, i);
    if (c < 0) {
      out.append("\xEF\xBF\xBD");
      continue;
    }
    out.append(fold_code_point(c).first);
  }
  return out;
}

std::string strip_diacritics(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(byte));
      ++i;
      continue;
    }
    UChar32 c = next_code_point(text, i);
    if (c < 0) {
      out.append("\xEF\xBF\xBD");
      continue;
    }
    out.append(fold_code_point(c).second);
  }
  return out;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  std::size_t previous_end = std::string_view::npos;
  while (i < text.size()) {
    std::size_t start = i;
    UChar32 c = next_code_point(text, i);
    if (c < 0 || !is_word_char(c)) continue;

    auto joined_to_previous = [&](std::size_t begin) {
      if (previous_end == std::string_view::npos || begin != previous_end + 1) return false;
      char between = text[previous_end];
      return between == '-' || between == '/';
    };

    if (is_cjk(c)) {
      Token token{start, i, fold(text.substr(start, i - start)), true, false};
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
        Token token{start, end, fold(letters), false, joined_to_previous(start)};
        tokens.push_back(std::move(token));
        previous_end = j;  // a final dot may also end a sentence
        i = end;
      }
    }
    if (acronym) continue;

    std::string raw;
    bool numeric = c < 0x80 && c >= '0' && c <= '9';
    std::size_t word_end = i;
    while (word_end < text.size()) {
      std::size_t j = word_end;
      UChar32 d = next_code_point(text, j);
      if (d >= 0 && is_word_char(d) && !is_cjk(d)) {
        word_end = j;
        continue;
      }
      // Apostrophe between letters, or separators inside numbers.
      if (d >= 0 && (is_apostrophe(d) || ((d == ',' || d == '.') && numeric))) {
        std::size_t k = j;
        UChar32 after = peek(text, k);
        if (after >= 0 && is_word_char(after) && !is_cjk(after) &&
            (!numeric || (after >= '0' && after <= '9'))) {
          word_end = j;
          continue;
        }
      }
      break;
    }
    std::string_view word = text.substr(start, word_end - start);
    std::string term = fold(word);
    if (numeric) {
      std::erase(term, ',');
    } else {
      // Normalise the typographic apostrophe, then drop a possessive 's.
      for (std::size_t pos; (pos = term.find("\xE2\x80\x99")) != std::string::npos;) {
        term.replace(pos, 3, "'");
      }
      if (term.size() > 2 && term.ends_with("'s")) term.resize(term.size() - 2);
    }
    bool joined = joined_to_previous(start);
    i = word_end;
    previous_end = word_end;
    if (term.empty() || term.size() > max_term_bytes) continue;
    tokens.push_back(Token{start, word_end, std::move(term), false, joined});
  }
  return tokens;
}

namespace {
bool is_abbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 32> known{
      "mr", "mrs", "ms", "dr", "prof", "gen", "gov", "sen", "rep", "st", "jr", "sr", "lt", "col",
      "sgt", "capt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
      "dec", "inc", "corp", "co", "no"};
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
  for (std::size_t pos; (pos = key.find("\xE2\x80\x99")) != std::string::npos;) key.replace(pos, 3, "'");
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

}  // namespace dateline
