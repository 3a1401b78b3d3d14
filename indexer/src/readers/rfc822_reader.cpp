// RFC 822 messages: Usenet posts and e-mail, one per file, or many in an
// mbox file.
//
//   title     Subject
//   authors   From: the display name ("Rob Strom <rs@x.org>", "rs@x.org
//             (Rob Strom)"), else the bare address
//   published Date (RFC 822, 2-digit years read as 19xx/20xx by
//             parse_date); an unparsable Date is a warning, the message is
//             indexed undated
//   source    the first group in Newsgroups; tags are all the groups
//   id        Message-ID without its angle brackets, when present
//   body      after the first blank line; paragraphs are separated by blank
//             lines. A signature (after a "-- " line, at most
//             max_signature_lines long) is dropped.
//
// Header names are case-insensitive and continuation lines (starting with a
// space or tab) are joined to the header above. RFC 2047 encoded words in
// Subject and From ("=?UTF-8?Q?Jos=C3=A9?=") are decoded. A MIME body
// (multipart, base64 or quoted-printable) is decoded by GMime: the first
// text/plain part that is no attachment is the text, else the first
// text/html part's main text; each in its charset. Any other message that
// is not valid UTF-8 is read in the charset its Content-Type names.
//
// mbox: a line starting "From " at the start of the file or after a blank
// line begins a message; ">From " lines (any number of '>') lose one '>'
// (mboxrd). Each message is an Article whose origin is "file:line" of its
// "From " line. A message over limits.max_record_bytes is skipped without
// being held.

#include <istream>

#include "dateline/common/text.h"
#include "mime.h"
#include "readers.h"

namespace dateline::readers {

namespace {

// Longer "signatures" are more likely a "--" divider inside the text.
constexpr std::size_t max_signature_lines = 15;

struct Headers {
  std::string subject, from, date, newsgroups, message_id;
  std::string content_type;  // lower case, parameters included
  std::string transfer_encoding;
  bool has_date = false;
  // A body GMime must decode: multipart, base64 or quoted-printable.
  bool mime_body() const {
    return content_type.starts_with("multipart/") || transfer_encoding == "base64" ||
           transfer_encoding == "quoted-printable";
  }
};

void apply_header(std::string_view name, std::string value, Headers& headers) {
  std::string key = ascii_lower(name);
  value = collapse_whitespace(value);
  if (key == "subject") {
    headers.subject = std::move(value);
  } else if (key == "from") {
    headers.from = std::move(value);
  } else if (key == "date") {
    headers.date = std::move(value);
    headers.has_date = true;
  } else if (key == "newsgroups") {
    headers.newsgroups = std::move(value);
  } else if (key == "message-id") {
    headers.message_id = std::move(value);
  } else if (key == "content-type") {
    headers.content_type = ascii_lower(value);
  } else if (key == "content-transfer-encoding") {
    headers.transfer_encoding = ascii_lower(trim(value));
  }
}

// A header field name: printable ASCII without spaces or colons.
bool is_field_name(std::string_view name) {
  if (name.empty()) return false;
  for (char ch : name) {
    if (ch <= ' ' || ch > '~') return false;
  }
  return true;
}

// Parses the header block of `message` into `headers`; returns where the
// body starts.
std::size_t parse_headers(std::string_view message, Headers& headers) {
  std::string name;
  std::string value;
  auto flush = [&] {
    if (!name.empty()) apply_header(name, std::move(value), headers);
    name.clear();
    value.clear();
  };
  std::size_t at = 0;
  bool first = true;
  while (at < message.size()) {
    std::size_t end = message.find('\n', at);
    std::size_t next = end == std::string_view::npos ? message.size() : end + 1;
    std::string_view line = message.substr(at, next - at);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    // An envelope line left at the top of a saved message.
    if (first && line.starts_with("From ")) {
      first = false;
      at = next;
      continue;
    }
    first = false;
    if (line.empty()) {
      flush();
      return next;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !name.empty()) {
      value += ' ';
      value += line;
      at = next;
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !is_field_name(line.substr(0, colon))) {
      // Not a header: the header block ended without its blank line.
      flush();
      return at;
    }
    flush();
    name = std::string(line.substr(0, colon));
    value = std::string(line.substr(colon + 1));
    at = next;
  }
  flush();
  return message.size();
}

// "Rob Strom <rs@x.org>", "\"Strom, Rob\" <rs@x.org>", "rs@x.org (Rob Strom)"
// -> the name; "<rs@x.org>", "rs@x.org" -> the address.
std::string author_of(std::string_view from) {
  from = trim(from);
  std::string name;
  std::size_t angle = from.find('<');
  if (angle != std::string_view::npos) {
    name = std::string(trim(from.substr(0, angle)));
    if (name.empty()) {
      std::size_t close = from.find('>', angle);
      name = std::string(from.substr(
          angle + 1, close == std::string_view::npos ? std::string_view::npos : close - angle - 1));
    }
  } else {
    std::size_t open = from.find('(');
    std::size_t close = from.rfind(')');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open + 1) {
      name = std::string(trim(from.substr(open + 1, close - open - 1)));
    } else {
      name = std::string(from.substr(0, open));
    }
  }
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    name = name.substr(1, name.size() - 2);
  }
  return collapse_whitespace(name);
}

std::vector<std::string> groups_of(std::string_view newsgroups) {
  std::vector<std::string> groups;
  std::size_t start = 0;
  while (start < newsgroups.size()) {
    std::size_t end = newsgroups.find(',', start);
    if (end == std::string_view::npos) end = newsgroups.size();
    std::string_view group = trim(newsgroups.substr(start, end - start));
    if (!group.empty()) groups.emplace_back(group);
    start = end + 1;
  }
  return groups;
}

// The body without its signature block.
std::string_view without_signature(std::string_view body) {
  std::size_t line_start = body.size();
  std::size_t lines_after = 0;
  while (line_start > 0 && lines_after <= max_signature_lines) {
    std::size_t previous = body.rfind('\n', line_start - 1);
    std::size_t begin = previous == std::string_view::npos ? 0 : previous + 1;
    std::string_view line = body.substr(begin, line_start - begin);
    if (line.ends_with('\n')) line.remove_suffix(1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line == "-- " || line == "--") return body.substr(0, begin);
    ++lines_after;
    if (previous == std::string_view::npos) break;
    line_start = previous;
  }
  return body;
}

std::string take_gstring(char* text) {
  std::string out = text != nullptr ? text : "";
  g_free(text);
  return out;
}

// A header's RFC 2047 encoded words ("=?iso-8859-1?q?Andr=E9?=") decoded
// to UTF-8; other text as it is.
std::string decode_words(const std::string& value) {
  if (value.find("=?") == std::string::npos) return value;
  init_gmime();
  return take_gstring(g_mime_utils_header_decode_text(nullptr, value.c_str()));
}

struct MimeText {
  std::string plain;  // the first text/plain part that is no attachment
  std::string html;   // the first text/html part (a plain part's alternative too)
};

// A text part's content, its transfer encoding undone, in UTF-8: decoded
// from the charset it names as the other readers decode one (so that
// "iso-8859-1" is Windows-1252, as browsers and mail readers take it), else
// as UTF-8 (repaired later when it is not).
std::string part_text(GMimeTextPart* part) {
  std::string raw = part_bytes(GMIME_PART(part));
  const char* charset = g_mime_text_part_get_charset(part);
  if (charset != nullptr && !is_valid_utf8(raw)) {
    if (auto decoded = decode_charset(raw, charset)) return std::move(*decoded);
  }
  return raw;
}

void collect_text(GMimeObject* part, MimeText& text, int depth) {
  if (depth > 32) return;
  if (GMIME_IS_MULTIPART(part)) {
    GMimeMultipart* multipart = GMIME_MULTIPART(part);
    const int count = g_mime_multipart_get_count(multipart);
    for (int k = 0; k < count && (text.plain.empty() || text.html.empty()); ++k) {
      collect_text(g_mime_multipart_get_part(multipart, k), text, depth + 1);
    }
    return;
  }
  if (!GMIME_IS_TEXT_PART(part)) return;  // images, attached messages and files
  const char* disposition = g_mime_object_get_disposition(part);
  if (disposition != nullptr && g_ascii_strcasecmp(disposition, "attachment") == 0) return;
  GMimeContentType* type = g_mime_object_get_content_type(part);
  if (text.plain.empty() && g_mime_content_type_is_type(type, "text", "plain")) {
    text.plain = part_text(GMIME_TEXT_PART(part));
  } else if (text.html.empty() && g_mime_content_type_is_type(type, "text", "html")) {
    text.html = part_text(GMIME_TEXT_PART(part));
  }
}

// The text of a MIME message, decoded; nullopt when GMime cannot parse it.
std::optional<MimeText> mime_text(std::string_view message) {
  GObjectPtr<GMimeMessage> parsed = parse_mime_message(message);
  if (!parsed) return std::nullopt;
  GMimeObject* body = g_mime_message_get_mime_part(parsed.get());
  if (body == nullptr) return std::nullopt;
  MimeText text;
  collect_text(body, text, 0);
  return text;
}

void read_message(std::string_view message, const std::string& origin, std::string_view format,
                  const ReaderLimits& limits, ArticleSink& sink) {
  Headers headers;
  std::size_t body_start = parse_headers(message, headers);
  std::optional<MimeText> mime;
  if (headers.mime_body()) mime = mime_text(message);
  // Another message in the legacy charset its Content-Type names (koi8-r,
  // iso-8859-2...) is read in it; else invalid UTF-8 is repaired.
  std::optional<std::string> decoded;
  if (!mime && !is_valid_utf8(message) &&
      (decoded = decode_charset(message, charset_parameter(headers.content_type)))) {
    message = *decoded;
    headers = Headers{};
    body_start = parse_headers(message, headers);
  }
  Article article;
  article.title = decode_words(headers.subject);
  if (std::string author = author_of(decode_words(headers.from)); !author.empty()) {
    article.authors.push_back(std::move(author));
  }
  article.tags = groups_of(headers.newsgroups);
  if (!article.tags.empty()) article.source = article.tags.front();
  std::string_view id = trim(headers.message_id);
  if (id.starts_with('<') && id.ends_with('>')) id = id.substr(1, id.size() - 2);
  article.id = std::string(id);
  if (headers.has_date) {
    article.published = parse_date(headers.date);
    if (!article.published) {
      sink.warning(
          Skip{origin, "bad-date",
               "unparsable date \"" + message_excerpt(headers.date) + "\"; indexed undated"});
    }
  }
  // ProQuest mails a search's documents as an HTML page.
  if (mime && !mime->html.empty() && read_export_html(mime->html, origin, limits, sink)) return;
  if (mime && mime->plain.empty() && !mime->html.empty()) {
    // An HTML-only message (a newsletter, a press release): its main text.
    std::string ignored_date;
    Article page = article_from_html(std::move(mime->html), ignored_date);
    if (article.title.empty()) article.title = std::move(page.title);
    if (!page.dek.empty()) article.paragraphs.push_back(std::move(page.dek));
    for (auto& paragraph : page.paragraphs) article.paragraphs.push_back(std::move(paragraph));
  } else {
    std::string_view body = mime ? std::string_view(mime->plain) : message.substr(body_start);
    article.paragraphs = split_paragraphs(without_signature(body), false);
  }
  finish_article(std::move(article), origin, format, limits, sink);
}

}  // namespace

void read_rfc822(std::istream& in, const std::string& name, const ReaderLimits& limits,
                 ArticleSink& sink) {
  std::string message;
  if (!read_whole(in, name, "message", limits, sink, message)) return;
  read_message(message, name, "rfc822", limits, sink);
}

void read_mbox(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink) {
  std::string line;
  std::string message;
  bool too_long = false;
  bool in_message = false;
  bool oversized = false;
  bool after_blank = true;  // the start of the file counts as after a blank line
  std::size_t line_number = 0;
  std::size_t message_line = 0;
  auto flush = [&] {
    if (!in_message) return;
    std::string origin = name + ":" + std::to_string(message_line);
    if (oversized) {
      sink.skip(too_large(origin, "message", limits.max_record_bytes));
    } else {
      read_message(message, origin, "mbox", limits, sink);
    }
  };
  while (read_bounded_line(in, line, limits.max_record_bytes, too_long)) {
    ++line_number;
    if (after_blank && line.starts_with("From ")) {
      flush();
      in_message = true;
      oversized = false;
      message.clear();
      message_line = line_number;
      after_blank = false;
      continue;
    }
    after_blank = trim(line).empty();
    if (!in_message) continue;
    std::size_t quotes = line.find_first_not_of('>');
    if (quotes != std::string::npos && quotes > 0 &&
        std::string_view(line).substr(quotes).starts_with("From ")) {
      line.erase(0, 1);
    }
    if (too_long || message.size() + line.size() + 1 > limits.max_record_bytes) {
      if (!oversized) std::string().swap(message);
      oversized = true;
    }
    if (!oversized) {
      message += line;
      message += '\n';
    }
  }
  flush();
}

}  // namespace dateline::readers
