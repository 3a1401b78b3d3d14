// The Reuters Corpus (RCV1, 806,791 English stories of 1996-97, and RCV2,
// its stories in thirteen other languages): Reuters' own XML of the time,
// one <newsitem> a file ("2286newsML.xml", in a zip or folder a day). Not
// NewsML-G2, whose root is also a news item, in IPTC's namespace.
//
//   id         "rcv1-" + the itemid ("rcv2-" + it for other languages),
//              the number the corpus's topic judgments name
//   title      <headline>, else <title> without its country ("USA: ")
//   authors    the names in <byline>, not a role
//   dateline   <dateline> ("BRUSSELS 1996-08-22")
//   published  the newsitem's date, else dc.date.published
//   language   xml:lang
//   source     dc.source, else "Reuters"
//   tags       the codes of bip:topics ("C15", "GCAT"), as the corpus's
//              categorisation uses them
//   entities   the country <title> opens with, a place given by the source
//              ("NETHERLANDS" -> Netherlands; "USA" keys as United States)
//   text       <text>'s <p>s
//
// libxml2 parses the document whole in the encoding it declares (the
// corpus's is ISO-8859-1), never loading external entities; a document
// that is not well-formed is skipped.

#include <istream>

#include "dateline/common/text.h"
#include "readers.h"
#include "xml_dom.h"

namespace dateline::readers {

namespace {

using xml::attribute;
using xml::child;
using xml::each;
using xml::inside;
using xml::text_of;

// "NETHERLANDS: Harbour pilots end strike." -> "NETHERLANDS", or "".
std::string title_country(const std::string& title) {
  const std::size_t colon = title.find(": ");
  if (colon == std::string::npos || colon == 0 || colon > 40) return {};
  const std::string country = title.substr(0, colon);
  for (char ch : country) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) return {};
  }
  return country;
}

// "SOUTH AFRICA" -> "South Africa", "ESPAÑA" -> "España": each word's
// first character kept, the rest in lower case.
std::string capitalised(std::string_view upper) {
  std::string out;
  std::size_t start = 0;
  while (start < upper.size()) {
    std::size_t end = upper.find(' ', start);
    if (end == std::string_view::npos) end = upper.size();
    const std::string_view word = upper.substr(start, end - start);
    std::size_t first = word.empty() ? 0 : 1;  // the first UTF-8 character
    while (first < word.size() && (static_cast<unsigned char>(word[first]) & 0xC0) == 0x80) {
      ++first;
    }
    if (!out.empty()) out += ' ';
    out.append(word.substr(0, first));
    out += lower_case(word.substr(first), "");
    start = end + 1;
  }
  return out;
}

// The value of the metadata's <dc element="name" value="..."/>.
std::string dublin_core(const xmlNode* metadata, std::string_view name) {
  std::string value;
  each(inside(metadata), "dc", [&](const xmlNode* dc) {
    if (value.empty() && attribute(dc, "element") == name) value = attribute(dc, "value");
  });
  return value;
}

}  // namespace

void read_rcv1(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink) {
  xml::Document doc;
  const xmlNode* root =
      xml::read_root(in, name, "Reuters Corpus news item", {"newsitem"}, limits, sink, doc);
  if (root == nullptr) return;
  Article article;
  article.language = language_code(attribute(root, "xml:lang"));
  if (const std::string item = attribute(root, "itemid"); !item.empty()) {
    article.id = (article.language.empty() || article.language == "en" ? "rcv1-" : "rcv2-") + item;
  }
  const std::string title = text_of(child(root, "title"));
  article.title = text_of(child(root, "headline"));
  const std::string country = title_country(title);
  if (article.title.empty())
    article.title = country.empty() ? title : title.substr(country.size() + 2);
  if (!country.empty()) {
    article.given_entities.push_back(
        Entity{Entity::Type::place, fold(capitalised(country)), capitalised(country)});
  }
  for (auto& author : byline_names(text_of(child(root, "byline")))) {
    if (!is_byline_role(author)) article.authors.push_back(std::move(author));
  }
  article.dateline = text_of(child(root, "dateline"));

  const xmlNode* metadata = child(root, "metadata");
  std::string date = attribute(root, "date");
  if (date.empty()) date = dublin_core(metadata, "dc.date.published");
  article.published = date.empty() ? std::nullopt : parse_date(date);
  const std::string bad_date = article.published ? "" : date;
  article.source = dublin_core(metadata, "dc.source");
  if (article.source.empty()) article.source = "Reuters";
  each(inside(metadata), "codes", [&](const xmlNode* codes) {
    if (!attribute(codes, "class").starts_with("bip:topics")) return;
    each(inside(codes), "code", [&](const xmlNode* code) {
      if (std::string value = attribute(code, "code"); !value.empty()) {
        article.tags.push_back(std::move(value));
      }
    });
  });
  each(inside(child(root, "text")), "p", [&](const xmlNode* paragraph) {
    if (std::string text = text_of(paragraph); !text.empty()) {
      article.paragraphs.push_back(std::move(text));
    }
  });
  finish_article(std::move(article), bad_date, name, "rcv1", limits, sink);
}

}  // namespace dateline::readers
