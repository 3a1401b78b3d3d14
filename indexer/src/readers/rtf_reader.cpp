// RTF documents, as older newsroom systems, wire desks and word
// processors saved stories. Debian has no library that turns RTF into
// text, so this is a small reader of RTF's syntax: groups, control words
// and the text between them.
//
//   title      \info's \title, else a short first paragraph
//   authors    \info's \author (";"-separated; not an account name)
//   published  \info's \creatim (\yr \mo \dy \hr \min)
//   dek        \info's \subject
//   tags       \info's \keywords (split at , and ;)
//   text       the body's paragraphs (\par); a table's row as one
//              paragraph, its cells parted by " | "; a field's shown
//              result, not its instruction; not the font, colour and style
//              tables, pictures, objects, headers, footers or footnotes
//
// \'hh bytes are read in the document's code page (\ansicpg, else
// Windows-1252), \uN as the Unicode character N (its \ucN fallback
// bytes passed over).

#include <algorithm>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers {

namespace {

// Where a group's text goes. \info's own text is none, but its \title,
// \author, \subject and \keywords groups are read.
enum class Sink { body, skip, info, title, author, subject, keywords };

struct GroupState {
  Sink sink = Sink::body;
  int fallback_chars = 1;  // \uc: bytes after \uN that stand in for it
};

// Destinations whose text is not the document's.
bool is_skipped_destination(std::string_view word) {
  for (std::string_view skipped :
       {"fonttbl",    "colortbl",  "stylesheet", "listtable",  "listoverridetable",
        "pict",       "object",    "header",     "headerl",    "headerr",
        "headerf",    "footer",    "footerl",    "footerr",    "footerf",
        "footnote",   "fldinst",   "themedata",  "datastore",  "latentstyles",
        "rsidtbl",    "generator", "xmlnstbl",   "mmathPr",    "revtbl",
        "pgdsctbl",   "filetbl",   "operator",   "company",    "doccomm",
        "comment",    "bkmkstart", "bkmkend",    "annotation", "atnid",
        "atnauthor",  "private",   "userprops",  "xe",         "tc",
        "nonshppict", "shppict",   "sp",         "sn",         "sv"}) {
    if (word == skipped) return true;
  }
  return false;
}

class RtfText {
 public:
  explicit RtfText(std::string charset) : m_charset(std::move(charset)) {}

  void set_charset(std::string charset) { m_charset = std::move(charset); }
  void byte(Sink sink, char value) {
    if (sink == Sink::skip || sink == Sink::info) return;
    if (sink != m_pending_sink) flush_bytes();
    m_pending_sink = sink;
    m_pending += value;
  }
  void text(Sink sink, std::string_view value) {
    if (sink == Sink::skip || sink == Sink::info) return;
    flush_bytes();
    target(sink) += value;
  }
  void paragraph_break() {
    flush_bytes();
    // A table row's last cell ends in the separator too.
    while (!m_body.empty() && (m_body.back() == ' ' || m_body.back() == '|')) m_body.pop_back();
    const std::string paragraph = collapse_whitespace(m_body);
    if (!paragraph.empty()) m_paragraphs.push_back(paragraph);
    m_body.clear();
  }
  std::string field(Sink sink) {
    flush_bytes();
    return collapse_whitespace(target(sink));
  }
  std::vector<std::string>& paragraphs() {
    paragraph_break();
    return m_paragraphs;
  }

 private:
  std::string& target(Sink sink) {
    switch (sink) {
      case Sink::title:
        return m_title;
      case Sink::author:
        return m_author;
      case Sink::subject:
        return m_subject;
      case Sink::keywords:
        return m_keywords;
      case Sink::body:
      case Sink::skip:
      case Sink::info:
        break;
    }
    return m_body;
  }
  // \'hh bytes in a row are decoded together: a code page may take two
  // bytes for a character (Shift_JIS, GBK).
  void flush_bytes() {
    if (m_pending.empty()) return;
    std::optional<std::string> decoded = decode_charset(m_pending, m_charset);
    target(m_pending_sink) += decoded ? *decoded : m_pending;
    m_pending.clear();
  }

  std::string m_charset;
  std::string m_pending;
  Sink m_pending_sink = Sink::body;
  std::string m_body, m_title, m_author, m_subject, m_keywords;
  std::vector<std::string> m_paragraphs;
};

// \uN's N as a code point: negative values are the upper half of the
// 16-bit range; a surrogate or nothing is U+FFFD.
char32_t code_point(long value) {
  if (value < 0) value += 65536;
  if (value <= 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0xFFFD;
  return static_cast<char32_t>(value);
}

bool is_letter(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

int hex_value(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

}  // namespace

void read_rtf(std::istream& in, const std::string& name, const ReaderLimits& limits,
              ArticleSink& sink) {
  std::string rtf;
  if (!read_whole(in, name, "RTF document", limits, sink, rtf)) return;
  if (!trim(rtf).starts_with("{\\rtf")) {
    sink.skip(Skip{name, "malformed-rtf", "not an RTF document: it does not begin with {\\rtf"});
    return;
  }
  RtfText out("windows-1252");
  std::vector<GroupState> groups{GroupState{}};
  std::string created[5];  // yr mo dy hr min, inside \creatim
  bool in_created = false;
  std::size_t created_depth = 0;
  int skip_fallback = 0;  // bytes still to pass over after a \uN
  bool destination_next = false;
  bool ignorable_next = false;  // after \*

  std::size_t at = 0;
  while (at < rtf.size()) {
    const char ch = rtf[at];
    GroupState& state = groups.back();
    if (ch == '{') {
      groups.push_back(state);
      destination_next = true;
      ignorable_next = false;
      ++at;
      continue;
    }
    if (ch == '}') {
      if (in_created && groups.size() == created_depth) in_created = false;
      if (groups.size() > 1) groups.pop_back();
      destination_next = false;
      ++at;
      continue;
    }
    if (ch == '\r' || ch == '\n') {
      ++at;
      continue;
    }
    if (ch != '\\') {
      if (skip_fallback > 0) {
        --skip_fallback;
      } else if (state.sink != Sink::skip) {
        out.byte(state.sink, ch);
      }
      destination_next = false;
      ++at;
      continue;
    }
    // A control symbol or word.
    ++at;
    if (at >= rtf.size()) break;
    const char next = rtf[at];
    if (next == '\'') {
      const int high = at + 1 < rtf.size() ? hex_value(rtf[at + 1]) : -1;
      const int low = at + 2 < rtf.size() ? hex_value(rtf[at + 2]) : -1;
      at += 3;
      if (high < 0 || low < 0) continue;
      if (skip_fallback > 0) {
        --skip_fallback;
      } else if (state.sink != Sink::skip) {
        out.byte(state.sink, static_cast<char>(high * 16 + low));
      }
      destination_next = false;
      continue;
    }
    if (!is_letter(next)) {
      ++at;
      if (next == '*') {
        ignorable_next = true;
        continue;
      }
      if (state.sink == Sink::skip) continue;
      if (next == '\\' || next == '{' || next == '}') {
        out.byte(state.sink, next);
      } else if (next == '~') {
        out.text(state.sink, " ");
      } else if (next == '_') {
        out.text(state.sink, "-");
      } else if (next == '\n' || next == '\r') {
        if (state.sink == Sink::body) out.paragraph_break();
      }
      destination_next = false;
      continue;
    }
    std::size_t end = at;
    while (end < rtf.size() && is_letter(rtf[end]) && end - at < 32) ++end;
    const std::string word = rtf.substr(at, end - at);
    std::size_t number_end = end;
    if (number_end < rtf.size() && rtf[number_end] == '-') ++number_end;
    while (number_end < rtf.size() && number_end - end < 10 && rtf[number_end] >= '0' &&
           rtf[number_end] <= '9') {
      ++number_end;
    }
    const std::string number = rtf.substr(end, number_end - end);
    const bool has_number = !number.empty() && number != "-";
    const long value = has_number ? std::stol(number) : 0;
    at = number_end;
    if (at < rtf.size() && rtf[at] == ' ') ++at;  // the delimiter

    if (in_created && has_number) {  // {\creatim\yr2022\mo3\dy9\hr7\min12}
      const std::string_view parts[5] = {"yr", "mo", "dy", "hr", "min"};
      for (int k = 0; k < 5; ++k) {
        if (word == parts[k]) created[k] = number;
      }
    }
    if (word == "bin" && has_number) {  // \binN: N raw bytes, braces and all
      at += std::min<std::size_t>(static_cast<std::size_t>(std::max(value, 0L)), rtf.size() - at);
      destination_next = false;
      continue;
    }
    const bool first_in_group = destination_next;
    destination_next = false;
    if (first_in_group && ignorable_next) {
      // \*\word: a destination this reader may not know; its text is not
      // the document's (\*\fldinst, \*\themedata...).
      ignorable_next = false;
      state.sink = Sink::skip;
      continue;
    }
    ignorable_next = false;
    if (state.sink == Sink::skip) continue;

    if (state.sink == Sink::info && first_in_group &&
        (word == "title" || word == "author" || word == "subject" || word == "keywords")) {
      state.sink = word == "title"     ? Sink::title
                   : word == "author"  ? Sink::author
                   : word == "subject" ? Sink::subject
                                       : Sink::keywords;
    } else if (word == "creatim") {
      in_created = true;
      created_depth = groups.size();
      state.sink = Sink::skip;
    } else if (word == "info") {
      state.sink = Sink::info;
    } else if (first_in_group && is_skipped_destination(word)) {
      // A destination begins its group; a stray one elsewhere is ignored
      // rather than taking the rest of the document with it.
      state.sink = Sink::skip;
    } else if (word == "ansicpg" && has_number) {
      out.set_charset(value == 65001   ? "utf-8"
                      : value == 10000 ? "macintosh"
                                       : "windows-" + std::to_string(value));
    } else if (word == "mac") {
      out.set_charset("macintosh");
    } else if (word == "uc" && has_number) {
      state.fallback_chars = static_cast<int>(value);
    } else if (word == "u" && has_number) {
      std::string character;
      append_utf8(character, code_point(value));
      out.text(state.sink, character);
      skip_fallback = state.fallback_chars;
      continue;
    } else if (state.sink == Sink::body &&
               (word == "par" || word == "row" || word == "sect" || word == "page")) {
      out.paragraph_break();
    } else if (word == "line" || word == "tab") {
      out.text(state.sink, " ");
    } else if (word == "cell") {
      out.text(state.sink, " | ");
    } else if (word == "emdash") {
      out.text(state.sink, "\xE2\x80\x94");
    } else if (word == "endash") {
      out.text(state.sink, "\xE2\x80\x93");
    } else if (word == "lquote" || word == "rquote") {
      out.text(state.sink, word == "lquote" ? "\xE2\x80\x98" : "\xE2\x80\x99");
    } else if (word == "ldblquote" || word == "rdblquote") {
      out.text(state.sink, word == "ldblquote" ? "\xE2\x80\x9C" : "\xE2\x80\x9D");
    } else if (word == "bullet") {
      out.text(state.sink, "\xE2\x80\xA2");
    }
    skip_fallback = 0;
  }

  Article article;
  std::string bad_date;
  article.title = out.field(Sink::title);
  for (auto& author : split_list(out.field(Sink::author), ";")) {
    if (!is_account_name(author)) article.authors.push_back(std::move(author));
  }
  article.dek = out.field(Sink::subject);
  article.tags = split_list(out.field(Sink::keywords), ",;");
  if (!created[0].empty()) {
    auto two = [](const std::string& part) {
      return part.size() == 1 ? "0" + part : part.empty() ? std::string("00") : part;
    };
    const std::string date = created[0] + "-" + two(created[1].empty() ? "1" : created[1]) + "-" +
                             two(created[2].empty() ? "1" : created[2]) + "T" + two(created[3]) +
                             ":" + two(created[4]) + ":00";
    article.published = parse_date(date);
    if (!article.published) bad_date = date;
  }
  std::vector<std::string>& paragraphs = out.paragraphs();
  // News databases' RTF exports (Nexis Uni's, Factiva's): many articles.
  if (read_export_blocks(paragraphs, name, limits, sink)) return;
  if (article.title.empty() && paragraphs.size() > 1 && could_be_headline(paragraphs.front())) {
    article.title = paragraphs.front();
    paragraphs.erase(paragraphs.begin());
  } else if (!paragraphs.empty() && !article.title.empty() &&
             fold(paragraphs.front()) == fold(article.title)) {
    paragraphs.erase(paragraphs.begin());
  }
  article.paragraphs = std::move(paragraphs);
  finish_article(std::move(article), bad_date, name, "rtf", limits, sink);
}

}  // namespace dateline::readers
