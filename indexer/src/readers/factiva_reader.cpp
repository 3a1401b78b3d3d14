// Factiva exports: Dow Jones's news database, as its users download
// articles, many in one file.
//
// XML (the PPS response of Factiva's exports and APIs): every
// <ppsarticle>'s <article>, origin its line:
//   accessionNo          id (Factiva's own, stable: an article exported again
//                        replaces itself)
//   headline             title
//   byline               authors
//   publicationDate      published (<dateTime>, or <date>)
//   sourceName           source
//   baseLanguage         language
//   leadParagraph, tailParagraphs  paragraphs (their <paragraph>s, or text
//                        whose indented lines start paragraphs)
//   newsSubject, industry  tags (their <name>s)
//   region               places;  company  organisations
//   dateline             dateline
//
// HTML with Factiva's codes ("Full Article/Report plus Indexing"): every
// <div class="article">'s rows of a code and its text, origin `file[N]`:
//   AN id ("Document X"); HD title; BY authors; PD published, with ET's time;
//   SN source; LA language (its name); LP and TD paragraphs; NS and IN tags;
//   RE places; CO organisations (each "code : Name | ...").
// The other codes (WC, SC, CY, PUB, IPC...) are left out of the text.
//
// Without the codes ("Full Article/Report": Word, RTF, PDF, HTML), each
// article's lines stand in the codes' order, and are read as those rows:
//   [section] headline [By author] "N words" date [time] source
//   source-code [edition, page] language [copyright] paragraphs
//   "Document X"
// The "N words" line followed by a date line, and the "Document" line
// (Factiva's accession number, the id), tell an export.

#include <algorithm>
#include <optional>

#include "dateline/common/text.h"
#include "readers.h"
#include "xml_dom.h"

namespace dateline::readers {

namespace {

using xml::child;
using xml::each;
using xml::inside;

// The paragraphs of a <leadParagraph> or <tailParagraphs>.
void add_paragraphs(const xmlNode* part, std::vector<std::string>& paragraphs) {
  if (part == nullptr) return;
  bool any = false;
  each(inside(part), "paragraph", [&](const xmlNode* paragraph) {
    any = true;
    if (std::string text = xml::text_of(paragraph); !text.empty()) {
      paragraphs.push_back(std::move(text));
    }
  });
  // Text as written (a wire story): its indented lines start paragraphs.
  if (!any) {
    for (std::string& text : split_paragraphs(xml::raw_text(part), true)) {
      paragraphs.push_back(std::move(text));
    }
  }
}

// Each <name> of the elements called `element` ("region").
std::vector<std::string> names_of(const xmlNode* article, std::string_view element) {
  std::vector<std::string> names;
  each(inside(article), element, [&](const xmlNode* node) {
    std::string name = xml::text_of(child(node, "name"));
    if (!name.empty() && std::ranges::find(names, name) == names.end()) {
      names.push_back(std::move(name));
    }
  });
  return names;
}

void read_xml_article(const xmlNode* node, const std::string& origin, const ReaderLimits& limits,
                      ArticleSink& sink) {
  Article article;
  article.id = xml::text_of(child(node, "accessionNo"));
  article.title = xml::text_of(child(node, "headline"));
  if (const std::string byline = xml::text_of(child(node, "byline")); !byline.empty()) {
    article.authors = byline_names(byline);
  }
  std::string bad_date;
  if (const xmlNode* date = child(node, "publicationDate"); date != nullptr) {
    std::string text = xml::text_of(child(date, "dateTime"));
    if (text.empty()) text = xml::text_of(child(date, "date"));
    if (text.empty()) text = xml::text_of(date);
    if (!text.empty()) {
      article.published = parse_date(text);
      if (!article.published) bad_date = text;
    }
  }
  article.source = xml::text_of(child(node, "sourceName"));
  article.language = language_code(xml::text_of(child(node, "baseLanguage")));
  article.dateline = xml::text_of(child(node, "dateline"));
  add_paragraphs(child(node, "leadParagraph"), article.paragraphs);
  add_paragraphs(child(node, "tailParagraphs"), article.paragraphs);
  article.tags = names_of(node, "newsSubject");
  for (std::string& tag : names_of(node, "industry")) article.tags.push_back(std::move(tag));
  for (std::string& name : names_of(node, "region")) {
    article.given_entities.push_back(Entity{Entity::Type::place, fold(name), std::move(name)});
  }
  for (std::string& name : names_of(node, "company")) {
    article.given_entities.push_back(
        Entity{Entity::Type::organisation, fold(name), std::move(name)});
  }
  finish_article(std::move(article), bad_date, origin, "factiva", limits, sink);
}

// "gpol : Domestic Politics | gcat : Political/General News": the names.
std::vector<std::string> coded_names(const std::vector<std::string>& value) {
  std::vector<std::string> names;
  for (const std::string& line : value) {
    for (const std::string& item : split_list(line, "|")) {
      const std::size_t colon = item.find(" : ");
      std::string name(trim(colon == std::string::npos ? item : item.substr(colon + 3)));
      if (!name.empty()) names.push_back(std::move(name));
    }
  }
  return names;
}

std::string joined(const std::vector<std::string>& value) {
  std::string text;
  for (const std::string& line : value) text += (text.empty() ? "" : " ") + line;
  return text;
}

// "Document HARBGZ0020190314ef3e0001k": the accession number that ends
// each article of the export without codes.
bool is_accession_line(std::string_view block) {
  if (!block.starts_with("Document ")) return false;
  const std::string_view number = block.substr(9);
  return number.size() >= 10 && number.size() <= 40 && std::ranges::all_of(number, [](char ch) {
           return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
         });
}

// "1,234 words" (and "412 mots", "93 Wörter"...).
bool is_word_count(std::string_view block) {
  const std::size_t space = block.rfind(' ');
  if (space == std::string_view::npos || space == 0 || block.size() > 40) return false;
  const std::string_view number = block.substr(0, space);
  if (!std::ranges::all_of(number, [](char ch) {
        return (ch >= '0' && ch <= '9') || ch == ',' || ch == '.' || ch == ' ';
      })) {
    return false;
  }
  const std::string unit = ascii_lower(block.substr(space + 1));
  for (std::string_view word : {"words", "word", "mots", "mot", "w\xc3\xb6rter", "palabras",
                                "parole", "woorden", "ord", "palavras", "sanaa"}) {
    if (unit == word) return true;
  }
  return false;
}

// "15:32", "9:05 GMT": the time line after the date.
bool is_time_line(std::string_view block) {
  const std::size_t colon = block.find(':');
  return colon != std::string_view::npos && colon >= 1 && colon <= 2 && block.size() <= 12 &&
         all_digits(block.substr(0, colon)) && block.size() >= colon + 3 &&
         all_digits(block.substr(colon + 1, 2));
}

bool is_copyright_line(std::string_view block) {
  const std::string lower = ascii_lower(block.substr(0, 300));
  return lower.starts_with("(c)") || lower.starts_with("\xc2\xa9") ||
         lower.find("copyright") != std::string::npos ||
         lower.find("rights reserved") != std::string::npos;
}

// One article of the export without codes, blocks [begin, end) with
// `end` its accession line, as the rows the export with codes gives:
//   [section] headline [By author] N words  date [time]  source  source code
//   [edition, page...]  language  [copyright]  paragraphs...  Document X
// nullopt when the blocks are not so laid out.
std::optional<CodedRecord> record_of(const std::vector<std::string>& blocks, std::size_t begin,
                                     std::size_t end) {
  std::size_t count = begin;
  while (count < end && count < begin + 8 && !is_word_count(blocks[count])) ++count;
  if (count == end || count == begin + 8 || count == begin || count + 1 >= end) return std::nullopt;
  if (!parse_date_prefix(blocks[count + 1])) return std::nullopt;
  CodedRecord record;
  std::size_t headline = count - 1;
  if (ascii_lower(blocks[headline]).starts_with("by ") && headline > begin) {
    record.emplace_back("BY", std::vector<std::string>{blocks[headline]});
    --headline;
  }
  record.emplace_back("HD", std::vector<std::string>{blocks[headline]});
  std::size_t k = count + 1;
  record.emplace_back("PD", std::vector<std::string>{blocks[k++]});
  if (k < end && is_time_line(blocks[k])) {
    record.emplace_back("ET", std::vector<std::string>{blocks[k++]});
  }
  if (k < end) record.emplace_back("SN", std::vector<std::string>{blocks[k++]});
  // The language a few lines on (after the source's code, an edition, a
  // page); the copyright line after it.
  for (std::size_t language = k; language < end && language < k + 4; ++language) {
    if (blocks[language].size() <= 30 && !language_from_name(blocks[language]).empty()) {
      record.emplace_back("LA", std::vector<std::string>{blocks[language]});
      k = language + 1;
      if (k < end && is_copyright_line(blocks[k])) ++k;
      break;
    }
  }
  record.emplace_back("TD",
                      std::vector<std::string>(blocks.begin() + static_cast<std::ptrdiff_t>(k),
                                               blocks.begin() + static_cast<std::ptrdiff_t>(end)));
  record.emplace_back("AN", std::vector<std::string>{blocks[end]});
  return record;
}

// The blocks on one line each, a block holding a word count or an
// accession line after its first line split into its lines (a PDF's
// paragraph of an article's heading lines).
std::vector<std::string> layout_blocks(const std::vector<std::string>& given) {
  std::vector<std::string> blocks = split_layout_lines(
      given, [](std::string_view line) { return is_word_count(line) || is_accession_line(line); });
  for (std::string& block : blocks) block = collapse_whitespace(block);
  return blocks;
}

// The articles of an export without codes: one for each accession line,
// nullopt for one whose lines are not so laid out.
std::vector<std::optional<CodedRecord>> records_of(const std::vector<std::string>& given) {
  const std::vector<std::string> blocks = layout_blocks(given);
  std::vector<std::optional<CodedRecord>> records;
  std::size_t begin = 0;
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    if (!is_accession_line(blocks[k])) continue;
    records.push_back(record_of(blocks, begin, k));
    begin = k + 1;
  }
  return records;
}

// One article of an export, from its rows.
void read_record(const CodedRecord& record, const std::string& origin, const ReaderLimits& limits,
                 ArticleSink& sink) {
  Article article;
  std::string date;
  std::string time;
  for (const auto& [code, value] : record) {
    if (code == "AN") {
      std::string id = joined(value);
      if (id.starts_with("Document ")) id.erase(0, 9);
      article.id = id;
    } else if (code == "HD") {
      article.title = joined(value);
    } else if (code == "BY") {
      article.authors = byline_names(joined(value));
    } else if (code == "PD") {
      date = joined(value);
    } else if (code == "ET") {
      time = joined(value);
    } else if (code == "SN") {
      article.source = joined(value);
    } else if (code == "LA") {
      article.language = language_from_name(joined(value));
    } else if (code == "LP" || code == "TD") {
      article.paragraphs.insert(article.paragraphs.end(), value.begin(), value.end());
    } else if (code == "NS" || code == "IN") {
      for (std::string& tag : coded_names(value)) article.tags.push_back(std::move(tag));
    } else if (code == "RE" || code == "CO") {
      const Entity::Type type = code == "RE" ? Entity::Type::place : Entity::Type::organisation;
      for (std::string& entity : coded_names(value)) {
        article.given_entities.push_back(Entity{type, fold(entity), std::move(entity)});
      }
    }
  }
  std::string bad_date;
  if (!date.empty()) {
    article.published = parse_date_prefix(time.empty() ? date : date + " " + time);
    if (!article.published) article.published = parse_date_prefix(date);
    if (!article.published) bad_date = date;
  }
  finish_article(std::move(article), bad_date, origin, "factiva", limits, sink);
}

}  // namespace

bool read_factiva_blocks(const std::vector<std::string>& blocks, const std::string& name,
                         const ReaderLimits& limits, ArticleSink& sink) {
  const std::vector<std::optional<CodedRecord>> records = records_of(blocks);
  if (std::ranges::none_of(records, [](const auto& record) { return record.has_value(); })) {
    return false;
  }
  for (std::size_t k = 0; k < records.size(); ++k) {
    const std::string origin = name + "[" + std::to_string(k + 1) + "]";
    if (records[k]) {
      read_record(*records[k], origin, limits, sink);
    } else {
      sink.skip(Skip{origin, "bad-record",
                     "an article of a Factiva export whose lines are not in Factiva's order (no "
                     "\"N words\" line before its date); not indexed"});
    }
  }
  return true;
}

void read_factiva(std::istream& in, const std::string& name, const ReaderLimits& limits,
                  ArticleSink& sink) {
  xml::Document doc;
  const xmlNode* root = xml::read_root(in, name, "Factiva export", {}, limits, sink, doc);
  if (root == nullptr) return;
  std::size_t articles = 0;
  each(root, "ppsarticle", [&](const xmlNode* item) {
    const xmlNode* article = child(item, "article");
    if (article == nullptr) return;
    ++articles;
    read_xml_article(article, name + ":" + std::to_string(xmlGetLineNo(article)), limits, sink);
  });
  if (articles == 0) {
    sink.passed_over(Skip{name, "not-an-article", "a Factiva response with no article"});
  }
}

void read_factiva_coded(const std::vector<CodedRecord>& records, const std::string& name,
                        const ReaderLimits& limits, ArticleSink& sink) {
  for (std::size_t k = 0; k < records.size(); ++k) {
    read_record(records[k], name + "[" + std::to_string(k + 1) + "]", limits, sink);
  }
}

}  // namespace dateline::readers
