#include <algorithm>
#include <array>
#include <cctype>
#include <istream>
#include <iterator>

#include "dateline/common/article_json.h"
#include "dateline/common/error.h"
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

bool ArticleTable::take_header(const std::vector<std::string>& cells) {
  m_fields.clear();
  bool body = false, title = false, anchored = false;
  for (const auto& cell : cells) {
    std::string_view field = article_field_name(trim(cell));
    m_fields.push_back(field);
    const std::string_view canonical = canonical_article_field(field);
    body = body || canonical == "body" || canonical == "paragraphs";
    title = title || canonical == "title";
    anchored = anchored || canonical == "url" || canonical == "published";
  }
  // A list of headlines has their addresses or dates; a "Title" column
  // alone is as likely a staff list's job titles.
  const bool articles = body || (title && anchored);
  if (!articles) m_fields.clear();
  return articles;
}

void ArticleTable::take_row(std::vector<std::string>& cells, const std::string& origin,
                            std::string_view format, const ReaderLimits& limits,
                            ArticleSink& sink) const {
  std::vector<ArticleFieldValue> fields;
  std::size_t repaired = 0;
  for (std::size_t column = 0; column < cells.size() && column < m_fields.size(); ++column) {
    std::string& cell = cells[column];
    if (m_fields[column].empty() || trim(cell).empty()) continue;
    if (!is_valid_utf8(cell)) {
      std::size_t count = 0;
      cell = repair_utf8(cell, &count);
      repaired += count;
    }
    fields.emplace_back(m_fields[column], cell);
  }
  if (repaired > 0) sink.repaired(origin, repaired);
  std::string bad_date;
  Article article;
  try {
    article = article_from_fields(fields, &bad_date);
  } catch (const InvalidArgumentError& error) {
    sink.skip(Skip{origin, "bad-field", message_excerpt(error.what(), 300)});
    return;
  }
  // A cell of a list field holds the list: "grain, wheat" is two tags.
  // Authors are parted by ";" only, since a cell may name one "Last, First"
  // (read as "First Last"); so are names where the cell holds a ";"
  // ("Putin, Vladimir; Biden, Joe"), else at ",".
  std::vector<std::string> tags;
  for (const auto& cell : article.tags) {
    for (auto& tag : split_list(cell, ",;")) tags.push_back(std::move(tag));
  }
  article.tags = std::move(tags);
  std::vector<std::string> authors;
  for (const auto& cell : article.authors) {
    for (auto& author : split_list(cell, ";")) {
      authors.push_back(first_name_first(std::move(author)));
    }
  }
  article.authors = std::move(authors);
  std::vector<Entity> entities;
  for (const auto& cell : article.given_entities) {
    const bool semicolons = cell.display.find(';') != std::string::npos;
    for (auto& name : split_list(cell.display, semicolons ? ";" : ",")) {
      if (semicolons && cell.type == Entity::Type::person) name = first_name_first(std::move(name));
      entities.push_back(Entity{cell.type, fold(collapse_whitespace(name)), std::move(name)});
    }
  }
  article.given_entities = std::move(entities);
  finish_article(std::move(article), bad_date, origin, format, limits, sink);
}

std::string first_name_first(std::string name) {
  name = std::string(trim(name));
  while (!name.empty() && name.back() == '.') name.pop_back();
  const std::size_t comma = name.find(", ");
  if (comma == std::string::npos || name.find(',', comma + 1) != std::string::npos) return name;
  return std::string(trim(name.substr(comma + 2))) + " " + name.substr(0, comma);
}

std::string ArticleTable::no_header_detail(std::string_view row,
                                           const std::vector<std::string>& cells) {
  return "no header row naming article fields: the first " + std::string(row) +
         " must name columns such as title, text, date (found " + quote_values(cells) + ")";
}

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

bool read_whole(std::istream& in, const std::string& name, std::string_view what,
                const ReaderLimits& limits, ArticleSink& sink, std::string& bytes) {
  if (read_bounded_all(in, bytes, limits.max_record_bytes)) return true;
  sink.skip(too_large(name, what, limits.max_record_bytes));
  return false;
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

std::string language_code(std::string_view tag) {
  std::string code = ascii_lower(trim(tag).substr(0, trim(tag).find_first_of("-_")));
  if (code.size() < 2 || code.size() > 3) return {};
  for (char ch : code) {
    if (ch < 'a' || ch > 'z') return {};
  }
  return code;
}

std::vector<std::string> byline_names(std::string byline) {
  if (ascii_lower(byline).starts_with("by ")) byline = byline.substr(3);
  const std::string lowered = ascii_lower(byline);
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start < byline.size()) {
    std::size_t comma = byline.find(',', start);
    std::size_t conjunction = lowered.find(" and ", start);
    std::size_t end = std::min(comma, conjunction);
    std::string name(trim(byline.substr(start, end == std::string::npos ? end : end - start)));
    if (!name.empty()) names.push_back(name);
    if (end == std::string::npos) break;
    start = end + (end == comma ? 1 : 5);
  }
  return names;
}

std::vector<std::string> split_list(std::string_view value, std::string_view separators) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find_first_of(separators, start);
    if (end == std::string_view::npos) end = value.size();
    auto item = trim(value.substr(start, end - start));
    if (!item.empty()) items.emplace_back(item);
    start = end + 1;
  }
  return items;
}

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

std::string delete_hint(std::string_view id) {
  if (id.empty()) return {};
  return "; `dateline-index delete " + message_excerpt(id, 120) +
         "` removes a version indexed before";
}

bool is_byline_role(std::string_view part) {
  for (const std::string& word : split_list(ascii_lower(part), " ")) {
    const std::string_view singular =
        std::string_view(word).substr(0, word.ends_with('s') ? word.size() - 1 : word.size());
    for (std::string_view role :
         {"writer", "correspondent", "editor", "reporter", "staff", "columnist", "critic", "bureau",
          "service", "press", "times", "news", "journal", "contributor", "special", "wire"}) {
      if (word == role || singular == role) return true;
    }
  }
  return false;
}

bool is_file_title(std::string_view title) {
  const std::string lowered = ascii_lower(trim(title));
  if (lowered.empty() || lowered == "untitled" || lowered.starts_with("untitled-") ||
      lowered.starts_with("microsoft word - ") || lowered.starts_with("microsoft powerpoint - ")) {
    return true;
  }
  for (std::string_view ext : {".doc", ".docx", ".odt", ".rtf", ".txt", ".indd", ".qxd", ".qxp",
                               ".pdf", ".pages", ".html", ".htm", ".tex"}) {
    if (lowered.ends_with(ext)) return true;
  }
  return false;
}

bool is_account_name(std::string_view name) {
  const std::string lowered = ascii_lower(name);
  for (std::string_view generic : {"microsoft office user", "windows user", "user", "admin",
                                   "administrator", "unknown", "author", "owner", "office"}) {
    if (lowered == generic) return true;
  }
  return false;
}

bool could_be_headline(std::string_view paragraph) {
  return paragraph.size() <= 200 && !paragraph.ends_with('.');
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

namespace {
// The value after `key=` at `at` in `text` (quotes dropped), lower case.
std::string attribute_value(std::string_view text, std::size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  if (at >= text.size() || text[at] != '=') return "";
  ++at;
  while (at < text.size() &&
         (text[at] == ' ' || text[at] == '\t' || text[at] == '"' || text[at] == '\'')) {
    ++at;
  }
  std::size_t end = at;
  while (end < text.size() &&
         (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '-' ||
          text[end] == '_' || text[end] == '.' || text[end] == ':')) {
    ++end;
  }
  return ascii_lower(text.substr(at, end - at));
}

// The value of the first `key=` in `text` (lower case), or "".
std::string find_attribute(std::string_view lowered, std::string_view key) {
  for (std::size_t at = lowered.find(key); at != std::string_view::npos;
       at = lowered.find(key, at + 1)) {
    std::string value = attribute_value(lowered, at + key.size());
    if (!value.empty()) return value;
  }
  return "";
}
}  // namespace

std::string charset_parameter(std::string_view content_type) {
  return find_attribute(ascii_lower(content_type), "charset");
}

std::string declared_html_charset(std::string_view html) {
  const std::string head = ascii_lower(html.substr(0, 4096));
  if (head.starts_with("<?xml")) {
    std::string_view declaration = std::string_view(head).substr(0, head.find("?>"));
    if (std::string encoding = find_attribute(declaration, "encoding"); !encoding.empty()) {
      return encoding;
    }
  }
  for (std::size_t at = head.find("<meta"); at != std::string::npos;
       at = head.find("<meta", at + 5)) {
    std::string_view tag = std::string_view(head).substr(at, head.find('>', at) - at);
    if (std::string charset = find_attribute(tag, "charset"); !charset.empty()) return charset;
  }
  return "";
}

std::optional<std::string> decode_charset(std::string_view bytes, std::string_view label) {
  std::string name = ascii_lower(trim(label));
  if (name.empty() || name == "utf-8" || name == "utf8" || name.starts_with("utf-16") ||
      name == "unicode-1-1-utf-8" || name == "x-user-defined") {
    return std::nullopt;
  }
  // Labels browsers read as another charset than their name says.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> whatwg{{
      {"iso-8859-1", "windows-1252"},
      {"iso8859-1", "windows-1252"},
      {"latin1", "windows-1252"},
      {"l1", "windows-1252"},
      {"us-ascii", "windows-1252"},
      {"ascii", "windows-1252"},
      {"iso-8859-9", "windows-1254"},
      {"latin5", "windows-1254"},
      {"iso-8859-11", "windows-874"},
      {"tis-620", "windows-874"},
      {"gb2312", "gb18030"},
      {"gbk", "gb18030"},
      {"x-gbk", "gb18030"},
      {"euc-kr", "windows-949"},
      {"ks_c_5601-1987", "windows-949"},
      {"x-sjis", "shift_jis"},
  }};
  for (const auto& [from, to] : whatwg) {
    if (name == from) name = std::string(to);
  }
  // The bytes as a stream, without copying them.
  struct View : std::streambuf {
    explicit View(std::string_view text) {
      char* begin = const_cast<char*>(text.data());
      setg(begin, begin, begin + text.size());
    }
  } view(bytes);
  CharsetDecoder decoder(&view, name);
  if (!decoder.ok() || decoder.canonical_name().starts_with("utf-")) return std::nullopt;
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  out.assign(std::istreambuf_iterator<char>(&decoder), std::istreambuf_iterator<char>());
  return out;
}

namespace {
UConverter* open_converter(const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* converter = ucnv_open(charset.c_str(), &status);
  return U_SUCCESS(status) ? converter : nullptr;
}
}  // namespace

CharsetDecoder::CharsetDecoder(std::streambuf* source, const std::string& charset, std::size_t skip)
    : m_source(source),
      m_from(open_converter(charset), ucnv_close),
      m_to(open_converter("utf-8"), ucnv_close) {
  for (std::size_t k = 0; k < skip; ++k) m_source->sbumpc();
}

std::string CharsetDecoder::canonical_name() const {
  if (m_from == nullptr) return "";
  UErrorCode status = U_ZERO_ERROR;
  const char* name = ucnv_getName(m_from.get(), &status);
  return U_SUCCESS(status) && name != nullptr ? ascii_lower(name) : "";
}

std::string_view CharsetDecoder::peek_head() {
  if (gptr() == egptr()) underflow();
  return std::string_view(gptr(), static_cast<std::size_t>(egptr() - gptr()));
}

CharsetDecoder::int_type CharsetDecoder::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (!ok()) return traits_type::eof();
  for (;;) {
    if (m_in_at == m_in_end && !m_source_done) {
      const std::streamsize got =
          m_source->sgetn(m_in.data(), static_cast<std::streamsize>(m_in.size()));
      m_in_at = 0;
      m_in_end = got > 0 ? static_cast<std::size_t>(got) : 0;
      m_source_done = got <= 0;
    }
    if (m_flushed) return traits_type::eof();
    // ICU converts through a UTF-16 pivot, kept between blocks.
    char* target = m_out.data();
    const char* source = m_in.data() + m_in_at;
    UErrorCode status = U_ZERO_ERROR;
    ucnv_convertEx(m_to.get(), m_from.get(), &target, m_out.data() + m_out.size(), &source,
                   m_in.data() + m_in_end, m_pivot.data(), &m_pivot_source, &m_pivot_target,
                   m_pivot.data() + m_pivot.size(), m_first, m_source_done, &status);
    m_first = false;
    m_in_at = static_cast<std::size_t>(source - m_in.data());
    if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) return traits_type::eof();
    if (m_source_done && status != U_BUFFER_OVERFLOW_ERROR) m_flushed = true;
    if (target > m_out.data()) {
      setg(m_out.data(), m_out.data(), target);
      return traits_type::to_int_type(*gptr());
    }
  }
}

}  // namespace dateline::readers

namespace dateline::readers {

std::vector<std::string> text_blocks(std::string_view text, std::vector<std::size_t>* lines) {
  std::vector<std::string> blocks;
  std::string block;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line_number;
    const std::string_view line = trim(text.substr(start, end - start));
    if (line.empty()) {
      if (!block.empty()) blocks.push_back(std::move(block));
      block.clear();
    } else {
      if (block.empty() && lines != nullptr) lines->push_back(line_number);
      block += (block.empty() ? "" : "\n") + std::string(line);
    }
    start = end + 1;
  }
  if (!block.empty()) blocks.push_back(std::move(block));
  return blocks;
}

std::vector<std::string> split_layout_lines(
    const std::vector<std::string>& blocks,
    const std::function<bool(std::string_view)>& is_layout_line) {
  std::vector<std::string> out;
  out.reserve(blocks.size());
  for (const std::string& block : blocks) {
    std::vector<std::string> lines = split_list(block, "\n");
    if (lines.size() > 1 && std::ranges::any_of(lines.begin() + 1, lines.end(), is_layout_line)) {
      for (std::string& line : lines) out.push_back(std::move(line));
    } else {
      out.push_back(block);
    }
  }
  return out;
}

bool read_export_blocks(const std::vector<std::string>& blocks, const std::string& name,
                        const ReaderLimits& limits, ArticleSink& sink) {
  if (is_lexisnexis_export(blocks)) {
    read_lexisnexis_blocks(blocks, {}, name, limits, sink);
    return true;
  }
  return read_factiva_blocks(blocks, name, limits, sink);
}

std::string language_from_name(std::string_view name) {
  // English names and each language's own, folded (as fold() leaves
  // "FRANÇAIS": "francais"), as the news databases write them.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 36> names{{
      {"english", "en"},   {"anglais", "en"},     {"englisch", "en"},   {"french", "fr"},
      {"francais", "fr"},  {"franzosisch", "fr"}, {"german", "de"},     {"deutsch", "de"},
      {"allemand", "de"},  {"spanish", "es"},     {"espanol", "es"},    {"espagnol", "es"},
      {"spanisch", "es"},  {"italian", "it"},     {"italiano", "it"},   {"italien", "it"},
      {"dutch", "nl"},     {"nederlands", "nl"},  {"portuguese", "pt"}, {"portugues", "pt"},
      {"swedish", "sv"},   {"svenska", "sv"},     {"danish", "da"},     {"dansk", "da"},
      {"norwegian", "no"}, {"norsk", "no"},       {"finnish", "fi"},    {"suomi", "fi"},
      {"russian", "ru"},   {"русский", "ru"},     {"polish", "pl"},     {"polski", "pl"},
      {"turkish", "tr"},   {"turkce", "tr"},      {"chinese", "zh"},    {"japanese", "ja"},
  }};
  // The first name of a list ("ENGLISH; FRENCH").
  const std::string key = fold(trim(name.substr(0, name.find_first_of(";,("))));
  for (const auto& [language, code] : names) {
    if (key == language) return std::string(code);
  }
  return {};
}

namespace {
// Month names of the languages news databases export in, to English.
std::string_view english_month(std::string_view word) {
  // Folded, as fold() leaves "décembre": "decembre".
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 49> months{{
      {"janvier", "January"},
      {"fevrier", "February"},
      {"mars", "March"},
      {"avril", "April"},
      {"mai", "May"},
      {"juin", "June"},
      {"juillet", "July"},
      {"aout", "August"},
      {"septembre", "September"},
      {"octobre", "October"},
      {"novembre", "November"},
      {"decembre", "December"},
      {"januar", "January"},
      {"janner", "January"},
      {"februar", "February"},
      {"marz", "March"},
      {"juni", "June"},
      {"juli", "July"},
      {"oktober", "October"},
      {"dezember", "December"},
      {"enero", "January"},
      {"febrero", "February"},
      {"marzo", "March"},
      {"abril", "April"},
      {"mayo", "May"},
      {"junio", "June"},
      {"julio", "July"},
      {"agosto", "August"},
      {"septiembre", "September"},
      {"octubre", "October"},
      {"noviembre", "November"},
      {"diciembre", "December"},
      {"gennaio", "January"},
      {"febbraio", "February"},
      {"aprile", "April"},
      {"maggio", "May"},
      {"giugno", "June"},
      {"luglio", "July"},
      {"settembre", "September"},
      {"ottobre", "October"},
      {"dicembre", "December"},
      {"januari", "January"},
      {"februari", "February"},
      {"maart", "March"},
      {"mei", "May"},
      {"augustus", "August"},
      {"fevereiro", "February"},
      {"janeiro", "January"},
      {"dezembro", "December"},
  }};
  const std::string key = fold(word);
  for (const auto& [name, english] : months) {
    if (key == name) return english;
  }
  return {};
}
}  // namespace

std::optional<DateTime> parse_date_prefix(std::string_view line) {
  // Words, with other languages' month names in English and a day's "1er"
  // or "3." as its number.
  std::vector<std::string> words;
  for (std::string& word : split_list(line, " \t")) {
    if (words.size() == 8) break;
    std::string_view bare = word;
    while (!bare.empty() && (bare.back() == ',' || bare.back() == '.')) bare.remove_suffix(1);
    if (const std::string_view month = english_month(bare); !month.empty()) {
      word = std::string(month);
    } else if (bare == "1er") {
      word = "1";
    } else if (!bare.empty() && bare.size() <= 2 && all_digits(bare) && word.ends_with('.')) {
      word = std::string(bare);
    }
    words.push_back(std::move(word));
  }
  // The longest run of first words that is a date, the later ones being an
  // edition, a weekday after a comma, a note ("Correction Appended").
  std::string prefix;
  std::optional<DateTime> found;
  for (std::size_t count = 1; count <= words.size(); ++count) {
    if (count > 1) prefix += ' ';
    prefix += words[count - 1];
    std::string_view candidate = prefix;
    while (!candidate.empty() && (candidate.back() == ',' || candidate.back() == ';')) {
      candidate.remove_suffix(1);
    }
    // A date needs a day, a month and a year: three words at least.
    if (count >= 3) {
      if (auto date = parse_date(candidate)) found = date;
    }
  }
  return found;
}

}  // namespace dateline::readers
