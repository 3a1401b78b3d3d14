// NewsML-G2 (IPTC), the XML in which Reuters, AP, AFP, dpa and most other
// agencies deliver news: a <newsMessage> holding newsItems in its itemSet,
// or a file holding one <newsItem>. Each newsItem is an article:
//
//   id         newsItem@guid (a later version of the item replaces it)
//   title      contentMeta/headline (the main one when several have roles)
//   dek        contentMeta/description with a summary, abstract or teaser
//              role, else a sub-headline
//   authors    contentMeta/creator names, else the names in contentMeta/by
//   dateline   contentMeta/dateline
//   published  itemMeta/firstCreated, else contentMeta/contentCreated, else
//              itemMeta/versionCreated
//   source     itemMeta/provider's name, else contentMeta/creditline, else
//              contentMeta/infoSource's name, else the provider's code
//   language   contentMeta/language@tag, else newsItem@xml:lang
//   tags       subject and genre names (else their qcodes), keywords; an
//              item that is not text ("picture", "video") is tagged so
//   entities   subjects typed cpnat:person, cpnat:organisation,
//              cpnat:geoArea or cpnat:poi, and contentMeta/located: given
//              by the source
//   text       contentSet: inline NITF (read by the NITF reader, which also
//              fills what the item's metadata left empty), else inline
//              XHTML's <p>, else inline plain text; a picture's caption
//              (a description with a caption role) when there is none
//
// An item the provider has withdrawn (pubStatus stat:canceled or
// stat:withheld) is skipped as "withdrawn". libxml2 parses the file whole,
// never loading external entities; a file that is not well-formed is
// skipped whole. A NewsML 1 document (root <NewsML>) goes to
// newsml1_reader.cpp.

#include <libxml/tree.h>

#include <istream>
#include <vector>

#include "dateline/common/text.h"
#include "readers.h"
#include "xml_dom.h"

namespace dateline::readers {

namespace {

using xml::attribute;
using xml::child;
using xml::each;
using xml::inside;
using xml::raw_text;
using xml::text_of;

// "cpnat:person" -> "person"; "nprov:REUTERS" -> "REUTERS".
std::string code_of(std::string_view qcode) {
  const std::size_t colon = qcode.find(':');
  return std::string(colon == std::string_view::npos ? qcode : qcode.substr(colon + 1));
}

// A concept's label: its <name> (the first), else its literal, else its
// qcode's code.
std::string concept_name(const xmlNode* concept_node) {
  if (std::string name = text_of(child(concept_node, "name")); !name.empty()) return name;
  if (std::string literal = attribute(concept_node, "literal"); !literal.empty()) return literal;
  return code_of(attribute(concept_node, "qcode"));
}

bool role_is(const xmlNode* node, std::initializer_list<std::string_view> codes) {
  const std::string role = ascii_lower(code_of(attribute(node, "role")));
  for (std::string_view code : codes) {
    if (role == code) return true;
  }
  return false;
}

void read_metadata(const xmlNode* item, Article& article, std::string& bad_date) {
  const xmlNode* item_meta = child(item, "itemMeta");
  const xmlNode* content_meta = child(item, "contentMeta");
  article.id = attribute(item, "guid");

  // Headlines: the first without a role or with the main one (else the
  // first at all); a sub-headline is the first of the others.
  std::vector<const xmlNode*> headlines;
  each(inside(content_meta), "headline", [&](const xmlNode* node) { headlines.push_back(node); });
  const xmlNode* main_headline = headlines.empty() ? nullptr : headlines.front();
  for (const xmlNode* node : headlines) {
    if (attribute(node, "role").empty() || role_is(node, {"main", "headline"})) {
      main_headline = node;
      break;
    }
  }
  const xmlNode* sub_headline = nullptr;
  for (const xmlNode* node : headlines) {
    if (node != main_headline && sub_headline == nullptr) sub_headline = node;
  }
  article.title = text_of(main_headline);
  each(inside(content_meta), "description", [&](const xmlNode* node) {
    if (article.dek.empty() && role_is(node, {"summary", "abstract", "teaser", "lead"})) {
      article.dek = text_of(node);
    }
  });
  if (article.dek.empty()) article.dek = text_of(sub_headline);

  for (const xmlNode* node = inside(content_meta); node != nullptr; node = node->next) {
    const std::string_view name = xml::name_of(node);
    if (name == "creator") {
      const std::string type = code_of(attribute(node, "type"));
      if (type.empty() || type == "person") {
        if (std::string author = text_of(child(node, "name")); !author.empty()) {
          article.authors.push_back(author);
        } else if (std::string literal = attribute(node, "literal"); !literal.empty()) {
          article.authors.push_back(literal);
        }
      }
    } else if (name == "subject" || name == "genre") {
      const std::string type = code_of(attribute(node, "type"));
      const std::string label = concept_name(node);
      if (label.empty()) continue;
      if (name == "subject" && type == "person") {
        article.given_entities.push_back(Entity{Entity::Type::person, fold(label), label});
      } else if (name == "subject" && type == "organisation") {
        article.given_entities.push_back(Entity{Entity::Type::organisation, fold(label), label});
      } else if (name == "subject" && (type == "geoArea" || type == "poi")) {
        article.given_entities.push_back(Entity{Entity::Type::place, fold(label), label});
      } else {
        article.tags.push_back(label);
      }
    } else if (name == "located") {
      if (std::string place = concept_name(node); !place.empty()) {
        article.given_entities.push_back(Entity{Entity::Type::place, fold(place), place});
      }
    } else if (name == "keyword") {
      if (std::string keyword = text_of(node); !keyword.empty()) article.tags.push_back(keyword);
    }
  }
  if (article.authors.empty()) {
    each(inside(content_meta), "by", [&](const xmlNode* node) {
      for (auto& author : byline_names(text_of(node))) article.authors.push_back(author);
    });
  }
  article.dateline = text_of(child(content_meta, "dateline"));

  for (const xmlNode* date :
       {child(item_meta, "firstCreated"), child(content_meta, "contentCreated"),
        child(item_meta, "versionCreated")}) {
    const std::string value = text_of(date);
    if (value.empty() || article.published) continue;
    article.published = parse_date(value);
    if (!article.published && bad_date.empty()) bad_date = value;
  }
  if (article.published) bad_date.clear();

  const xmlNode* provider = child(item_meta, "provider");
  article.source = text_of(child(provider, "name"));
  if (article.source.empty()) article.source = attribute(provider, "literal");
  if (article.source.empty()) article.source = text_of(child(content_meta, "creditline"));
  if (article.source.empty()) article.source = concept_name(child(content_meta, "infoSource"));
  if (article.source.empty()) article.source = code_of(attribute(provider, "qcode"));

  article.language = language_code(attribute(child(content_meta, "language"), "tag"));
  if (article.language.empty()) article.language = language_code(attribute(item, "xml:lang"));

  const std::string item_class = code_of(attribute(child(item_meta, "itemClass"), "qcode"));
  if (!item_class.empty() && item_class != "text" && item_class != "composite") {
    article.tags.push_back(item_class);
  }
}

// The item's text from its contentSet: NITF, else XHTML, else plain text.
void read_content(const xmlNode* item, Article& article, std::string& bad_date) {
  const xmlNode* content_set = child(item, "contentSet");
  const xmlNode* nitf = nullptr;
  const xmlNode* xhtml_body = nullptr;
  const xmlNode* plain = nullptr;
  for (const xmlNode* node = inside(content_set); node != nullptr; node = node->next) {
    if (xml::is(node, "inlineXML")) {
      if (nitf == nullptr) nitf = xml::find(node->children, "nitf");
      if (xhtml_body == nullptr) xhtml_body = xml::find(node->children, "body");
    } else if (xml::is(node, "inlineData") && plain == nullptr) {
      const std::string type = ascii_lower(attribute(node, "contenttype"));
      if (type.empty() || type.starts_with("text/plain")) plain = node;
    }
  }
  if (nitf != nullptr) {
    nitf_article(nitf, article, bad_date);
  } else if (xhtml_body != nullptr) {
    each(xhtml_body->children, "p", [&](const xmlNode* paragraph) {
      if (std::string text = text_of(paragraph); !text.empty()) article.paragraphs.push_back(text);
    });
    if (article.paragraphs.empty()) {
      article.paragraphs = split_paragraphs(raw_text(xhtml_body), false);
    }
  } else if (plain != nullptr) {
    article.paragraphs = split_paragraphs(raw_text(plain), false);
  }
  if (article.paragraphs.empty()) {
    each(inside(child(item, "contentMeta")), "description", [&](const xmlNode* node) {
      if (article.paragraphs.empty() && role_is(node, {"caption"})) {
        article.paragraphs = split_paragraphs(raw_text(node), false);
      }
    });
  }
}

void read_item(const xmlNode* item, const std::string& origin, const ReaderLimits& limits,
               ArticleSink& sink) {
  const std::string status =
      code_of(attribute(child(child(item, "itemMeta"), "pubStatus"), "qcode"));
  if (status == "canceled" || status == "withheld") {
    const std::string guid = attribute(item, "guid");
    sink.skip(Skip{origin, "withdrawn",
                   "the provider has " +
                       std::string(status == "canceled" ? "canceled" : "withheld") + " this item" +
                       delete_hint(guid)});
    return;
  }
  Article article;
  std::string bad_date;
  read_metadata(item, article, bad_date);
  read_content(item, article, bad_date);
  finish_article(std::move(article), bad_date, origin, "newsml", limits, sink);
}

}  // namespace

void read_newsml(std::istream& in, const std::string& name, const ReaderLimits& limits,
                 ArticleSink& sink) {
  xml::Document doc;
  const xmlNode* root = xml::read_root(in, name, "NewsML document", {}, limits, sink, doc);
  if (root == nullptr) return;
  if (xml::is(root, "NewsML")) {
    read_newsml1(root, name, limits, sink);
    return;
  }
  if (xml::is(root, "newsItem")) {
    read_item(root, name, limits, sink);
    return;
  }
  std::size_t items = 0;
  if (xml::is(root, "newsMessage")) {
    each(inside(child(root, "itemSet")), "newsItem", [&](const xmlNode* item) {
      ++items;
      read_item(item, name + ":" + std::to_string(xmlGetLineNo(item)), limits, sink);
    });
  }
  if (items == 0) {
    const std::string_view what = xml::name_of(root);
    sink.passed_over(Skip{name, "not-an-article",
                          "a NewsML-G2 " + message_excerpt(what.empty() ? "document" : what, 40) +
                              " with no newsItem: packages and concepts hold no story"});
  }
}

}  // namespace dateline::readers
