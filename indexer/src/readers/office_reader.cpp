// Word (.docx) and OpenDocument (.odt) text documents: a newsroom's copy
// files, a freelancer's filed story, an archive of press releases. Each
// document is one article. Both are zip files of XML parts; libarchive
// opens the zip and libxml2 parses the parts that matter:
//
//                .docx (word/document.xml,       .odt (content.xml,
//                 docProps/core.xml)               meta.xml)
//   title        a paragraph styled Title, else the document's title
//                property, else a first heading or a short first
//                paragraph (as the text reader takes a first line)
//   dek          a paragraph styled Subtitle
//   authors      dc:creator                       meta:initial-creator,
//                                                 else dc:creator
//                (an account name such as "Microsoft Office User" is no
//                author)
//   published    dcterms:created, else            meta:creation-date, else
//                dcterms:modified                 dc:date
//                (when the document was written: its only date)
//   language     dc:language ("en-US" -> "en")
//   tags         cp:keywords (split at , and ;)   meta:keyword
//   text         the body's paragraphs, tables' and text boxes' included;
//                not deleted (tracked) text, footnotes, comments or
//                field codes
//
// The source is not in the document: a corpus config gives a folder's.

#include <archive.h>
#include <archive_entry.h>
#include <libxml/tree.h>

#include <istream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dateline/common/text.h"
#include "readers.h"
#include "xml_dom.h"

namespace dateline::readers {

namespace {

using xml::attribute;
using xml::child;
using xml::name_of;
using xml::text_of;

struct Paragraph {
  std::string text;
  std::string style;  // lowered: "title", "subtitle", "heading1"
  bool heading = false;
};

struct Parts {
  std::string body;      // word/document.xml or content.xml
  std::string metadata;  // docProps/core.xml or meta.xml
  std::string styles;    // word/styles.xml
  bool odf = false;
};

// Word's style ids are the style's name in the user's language ("Titel"
// in a German Word); styles.xml gives each the built-in English name
// ("Title", "heading 1"), lower-cased here.
using StyleNames = std::map<std::string, std::string>;

StyleNames word_style_names(const xmlNode* styles) {
  StyleNames names;
  xml::each(styles, "style", [&](const xmlNode* style) {
    const std::string id = attribute(style, "styleId");
    const std::string name = attribute(child(style, "name"), "val");
    if (!id.empty() && !name.empty()) names[id] = ascii_lower(name);
  });
  return names;
}

// A table's row is one paragraph, its cells separated by " | ": "Reni |
// 40", not "Reni" and "40" apart.
template <typename Collect>
void table_row(const xmlNode* row, std::vector<Paragraph>& out, Collect&& collect) {
  std::vector<Paragraph> cells;
  collect(row->children, cells);
  Paragraph joined;
  for (const auto& cell : cells) {
    if (!joined.text.empty()) joined.text += " | ";
    joined.text += cell.text;
  }
  if (!joined.text.empty()) out.push_back(std::move(joined));
}

// --- Word -------------------------------------------------------------

// The text of a w:p's runs, and the paragraphs of text boxes inside it
// (added to `boxes`, after it).
void word_runs(const xmlNode* node, std::string& text, std::vector<Paragraph>& boxes,
               const StyleNames& styles);
void word_paragraphs(const xmlNode* first, std::vector<Paragraph>& out, const StyleNames& styles);

void word_runs(const xmlNode* first, std::string& text, std::vector<Paragraph>& boxes,
               const StyleNames& styles) {
  for (const xmlNode* node = first; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string_view name = name_of(node);
    if (name == "t") {
      text += xml::raw_text(node);
    } else if (name == "tab" || name == "br" || name == "cr") {
      text += ' ';
    } else if (name == "noBreakHyphen") {
      text += '-';
    } else if (name == "txbxContent") {
      word_paragraphs(node->children, boxes, styles);
    } else if (name == "Fallback" || name == "del" || name == "instrText" ||
               name == "footnoteReference" || name == "pPr" || name == "rPr") {
      // A drawing's copy for old readers (its text box again), deleted
      // text, field codes, formatting.
    } else {
      word_runs(node->children, text, boxes, styles);
    }
  }
}

void word_paragraphs(const xmlNode* first, std::vector<Paragraph>& out, const StyleNames& styles) {
  for (const xmlNode* node = first; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string_view name = name_of(node);
    if (name == "p") {
      Paragraph paragraph;
      const std::string id = attribute(child(child(node, "pPr"), "pStyle"), "val");
      const auto named = styles.find(id);
      paragraph.style = named != styles.end() ? named->second : ascii_lower(id);
      paragraph.heading = paragraph.style.starts_with("heading");
      std::vector<Paragraph> boxes;
      word_runs(node->children, paragraph.text, boxes, styles);
      paragraph.text = collapse_whitespace(paragraph.text);
      if (!paragraph.text.empty()) out.push_back(std::move(paragraph));
      for (auto& box : boxes) out.push_back(std::move(box));
    } else if (name == "tr") {
      table_row(node, out, [&styles](const xmlNode* cells, std::vector<Paragraph>& into) {
        word_paragraphs(cells, into, styles);
      });
    } else if (name != "sectPr" && name != "Fallback" && name != "del") {
      word_paragraphs(node->children, out, styles);  // tables, content controls, insertions
    }
  }
}

// --- OpenDocument -----------------------------------------------------

void odf_text(const xmlNode* first, std::string& text) {
  for (const xmlNode* node = first; node != nullptr; node = node->next) {
    if (node->type == XML_TEXT_NODE) {
      text += xml::raw_text(node);
      continue;
    }
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string_view name = name_of(node);
    if (name == "s" || name == "tab" || name == "line-break") {
      text += ' ';
    } else if (name != "note" && name != "annotation" && name != "tracked-changes") {
      odf_text(node->children, text);
    }
  }
}

void odf_paragraphs(const xmlNode* first, std::vector<Paragraph>& out) {
  for (const xmlNode* node = first; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string_view name = name_of(node);
    if (name == "p" || name == "h") {
      Paragraph paragraph;
      paragraph.style = ascii_lower(attribute(node, "style-name"));
      paragraph.heading = name == "h";
      odf_text(node->children, paragraph.text);
      paragraph.text = collapse_whitespace(paragraph.text);
      if (!paragraph.text.empty()) out.push_back(std::move(paragraph));
    } else if (name == "table-row") {
      table_row(node, out, [](const xmlNode* cells, std::vector<Paragraph>& into) {
        odf_paragraphs(cells, into);
      });
    } else if (name != "tracked-changes" && name != "annotation" && name != "note" &&
               name != "sequence-decls" && name != "forms") {
      odf_paragraphs(node->children, out);  // lists, tables, sections, frames
    }
  }
}

// --- Both -------------------------------------------------------------

void read_properties(const xmlNode* root, bool odf, Article& article, std::string& bad_date) {
  const xmlNode* properties = odf ? xml::find(root, "meta") : root;
  if (properties == nullptr) return;
  std::string title, initial_creator, creator, created, modified, language;
  std::vector<std::string> keywords;
  for (const xmlNode* node = properties->children; node != nullptr; node = node->next) {
    const std::string_view name = name_of(node);
    if (name.empty()) continue;
    const std::string value = text_of(node);
    if (name == "title") {
      title = value;
    } else if (name == "initial-creator") {
      initial_creator = value;
    } else if (name == "creator") {
      creator = value;
    } else if (name == "created" || name == "creation-date") {
      created = value;
    } else if (name == "modified" || (odf && name == "date")) {
      modified = value;
    } else if (name == "language") {
      language = value;
    } else if (name == "keyword") {
      keywords.push_back(value);
    } else if (name == "keywords") {
      for (auto& keyword : split_list(value, ",;")) keywords.push_back(std::move(keyword));
    }
  }
  article.title = title;
  // Word separates several authors with semicolons.
  for (const std::string& names : {initial_creator, creator}) {
    if (!article.authors.empty()) break;
    for (auto& author : split_list(names, ";")) {
      if (!is_account_name(author)) article.authors.push_back(std::move(author));
    }
  }
  for (const std::string& date : {created, modified}) {
    if (date.empty() || article.published) continue;
    article.published = parse_date(date);
    if (!article.published && bad_date.empty()) bad_date = date;
  }
  if (article.published) bad_date.clear();
  article.language = language_code(language);
  for (auto& keyword : keywords) {
    if (!keyword.empty()) article.tags.push_back(std::move(keyword));
  }
}

// The headline and dek from the paragraphs, which keep the rest.
void take_headline(std::vector<Paragraph>& paragraphs, Article& article) {
  auto take = [&](std::size_t index) {
    std::string text = std::move(paragraphs[index].text);
    paragraphs.erase(paragraphs.begin() + static_cast<std::ptrdiff_t>(index));
    return text;
  };
  for (std::size_t k = 0; k < paragraphs.size(); ++k) {
    if (paragraphs[k].style == "title") {
      article.title = take(k);
      break;
    }
  }
  for (std::size_t k = 0; k < paragraphs.size(); ++k) {
    if (paragraphs[k].style == "subtitle") {
      article.dek = take(k);
      break;
    }
  }
  if (paragraphs.empty()) return;
  // The title property repeated as the first paragraph.
  if (!article.title.empty()) {
    if (fold(paragraphs.front().text) == fold(article.title)) take(0);
    return;
  }
  const Paragraph& first = paragraphs.front();
  if (paragraphs.size() > 1 && (first.heading || could_be_headline(first.text))) {
    article.title = take(0);
  }
}

std::string part_error(std::string_view part, const std::string& detail) {
  return std::string(part) + " is not well-formed XML" + detail;
}

}  // namespace

void read_office(std::istream& in, const std::string& name, const ReaderLimits& limits,
                 ArticleSink& sink) {
  std::string bytes;
  if (!read_whole(in, name, "document", limits, sink, bytes)) return;
  std::unique_ptr<archive, decltype(&archive_read_free)> zip(archive_read_new(), archive_read_free);
  archive_read_support_format_zip(zip.get());
  if (archive_read_open_memory(zip.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    sink.skip(Skip{name, "corrupt-document",
                   "not a zip file, as .docx and .odt documents are (an old binary .doc, or a "
                   "password-protected document?)"});
    return;
  }
  Parts parts;
  archive_entry* entry = nullptr;
  int status = ARCHIVE_OK;
  while ((status = archive_read_next_header(zip.get(), &entry)) == ARCHIVE_OK) {
    const char* path = archive_entry_pathname(entry);
    const std::string_view part = path != nullptr ? path : "";
    std::string* into = nullptr;
    if (part == "word/document.xml" || part == "content.xml") {
      into = &parts.body;
      parts.odf = part == "content.xml";
    } else if (part == "docProps/core.xml" || part == "meta.xml") {
      into = &parts.metadata;
    } else if (part == "word/styles.xml") {
      into = &parts.styles;
    }
    if (into == nullptr) continue;
    into->clear();
    std::vector<char> block(1 << 16);
    la_ssize_t got = 0;
    while ((got = archive_read_data(zip.get(), block.data(), block.size())) > 0) {
      if (into->size() + static_cast<std::size_t>(got) > limits.max_record_bytes) {
        sink.skip(
            too_large(name + ":" + std::string(part), "document part", limits.max_record_bytes));
        return;
      }
      into->append(block.data(), static_cast<std::size_t>(got));
    }
    if (got < 0) break;
  }
  if (status != ARCHIVE_EOF) {
    const char* message = archive_error_string(zip.get());
    sink.skip(Skip{
        name, "corrupt-document",
        "a corrupt zip: " + message_excerpt(message != nullptr ? message : "read error", 120)});
    return;
  }
  if (parts.body.empty()) {
    sink.skip(Skip{name, "unknown-format",
                   "a zip without word/document.xml or content.xml: not a Word or OpenDocument "
                   "text document"});
    return;
  }
  const std::string body_part = parts.odf ? "content.xml" : "word/document.xml";
  std::string error;
  const xml::Document body = xml::parse(parts.body, name + ":" + body_part, error);
  if (!body) {
    sink.skip(Skip{name, "malformed-xml", part_error(body_part, error)});
    return;
  }
  Article article;
  std::string bad_date;
  if (!parts.metadata.empty()) {
    const xml::Document metadata = xml::parse(parts.metadata, name, error);
    if (metadata) {
      read_properties(xmlDocGetRootElement(metadata.get()), parts.odf, article, bad_date);
    } else {
      sink.warning(Skip{name, "malformed-xml",
                        part_error(parts.odf ? "meta.xml" : "docProps/core.xml", error) +
                            "; the document's title, author and date are not read"});
    }
  }
  std::vector<Paragraph> paragraphs;
  const xmlNode* root = xmlDocGetRootElement(body.get());
  if (parts.odf) {
    odf_paragraphs(child(child(root, "body"), "text"), paragraphs);
  } else {
    StyleNames styles;
    if (const xml::Document styles_part = xml::parse(parts.styles, name, error); styles_part) {
      styles = word_style_names(xmlDocGetRootElement(styles_part.get()));
    }
    word_paragraphs(child(root, "body"), paragraphs, styles);
  }
  // News databases' Word exports (Nexis Uni's, Factiva's): many articles.
  if (!parts.odf) {
    std::vector<std::string> blocks;
    blocks.reserve(paragraphs.size());
    for (const auto& paragraph : paragraphs) blocks.push_back(paragraph.text);
    if (read_export_blocks(blocks, name, limits, sink)) return;
  }
  take_headline(paragraphs, article);
  for (auto& paragraph : paragraphs) article.paragraphs.push_back(std::move(paragraph.text));
  finish_article(std::move(article), bad_date, name, parts.odf ? "odt" : "docx", limits, sink);
}

}  // namespace dateline::readers
