// WARC/1.0 and WARC/1.1 web archives (ISO 28500). Records are read one after
// another by their Content-Length. Articles come from
//   - `response` records holding an HTTP response (2xx) whose Content-Type
//     is HTML: the HTTP headers are parsed off, a chunked or gzip body is
//     decoded, and the page goes through the HTML reader's core;
//   - `resource` records whose Content-Type is HTML (the page itself).
// Every other record (warcinfo, request, metadata, images, redirects) is
// passed over silently: it is not an article.
//
// ARC files, the Internet Archive's format before WARC (its crawls of 1996
// to 2008, and Heritrix's until 2.0), are read by the same loop: a record
// is one line, "URL IP-address YYYYMMDDhhmmss Content-type length" (ARC
// version 1; version 2 has five more fields before the length), then that
// many bytes: the HTTP response, or the document itself. The first record,
// filedesc://, describes the file and is passed over, as are dns: records.
// The line's date is the capture time and its URL the target URI, as in a
// WARC record; the articles' format is "arc".
//
// The page's canonical URL wins over WARC-Target-URI, which is the fallback,
// as WARC-Date (the capture time) is for the publication date. Origins are
// "file@<byte offset of the record>".
//
// Damage: a record whose Content-Length is missing or not a number, or whose
// header is not a WARC header, is a Skip; reading resumes at the next line
// starting "WARC/1." (or the next ARC record's line). A Content-Length that runs past the end of
// the input is a "truncated" Skip, and the bytes it swallowed are searched for the next record
// header, so records after the damage are read too. Records before it have been handed on already
// (the search covers the first limits.max_record_bytes of the swallowed bytes). Payloads over
// limits.max_record_bytes are skipped without being held whole. A .warc.gz
// (one gzip member per record, or the whole file) arrives here already
// decompressed by read_path.

#include <archive.h>
#include <archive_entry.h>

#include <istream>
#include <memory>
#include <sstream>

#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers {

namespace {

// Longer header lines mean the input is not a WARC header.
constexpr std::size_t max_header_line = 64u << 10;
constexpr std::size_t max_header_lines = 1000;

// Reads lines and byte runs from a stream, counting the bytes consumed so
// that Skips can name the byte offset of a record.
class CountingReader {
 public:
  CountingReader(std::istream& in, std::uint64_t offset) : m_buffer(in.rdbuf()), m_offset(offset) {}

  // One line without its "\n" or "\r\n"; false at the end of input. Lines
  // longer than `limit` are consumed whole but cut, and `too_long` is set.
  bool line(std::string& out, std::size_t limit, bool& too_long) {
    out.clear();
    too_long = false;
    bool any = false;
    for (;;) {
      int ch = m_buffer->sbumpc();
      if (ch == std::char_traits<char>::eof()) break;
      ++m_offset;
      any = true;
      if (ch == '\n') break;
      if (out.size() < limit) {
        out.push_back(static_cast<char>(ch));
      } else {
        too_long = true;
      }
    }
    if (!out.empty() && out.back() == '\r') out.pop_back();
    return any;
  }

  // Consumes up to `count` bytes, appending the first `keep` of them to
  // `out`; returns how many there were.
  std::uint64_t bytes(std::uint64_t count, std::string& out, std::size_t keep) {
    char chunk[1 << 16];
    std::uint64_t done = 0;
    while (done < count) {
      auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(sizeof chunk, count - done));
      std::streamsize got = m_buffer->sgetn(chunk, want);
      if (got <= 0) break;
      if (out.size() < keep) {
        out.append(chunk, std::min(static_cast<std::size_t>(got), keep - out.size()));
      }
      done += static_cast<std::uint64_t>(got);
      m_offset += static_cast<std::uint64_t>(got);
    }
    return done;
  }

  std::uint64_t offset() const { return m_offset; }

 private:
  std::streambuf* m_buffer;
  std::uint64_t m_offset;
};

struct WarcHeaders {
  std::string type, content_type, target_uri, date, content_length;
  bool has_length = false;
  bool arc = false;  // an ARC record: its one line gave these
};

void apply_warc_header(std::string_view line, WarcHeaders& headers) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;
  std::string key = ascii_lower(trim(line.substr(0, colon)));
  std::string value(trim(line.substr(colon + 1)));
  if (key == "warc-type") {
    headers.type = ascii_lower(value);
  } else if (key == "content-type") {
    headers.content_type = ascii_lower(value);
  } else if (key == "warc-target-uri") {
    // WARC/1.0 examples wrap the URI in angle brackets.
    if (value.size() >= 2 && value.front() == '<' && value.back() == '>') {
      value = value.substr(1, value.size() - 2);
    }
    headers.target_uri = value;
  } else if (key == "warc-date") {
    headers.date = value;
  } else if (key == "content-length") {
    headers.content_length = value;
    headers.has_length = true;
  }
}

// A Content-Length: decimal digits only, and not absurd.
std::optional<std::uint64_t> parse_length(std::string_view text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  std::uint64_t value = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  return value;
}

// An ARC record's line: "http://example.com/ 93.184.216.119 20140216050221
// text/html 1591" (version 1), or with result code, checksum, location,
// offset and file name before the length (version 2). nullopt when `line`
// is not one.
std::optional<WarcHeaders> parse_arc_header(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t at = 0;
  while (at < line.size() && fields.size() <= 10) {
    std::size_t end = line.find(' ', at);
    if (end == std::string_view::npos) end = line.size();
    if (end > at) fields.push_back(line.substr(at, end - at));
    at = end + 1;
  }
  if (fields.size() != 5 && fields.size() != 10) return std::nullopt;
  const std::string_view url = fields[0];
  const std::string_view date = fields[2];
  if (url.find(':') == std::string_view::npos || date.size() < 12 || date.size() > 14 ||
      !all_digits(date) || !parse_length(fields.back())) {
    return std::nullopt;
  }
  WarcHeaders headers;
  headers.arc = true;
  headers.type = url.starts_with("filedesc:") ? "warcinfo" : "response";
  headers.target_uri = std::string(url);
  headers.content_type = ascii_lower(fields[3]);
  // 20140216050221 -> 2014-02-16T05:02:21Z (ARC's times are UTC).
  std::string padded = std::string(date) + std::string(14 - date.size(), '0');
  headers.date = padded.substr(0, 4) + "-" + padded.substr(4, 2) + "-" + padded.substr(6, 2) + "T" +
                 padded.substr(8, 2) + ":" + padded.substr(10, 2) + ":" + padded.substr(12, 2) +
                 "Z";
  headers.content_length = std::string(fields.back());
  headers.has_length = true;
  return headers;
}

bool is_html_type(std::string_view content_type) {
  return content_type.starts_with("text/html") || content_type.starts_with("application/xhtml+xml");
}

struct HttpResponse {
  int status = 0;
  std::string content_type, transfer_encoding, content_encoding;
  std::string_view body;
};

std::optional<HttpResponse> parse_http(std::string_view payload) {
  HttpResponse response;
  std::size_t at = 0;
  bool status_line = true;
  while (at < payload.size()) {
    std::size_t end = payload.find('\n', at);
    if (end == std::string_view::npos) return std::nullopt;
    std::string_view line = payload.substr(at, end - at);
    if (line.ends_with('\r')) line.remove_suffix(1);
    at = end + 1;
    if (status_line) {
      // "HTTP/1.1 200 OK"
      if (!line.starts_with("HTTP/")) return std::nullopt;
      std::size_t space = line.find(' ');
      if (space == std::string_view::npos || space + 4 > line.size()) return std::nullopt;
      std::string_view code = line.substr(space + 1, 3);
      for (char ch : code) {
        if (ch < '0' || ch > '9') return std::nullopt;
        response.status = response.status * 10 + (ch - '0');
      }
      status_line = false;
      continue;
    }
    if (line.empty()) {
      response.body = payload.substr(at);
      return response;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = ascii_lower(trim(line.substr(0, colon)));
    std::string value = ascii_lower(trim(line.substr(colon + 1)));
    if (key == "content-type") response.content_type = value;
    if (key == "transfer-encoding") response.transfer_encoding = value;
    if (key == "content-encoding") response.content_encoding = value;
  }
  return std::nullopt;
}

// The body of a "Transfer-Encoding: chunked" response, or nullopt.
std::optional<std::string> dechunk(std::string_view body) {
  std::string out;
  std::size_t at = 0;
  for (;;) {
    std::size_t end = body.find('\n', at);
    if (end == std::string_view::npos) return std::nullopt;
    std::string_view size_text = trim(body.substr(at, end - at));
    size_text = size_text.substr(0, size_text.find(';'));
    if (size_text.empty() || size_text.size() > 12) return std::nullopt;
    std::size_t size = 0;
    for (char ch : size_text) {
      int digit = ch >= '0' && ch <= '9'   ? ch - '0'
                  : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                  : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                           : -1;
      if (digit < 0) return std::nullopt;
      size = size * 16 + static_cast<std::size_t>(digit);
    }
    at = end + 1;
    if (size == 0) return out;
    if (size > body.size() - at) return std::nullopt;
    out.append(body.substr(at, size));
    at += size;
    // The CRLF after the chunk data.
    while (at < body.size() && (body[at] == '\r' || body[at] == '\n')) ++at;
  }
}

// A gzip-compressed body, decompressed (at most `limit` bytes), or nullopt.
std::optional<std::string> gunzip(std::string_view data, std::size_t limit) {
  std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(),
                                                                archive_read_free);
  archive_read_support_filter_gzip(reader.get());
  archive_read_support_format_raw(reader.get());
  archive_entry* entry = nullptr;
  if (archive_read_open_memory(reader.get(), data.data(), data.size()) != ARCHIVE_OK ||
      archive_read_next_header(reader.get(), &entry) != ARCHIVE_OK ||
      archive_filter_code(reader.get(), 0) != ARCHIVE_FILTER_GZIP) {
    return std::nullopt;
  }
  std::string out;
  char chunk[1 << 16];
  for (;;) {
    la_ssize_t got = archive_read_data(reader.get(), chunk, sizeof chunk);
    if (got < 0) return std::nullopt;
    if (got == 0) return out;
    out.append(chunk, static_cast<std::size_t>(got));
    if (out.size() > limit) return std::nullopt;
  }
}

// Hands an HTML response or resource record on as an article; passes over
// everything else.
void read_record(const WarcHeaders& headers, std::string_view payload, const std::string& origin,
                 const ReaderLimits& limits, ArticleSink& sink) {
  PageFallbacks fallbacks{headers.target_uri, parse_date(headers.date),
                          charset_parameter(headers.content_type)};
  const std::string_view format = headers.arc ? "arc" : "warc";
  // The page itself, without an HTTP response around it.
  const bool document = headers.arc ? !payload.starts_with("HTTP/") : headers.type == "resource";
  if (headers.type != "response" && headers.type != "resource") return;
  if (headers.arc && headers.target_uri.starts_with("dns:")) return;
  if (document) {
    if (is_html_type(headers.content_type)) {
      read_html_document(payload, origin, format, fallbacks, limits, sink);
    }
    return;
  }
  if (!headers.arc && !headers.content_type.starts_with("application/http")) return;
  auto response = parse_http(payload);
  if (!response) {
    sink.skip(Skip{origin, "bad-http", "the response record does not hold an HTTP response"});
    return;
  }
  if (response->status < 200 || response->status > 299 || !is_html_type(response->content_type)) {
    return;
  }
  std::string body(response->body);
  if (response->transfer_encoding.find("chunked") != std::string::npos) {
    auto joined = dechunk(body);
    if (!joined) {
      sink.skip(Skip{origin, "bad-http", "malformed chunked transfer encoding"});
      return;
    }
    body = std::move(*joined);
  }
  if (response->content_encoding == "gzip" || response->content_encoding == "x-gzip") {
    auto plain = gunzip(body, limits.max_record_bytes);
    if (!plain) {
      sink.skip(Skip{origin, "bad-http", "gzip content encoding that does not decompress"});
      return;
    }
    body = std::move(*plain);
  } else if (!response->content_encoding.empty() && response->content_encoding != "identity") {
    sink.skip(Skip{
        origin, "bad-http",
        "unsupported content encoding \"" + message_excerpt(response->content_encoding) + "\""});
    return;
  }
  fallbacks.charset = charset_parameter(response->content_type);
  read_html_document(body, origin, format, fallbacks, limits, sink);
}

// Where the first line that starts a record, "WARC/1." or an ARC record's
// line, begins in `data`, or npos.
std::size_t find_record_start(std::string_view data) {
  std::size_t at = 0;
  while (at < data.size()) {
    std::size_t end = data.find('\n', at);
    std::string_view line = data.substr(at, end == std::string_view::npos ? end : end - at);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.starts_with("WARC/1.") || (line.size() <= max_header_line && parse_arc_header(line))) {
      return at;
    }
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return std::string_view::npos;
}

}  // namespace

void read_warc(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink) {
  auto origin = [&](std::uint64_t offset) { return name + "@" + std::to_string(offset); };
  CountingReader reader(in, 0);
  // After a lying Content-Length, reading goes on in the bytes it swallowed.
  std::unique_ptr<std::istringstream> salvaged;
  std::string line;
  bool too_long = false;
  bool resyncing = false;  // after damage: looking for the next record header
  for (;;) {
    std::uint64_t record_offset = reader.offset();
    if (!reader.line(line, max_header_line, too_long)) break;
    if (!too_long && trim(line).empty()) continue;
    std::optional<WarcHeaders> arc;
    if (!too_long && !line.starts_with("WARC/1.")) arc = parse_arc_header(line);
    if (too_long || (!line.starts_with("WARC/1.") && !arc)) {
      if (!resyncing) {
        sink.skip(Skip{origin(record_offset), "bad-record",
                       "expected a WARC/1.0 or WARC/1.1 record header, or an ARC record's line"});
      }
      resyncing = true;
      continue;
    }
    resyncing = false;
    WarcHeaders headers = arc ? std::move(*arc) : WarcHeaders{};
    bool header_ok = arc.has_value();  // an ARC record's header is its one line
    for (std::size_t count = 0; !header_ok && count < max_header_lines; ++count) {
      if (!reader.line(line, max_header_line, too_long) || too_long) break;
      if (line.empty()) {
        header_ok = true;
        break;
      }
      apply_warc_header(line, headers);
    }
    if (!header_ok) {
      sink.skip(Skip{origin(record_offset), "bad-record", "unterminated or oversized WARC header"});
      resyncing = true;
      continue;
    }
    auto length = parse_length(headers.content_length);
    if (!length) {
      sink.skip(Skip{origin(record_offset), "bad-length",
                     headers.has_length
                         ? "Content-Length \"" + message_excerpt(headers.content_length, 40) +
                               "\" is not a byte count"
                         : "the record has no Content-Length"});
      resyncing = true;
      continue;
    }
    // The start of a payload is kept even when it is over the limit: if its
    // length lies, the records it swallowed are searched for there.
    std::string payload;
    std::uint64_t payload_offset = reader.offset();
    std::uint64_t got = reader.bytes(*length, payload, limits.max_record_bytes);
    if (got < *length) {
      sink.skip(Skip{origin(record_offset), "truncated",
                     "Content-Length " + std::to_string(*length) +
                         " runs past the end of the input (" + std::to_string(got) +
                         " bytes left)"});
      std::size_t restart = find_record_start(payload);
      if (restart == std::string_view::npos) break;
      auto rest = std::make_unique<std::istringstream>(payload.substr(restart));
      reader = CountingReader(*rest, payload_offset + restart);
      salvaged = std::move(rest);
      continue;
    }
    if (*length > limits.max_record_bytes) {
      bool candidate =
          (headers.type == "response" && (headers.content_type.starts_with("application/http") ||
                                          (headers.arc && is_html_type(headers.content_type)))) ||
          (headers.type == "resource" && is_html_type(headers.content_type));
      if (!candidate) continue;  // a large video is no article, and no loss
      sink.skip(too_large(origin(record_offset), "record", limits.max_record_bytes));
      continue;
    }
    read_record(headers, payload, origin(record_offset), limits, sink);
  }
}

}  // namespace dateline::readers
