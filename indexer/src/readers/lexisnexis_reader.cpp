// LexisNexis exports: the files LexisNexis Academic and Nexis Uni give when
// a search's results are downloaded, many articles in one file. Journalists
// and researchers get most of their newspaper archives so. Two layouts:
//
//   LexisNexis Academic (text, HTML)       Nexis Uni (Word, RTF, PDF)
//   ---------------------------------      ---------------------------------
//   Download Request... (cover, dropped)   Date and Time... Documents (10)
//                 1 of 10 DOCUMENTS        1. Headline... (cover, dropped)
//                  The Guardian            Headline
//            January 11, 2010 Monday       The Guardian(London)
//   Headline                               July 1, 2019 Monday 9:20 AM GMT
//   BYLINE: Andrew Sparrow                 Copyright 2019 ... (dropped)
//   SECTION: POLITICS; Pg. 6               Section: POLITICS; Version:28
//   LENGTH: 355 words                      Length: 355 words
//   body paragraphs                        Byline: Andrew Sparrow
//   LOAD-DATE: January 11, 2010            Body
//   LANGUAGE: ENGLISH                      body paragraphs
//   SUBJECT: ELECTIONS (90%); ...          Classification
//           Copyright 2010 ... (dropped)   Language: ENGLISH ... Load-Date: ...
//                 2 of 10 DOCUMENTS        End of Document
//
// Fields, by label (English, French and German; any case):
//   the date line      published (a date line that is no date: undated, warned)
//   the line before it source (Academic: the lines after the marker)
//   the headline       title
//   BYLINE             authors (roles and "(now)" notes dropped)
//   HIGHLIGHT          dek;  DATELINE  dateline;  URL  url
//   LANGUAGE           language (its name: "ENGLISH", "FRANÇAIS")
//   SUBJECT, INDUSTRY  tags;  PERSON  people;  ORGANIZATION, COMPANY  organisations;
//   GEOGRAPHIC, COUNTRY, CITY, STATE  places (each "NAME (90%)": under 50% dropped;
//                      "KYIV, UKRAINE" is Kyiv)
//   the body           paragraphs
// Others (SECTION, LENGTH, LOAD-DATE, GRAPHIC...) are left out of the text.
// Each article's origin is the file and its line (text), or its number in
// the export (`file[3]`); its id is derived from its text, so exporting and
// indexing the same search again replaces the articles.

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <optional>

#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers {

namespace {

enum class Role { other, author, dateline, dek, language, url, tag, person, organisation, place };

struct Label {
  std::string_view name;  // lower case
  Role role;
  bool leading;  // one of the fields before the body
};

constexpr std::array<Label, 48> labels{{
    {"byline", Role::author, true},
    {"auteur", Role::author, true},
    {"autor", Role::author, true},
    {"author", Role::author, true},
    {"section", Role::other, true},
    {"rubrique", Role::other, true},
    {"rubrik", Role::other, true},
    {"length", Role::other, true},
    {"longueur", Role::other, true},
    {"lange", Role::other, true},
    {"dateline", Role::dateline, true},
    {"highlight", Role::dek, true},
    {"insert", Role::dek, true},
    {"encart", Role::dek, true},
    {"edition", Role::other, true},
    {"load-date", Role::other, false},
    {"date-chargement", Role::other, false},
    {"language", Role::language, false},
    {"langue", Role::language, false},
    {"sprache", Role::language, false},
    {"publication-type", Role::other, false},
    {"type-publication", Role::other, false},
    {"type", Role::other, false},
    {"document-type", Role::other, false},
    {"journal-code", Role::other, false},
    {"journal code", Role::other, false},
    {"graphic", Role::other, false},
    {"correction-date", Role::other, false},
    {"correction", Role::other, false},
    {"distribution", Role::other, false},
    {"url", Role::url, false},
    {"subject", Role::tag, false},
    {"sujet", Role::tag, false},
    {"industry", Role::tag, false},
    {"activity-sector", Role::tag, false},
    {"secteur-activite", Role::tag, false},
    {"person", Role::person, false},
    {"organization", Role::organisation, false},
    {"company", Role::organisation, false},
    {"societe", Role::organisation, false},
    {"geographic", Role::place, false},
    {"geo-localization", Role::place, false},
    {"localisation-geo", Role::place, false},
    {"country", Role::place, false},
    {"city", Role::place, false},
    {"state", Role::place, false},
    {"ticker", Role::other, false},
    {"stock-symbol", Role::other, false},
}};

struct Field {
  const Label* label = nullptr;
  std::string value;  // whitespace collapsed
};

std::string_view first_line(std::string_view block) {
  return trim(block.substr(0, block.find('\n')));
}

// A block's text on one line.
std::string flat(std::string_view block) { return collapse_whitespace(block); }

// "BYLINE: Andrew Sparrow", "Load-Date: July 4, 2019": a field with a
// label of the table.
std::optional<Field> field_of(std::string_view block) {
  const std::size_t colon = block.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return std::nullopt;
  // Folded: "LÄNGE" is "lange", "SOCIÉTÉ" "societe".
  const std::string label = fold(trim(block.substr(0, colon)));
  for (const Label& known : labels) {
    if (known.name == label) return Field{&known, flat(block.substr(colon + 1))};
  }
  return std::nullopt;
}

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> words) {
  const std::string lower = ascii_lower(word);
  for (std::string_view candidate : words) {
    if (lower == candidate) return true;
  }
  return false;
}

// Whether a block is one of the layout's own lines ("Body", "End of
// Document"); a paragraph, longer, is none.
bool says(std::string_view block, std::initializer_list<std::string_view> lines) {
  return block.size() <= 64 && is_one_of(flat(block), lines);
}

// "2001 of 2146 DOCUMENTS" (and "1 von 10 DOKUMENTEN", "3 sur 12 DOCUMENTS"):
// its number, or 0.
std::size_t document_marker(std::string_view block) {
  if (first_line(block).size() > 64) return 0;
  const std::vector<std::string> words = split_list(first_line(block), " \t");
  if (words.size() != 4 || !all_digits(words[0]) || !all_digits(words[2]) || words[0].size() > 9 ||
      words[2].size() > 9) {
    return 0;
  }
  if (!is_one_of(words[1], {"of", "von", "sur", "de", "van", "di", "af", "av", "z"}) ||
      !is_one_of(words[3], {"documents", "document", "dokumente", "dokumenten", "documentos",
                            "documento", "documenten", "documenti", "dokumenter", "dokument"})) {
    return 0;
  }
  return static_cast<std::size_t>(std::stoul(words[0]));
}

bool is_end_marker(std::string_view block) {
  return says(block,
              {"end of document", "ende des dokuments", "fin du document", "fin del documento"});
}

bool is_copyright(std::string_view block) {
  const std::string lower = ascii_lower(first_line(block));
  return lower.starts_with("copyright") || lower.starts_with("\xc2\xa9") ||
         lower.starts_with("(c) ") || lower == "all rights reserved";
}

// "NIGEL FARAGE" -> "Nigel Farage"; a name with small letters is kept.
std::string capitals_to_title(const std::string& text) {
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
  for (int32_t k = 0; k < unicode.length(); ++k) {
    if (u_islower(unicode.char32At(k))) return text;
  }
  unicode.toTitle(nullptr);
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

// "ELECTIONS (90%); EUROPEAN PARLIAMENT (84%); EURO (48%)": the items the
// database weighs at 50% or more, in title case.
std::vector<std::string> weighted_items(std::string_view value) {
  // Items are apart by ";", or only by their weight ("ALLEMAGNE (73%)
  // FRANCE (94%)").
  std::string separated(value);
  for (std::size_t at = separated.find("%) "); at != std::string::npos;
       at = separated.find("%) ", at + 3)) {
    separated[at + 2] = ';';
  }
  std::vector<std::string> items;
  for (std::string& item : split_list(separated, ";")) {
    const std::size_t open = item.rfind('(');
    if (open != std::string::npos && item.ends_with("%)")) {
      const std::string percent = item.substr(open + 1, item.size() - open - 3);
      if (!all_digits(percent) || percent.size() > 3 || std::stoi(percent) < 50) continue;
      item = std::string(trim(item.substr(0, open)));
    }
    // An industry's code before its name: "NAICS221310 WATER SUPPLY".
    if (const std::size_t space = item.find(' ');
        space != std::string::npos && std::ranges::any_of(item.substr(0, space), [](char ch) {
          return ch >= '0' && ch <= '9';
        })) {
      item.erase(0, space + 1);
    }
    if (!item.empty()) items.push_back(capitals_to_title(item));
  }
  return items;
}

// "By Mattha Busby (now), Andrew Sparrow (earlier)", "Daniel Boffey in
// Brussels": the people.
std::vector<std::string> byline_people(std::string_view value) {
  std::string byline;
  int depth = 0;
  for (char ch : value) {
    if (ch == '(') ++depth;
    if (depth == 0) byline += ch;
    if (ch == ')' && depth > 0) --depth;
  }
  std::vector<std::string> people;
  for (std::string& name : byline_names(byline)) {
    if (const std::size_t in = name.find(" in "); in != std::string::npos) name.resize(in);
    name = std::string(trim(name));
    if (!name.empty() && !is_byline_role(name) && !is_one_of(name, {"letters", "editorial"})) {
      people.push_back(name);
    }
  }
  return people;
}

void apply(const Field& field, Article& article) {
  const std::string& value = field.value;
  switch (field.label->role) {
    case Role::author:
      article.authors = byline_people(value);
      break;
    case Role::dateline:
      article.dateline = value;
      break;
    case Role::dek:
      article.dek = value;
      break;
    case Role::language:
      article.language = language_from_name(value);
      break;
    case Role::url:
      article.url = value;
      break;
    case Role::tag:
      for (std::string& tag : weighted_items(value)) article.tags.push_back(std::move(tag));
      break;
    case Role::person:
    case Role::organisation:
    case Role::place: {
      const Entity::Type type = field.label->role == Role::person  ? Entity::Type::person
                                : field.label->role == Role::place ? Entity::Type::place
                                                                   : Entity::Type::organisation;
      for (std::string& name : weighted_items(value)) {
        // A place in its country, "Kyiv, Ukraine": the place.
        if (type == Entity::Type::place && name.find(", ") != std::string::npos) {
          name.resize(name.find(", "));
        }
        article.given_entities.push_back(Entity{type, fold(name), std::move(name)});
      }
      break;
    }
    case Role::other:
      break;
  }
}

struct Range {
  std::size_t begin;
  std::size_t end;
};

// The body from `begin`, then the fields after it: the longest run of
// fields that ends the article (Nexis Uni's "Classification" heading one,
// a field whose value is the next block, as CORRECTION's, included). A
// paragraph that opens as a field does ("NOTES: Results exclude...") but
// is followed by text stays in the body.
void read_body_and_tail(const std::vector<std::string>& blocks, Range range, Article& article) {
  auto is_tail_field = [&](std::size_t k) {
    const auto field = field_of(blocks[k]);
    return (field && !field->label->leading) || says(blocks[k], {"classification"});
  };
  std::size_t tail = range.end;
  while (tail > range.begin) {
    if (is_tail_field(tail - 1)) {
      --tail;
    } else if (tail - 1 > range.begin && is_tail_field(tail - 2) && field_of(blocks[tail - 2]) &&
               field_of(blocks[tail - 2])->value.empty()) {
      tail -= 2;
    } else {
      break;
    }
  }
  for (std::size_t k = range.begin; k < tail; ++k) {
    if (std::string paragraph = flat(blocks[k]); !paragraph.empty()) {
      article.paragraphs.push_back(std::move(paragraph));
    }
  }
  for (std::size_t k = tail; k < range.end; ++k) {
    if (const auto field = field_of(blocks[k])) apply(*field, article);
  }
}

// The leading fields from `k`; returns the first block after them.
std::size_t read_leading_fields(const std::vector<std::string>& blocks, std::size_t k,
                                std::size_t end, Article& article) {
  for (; k < end; ++k) {
    const auto field = field_of(blocks[k]);
    if (!field || !field->label->leading) break;
    apply(*field, article);
  }
  return k;
}

bool is_leading_field(std::string_view block) {
  const auto field = field_of(block);
  return field && field->label->leading;
}

// A field before Nexis Uni's "Body": one of the table's, or any other
// label ("Series: Brexit diary"), which it adds as it pleases.
bool is_header_field(std::string_view block) {
  if (is_leading_field(block)) return true;
  const std::size_t colon = block.find(": ");
  if (colon == std::string_view::npos || colon == 0 || colon > 25) return false;
  const std::string_view label = block.substr(0, colon);
  return label.front() >= 'A' && label.front() <= 'Z' && std::ranges::all_of(label, [](char ch) {
           return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-' || ch == ' ';
         });
}

// Academic: source, date line, headline, fields, body, fields, copyright.
Article academic_article(const std::vector<std::string>& blocks, Range range,
                         std::string& bad_date) {
  Article article;
  std::size_t end = range.end;
  while (end > range.begin && is_copyright(blocks[end - 1])) --end;
  std::size_t k = range.begin;
  std::optional<std::size_t> date_at;
  for (std::size_t d = k; d < std::min(end, k + 4); ++d) {
    if (is_leading_field(blocks[d])) break;
    if (auto date = parse_date_prefix(first_line(blocks[d]))) {
      article.published = date;
      date_at = d;
      break;
    }
  }
  if (date_at) {
    if (*date_at > k) article.source = flat(first_line(blocks[k]));
    k = *date_at + 1;
  } else if (k < end) {
    article.source = flat(first_line(blocks[k]));
    ++k;
    // Two blocks before the fields: the first stands where the date line
    // does, and is no date.
    if (k + 1 < end && !is_leading_field(blocks[k]) && !is_leading_field(blocks[k + 1])) {
      bad_date = std::string(first_line(blocks[k]));
      ++k;
    }
  }
  // The headline: the blocks before the first field, or the first block.
  std::size_t fields = k;
  while (fields < end && fields < k + 3 && !is_leading_field(blocks[fields])) ++fields;
  if (fields == end || !is_leading_field(blocks[fields])) fields = std::min(k + 1, end);
  std::string title;
  for (std::size_t h = k; h < fields; ++h) {
    title += (title.empty() ? "" : " ") + flat(blocks[h]);
  }
  article.title = std::move(title);
  k = read_leading_fields(blocks, fields, end, article);
  read_body_and_tail(blocks, Range{k, end}, article);
  return article;
}

// Nexis Uni: headline, source, date line, copyright, fields, "Body", body,
// "Classification" and fields.
Article nexis_uni_article(const std::vector<std::string>& blocks, Range range,
                          std::string& bad_date) {
  Article article;
  std::size_t body = range.begin;
  while (body < range.end && !says(blocks[body], {"body"})) ++body;
  std::size_t header_end = body;
  if (body == range.end) {
    // No "Body" line: the body follows the first run of leading fields.
    header_end = range.begin;
    while (header_end < range.end && !is_leading_field(blocks[header_end])) ++header_end;
    body = read_leading_fields(blocks, header_end, range.end, article);
  } else {
    ++body;
  }
  // Back from the fields: copyright lines, the date line, the source, the
  // headline. What comes before is the cover page (in the first article).
  std::size_t k = header_end;
  while (k > range.begin && is_header_field(blocks[k - 1])) {
    --k;
    if (const auto field = field_of(blocks[k])) apply(*field, article);
  }
  while (k > range.begin && is_copyright(blocks[k - 1])) --k;
  if (k > range.begin) {
    const std::string_view date_line = first_line(blocks[--k]);
    article.published = parse_date_prefix(date_line);
    if (!article.published) bad_date = std::string(date_line);
  }
  if (k > range.begin) article.source = flat(blocks[--k]);
  if (k > range.begin) article.title = flat(blocks[--k]);
  read_body_and_tail(blocks, Range{body, range.end}, article);
  return article;
}

std::string origin_of(const std::string& name, std::size_t number) {
  return name + "[" + std::to_string(number) + "]";
}

// Whether a line is one of the layout's own: a marker, "Body",
// "Classification", a known field.
bool is_layout_line(std::string_view line) {
  return document_marker(line) != 0 || is_end_marker(line) ||
         says(line, {"body", "classification"}) || field_of(line).has_value();
}

// A block's lines apart where it holds a line of the layout's own.
std::vector<std::string> layout_blocks(const std::vector<std::string>& blocks) {
  return split_layout_lines(blocks, is_layout_line);
}

// An Academic marker line; or, before the first "End of Document", a
// date line and after it a field (a report that ends "End of Document"
// and names its "Section:" is no export).
bool is_export(const std::vector<std::string>& blocks) {
  bool dated = false;
  bool field_after_date = false;
  for (const std::string& block : blocks) {
    if (document_marker(block) != 0) return true;
    if (is_end_marker(block)) return field_after_date;
    if (!dated) {
      dated = block.size() <= 120 && parse_date_prefix(first_line(block)).has_value();
    } else {
      field_after_date = field_after_date || is_leading_field(block);
    }
  }
  return false;
}

}  // namespace

bool is_lexisnexis_export(const std::vector<std::string>& blocks) {
  return is_export(layout_blocks(blocks));
}

bool opens_lexisnexis_export(std::string_view head) {
  std::size_t start = 0;
  while (start < head.size()) {
    const std::size_t end = std::min(head.find('\n', start), head.size());
    if (document_marker(head.substr(start, end - start)) != 0) return true;
    start = end + 1;
  }
  return false;
}

void read_lexisnexis_blocks(const std::vector<std::string>& given,
                            const std::vector<std::size_t>& given_lines, const std::string& name,
                            const ReaderLimits& limits, ArticleSink& sink) {
  const std::vector<std::string> blocks = layout_blocks(given);
  // Line numbers name blocks only while none was split.
  const std::vector<std::size_t> lines =
      blocks.size() == given.size() ? given_lines : std::vector<std::size_t>{};
  auto finish = [&](Article&& article, const std::string& bad_date, const std::string& origin) {
    finish_article(std::move(article), bad_date, origin, "lexisnexis", limits, sink);
  };
  auto origin = [&](std::size_t block, std::size_t number) {
    return block < lines.size() ? name + ":" + std::to_string(lines[block])
                                : origin_of(name, number);
  };
  std::vector<std::size_t> markers;
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    if (document_marker(blocks[k]) != 0) markers.push_back(k);
  }
  if (!markers.empty()) {
    for (std::size_t m = 0; m < markers.size(); ++m) {
      const std::size_t end = m + 1 < markers.size() ? markers[m + 1] : blocks.size();
      std::string bad_date;
      Article article = academic_article(blocks, Range{markers[m] + 1, end}, bad_date);
      finish(std::move(article), bad_date, origin(markers[m], document_marker(blocks[markers[m]])));
    }
    return;
  }
  std::size_t begin = 0;
  std::size_t number = 0;
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    if (!is_end_marker(blocks[k])) continue;
    std::string bad_date;
    Article article = nexis_uni_article(blocks, Range{begin, k}, bad_date);
    ++number;
    // In text, the origin is the line of its "End of Document".
    finish(std::move(article), bad_date, origin(k, number));
    begin = k + 1;
  }
}

void read_lexisnexis(std::istream& in, const std::string& name, const ReaderLimits& limits,
                     ArticleSink& sink) {
  std::string text;
  if (!read_whole(in, name, "LexisNexis export", limits, sink, text)) return;
  if (text.starts_with(utf8_bom)) text.erase(0, utf8_bom.size());
  // A block's lines stay apart, as the date line's edition lines do.
  std::vector<std::size_t> lines;
  const std::vector<std::string> blocks = text_blocks(text, &lines);
  read_lexisnexis_blocks(blocks, lines, name, limits, sink);
}

}  // namespace dateline::readers
