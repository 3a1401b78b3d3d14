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

#include <istream>

#include "dateline/common/text.h"
#include "readers.h"
#include "xml_dom.h"

namespace dateline::readers {

namespace {

using xml::attribute;
using xml::each;
using xml::find;
using xml::text_of;

}  // namespace

void nitf_article(const xmlNode* nitf, Article& article, std::string& bad_date) {
  const xmlNode* head = find(nitf->children, "head");
  const xmlNode* body_head = find(nitf->children, "body.head");
  const xmlNode* body_content = find(nitf->children, "body.content");

  if (article.id.empty()) article.id = attribute(find(head, "doc-id"), "id-string");
  const xmlNode* hedline = find(body_head, "hedline");
  if (article.title.empty()) article.title = text_of(find(hedline, "hl1"));
  if (article.title.empty()) article.title = text_of(find(head, "title"));
  if (article.dek.empty()) article.dek = text_of(find(hedline, "hl2"));
  if (article.dek.empty()) article.dek = text_of(find(body_head, "abstract"));
  if (article.authors.empty()) {
    each(body_head, "byline", [&](const xmlNode* byline) {
      for (auto& author : byline_names(text_of(byline))) article.authors.push_back(author);
    });
  }
  if (article.dateline.empty()) article.dateline = text_of(find(body_head, "dateline"));

  const xmlNode* pubdata = find(head, "pubdata");
  for (const std::string& date :
       {attribute(pubdata, "date.publication"), attribute(find(head, "date.issue"), "norm")}) {
    if (date.empty() || article.published) continue;
    article.published = parse_date(date);
    if (!article.published) bad_date = date;
  }
  if (article.published) bad_date.clear();
  if (article.source.empty()) article.source = attribute(pubdata, "name");
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
      // The Times' index names people "Obama, Barack".
      if (type == Entity::Type::person) display = first_name_first(display);
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
}

void read_nitf(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink) {
  xml::Document doc;
  const xmlNode* root = xml::read_root(in, name, "NITF document", {"nitf"}, limits, sink, doc);
  if (root == nullptr) return;
  Article article;
  std::string bad_date;
  nitf_article(root, article, bad_date);
  finish_article(std::move(article), bad_date, name, "nitf", limits, sink);
}

}  // namespace dateline::readers
