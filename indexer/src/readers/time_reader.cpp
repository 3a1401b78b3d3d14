// The TIME test collection (TIME.ALL, Time magazine world news from 1963):
//
//   *TEXT 017 01/04/63 PAGE 020        <- header: article number, issue date, page
//                                         (extra spaces occur; one date is "08/30 63")
//   THE ALLIES AFTER NASSAU IN DECEMBER 1960, THE U.S . FIRST
//                                      <- a blank line after every text line
//   PROPOSED TO HELP NATO DEVELOP ...
//   *TEXT 018 01/04/63 PAGE 021
//   ...
//   *STOP                              <- end of the collection
//
// Each article becomes: id = the article number as written ("017", the DOCNO
// of the collection's relevance judgments), published = the issue date,
// source "Time", language "en".
//
// The text lines are typesetting lines, not paragraphs, and the collection
// marks no paragraphs at all. The reader joins an article's lines, re-attaches
// the punctuation the collection split off ("U.S . FIRST" -> "U.S. FIRST",
// "WHAT ? TORY" -> "WHAT? TORY"), splits the text into sentences with the
// shared sentence_starts(), and groups whole sentences into paragraphs of at
// least paragraph_words words, so passages are a few sentences long.
//
// The title: the collection has none; each text opens with the section and
// the headline run into the first sentence ("THE ALLIES AFTER NASSAU IN
// DECEMBER 1960, ..."). The reader uses that first sentence as the title (at
// most title_words words; a longer sentence is cut there and continues as the
// first paragraph). The title is not repeated in the paragraphs, so every
// word of the article is indexed exactly once as body text.

#include <istream>
#include <optional>

#include "dateline/common/date.h"
#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers {

namespace {

constexpr std::size_t paragraph_words = 80;
constexpr std::size_t title_words = 30;

struct Header {
  std::string number;  // "017"; empty when the header has none
  std::string date;    // the date as written, for messages
  std::optional<DateTime> published;
};

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// "01/04/63" or, as in TEXT 431, "08/30 63": month, day and two-digit year
// (19yy) separated by slashes or spaces.
std::optional<DateTime> parse_issue_date(std::string_view text) {
  std::vector<int> parts;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '/' || text[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == start || i - start > 2) return std::nullopt;
    parts.push_back(std::stoi(std::string(text.substr(start, i - start))));
  }
  if (parts.size() != 3) return std::nullopt;
  CivilDate date{1900 + parts[2], parts[0], parts[1]};
  if (!is_valid_civil(date)) return std::nullopt;
  DateTime published;
  published.utc_seconds = days_from_civil(date) * 86400;
  return published;
}

// "*TEXT 017 01/04/63 PAGE 020" with any spacing.
Header parse_header(std::string_view line) {
  Header header;
  auto words = split_words(line.substr(5));
  if (words.empty() || !all_digits(words[0])) return header;
  header.number = std::string(words[0]);
  std::string date;
  for (std::size_t k = 1; k < words.size() && words[k] != "PAGE"; ++k) {
    if (!date.empty()) date += ' ';
    date += words[k];
  }
  header.date = date;
  header.published = parse_issue_date(date);
  return header;
}

bool is_closing_punctuation(std::string_view word) {
  return word == "." || word == "," || word == ";" || word == ":" || word == "?" || word == "!" ||
         word == ")";
}

// Join the article's words with the split-off punctuation re-attached. Double
// quotes alternate open/close; when an article has an odd number of them the
// pairing is unknown and they keep their spaces.
std::string rejoin(const std::vector<std::string_view>& words) {
  std::size_t quotes = 0;
  for (auto word : words) quotes += word == "\"" ? 1 : 0;
  bool pair_quotes = quotes % 2 == 0;
  bool inside_quote = false;
  bool glue_next = false;
  std::string text;
  for (auto word : words) {
    bool glue = glue_next || is_closing_punctuation(word);
    glue_next = word == "(";
    if (pair_quotes && word == "\"") {
      inside_quote = !inside_quote;
      if (inside_quote) {
        glue_next = true;
      } else {
        glue = true;
      }
    }
    if (!text.empty() && !glue) text += ' ';
    text += word;
  }
  return text;
}

// Title and paragraphs from the article's joined text (see the file comment).
void shape_article(const std::string& text, Article& article) {
  std::vector<std::size_t> starts = sentence_starts(text);
  starts.push_back(text.size());
  std::vector<std::string> sentences;
  for (std::size_t k = 0; k + 1 < starts.size(); ++k) {
    auto sentence = trim(std::string_view(text).substr(starts[k], starts[k + 1] - starts[k]));
    if (!sentence.empty()) sentences.emplace_back(sentence);
  }
  if (sentences.empty()) return;

  auto first_words = split_words(sentences.front());
  if (first_words.size() <= title_words) {
    article.title = sentences.front();
    sentences.erase(sentences.begin());
  } else {
    std::string_view first = sentences.front();
    std::size_t cut = static_cast<std::size_t>(first_words[title_words].data() - first.data());
    article.title = std::string(trim(first.substr(0, cut)));
    sentences.front() = std::string(first.substr(cut));
  }

  std::string paragraph;
  std::size_t words = 0;
  for (const auto& sentence : sentences) {
    if (!paragraph.empty()) paragraph += ' ';
    paragraph += sentence;
    words += split_words(sentence).size();
    if (words >= paragraph_words) {
      article.paragraphs.push_back(std::move(paragraph));
      paragraph.clear();
      words = 0;
    }
  }
  if (!paragraph.empty()) {
    // A short tail joins the paragraph before it rather than standing alone.
    if (words < paragraph_words / 4 && !article.paragraphs.empty()) {
      article.paragraphs.back() += ' ' + paragraph;
    } else {
      article.paragraphs.push_back(std::move(paragraph));
    }
  }
}

}  // namespace

void read_time(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink) {
  std::string line;
  bool too_long = false;
  std::size_t line_number = 0;

  // The article being read; `in_article` is false before the first header,
  // after *STOP, and after a header that could not be used.
  bool in_article = false;
  bool oversized = false;
  Header header;
  std::string origin;
  std::vector<std::string> lines;
  std::size_t bytes = 0;

  auto flush = [&] {
    if (!in_article) return;
    in_article = false;
    if (oversized) {
      sink.skip(Skip{origin, "too-large",
                     "article larger than " + std::to_string(limits.max_article_bytes) + " bytes"});
      return;
    }
    std::vector<std::string_view> words;
    for (const auto& text_line : lines) {
      auto line_words = split_words(text_line);
      words.insert(words.end(), line_words.begin(), line_words.end());
    }
    Article article;
    article.id = header.number;
    article.source = "Time";
    article.language = "en";
    article.published = header.published;
    shape_article(rejoin(words), article);
    if (!header.published) {
      sink.warning(
          Skip{origin, "bad-date",
               "unparsable issue date \"" + message_excerpt(header.date) + "\"; indexed undated"});
    }
    finish_article(std::move(article), origin, "time", limits, sink);
  };

  bool stopped = false;
  while (read_bounded_line(in, line, limits.max_record_bytes, too_long)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with("*STOP")) {
      flush();
      stopped = true;
      break;
    }
    if (line.starts_with("*TEXT")) {
      flush();
      origin = name + ":" + std::to_string(line_number);
      header = parse_header(line);
      if (header.number.empty()) {
        sink.skip(
            Skip{origin, "malformed-header",
                 "a *TEXT header without an article number: \"" + message_excerpt(line) + "\""});
        continue;
      }
      in_article = true;
      oversized = false;
      lines.clear();
      bytes = 0;
      continue;
    }
    if (!in_article || oversized) continue;
    bytes += line.size() + 1;
    if (too_long || bytes > limits.max_article_bytes) {
      oversized = true;
      lines.clear();
      continue;
    }
    if (!trim(line).empty()) lines.push_back(line);
  }
  flush();
  if (!stopped && line_number > 0) {
    sink.warning(Skip{name + ":" + std::to_string(line_number), "truncated",
                      "no *STOP line at the end; the last article may be incomplete"});
  }
}

}  // namespace dateline::readers
