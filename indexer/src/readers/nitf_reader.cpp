// NITF (News Industry Text Format, IPTC), as news agencies deliver stories
// and as the New York Times Annotated Corpus keeps them: one <nitf>
// document per file.
//
//   id         head/docdata/doc-id@id-string
//   title      body.head/hedline/hl1, else head/title
//   dek        hedline/hl2, else body.head/abstract
//   authors    body.head/byline ("By JOHN DOE and JANE ROE": the names)
//   dateline   body.head/dateline
//   published  head/pubdata@date.publication, else docdata/date.issue@norm
//              (ISO 8601 basic format, "20020302T142500-0500")
//   source     pubdata@name, else doc.copyright@holder
//   tags       docdata's classifiers and key-list keywords
//   entities   identified-content's person, org and location, given by the
//              source ("Obama, Barack" is read as "Barack Obama")
//   text       the <p> of body.content; of the Times' blocks, the
//              "full_text" one only (its "lead_paragraph" block repeats it)
//
// libxml2 parses the document (never loading external entities or the
// DTD a file names); a document that is not well-formed is skipped whole.

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <istream>
#include <memory>

#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers {

namespace {

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

std::string_view name_of(const xmlNode* node) {
  return node->name != nullptr ? std::string_view(reinterpret_cast<const char*>(node->name))
                               : std::string_view();
}

bool is(const xmlNode* node, std::string_view name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && name_of(node) == name;
}

// The first element named `name` at or below `root`, in document order.
const xmlNode* find(const xmlNode* root, std::string_view name) {
  for (const xmlNode* node = root; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (name_of(node) == name) return node;
    if (const xmlNode* found = find(node->children, name)) return found;
  }
  return nullptr;
}

template <typename Visit>
void each(const xmlNode* root, std::string_view name, Visit&& visit) {
  for (const xmlNode* node = root; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (name_of(node) == name) {
      visit(node);
    } else {
      each(node->children, name, visit);
    }
  }
}

std::string text_of(const xmlNode* node) {
  if (node == nullptr) return "";
  xmlChar* content = xmlNodeGetContent(node);
  std::string out = content != nullptr ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return collapse_whitespace(out);
}

std::string attribute(const xmlNode* node, const char* name) {
  if (node == nullptr) return "";
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string out = value != nullptr ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return std::string(trim(out));
}

// "By JOHN DOE and JANE ROE", "By John Doe, Jane Roe and Ann Poe" -> names.
std::vector<std::string> byline_names(std::string byline) {
  std::string lowered = ascii_lower(byline);
  if (lowered.starts_with("by ")) byline = byline.substr(3);
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start < byline.size()) {
    std::size_t comma = byline.find(',', start);
    std::size_t conjunction = ascii_lower(byline).find(" and ", start);
    std::size_t end = std::min(comma, conjunction);
    std::string name(trim(byline.substr(start, end == std::string::npos ? end : end - start)));
    if (!name.empty()) names.push_back(name);
    if (end == std::string::npos) break;
    start = end + (end == comma ? 1 : 5);
  }
  return names;
}

// The Times' index names people "Last, First": "Obama, Barack" -> "Barack Obama".
std::string person_name(const std::string& name) {
  std::size_t comma = name.find(',');
  if (comma == std::string::npos || name.find(',', comma + 1) != std::string::npos) return name;
  return std::string(trim(name.substr(comma + 1))) + " " + std::string(trim(name.substr(0, comma)));
}

}  // namespace

void read_nitf(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink) {
  std::string xml;
  if (!read_bounded_all(in, xml, limits.max_record_bytes)) {
    sink.skip(too_large(name, "NITF document", limits.max_record_bytes));
    return;
  }
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), name.c_str(), nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA));
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr || !is(root, "nitf")) {
    const xmlError* error = xmlGetLastError();
    std::string detail = "not a well-formed NITF document";
    if (error != nullptr && error->message != nullptr && !doc) {
      detail += " (line " + std::to_string(error->line) + ": " +
                message_excerpt(trim(error->message), 120) + ")";
    }
    sink.skip(Skip{name, "malformed-xml", detail});
    return;
  }
  const xmlNode* head = find(root->children, "head");
  const xmlNode* body_head = find(root->children, "body.head");
  const xmlNode* body_content = find(root->children, "body.content");

  Article article;
  article.id = attribute(find(head, "doc-id"), "id-string");
  const xmlNode* hedline = find(body_head, "hedline");
  article.title = text_of(find(hedline, "hl1"));
  if (article.title.empty()) article.title = text_of(find(head, "title"));
  article.dek = text_of(find(hedline, "hl2"));
  if (article.dek.empty()) article.dek = text_of(find(body_head, "abstract"));
  each(body_head, "byline", [&](const xmlNode* byline) {
    for (auto& author : byline_names(text_of(byline))) article.authors.push_back(author);
  });
  article.dateline = text_of(find(body_head, "dateline"));

  std::string bad_date;
  const xmlNode* pubdata = find(head, "pubdata");
  for (const std::string& date :
       {attribute(pubdata, "date.publication"), attribute(find(head, "date.issue"), "norm")}) {
    if (date.empty() || article.published) continue;
    article.published = parse_date(date);
    if (!article.published) bad_date = date;
  }
  if (article.published) bad_date.clear();
  article.source = attribute(pubdata, "name");
  if (article.source.empty()) article.source = attribute(find(head, "doc.copyright"), "holder");

  each(head, "classifier", [&](const xmlNode* node) {
    if (std::string tag = text_of(node); !tag.empty()) article.tags.push_back(tag);
  });
  each(head, "keyword", [&](const xmlNode* node) {
    if (std::string tag = attribute(node, "key"); !tag.empty()) article.tags.push_back(tag);
  });
  const xmlNode* identified = find(head, "identified-content");
  for (const auto& kind :
       {std::pair{"person", Entity::Type::person}, std::pair{"org", Entity::Type::organisation},
        std::pair{"location", Entity::Type::place}}) {
    const Entity::Type type = kind.second;  // clang 14 cannot capture a structured binding
    each(identified, kind.first, [&](const xmlNode* node) {
      std::string display = text_of(node);
      if (type == Entity::Type::person) display = person_name(display);
      if (!display.empty()) article.given_entities.push_back(Entity{type, fold(display), display});
    });
  }

  // The Times' "lead_paragraph" block repeats the start of "full_text".
  const xmlNode* text_root = body_content;
  each(body_content, "block", [&](const xmlNode* block) {
    if (attribute(block, "class") == "full_text") text_root = block;
  });
  each(text_root, "p", [&](const xmlNode* paragraph) {
    if (std::string text = text_of(paragraph); !text.empty()) article.paragraphs.push_back(text);
  });
  finish_article(std::move(article), bad_date, name, "nitf", limits, sink);
}

}  // namespace dateline::readers
