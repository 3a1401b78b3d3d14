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
// space or tab) are joined to the header above. A message that is not valid
// UTF-8 is read in the charset its Content-Type names, when it names one.
// MIME bodies (multipart, base64, quoted-printable) and RFC 2047 encoded
// words are taken as they are.
//
// mbox: a line starting "From " at the start of the file or after a blank
// line begins a message; ">From " lines (any number of '>') lose one '>'
// (mboxrd). Each message is an Article whose origin is "file:line" of its
// "From " line. A message over limits.max_record_bytes is skipped without
// being held.

#include <istream>

#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers {

namespace {

// Longer "signatures" are more likely a "--" divider inside the text.
constexpr std::size_t max_signature_lines = 15;

struct Headers {
  std::string subject, from, date, newsgroups, message_id;
  std::string charset;  // of a Content-Type header
  bool has_date = false;
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
    headers.charset = charset_parameter(value);
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

void read_message(std::string_view message, const std::string& origin, std::string_view format,
                  const ReaderLimits& limits, ArticleSink& sink) {
  Headers headers;
  std::size_t body_start = parse_headers(message, headers);
  // A message in the legacy charset its Content-Type names (koi8-r,
  // iso-8859-2...) is read in it; else invalid UTF-8 is repaired.
  std::optional<std::string> decoded;
  if (!headers.charset.empty() && !is_valid_utf8(message) &&
      (decoded = decode_charset(message, headers.charset))) {
    message = *decoded;
    headers = Headers{};
    body_start = parse_headers(message, headers);
  }
  Article article;
  article.title = headers.subject;
  if (std::string author = author_of(headers.from); !author.empty()) {
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
  article.paragraphs = split_paragraphs(without_signature(message.substr(body_start)), false);
  finish_article(std::move(article), origin, format, limits, sink);
}

}  // namespace

void read_rfc822(std::istream& in, const std::string& name, const ReaderLimits& limits,
                 ArticleSink& sink) {
  std::string message;
  if (!read_bounded_all(in, message, limits.max_record_bytes)) {
    sink.skip(too_large(name, "message", limits.max_record_bytes));
    return;
  }
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
