// Plain-text articles in the seed article's format:
//
//   Id: russia-ukraine-live            <- optional header block of "Key: value"
//   Date: 2022-03-11                      lines (keys below), ended by a blank line
//   Source: ABC News
//
//   Headline on the first line
//   Dek (summary) on the second line
//   Every further non-blank line is a paragraph.
//
// Header keys (case-insensitive): Id, Date (or Published), Source, URL,
// Author/Authors/By (comma-separated), Language/Lang, Tags (comma-separated),
// People, Places, Organisations (comma-separated names given by the source),
// Title (or Headline) and Dek (or Subtitle). When the header gives
// the headline, every line of the body is a paragraph.

#include <istream>

#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers {

namespace {
constexpr std::size_t min_word_list_lines = 10;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  }
  return out;
}

// Returns true when `line` is a header line with a known key.
bool apply_header(std::string_view line, Article& article, std::string& bad_date) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 20) return false;
  std::string key = lower(trim(line.substr(0, colon)));
  std::string value(trim(line.substr(colon + 1)));
  if (key == "id") {
    article.id = value;
  } else if (key == "date" || key == "published") {
    article.published = parse_date(value);
    if (!article.published) bad_date = value;
  } else if (key == "title" || key == "headline") {
    article.title = value;
  } else if (key == "dek" || key == "subtitle") {
    article.dek = value;
  } else if (key == "source") {
    article.source = value;
  } else if (key == "url") {
    article.url = value;
  } else if (key == "author" || key == "authors" || key == "by") {
    article.authors = split_list(value);
  } else if (key == "language" || key == "lang") {
    article.language = lower(value);
  } else if (key == "tags") {
    article.tags = split_list(value);
  } else if (key == "people" || key == "places" || key == "organisations" ||
             key == "organizations") {
    Entity::Type type = key == "people"   ? Entity::Type::person
                        : key == "places" ? Entity::Type::place
                                          : Entity::Type::organisation;
    for (auto& name : split_list(value)) {
      article.given_entities.push_back(Entity{type, fold(name), name});
    }
  } else {
    return false;
  }
  return true;
}
}  // namespace

void read_text(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink) {
  Article article;
  std::string line;
  bool too_long = false;
  std::string bad_date;
  bool in_header = true;
  bool header_seen = false;
  bool headline_given = false;  // by a Title header: the body is all paragraphs
  std::size_t total = 0;
  std::size_t body_lines = 0;
  bool one_word_lines = true;  // every body line so far a single word
  while (read_bounded_line(in, line, limits.max_record_bytes, too_long)) {
    total += line.size();
    if (too_long || total > limits.max_article_bytes) {
      sink.skip(Skip{name, "too-large",
                     "article larger than " + std::to_string(limits.max_article_bytes) + " bytes"});
      return;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (total == line.size() && line.starts_with(utf8_bom)) line.erase(0, utf8_bom.size());
    std::string_view text = trim(line);
    if (in_header) {
      if (text.empty()) {
        if (header_seen) {
          in_header = false;
          headline_given = !article.title.empty();
        }
        continue;
      }
      if (apply_header(text, article, bad_date)) {
        header_seen = true;
        continue;
      }
      in_header = false;
      headline_given = !article.title.empty();
    }
    if (text.empty()) continue;
    one_word_lines = one_word_lines && text.find_first_of(" \t") == std::string_view::npos;
    if (headline_given) {
      article.paragraphs.emplace_back(text);
    } else if (body_lines == 0) {
      article.title = std::string(text);
    } else if (body_lines == 1) {
      article.dek = std::string(text);
    } else {
      article.paragraphs.emplace_back(text);
    }
    ++body_lines;
  }
  // A collection's list of its tags or names (Reuters-21578's
  // all-topics-strings.lc.txt: "acq", "alum", ... one a line) is no article.
  if (one_word_lines && body_lines >= min_word_list_lines) {
    sink.skip(Skip{name, "word-list",
                   "a list of " + std::to_string(body_lines) + " one-word lines, not an article"});
    return;
  }
  finish_article(std::move(article), bad_date, name, "text", limits, sink);
}

}  // namespace dateline::readers
