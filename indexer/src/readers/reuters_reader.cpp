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
//             ("by Janie Gabbett, Reuters" -> "Janie Gabbett"; "By Martin
//             Hayes and Jane Merriman" -> both)
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
#include "sgml.h"

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

using sgml::decode_entities;
using sgml::element;
using sgml::strip_tags;

// The codes of a facet element: <PLACES><D>usa</D><D>uruguay</D></PLACES>.
std::vector<std::string> facet_codes(std::string_view record, std::string_view tag) {
  std::vector<std::string> codes;
  auto facet = element(record, tag);
  if (!facet) return codes;
  for (std::string_view code : sgml::elements(*facet, "D")) {
    std::string decoded = collapse_whitespace(decode_entities(code));
    if (!decoded.empty()) codes.push_back(std::move(decoded));
  }
  return codes;
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

// The names of an AUTHOR line: "by Janie Gabbett, Reuters" -> Janie
// Gabbett; "By Martin Hayes and Jane Merriman" -> both; the agency after
// the names, however the desk spelt it ("Reuter", "Reuters."), is none.
std::vector<std::string> author_names(std::string_view byline) {
  std::vector<std::string> names;
  for (auto& name : byline_names(collapse_whitespace(byline))) {
    if (!ascii_lower(name).starts_with("reuter")) names.push_back(std::move(name));
  }
  return names;
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
    for (auto& name : author_names(decode_entities(*byline))) {
      article.authors.push_back(std::move(name));
    }
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
  // NEWID names a record in reports and ids (no control characters from a
  // damaged file may reach them); a record without one, its line.
  auto newid = [](std::string_view open_tag) {
    return message_excerpt(sgml::attribute(open_tag, "NEWID"));
  };
  sgml::read_records(
      in, name, "REUTERS", "Reuters-21578 SGML", limits, sink,
      [&](std::string_view open_tag, std::size_t line) {
        const std::string id = newid(open_tag);
        return id.empty() ? name + ":" + std::to_string(line) : name + " NEWID=" + id;
      },
      [&](const sgml::Record& record, const std::string& origin) {
        const std::string id = newid(record.open_tag);
        read_record(record.text, origin, id.empty() ? std::to_string(record.line) : id, limits,
                    sink);
      });
}

}  // namespace dateline::readers
