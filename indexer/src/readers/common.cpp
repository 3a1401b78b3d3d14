#include <algorithm>
#include <cctype>
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

std::string quote_values(const std::vector<std::string>& values) {
  constexpr std::size_t shown = 3, value_limit = 40;
  std::string out;
  for (std::size_t i = 0; i < values.size() && i < shown; ++i) {
    std::string_view value = trim(values[i]);
    if (i > 0) out += ", ";
    out +=
        "\"" + message_excerpt(value, value_limit) + (value.size() > value_limit ? "...\"" : "\"");
  }
  if (values.size() > shown) out += " and " + std::to_string(values.size() - shown) + " more";
  return out;
}

void finish_article(Article&& article, std::string_view bad_date, const std::string& origin,
                    std::string_view format, const ReaderLimits& limits, ArticleSink& sink) {
  if (!bad_date.empty()) {
    sink.warning(Skip{origin, "bad-date",
                      "unparsable date \"" + message_excerpt(bad_date) + "\"; indexed undated"});
  }
  finish_article(std::move(article), origin, format, limits, sink);
}

bool read_bounded_line(std::istream& in, std::string& line, std::size_t limit, bool& too_long) {
  line.clear();
  too_long = false;
  bool any = false;
  // istream::getline scans the stream's buffer in bulk; a byte-at-a-time
  // loop made line reading the slowest part of the Reuters reader.
  char chunk[1 << 12];
  for (;;) {
    in.getline(chunk, sizeof chunk);
    auto got = static_cast<std::size_t>(in.gcount());
    bool chunk_full = in.fail() && !in.eof() && got == sizeof chunk - 1;
    bool ended_line = !in.fail() && !in.eof();  // the newline was taken too
    std::size_t stored = ended_line ? got - 1 : got;
    if (got > 0) any = true;
    std::size_t room = line.size() < limit ? limit - line.size() : 0;
    if (stored > room) too_long = true;
    line.append(chunk, std::min(stored, room));
    if (!chunk_full) break;
    in.clear(in.rdstate() & ~std::ios::failbit);
  }
  if (any) in.clear(in.rdstate() & ~std::ios::failbit);
  return any;
}

bool read_bounded_all(std::istream& in, std::string& text, std::size_t limit) {
  text.clear();
  char buffer[1 << 16];
  bool fits = true;
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    auto got = static_cast<std::size_t>(in.gcount());
    if (fits && text.size() + got > limit) {
      fits = false;
      // Drop what was kept: a caller that skips the input must not hold it.
      std::string().swap(text);
    }
    if (fits) text.append(buffer, got);
  }
  return fits;
}

Skip too_large(const std::string& origin, std::string_view what, std::size_t limit) {
  return Skip{origin, "too-large",
              std::string(what) + " longer than " + std::to_string(limit) + " bytes"};
}

std::vector<std::string> split_paragraphs(std::string_view text, bool indent_starts_paragraph) {
  std::vector<std::string> paragraphs;
  std::string current;
  auto flush = [&] {
    if (current.empty()) return;
    // Most wire and mail lines hold single ASCII spaces only: skip the full
    // (Unicode-aware) collapse for them, it dominated reading Reuters.
    bool plain = std::none_of(current.begin(), current.end(),
                              [](char ch) {
                                return ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v' ||
                                       static_cast<unsigned char>(ch) >= 0x80;
                              }) &&
                 current.find("  ") == std::string::npos;
    paragraphs.push_back(plain ? std::move(current) : collapse_whitespace(current));
    current.clear();
  };
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    std::string_view content = trim(line);
    if (content.empty()) {
      flush();
      continue;
    }
    if (indent_starts_paragraph && (line[0] == ' ' || line[0] == '\t')) flush();
    if (!current.empty()) current += ' ';
    current += content;
  }
  flush();
  return paragraphs;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + ('a' - 'A'));
  }
  return out;
}

bool is_collection_documentation(std::string_view file_name) {
  const std::string lower = ascii_lower(file_name);
  if (lower.starts_with("readme")) return true;
  // LICENSE, LICENCE.txt, COPYING-GPL, but not licensed-photos.txt.
  for (std::string_view word : {"license", "licence", "copying"}) {
    if (lower.starts_with(word) && (lower.size() == word.size() ||
                                    !std::isalpha(static_cast<unsigned char>(lower[word.size()]))))
      return true;
  }
  // Checksum lists (SHA256SUMS, MD5SUMS.txt).
  std::string_view list(lower);
  if (list.ends_with(".txt")) list.remove_suffix(4);
  for (std::string_view sums : {"md5sums", "sha1sums", "sha224sums", "sha256sums", "sha384sums",
                                "sha512sums", "b2sums", "cksums"}) {
    if (list == sums) return true;
  }
  // Checksums and signatures of one file, and markup schemas
  // (Reuters-21578's lewis.dtd).
  for (std::string_view end :
       {".md5", ".sha1", ".sha256", ".sha512", ".sig", ".asc", ".dtd", ".xsd"}) {
    if (lower.ends_with(end) && lower.size() > end.size()) return true;
  }
  return lower == "dateline-corpus.json";
}

}  // namespace dateline::readers
