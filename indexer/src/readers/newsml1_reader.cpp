// NewsML 1 (IPTC, 2000-2008), the XML agencies delivered news in before
// NewsML-G2 (AFP, dpa, ANP, Reuters' archives of the time): a <NewsML>
// document holding NewsItems, each a tree of NewsComponents. Each
// NewsItem is an article:
//
//   id         Identification/NewsIdentifier/PublicIdentifier without its
//              revision ("urn:newsml:afp.com:20040312:TX-PAR-ABC12"), so
//              that a later revision replaces the item; else one made of
//              ProviderId, DateId and NewsItemId
//   title      the first NewsLines' HeadLine; dek its SubHeadLine
//   authors    the names in ByLine; dateline DateLine
//   published  NewsManagement's FirstCreated, else ThisRevisionCreated,
//              else the envelope's DateAndTime, else the DateId
//   source     AdministrativeMetadata's Provider Party, else CreditLine
//   language   DescriptiveMetadata's Language, else the component's xml:lang
//   tags       KeywordLines
//   entities   DescriptiveMetadata's Location City and Country (a name, not
//              a code), places given by the source
//   text       the first ContentItem of a text media type with DataContent:
//              NITF (read by the NITF reader), else XHTML's <p>, else plain
//              text parted by blank lines
//
// An item the provider withdrew (Status Canceled or Withheld) is skipped as
// "withdrawn", with the command that removes a revision indexed before; an
// advisory (NewsItemType Advisory) and an item that only refers to others
// are passed over as not-an-article.

#include <libxml/tree.h>

#include <istream>

#include "dateline/common/text.h"
#include "readers.h"
#include "xml_dom.h"

namespace dateline::readers {

namespace {

using xml::attribute;
using xml::child;
using xml::each;
using xml::find;
using xml::inside;
using xml::raw_text;
using xml::text_of;

std::string formal_name(const xmlNode* node) { return attribute(node, "FormalName"); }

// The item's id, without the revision ":3" (or ":3N") its public
// identifier ends with.
std::string item_id(const xmlNode* identifier) {
  std::string id = text_of(child(identifier, "PublicIdentifier"));
  if (!id.empty()) {
    const std::size_t colon = id.rfind(':');
    if (colon != std::string::npos && colon + 1 < id.size() && id[colon + 1] >= '0' &&
        id[colon + 1] <= '9' && id.substr(0, colon).find(':') != std::string::npos) {
      id.resize(colon);
    }
    return id;
  }
  const std::string provider = text_of(child(identifier, "ProviderId"));
  const std::string item = text_of(child(identifier, "NewsItemId"));
  if (item.empty()) return {};
  return "urn:newsml:" + provider + ":" + text_of(child(identifier, "DateId")) + ":" + item;
}

bool is_text_item(const xmlNode* content_item) {
  const std::string media = ascii_lower(formal_name(child(content_item, "MediaType")));
  const std::string mime = ascii_lower(formal_name(child(content_item, "MimeType")));
  return media == "text" || mime.starts_with("text/") || mime.find("xhtml") != std::string::npos;
}

// The text of the first text ContentItem that has any.
void read_content(const xmlNode* item, Article& article, std::string& bad_date) {
  each(inside(item), "ContentItem", [&](const xmlNode* content_item) {
    if (!article.paragraphs.empty() || !is_text_item(content_item)) return;
    const xmlNode* data = child(content_item, "DataContent");
    if (data == nullptr) return;
    if (const xmlNode* nitf = find(data->children, "nitf"); nitf != nullptr) {
      nitf_article(nitf, article, bad_date);
    } else if (const xmlNode* body = find(data->children, "body"); body != nullptr) {
      each(body->children, "p", [&](const xmlNode* paragraph) {
        if (std::string text = text_of(paragraph); !text.empty()) {
          article.paragraphs.push_back(std::move(text));
        }
      });
    } else {
      article.paragraphs = split_paragraphs(raw_text(data), false);
    }
  });
}

void read_item(const xmlNode* item, const std::string& envelope_date, const std::string& origin,
               const ReaderLimits& limits, ArticleSink& sink) {
  const xmlNode* identifier = find(inside(child(item, "Identification")), "NewsIdentifier");
  const xmlNode* management = child(item, "NewsManagement");
  const std::string id = item_id(identifier);
  const std::string status = ascii_lower(formal_name(child(management, "Status")));
  if (status == "canceled" || status == "cancelled" || status == "withheld") {
    sink.skip(Skip{origin, "withdrawn",
                   "the provider has " +
                       std::string(status == "withheld" ? "withheld" : "canceled") + " this item" +
                       delete_hint(id)});
    return;
  }
  if (ascii_lower(formal_name(child(management, "NewsItemType"))) == "advisory") {
    sink.passed_over(Skip{origin, "not-an-article", "an advisory to editors, not a story"});
    return;
  }
  const xmlNode* lines = find(inside(item), "NewsLines");
  if (find(inside(item), "ContentItem") == nullptr && lines == nullptr) {
    sink.passed_over(Skip{origin, "not-an-article",
                          "a NewsML item with no content of its own (it refers to others)"});
    return;
  }

  Article article;
  article.id = id;
  article.title = text_of(child(lines, "HeadLine"));
  article.dek = text_of(child(lines, "SubHeadLine"));
  for (auto& author : byline_names(text_of(child(lines, "ByLine")))) {
    if (!is_byline_role(author)) article.authors.push_back(std::move(author));
  }
  article.dateline = text_of(child(lines, "DateLine"));
  each(inside(lines), "KeywordLine", [&](const xmlNode* keyword) {
    if (std::string tag = text_of(keyword); !tag.empty()) article.tags.push_back(std::move(tag));
  });

  std::string bad_date;
  for (const std::string& value : {text_of(child(management, "FirstCreated")),
                                   text_of(child(management, "ThisRevisionCreated")), envelope_date,
                                   text_of(child(identifier, "DateId"))}) {
    if (value.empty() || article.published) continue;
    article.published = parse_date(value);
    if (!article.published && bad_date.empty()) bad_date = value;
  }
  if (article.published) bad_date.clear();

  const xmlNode* administrative = find(inside(item), "AdministrativeMetadata");
  article.source = formal_name(find(inside(child(administrative, "Provider")), "Party"));
  if (article.source.empty()) article.source = text_of(child(lines, "CreditLine"));

  const xmlNode* descriptive = find(inside(item), "DescriptiveMetadata");
  article.language = language_code(formal_name(child(descriptive, "Language")));
  if (article.language.empty()) {
    article.language = language_code(attribute(find(inside(item), "NewsComponent"), "xml:lang"));
  }
  each(inside(descriptive), "Location", [&](const xmlNode* location) {
    each(inside(location), "Property", [&](const xmlNode* property) {
      const std::string kind = ascii_lower(formal_name(property));
      const std::string value = attribute(property, "Value");
      // A country is often given as its code ("FRA"): only names are kept.
      if ((kind == "city" || (kind == "country" && value.size() > 3)) && !value.empty()) {
        article.given_entities.push_back(Entity{Entity::Type::place, fold(value), value});
      }
    });
  });

  read_content(item, article, bad_date);
  finish_article(std::move(article), bad_date, origin, "newsml", limits, sink);
}

}  // namespace

void read_newsml1(const xmlNode* root, const std::string& name, const ReaderLimits& limits,
                  ArticleSink& sink) {
  const std::string envelope_date = text_of(child(child(root, "NewsEnvelope"), "DateAndTime"));
  std::size_t items = 0;
  each(inside(root), "NewsItem", [&](const xmlNode* item) {
    ++items;
    read_item(item, envelope_date, name + ":" + std::to_string(xmlGetLineNo(item)), limits, sink);
  });
  if (items == 0) {
    sink.passed_over(
        Skip{name, "not-an-article", "a NewsML document with no NewsItem: it holds no story"});
  }
}

}  // namespace dateline::readers
