#include <istream>

#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers {

namespace {
void repair_field(std::string& field, std::size_t& repaired) {
  if (is_valid_utf8(field)) {
    // Still strip NULs and control characters, which break terminals and JSON.
    bool clean = true;
    for (char ch : field) {
      auto byte = static_cast<unsigned char>(ch);
      if (byte < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') clean = false;
    }
    if (clean) return;
  }
  std::size_t count = 0;
  field = repair_utf8(field, &count);
  repaired += count;
}
}  // namespace

std::string message_excerpt(std::string_view value, std::size_t limit) {
  if (value.size() > limit) {
    while (limit > 0 && (static_cast<unsigned char>(value[limit]) & 0xC0) == 0x80) --limit;
    value = value.substr(0, limit);
  }
  std::string out = repair_utf8(value);
  for (char& ch : out) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = ' ';
  }
  return out;
}

void finish_article(Article&& article, const std::string& origin, std::string_view format,
                    const ReaderLimits& limits, ArticleSink& sink) {
  if (article.text_size() > limits.max_article_bytes) {
    sink.skip(Skip{origin, "too-large",
                   "article has " + std::to_string(article.text_size()) +
                       " bytes of text, over the limit of " +
                       std::to_string(limits.max_article_bytes)});
    return;
  }
  bool truncated = false;
  auto cap = [&](auto& list) {
    if (list.size() > limits.max_list_items) {
      list.resize(limits.max_list_items);
      truncated = true;
    }
  };
  cap(article.tags);
  cap(article.authors);
  cap(article.given_entities);
  if (truncated) {
    sink.warning(Skip{origin, "too-many-tags",
                      "more than " + std::to_string(limits.max_list_items) +
                          " tags, authors or entities; the rest were dropped"});
  }
  std::size_t repaired = 0;
  for (std::string* field : {&article.id, &article.url, &article.source, &article.title,
                             &article.dek, &article.language, &article.dateline}) {
    repair_field(*field, repaired);
  }
  for (auto* list : {&article.authors, &article.paragraphs, &article.tags}) {
    for (auto& item : *list) repair_field(item, repaired);
  }
  for (auto& entity : article.given_entities) {
    repair_field(entity.key, repaired);
    repair_field(entity.display, repaired);
  }
  article.title = collapse_whitespace(article.title);
  article.dek = collapse_whitespace(article.dek);
  for (auto& paragraph : article.paragraphs) paragraph = collapse_whitespace(paragraph);
  std::erase_if(article.paragraphs, [](const std::string& p) { return p.empty(); });
  // Repair can grow the text (a Windows-1252 byte becomes up to three bytes
  // of UTF-8), so the limit holds for the text as indexed too (found by
  // fuzzing read_path).
  if (article.text_size() > limits.max_article_bytes) {
    sink.skip(Skip{origin, "too-large",
                   "article has " + std::to_string(article.text_size()) +
                       " bytes of text once repaired, over the limit of " +
                       std::to_string(limits.max_article_bytes)});
    return;
  }
  if (!article.has_text()) {
    sink.skip(Skip{origin, "no-text", "article has no title or body text"});
    return;
  }
  if (repaired > 0) sink.repaired(origin, repaired);
  article.id = stable_article_id(article);
  article.format = std::string(format);
  article.origin = origin;
  sink.article(std::move(article));
}

bool read_bounded_line(std::istream& in, std::string& line, std::size_t limit, bool& too_long) {
  line.clear();
  too_long = false;
  std::streambuf* buffer = in.rdbuf();
  bool any = false;
  for (;;) {
    int ch = buffer->sbumpc();
    if (ch == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      return any;
    }
    any = true;
    if (ch == '\n') return true;
    if (line.size() < limit) {
      line.push_back(static_cast<char>(ch));
    } else {
      too_long = true;
    }
  }
}

}  // namespace dateline::readers
