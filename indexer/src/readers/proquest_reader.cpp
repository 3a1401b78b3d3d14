// ProQuest exports: the pages ProQuest (Newsstream, Historical Newspapers,
// U.S. Major Dailies) saves or e-mails with a search's documents, many in
// one page. Each document opens with an anchor named "DocID_..." (which
// the HTML reader turns into a marker block), then:
//
//   headline                          title
//   [authors, citation]               (ProQuest's newer layout; left out)
//   Author: Last, First; Last, First  authors, as "First Last" ("Anonymous" none)
//   Publication info: ...             (left out)
//   ProQuest document link
//   Abstract: ...                     dek (its text may be the next block)
//   Links: ...
//   Full text: first paragraph        paragraphs, to the fields after them
//   more paragraphs
//   Dateline: ...                     dateline (wherever it stands)
//   Subject: a; b                     tags
//   Location: a; b                    places ("United States--US" is United States)
//   People: Last, First; ...          people
//   Company / organization: Name: X; NAICS: ...; Name: Y   organisations
//   Company: X; Y                     organisations
//   Publication title: X; Place       source (X, an edition after a comma left out)
//   Publication date: May 8, 2010     published
//   Language of publication: English  language
//   ProQuest document ID: 251439970   id "proquest-251439970": exported
//                                     again, a document replaces itself
//   Document URL: ...                 url (its account query left out)
//   (the other fields: Pages, Section, Publisher, ISSN, Copyright...)
//
// ProQuest's text export (Report Information from ProQuest) is the same
// layout as text: each document after its "Document 3 of 100" line, up to
// the rule line that ends it; its fields after the text in the order of
// their names. (--format proquest; detected by its first lines.)
//
// Origins are `file[N]`, N the document's number in the page or file.

#include <algorithm>
#include <array>
#include <optional>

#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers {

namespace {

// The fields after a document's text, lower case.
constexpr std::array<std::string_view, 40> tail_labels{
    "language",
    "column",
    "company",
    "number of pages",
    "first page",
    "url",
    "notes",
    "document feature",
    "accession number",
    "dateline",
    "subject",
    "location",
    "people",
    "company / organization",
    "identifier / keyword",
    "business indexing term",
    "classification",
    "title",
    "publication title",
    "pages",
    "publication year",
    "publication date",
    "section",
    "publisher",
    "place of publication",
    "country of publication",
    "publication subject",
    "issn",
    "coden",
    "source type",
    "language of publication",
    "document type",
    "proquest document id",
    "document url",
    "copyright",
    "last updated",
    "database",
    "credit",
    "caption",
    "illustration",
};

struct Field {
  std::string label;  // lower case
  std::string value;
};

// "Publication date: May 8, 2010".
std::optional<Field> field_of(std::string_view block) {
  const std::size_t colon = block.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return std::nullopt;
  std::string label = ascii_lower(trim(block.substr(0, colon)));
  if (!std::ranges::all_of(label, [](char ch) {
        return (ch >= 'a' && ch <= 'z') || ch == ' ' || ch == '/' || ch == '-';
      })) {
    return std::nullopt;
  }
  return Field{std::move(label), collapse_whitespace(block.substr(colon + 1))};
}

// A label without its spaces: ProQuest's pages lose one now and then
// ("Language ofpublication").
std::string squeezed(std::string_view label) {
  std::string out;
  for (char ch : label) {
    if (ch != ' ') out += ch;
  }
  return out;
}

// A field of the run after the text, one the table knows. A line of the
// text that opens with a label of its own ("Company: ...") stays text.
bool is_tail_field(std::string_view block) {
  const auto field = field_of(block);
  return field && std::ranges::any_of(tail_labels, [&](std::string_view label) {
           return squeezed(label) == squeezed(field->label);
         });
}

std::vector<std::string> names(std::string_view value) {
  std::vector<std::string> out;
  for (std::string& name : split_list(value, ";")) {
    if (std::string person = first_name_first(std::move(name));
        !person.empty() && person != "Anonymous") {
      out.push_back(std::move(person));
    }
  }
  return out;
}

void add_entities(const std::vector<std::string>& names, Entity::Type type, Article& article) {
  for (const std::string& name : names) {
    article.given_entities.push_back(Entity{type, fold(name), name});
  }
}

void apply_tail(const Field& given, Article& article, std::string& bad_date) {
  // The table's spelling of the label.
  Field field = given;
  for (std::string_view label : tail_labels) {
    if (squeezed(label) == squeezed(given.label)) field.label = std::string(label);
  }
  const std::string& value = field.value;
  if (field.label == "dateline") {
    article.dateline = value;
  } else if (field.label == "subject") {
    for (std::string& tag : split_list(value, ";")) article.tags.push_back(std::move(tag));
  } else if (field.label == "location") {
    // "United States--US": the place.
    std::vector<std::string> places;
    for (std::string& place : split_list(value, ";")) {
      places.push_back(place.substr(0, place.find("--")));
    }
    add_entities(places, Entity::Type::place, article);
  } else if (field.label == "people") {
    add_entities(names(value), Entity::Type::person, article);
  } else if (field.label == "company") {
    add_entities(split_list(value, ";"), Entity::Type::organisation, article);
  } else if (field.label == "company / organization") {
    std::vector<std::string> companies;
    for (const std::string& part : split_list(value, ";")) {
      if (part.starts_with("Name: ")) companies.emplace_back(trim(part.substr(6)));
    }
    add_entities(companies, Entity::Type::organisation, article);
  } else if (field.label == "publication title") {
    std::string source(trim(value.substr(0, value.find(';'))));
    // "New York Times, Late Edition (East Coast)": the paper.
    if (const std::size_t comma = source.rfind(", ");
        comma != std::string::npos &&
        ascii_lower(source.substr(comma)).find("edition") != std::string::npos) {
      source.resize(comma);
    }
    article.source = std::move(source);
  } else if (field.label == "publication date") {
    article.published = parse_date_prefix(value);
    if (!article.published) bad_date = value;
  } else if (field.label == "language of publication" || field.label == "language") {
    article.language = language_from_name(value);
  } else if (field.label == "proquest document id") {
    if (!value.empty()) article.id = "proquest-" + value;
  } else if (field.label == "document url") {
    article.url = value.substr(0, value.find('?'));
  }
}

// Any field: a short label, or a known one ("School code: 0153",
// "Degree: M.A."), or a bare address (the text export's links).
bool is_field_like(std::string_view block) {
  if (block.starts_with("http://") || block.starts_with("https://")) return true;
  const auto field = field_of(block);
  return field && (is_tail_field(block) ||
                   (std::ranges::count(field->label, ' ') < 4 && field->value.size() <= 300));
}

// One document: the blocks after its marker.
Article document_of(const std::vector<std::string>& blocks, std::size_t begin, std::size_t end,
                    std::string& bad_date) {
  Article article;
  std::size_t k = begin;
  while (k < end && trim(blocks[k]).empty()) ++k;
  if (k < end) article.title = collapse_whitespace(blocks[k++]);
  // The fields after the text: the run of them that holds the document's
  // id (the page's footer may follow).
  std::size_t id_at = end;
  for (std::size_t j = k; j < end; ++j) {
    const auto field = field_of(blocks[j]);
    if (field && field->label == "proquest document id") {
      id_at = j;
      break;
    }
  }
  // Back over the fields before the id (ProQuest's text export orders
  // them by name, so some the table does not know stand among them), then
  // on to the first one it knows: a line of text that opens like a field
  // stays text.
  std::size_t tail = id_at;
  while (tail > k && is_field_like(blocks[tail - 1])) --tail;
  while (tail < id_at && !is_tail_field(blocks[tail])) ++tail;
  std::size_t tail_end = id_at;
  while (tail_end < end && is_field_like(blocks[tail_end])) ++tail_end;
  // The header and the text before the fields.
  bool in_text = false;
  bool in_abstract = false;
  for (std::size_t j = k; j < tail; ++j) {
    const std::string block = collapse_whitespace(blocks[j]);
    const auto field = field_of(block);
    if (!in_text && field && field->label == "full text") {
      in_text = true;
      in_abstract = false;
      if (!field->value.empty()) article.paragraphs.push_back(field->value);
    } else if (field && field->label == "dateline") {
      article.dateline = field->value;
    } else if (in_text) {
      // A picture's link in the text, as the New York Times' read.
      if (!block.empty() && block != "Enlarge this image.") article.paragraphs.push_back(block);
    } else if (field && field->label == "author") {
      article.authors = names(field->value);
    } else if (field && field->label == "abstract") {
      in_abstract = true;
      if (field->value != "None available.") article.dek = field->value;
    } else if (field && field->label == "links") {
      in_abstract = false;
    } else if (in_abstract && article.dek.empty()) {
      article.dek = block;
    }
  }
  for (std::size_t j = tail; j < tail_end; ++j) {
    if (const auto field = field_of(blocks[j])) apply_tail(*field, article, bad_date);
  }
  return article;
}

// A rule line, "____...", that ends a section of the text export.
bool is_rule(std::string_view block) {
  return block.size() >= 10 && block.find_first_not_of('_') == std::string_view::npos;
}

// "Document 3 of 100".
bool is_document_line(std::string_view block) {
  const std::vector<std::string> words = split_list(block, " ");
  return words.size() == 4 && words[0] == "Document" && all_digits(words[1]) && words[2] == "of" &&
         all_digits(words[3]);
}

}  // namespace

void read_proquest_blocks(const std::vector<std::string>& blocks, const std::string& name,
                          const ReaderLimits& limits, ArticleSink& sink) {
  // A document runs from its marker to the next marker, or to the end of
  // its section (the text export's rule line).
  std::size_t number = 0;
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    if (!blocks[k].starts_with(proquest_marker)) continue;
    std::size_t end = k + 1;
    while (end < blocks.size() && !blocks[end].starts_with(proquest_marker) &&
           !is_rule(blocks[end])) {
      ++end;
    }
    std::string bad_date;
    Article article = document_of(blocks, k + 1, end, bad_date);
    finish_article(std::move(article), bad_date, name + "[" + std::to_string(++number) + "]",
                   "proquest", limits, sink);
  }
}

bool opens_proquest_export(std::string_view head) {
  const std::size_t report = head.substr(0, 512).find("Report Information from ProQuest");
  return report != std::string_view::npos && trim(head).starts_with("____");
}

void read_proquest(std::istream& in, const std::string& name, const ReaderLimits& limits,
                   ArticleSink& sink) {
  std::string text;
  if (!read_whole(in, name, "ProQuest export", limits, sink, text)) return;
  if (text.starts_with(utf8_bom)) text.erase(0, utf8_bom.size());
  // Blocks are runs of non-blank lines; "Document 3 of 100" is a
  // document's marker, as its anchor is in the HTML export.
  std::vector<std::string> blocks;
  for (std::string& block : text_blocks(text)) {
    if (is_document_line(block)) {
      blocks.push_back(std::string(proquest_marker) + block);
    } else {
      blocks.push_back(std::move(block));
    }
  }
  read_proquest_blocks(blocks, name, limits, sink);
}

}  // namespace dateline::readers
