#include "sgml.h"

#include <istream>

#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers::sgml {

namespace {

// The value of a numeric character reference body ("#3", "#x41"), or -1.
long numeric_reference(std::string_view body) {
  if (body.size() < 2 || body[0] != '#') return -1;
  bool hex = body[1] == 'x' || body[1] == 'X';
  std::string_view digits = body.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 7) return -1;
  long value = 0;
  for (char ch : digits) {
    int digit = -1;
    if (ch >= '0' && ch <= '9') digit = ch - '0';
    if (hex && ch >= 'a' && ch <= 'f') digit = ch - 'a' + 10;
    if (hex && ch >= 'A' && ch <= 'F') digit = ch - 'A' + 10;
    if (digit < 0) return -1;
    value = value * (hex ? 16 : 10) + digit;
  }
  return value;
}

bool is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

char upper(char ch) { return ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 32) : ch; }

// Whether `text` at `at` holds `tag` ("<DOC", "</DOC") in any case, ended
// as a tag name ends: by ">", white space or the end of the text.
bool tag_at(std::string_view text, std::size_t at, std::string_view tag) {
  if (text.size() - at < tag.size()) return false;
  for (std::size_t k = 0; k < tag.size(); ++k) {
    if (upper(text[at + k]) != upper(tag[k])) return false;
  }
  const std::size_t after = at + tag.size();
  return after == text.size() || text[after] == '>' || is_space(text[after]);
}

// Where the first `tag` is in `text` from `from`, or npos.
std::size_t find_tag(std::string_view text, std::string_view tag, std::size_t from) {
  for (std::size_t at = text.find('<', from); at != std::string_view::npos;
       at = text.find('<', at + 1)) {
    if (tag_at(text, at, tag)) return at;
  }
  return std::string_view::npos;
}

}  // namespace

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, amp - i));
    std::size_t semicolon = text.find(';', amp + 1);
    if (semicolon == std::string_view::npos || semicolon - amp > 10) {
      out += '&';
      i = amp + 1;
      continue;
    }
    std::string_view body = text.substr(amp + 1, semicolon - amp - 1);
    i = semicolon + 1;
    if (body == "lt") {
      out += '<';
    } else if (body == "gt") {
      out += '>';
    } else if (body == "amp") {
      out += '&';
    } else if (body == "quot") {
      out += '"';
    } else if (body == "apos") {
      out += '\'';
    } else if (body == "hyph") {
      out += '-';
    } else if (body == "blank") {
      out += ' ';
    } else if (long code = numeric_reference(body); code >= 0) {
      bool control = code < 0x20 || (code >= 0x7F && code < 0xA0);
      bool invalid = code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF);
      if (control || invalid) {
        out += ' ';
      } else {
        append_utf8(out, static_cast<char32_t>(code));
      }
    } else {
      out.append(text.substr(amp, semicolon + 1 - amp));
    }
  }
  return out;
}

std::optional<std::string_view> element(std::string_view record, std::string_view tag) {
  std::string open = "<" + std::string(tag);
  std::size_t at = 0;
  for (;;) {
    at = record.find(open, at);
    if (at == std::string_view::npos) return std::nullopt;
    std::size_t after = at + open.size();
    // "<D" must not match "<DATE>" nor "<TEXT" match "<TEXTS".
    if (after < record.size() && (record[after] == '>' || is_space(record[after]))) break;
    at = after;
  }
  std::size_t content = record.find('>', at);
  if (content == std::string_view::npos) return std::nullopt;
  ++content;
  std::size_t close = record.find("</" + std::string(tag) + ">", content);
  if (close == std::string_view::npos) return std::nullopt;
  return record.substr(content, close - content);
}

std::vector<std::string_view> elements(std::string_view record, std::string_view tag) {
  std::vector<std::string_view> found;
  while (auto content = element(record, tag)) {
    found.push_back(*content);
    record =
        record.substr(static_cast<std::size_t>(content->data() + content->size() - record.data()));
  }
  return found;
}

std::string attribute(std::string_view open_tag, std::string_view name) {
  for (std::size_t at = open_tag.find(name); at != std::string_view::npos;
       at = open_tag.find(name, at + 1)) {
    if (at == 0 || !is_space(open_tag[at - 1])) continue;
    std::size_t value = at + name.size();
    while (value < open_tag.size() && is_space(open_tag[value])) ++value;
    if (value >= open_tag.size() || open_tag[value] != '=') continue;
    ++value;
    while (value < open_tag.size() && is_space(open_tag[value])) ++value;
    if (value >= open_tag.size()) return {};
    const char quote = open_tag[value];
    if (quote == '"' || quote == '\'') {
      const std::size_t end = open_tag.find(quote, value + 1);
      if (end == std::string_view::npos) return {};
      return std::string(open_tag.substr(value + 1, end - value - 1));
    }
    std::size_t end = value;
    while (end < open_tag.size() && !is_space(open_tag[end]) && open_tag[end] != '>') ++end;
    return std::string(open_tag.substr(value, end - value));
  }
  return {};
}

std::string strip_tags(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t open = text.find('<', i);
    if (open == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, open - i));
    std::size_t close = text.find('>', open);
    if (close == std::string_view::npos) break;
    i = close + 1;
  }
  return out;
}

std::string upper_tag_names(std::string_view record) {
  std::string out(record);
  for (std::size_t at = out.find('<'); at != std::string::npos; at = out.find('<', at + 1)) {
    std::size_t k = at + 1;
    if (k < out.size() && out[k] == '/') ++k;
    for (; k < out.size() && !is_space(out[k]) && out[k] != '>' && out[k] != '<'; ++k) {
      out[k] = upper(out[k]);
    }
  }
  return out;
}

void read_records(std::istream& in, const std::string& name, std::string_view tag,
                  std::string_view format_name, const ReaderLimits& limits, ArticleSink& sink,
                  const std::function<std::string(std::string_view, std::size_t)>& origin,
                  const std::function<void(const Record&, const std::string&)>& read) {
  const std::string open_tag = "<" + std::string(tag);
  const std::string close_tag = "</" + std::string(tag);
  std::string line;
  std::string record;
  bool too_long = false;
  bool in_record = false;
  bool oversized = false;
  std::size_t open_end = 0;  // where the record's open tag ends in `record`
  std::size_t line_number = 0;
  std::size_t record_line = 0;
  std::size_t records = 0;
  std::string record_origin;
  while (read_bounded_line(in, line, limits.max_record_bytes, too_long)) {
    ++line_number;
    std::string_view rest = line;
    // A line may close one record and open the next, or hold several.
    while (!rest.empty() || in_record) {
      if (!in_record) {
        const std::size_t open = find_tag(rest, open_tag, 0);
        if (open == std::string_view::npos) break;
        rest.remove_prefix(open);
        in_record = true;
        oversized = false;
        record.clear();
        record_line = line_number;
        ++records;
        const std::size_t tag_end = rest.find('>');
        open_end = tag_end == std::string_view::npos ? rest.size() : tag_end + 1;
        // The open tag names the record in reports: no control characters
        // from a damaged file may reach them.
        record_origin = origin(message_excerpt(rest.substr(0, open_end), 200), record_line);
      }
      const std::size_t close = find_tag(rest, close_tag, 0);
      std::size_t take = rest.size();
      if (close != std::string_view::npos) {
        const std::size_t close_end = rest.find('>', close);
        take = close_end == std::string_view::npos ? rest.size() : close_end + 1;
      }
      if (too_long || record.size() + take + 1 > limits.max_record_bytes) {
        if (!oversized) std::string().swap(record);
        oversized = true;
      }
      if (!oversized) {
        record.append(rest.substr(0, take));
        if (close == std::string_view::npos) record += '\n';
      }
      rest.remove_prefix(take);
      if (close == std::string_view::npos) break;
      in_record = false;
      if (oversized) {
        sink.skip(too_large(record_origin, "record", limits.max_record_bytes));
        continue;
      }
      const std::string_view text = record;
      read(Record{text, text.substr(0, std::min(open_end, text.size())), record_line},
           record_origin);
    }
  }
  if (in_record) {
    sink.skip(Skip{record_origin, "truncated", "the file ends inside a " + open_tag + "> record"});
  } else if (records == 0) {
    sink.skip(Skip{name, "unknown-format",
                   "no " + open_tag + "> record: not " + std::string(format_name) +
                       " (--format names another format)"});
  }
}

}  // namespace dateline::readers::sgml
