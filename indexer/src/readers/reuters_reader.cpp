// Reuters-21578 SGML (lewis.dtd): files of flat <REUTERS> records, no root
// element. Each record becomes one Article:
//
//   id        "reuters-<NEWID>" (NEWID is unique across the collection)
//   source    "Reuters", language "en"
//   title     <TITLE>; body paragraphs from <BODY>, split where a line is
//             indented or blank (the wire's paragraph marks), without the
//             closing "Reuter" sign-off
//   <TEXT TYPE="UNPROC"> records have no TITLE or BODY: their bare text is
//             the body and its first line, when short, the title
//   dateline  <DATELINE> ("SALVADOR, Feb 26 -"); authors from <AUTHOR>
//             ("by Janie Gabbett, Reuters" -> "Janie Gabbett")
//   published <DATE> through parse_date(), which copes with the collection's
//             malformed values; an unparsable one is a warning, not a skip
//   tags      <TOPICS> codes, then <EXCHANGES> codes. Exchanges go to tags
//             because Entity has no exchange type and the two code lists do
//             not overlap; a topic: query finds them as it finds topics.
//   entities  <PLACES> place, <PEOPLE> person, <ORGS> organisation; the
//             display form is the collection's code ("el-salvador").
//             <COMPANIES> is empty throughout the collection and ignored.
//
// Character references for control characters (&#2; &#3; &#5; ...) become
// spaces; &lt; &gt; &amp; and other numeric references are decoded. Records
// are read one at a time, never a whole file, and a record over
// limits.max_record_bytes is skipped without being held. Origins name the
// file and record: "reut2-012.sgm NEWID=12793".

#include <istream>

#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers {

namespace {
// Reuters category codes are lower case with hyphens ("costa-rica"); as
// display names they read "Costa Rica", and then key like the tagger's.
// Codes the alias table knows ("usa", "uk") are mapped by the indexer.
std::string display_name(std::string_view code) {
  std::string out;
  bool word_start = true;
  for (char ch : code) {
    if (ch == '-') {
      out.push_back(' ');
      word_start = true;
      continue;
    }
    out.push_back(word_start && ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 32) : ch);
    word_start = false;
  }
  return out;
}
}  // namespace

namespace {

constexpr std::string_view record_open = "<REUTERS";
constexpr std::string_view record_close = "</REUTERS>";

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

// Decode the SGML entities the collection uses. Control characters become
// spaces so that the words on either side of "&#3;" stay apart.
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

// The content of the first <tag ...>...</tag> in `record`, or nullopt.
std::optional<std::string_view> element(std::string_view record, std::string_view tag) {
  std::string open = "<" + std::string(tag);
  std::size_t at = 0;
  for (;;) {
    at = record.find(open, at);
    if (at == std::string_view::npos) return std::nullopt;
    std::size_t after = at + open.size();
    // "<D" must not match "<DATE>" nor "<TEXT" match "<TEXTS".
    if (after < record.size() && (record[after] == '>' || record[after] == ' ')) break;
    at = after;
  }
  std::size_t content = record.find('>', at);
  if (content == std::string_view::npos) return std::nullopt;
  ++content;
  std::size_t close = record.find("</" + std::string(tag) + ">", content);
  if (close == std::string_view::npos) return std::nullopt;
  return record.substr(content, close - content);
}

// The codes of a facet element: <PLACES><D>usa</D><D>uruguay</D></PLACES>.
std::vector<std::string> facet_codes(std::string_view record, std::string_view tag) {
  std::vector<std::string> codes;
  auto facet = element(record, tag);
  if (!facet) return codes;
  std::string_view rest = *facet;
  while (auto code = element(rest, "D")) {
    std::string decoded = collapse_whitespace(decode_entities(*code));
    if (!decoded.empty()) codes.push_back(std::move(decoded));
    rest = rest.substr(static_cast<std::size_t>(code->data() + code->size() - rest.data()));
  }
  return codes;
}

std::string attribute(std::string_view open_tag, std::string_view name) {
  std::string key = " " + std::string(name) + "=\"";
  std::size_t at = open_tag.find(key);
  if (at == std::string_view::npos) return {};
  at += key.size();
  std::size_t end = open_tag.find('"', at);
  if (end == std::string_view::npos) return {};
  return std::string(open_tag.substr(at, end - at));
}

// Text with every <...> tag removed (for UNPROC text, which holds no markup
// but may hold stray tags like the BRIEF records' "******<TITLE>").
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

// Body text without the "Reuter" sign-off that closes nearly every story:
// on a line of its own, or after the last sentence ("... Noranda said.
// Reuter"), and sometimes twice.
std::string_view without_signoff(std::string_view body) {
  body = trim(body);
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (std::string_view signoff : {"Reuter", "REUTER"}) {
      if (!body.ends_with(signoff)) continue;
      std::string_view before = body.substr(0, body.size() - signoff.size());
      std::string_view kept = trim(before);
      std::size_t line_start = before.find_last_of('\n');
      const bool own_line =
          line_start != std::string_view::npos && trim(before.substr(line_start)).empty();
      const bool after_sentence =
          kept.size() < before.size() && !kept.empty() &&
          std::string_view(".!?\"'").find(kept.back()) != std::string_view::npos;
      if (own_line || after_sentence) {
        body = kept;
        stripped = true;
        break;
      }
    }
  }
  return body;
}

std::string author_name(std::string_view byline) {
  std::string name = collapse_whitespace(byline);
  if (ascii_lower(name).starts_with("by ")) name.erase(0, 3);
  for (std::string_view agency : {", Reuters", ", REUTERS"}) {
    if (name.ends_with(agency)) name.resize(name.size() - agency.size());
  }
  return std::string(trim(name));
}

void read_record(std::string_view record, const std::string& origin, const std::string& newid,
                 const ReaderLimits& limits, ArticleSink& sink) {
  Article article;
  article.id = "reuters-" + newid;
  article.source = "Reuters";
  article.language = "en";

  if (auto date = element(record, "DATE")) {
    std::string decoded = decode_entities(*date);
    article.published = parse_date(decoded);
    if (!article.published) {
      sink.warning(Skip{origin, "bad-date",
                        "unparsable date \"" + message_excerpt(collapse_whitespace(decoded)) +
                            "\"; indexed undated"});
    }
  }
  article.tags = facet_codes(record, "TOPICS");
  for (auto& exchange : facet_codes(record, "EXCHANGES")) article.tags.push_back(exchange);
  struct Facet {
    std::string_view tag;
    Entity::Type type;
  };
  for (const Facet& facet :
       {Facet{"PLACES", Entity::Type::place}, Facet{"PEOPLE", Entity::Type::person},
        Facet{"ORGS", Entity::Type::organisation}}) {
    for (auto& code : facet_codes(record, facet.tag)) {
      article.given_entities.push_back(Entity{facet.type, fold(code), display_name(code)});
    }
  }

  std::string_view text = element(record, "TEXT").value_or(std::string_view{});
  auto title = element(text, "TITLE");
  auto body = element(text, "BODY");
  // A brief's sign-off is inside its TITLE.
  if (title) article.title = collapse_whitespace(without_signoff(decode_entities(*title)));
  if (auto dateline = element(text, "DATELINE")) {
    article.dateline = collapse_whitespace(decode_entities(*dateline));
  }
  if (auto byline = element(text, "AUTHOR")) {
    std::string name = author_name(decode_entities(*byline));
    if (!name.empty()) article.authors.push_back(std::move(name));
  }
  if (body) {
    article.paragraphs = split_paragraphs(without_signoff(decode_entities(*body)), true);
  } else if (!title) {
    std::string bare = decode_entities(strip_tags(text));
    article.paragraphs = split_paragraphs(without_signoff(bare), true);
    std::string_view first_line = trim(bare);
    first_line = first_line.substr(0, first_line.find('\n'));
    // UNPROC items open with a slug line such as "FEDERAL RESERVE WEEKLY
    // REPORT 1 - FEB 26"; it serves as the title when it is short enough.
    if (!first_line.empty() && first_line.size() <= 120) article.title = std::string(first_line);
  }
  finish_article(std::move(article), origin, "reuters", limits, sink);
}

}  // namespace

void read_reuters(std::istream& in, const std::string& name, const ReaderLimits& limits,
                  ArticleSink& sink) {
  std::string line;
  std::string record;
  bool too_long = false;
  bool in_record = false;
  bool oversized = false;
  std::string newid;
  std::size_t line_number = 0;
  std::size_t record_line = 0;
  auto origin = [&] {
    return newid.empty() ? name + ":" + std::to_string(record_line) : name + " NEWID=" + newid;
  };
  while (read_bounded_line(in, line, limits.max_record_bytes, too_long)) {
    ++line_number;
    std::string_view rest = line;
    if (!in_record) {
      std::size_t open = rest.find(record_open);
      if (open == std::string_view::npos) continue;
      rest.remove_prefix(open);
      in_record = true;
      oversized = false;
      record.clear();
      record_line = line_number;
      // NEWID names the record in reports: no control characters from a
      // damaged file may reach them.
      newid = message_excerpt(attribute(rest.substr(0, rest.find('>')), "NEWID"));
    }
    if (too_long || record.size() + rest.size() + 1 > limits.max_record_bytes) {
      if (!oversized) std::string().swap(record);
      oversized = true;
    }
    if (!oversized) {
      record.append(rest);
      record += '\n';
    }
    if (rest.find(record_close) == std::string_view::npos) continue;
    in_record = false;
    if (oversized) {
      sink.skip(too_large(origin(), "record", limits.max_record_bytes));
      continue;
    }
    read_record(record, origin(), newid.empty() ? std::to_string(record_line) : newid, limits,
                sink);
  }
  if (in_record) {
    sink.skip(Skip{origin(), "truncated", "the file ends inside a <REUTERS> record"});
  }
}

}  // namespace dateline::readers
