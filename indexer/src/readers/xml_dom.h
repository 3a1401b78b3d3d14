#pragma once
// Internal: walking a libxml2 document tree, for the readers of XML formats
// read whole (NITF, NewsML-G2, office documents). Element names are compared
// without their namespace prefix.

#include <libxml/tree.h>

#include <initializer_list>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

namespace dateline {
class ArticleSink;
struct ReaderLimits;
}  // namespace dateline

namespace dateline::readers::xml {

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using Document = std::unique_ptr<xmlDoc, DocDeleter>;

/// Parse `bytes` as XML, never loading external entities or a DTD. Null when
/// the document is not well-formed; `error` then says where and why, as
/// " (line 12: Opening and ending tag mismatch...)", or is empty.
Document parse(std::string_view bytes, const std::string& name, std::string& error);

/// A document read whole from `in` (within the record limit) and parsed
/// into `doc`: its root element, or null after a skip reported to `sink`
/// ("too-large", or "malformed-xml": "not a well-formed `what`", naming
/// the line and libxml2's error), also when `roots` is not empty and the
/// root is none of them.
const xmlNode* read_root(std::istream& in, const std::string& name, std::string_view what,
                         std::initializer_list<std::string_view> roots, const ReaderLimits& limits,
                         ArticleSink& sink, Document& doc);

/// An element's local name ("" for other nodes).
std::string_view name_of(const xmlNode* node);

/// Whether `node` is an element called `name`.
bool is(const xmlNode* node, std::string_view name);

/// The first element called `name` among `first` and its following
/// siblings and their descendants, in document order.
const xmlNode* find(const xmlNode* first, std::string_view name);

/// The first child element of `parent` called `name`.
const xmlNode* child(const xmlNode* parent, std::string_view name);

/// Every element called `name` among `first`, its following siblings and
/// their descendants, in document order (not below a match).
template <typename Visit>
void each(const xmlNode* first, std::string_view name, Visit&& visit) {
  for (const xmlNode* node = first; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (name_of(node) == name) {
      visit(node);
    } else {
      each(node->children, name, visit);
    }
  }
}

/// The first child node of `parent` (null for null): where each() and
/// find() start to look inside it.
inline const xmlNode* inside(const xmlNode* parent) {
  return parent != nullptr ? parent->children : nullptr;
}

/// The text inside `node` as written, line breaks kept ("" for null).
std::string raw_text(const xmlNode* node);

/// The text inside `node`, whitespace collapsed ("" for null).
std::string text_of(const xmlNode* node);

/// The attribute's value, trimmed ("" when absent or `node` is null).
/// Names match whatever the attribute's namespace, except "xml:lang".
std::string attribute(const xmlNode* node, const char* name);

}  // namespace dateline::readers::xml
