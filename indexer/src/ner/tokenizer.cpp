#include "ner/tokenizer.h"

#include <array>
#include <span>

#include "dateline/common/text.h"

namespace dateline::ner {

namespace {
// Multi-byte punctuation that always stands alone, with its ASCII reading.
struct Replacement {
  std::string_view utf8;
  std::string_view ascii;
};
constexpr std::array<Replacement, 8> replacements{{
    {"\xE2\x80\x9C", "\""},  // left double quote
    {"\xE2\x80\x9D", "\""},  // right double quote
    {"\xE2\x80\x98", "'"},   // left single quote
    {"\xE2\x80\x99", "'"},   // right single quote / apostrophe
    {"\xE2\x80\x94", "--"},  // em dash
    {"\xE2\x80\x93", "-"},   // en dash
    {"\xC2\xAB", "\""},      // guillemets
    {"\xC2\xBB", "\""},
}};

// The replacements worth trying where a byte is (or is not) outside ASCII.
std::span<const Replacement> replacements_if(bool non_ascii) {
  return non_ascii ? std::span<const Replacement>(replacements) : std::span<const Replacement>();
}

bool is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f'; }

bool is_ascii_punctuation(char ch) {
  switch (ch) {
    case '"':
    case '\'':
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case '.':
    case '-':
    case '/':
    case '*':
    case '&':
    case '%':
    case '$':
    case '#':
    case '@':
    case '+':
    case '=':
    case '<':
    case '>':
    case '|':
      return true;
    default:
      return false;
  }
}

bool is_letter(char ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'); }
bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

// Words that keep their final dot.
bool keeps_dot(std::string_view word) {
  static constexpr std::array<std::string_view, 40> known{
      "Mr",  "Mrs", "Ms",  "Dr",  "Prof", "Gen",  "Gov", "Sen", "Rep", "St",
      "Jr",  "Sr",  "Lt",  "Col", "Sgt",  "Capt", "Jan", "Feb", "Mar", "Apr",
      "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",  "Nov", "Dec", "Inc", "Corp",
      "Co",  "Ltd", "No",  "vs",  "Mt",   "Ft",   "Rev", "Adm", "Gen", "Bros"};
  for (auto k : known) {
    if (word == k) return true;
  }
  if (word.size() == 1 && is_letter(word[0])) return true;  // initials: "J."
  // Dotted acronyms: "U.S" (the final dot is the one being decided).
  return word.size() >= 3 && word[1] == '.' && is_letter(word[0]);
}

// Whether `text` has a byte outside ASCII: a replacement is made of such
// bytes only, so none need be tried on ASCII text (replacements_if).
bool has_non_ascii(std::string_view text) {
  for (char ch : text) {
    if (static_cast<unsigned char>(ch) >= 0x80) return true;
  }
  return false;
}

// A no-break space (U+00A0) at `i`.
bool is_no_break_space(std::string_view text, std::size_t i) {
  return i + 1 < text.size() && text[i] == '\xC2' && text[i + 1] == '\xA0';
}

// Split one whitespace-free chunk [begin, end) of `text` into tokens.
void split_chunk(std::string_view text, std::size_t begin, std::size_t end,
                 std::vector<WordToken>& out) {
  std::vector<WordToken> tail;  // trailing punctuation, in reverse order
  // Leading punctuation.
  while (begin < end) {
    bool replaced = false;
    // Every replacement starts with a byte outside ASCII.
    for (const auto& r : replacements_if(static_cast<unsigned char>(text[begin]) >= 0x80)) {
      if (text.compare(begin, r.utf8.size(), r.utf8) == 0 && begin + r.utf8.size() <= end) {
        out.push_back({begin, begin + r.utf8.size(), std::string(r.ascii)});
        begin += r.utf8.size();
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    char ch = text[begin];
    if (is_ascii_punctuation(ch) && ch != '$' &&
        !(ch == '-' && begin + 1 < end && is_digit(text[begin + 1]))) {
      // Runs of dashes stay together ("--").
      std::size_t stop = begin + 1;
      while (ch == '-' && stop < end && text[stop] == '-') ++stop;
      out.push_back({begin, stop, std::string(text.substr(begin, stop - begin))});
      begin = stop;
      continue;
    }
    break;
  }
  // Trailing punctuation.
  while (end > begin) {
    bool replaced = false;
    // ... and ends with one.
    for (const auto& r : replacements_if(static_cast<unsigned char>(text[end - 1]) >= 0x80)) {
      if (end - begin >= r.utf8.size() &&
          text.compare(end - r.utf8.size(), r.utf8.size(), r.utf8) == 0) {
        std::size_t start = end - r.utf8.size();
        // A possessive written with a typographic apostrophe: "Putin’s", "News’".
        if (r.ascii == "'" && start > begin) {
          tail.push_back({start, end, "'"});
        } else {
          tail.push_back({start, end, std::string(r.ascii)});
        }
        end = start;
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    char ch = text[end - 1];
    if (ch == '.' && end - begin >= 2) {
      std::string_view word = text.substr(begin, end - 1 - begin);
      if (keeps_dot(word)) break;
    }
    if (is_ascii_punctuation(ch) && ch != '%') {
      tail.push_back({end - 1, end, std::string(1, ch)});
      --end;
      continue;
    }
    break;
  }
  if (end > begin) {
    std::string word(text.substr(begin, end - begin));
    // Possessive "'s" (or typographic) becomes its own token, as in CoNLL.
    std::size_t split = std::string::npos;
    if (word.size() > 2 && word.ends_with("'s")) {
      split = word.size() - 2;
    } else if (word.size() > 4 && word.ends_with("\xE2\x80\x99s")) {
      split = word.size() - 4;
    }
    if (split != std::string::npos) {
      out.push_back({begin, begin + split, word.substr(0, split)});
      out.push_back({begin + split, end, "'s"});
    } else {
      for (const auto& r : replacements_if(has_non_ascii(word))) {
        for (std::size_t pos; (pos = word.find(r.utf8)) != std::string::npos;) {
          word.replace(pos, r.utf8.size(), r.ascii);
        }
      }
      out.push_back({begin, end, std::move(word)});
    }
  }
  for (auto it = tail.rbegin(); it != tail.rend(); ++it) out.push_back(std::move(*it));
}
}  // namespace

std::vector<WordToken> split_words(std::string_view text) {
  std::vector<WordToken> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    // A no-break space separates too.
    if (is_no_break_space(text, i)) {
      i += 2;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && !is_space(text[i]) && !is_no_break_space(text, i)) ++i;
    if (i > start) split_chunk(text, start, i, tokens);
  }
  return tokens;
}

std::vector<std::vector<WordToken>> split_sentences(std::string_view text) {
  std::vector<std::vector<WordToken>> sentences;
  auto starts = sentence_starts(text);
  for (std::size_t s = 0; s < starts.size(); ++s) {
    std::size_t begin = starts[s];
    std::size_t end = s + 1 < starts.size() ? starts[s + 1] : text.size();
    auto words = split_words(text.substr(begin, end - begin));
    if (words.empty()) continue;
    for (auto& word : words) {
      word.begin += begin;
      word.end += begin;
    }
    sentences.push_back(std::move(words));
  }
  return sentences;
}

}  // namespace dateline::ner
