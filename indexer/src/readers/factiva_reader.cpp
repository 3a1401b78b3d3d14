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

#include <algorithm>

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

}  // namespace

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
  std::size_t number = 0;
  for (const CodedRecord& record : records) {
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
    finish_article(std::move(article), bad_date, name + "[" + std::to_string(++number) + "]",
                   "factiva", limits, sink);
  }
}

}  // namespace dateline::readers
