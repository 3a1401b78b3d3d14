#include "xml_dom.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <algorithm>

#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers::xml {

Document parse(std::string_view bytes, const std::string& name, std::string& error) {
  error.clear();
  Document doc(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), name.c_str(), nullptr,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                 XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES));
  if (!doc) {
    const xmlError* last = xmlGetLastError();
    if (last != nullptr && last->message != nullptr) {
      error = " (line " + std::to_string(last->line) + ": " +
              message_excerpt(trim(last->message), 120) + ")";
    }
  }
  return doc;
}

const xmlNode* read_root(std::istream& in, const std::string& name, std::string_view what,
                         std::initializer_list<std::string_view> roots, const ReaderLimits& limits,
                         ArticleSink& sink, Document& doc) {
  std::string bytes;
  if (!read_whole(in, name, what, limits, sink, bytes)) return nullptr;
  std::string error;
  doc = parse(bytes, name, error);
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  const bool expected = roots.size() == 0 || std::any_of(roots.begin(), roots.end(),
                                                         [&](auto r) { return is(root, r); });
  if (root == nullptr || !expected) {
    sink.skip(Skip{name, "malformed-xml", "not a well-formed " + std::string(what) + error});
    return nullptr;
  }
  return root;
}

std::string_view name_of(const xmlNode* node) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && node->name != nullptr
             ? std::string_view(reinterpret_cast<const char*>(node->name))
             : std::string_view();
}

bool is(const xmlNode* node, std::string_view name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && name_of(node) == name;
}

const xmlNode* find(const xmlNode* first, std::string_view name) {
  for (const xmlNode* node = first; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (name_of(node) == name) return node;
    if (const xmlNode* found = find(node->children, name)) return found;
  }
  return nullptr;
}

const xmlNode* child(const xmlNode* parent, std::string_view name) {
  if (parent == nullptr) return nullptr;
  for (const xmlNode* node = parent->children; node != nullptr; node = node->next) {
    if (is(node, name)) return node;
  }
  return nullptr;
}

std::string raw_text(const xmlNode* node) {
  if (node == nullptr) return "";
  xmlChar* content = xmlNodeGetContent(node);
  std::string out = content != nullptr ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return out;
}

std::string text_of(const xmlNode* node) { return collapse_whitespace(raw_text(node)); }

std::string attribute(const xmlNode* node, const char* name) {
  if (node == nullptr) return "";
  // "xml:lang" is in the XML namespace; xmlGetProp matches other names
  // whatever their namespace (ODF's text:style-name, OOXML's w:val).
  const std::string_view wanted(name);
  xmlChar* value =
      wanted.starts_with("xml:")
          ? xmlGetNsProp(node, reinterpret_cast<const xmlChar*>(name + 4), XML_XML_NAMESPACE)
          : xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string out = value != nullptr ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return std::string(trim(out));
}

}  // namespace dateline::readers::xml
