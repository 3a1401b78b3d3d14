// News feeds: RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom, as sites publish
// them and archives keep them. One article per <item> or <entry>:
//
//   title      <title>
//   url        <link> (RSS: its text; Atom: the href of the rel="alternate"
//              link, or of a link without rel)
//   id         <guid> (RSS) or <id> (Atom), else the URL (finish_article)
//   published  <pubDate>, <dc:date>, <published>, else <updated>
//   authors    <author>, <dc:creator>, Atom's <author><name>
//   tags       <category> (RSS: its text; Atom: its term), <dc:subject>
//   text       <content:encoded> or Atom <content>, else <description> or
//              <summary>: HTML (escaped or CDATA), whose main text the HTML
//              reader extracts; the description is the dek when the content
//              is the text
//   source     the channel's (feed's) <title>
//   language   the channel's <language>, or xml:lang
//
// A WordPress export (WXR: RSS 2.0 with WordPress's wp: elements) is a
// site's whole archive, not what it published: each item is also a draft,
// a private post, a media file or a menu entry. Its items are read as
// WordPress shows them:
//   - only published posts, pages and the site's own content types: a
//     draft, a private or scheduled post, one in the trash is passed over
//     (ArticleSink::passed_over) as "unpublished", a password-protected
//     post as "protected"; media files
//     (attachments), menu entries, revisions and the site's templates and
//     settings as "not-an-article";
//   - a page, or a post of another type than "post", is tagged with its type;
//   - the author is the display name the channel lists for the login
//     dc:creator gives ("Mary Jones", not "mjones");
//   - the excerpt is the dek; the date is wp:post_date_gmt where pubDate
//     is none (a draft's "30 Nov -0001");
//   - the content is as the author wrote it: paragraphs parted by blank
//     lines, which WordPress turns into <p> when it shows them, and
//     shortcodes ("[caption ...]...[/caption]"), whose tags are dropped and
//     whose text is kept; embeds (an address alone on its line, the block
//     editor's embed blocks) are dropped. Comments are not read.
//
// A Blogger export is an Atom feed whose entries are posts, pages,
// comments, settings and templates, each entry's kind given by
// blogger:type (since 2020) or by a category in Google's "#kind" scheme
// (before, not made a tag); a draft says so in blogger:status or in
// app:control/app:draft. Only its published posts and pages (tagged
// "page") are read, as WordPress's are; the rest is passed over.
//
// libxml2's streaming reader (xmlTextReader) reads the feed; external
// entities and DTDs are never loaded. A feed that stops being well-formed
// is reported (file:line) and the items before are kept, except where the
// fault is HTML's entities or a bare "&", which feeds written by templates
// often hold: the feed is then read again, whole (within the record
// limit), in libxml2's recovery mode, with a warning. Each article's
// origin is the line of its <item>.

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <istream>
#include <map>
#include <memory>

#include "dateline/common/text.h"
#include "readers.h"
#include "xml_dom.h"

namespace dateline::readers {

namespace {

struct ReaderDeleter {
  void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};

std::string as_string(const xmlChar* text) {
  return text != nullptr ? std::string(reinterpret_cast<const char*>(text)) : std::string();
}

constexpr std::string_view atom_ns = "http://www.w3.org/2005/Atom";
constexpr std::string_view dc_ns = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view content_ns = "http://purl.org/rss/1.0/modules/content/";
// WXR 1.0-1.2: "http://wordpress.org/export/1.2/", and ".../1.2/excerpt/".
constexpr std::string_view wordpress_ns = "http://wordpress.org/export/";
// Blogger's export since 2020 (blogger:type, blogger:status); before, an
// entry's kind was a category in this scheme, and a draft said so in the
// Atom Publishing Protocol's app:control.
constexpr std::string_view blogger_ns = "http://schemas.google.com/blogger/2018";
constexpr std::string_view blogger_kind_scheme = "http://schemas.google.com/g/2005#kind";

// An element's local name (lower case) and namespace URI. RSS 2.0's own
// elements have no namespace, RSS 1.0's and Atom's have theirs; Dublin Core
// and content:encoded are matched by URI, whatever prefix a feed gives them.
struct Name {
  std::string local;
  std::string uri;
  bool is(std::string_view namespace_uri, std::string_view l) const {
    return uri == namespace_uri && local == l;
  }
  bool feed_element(std::string_view l) const {  // RSS's or Atom's own
    return local == l && uri != dc_ns && uri != content_ns && !uri.starts_with(wordpress_ns) &&
           uri != blogger_ns;
  }
  bool blogger(std::string_view l) const { return local == l && uri == blogger_ns; }
  bool app_control() const {  // the Atom Publishing Protocol's, old or final
    return local == "control" &&
           (uri == "http://purl.org/atom/app#" || uri == "http://www.w3.org/2007/app");
  }
  bool wordpress(std::string_view l) const {  // WXR's wp: elements
    return local == l && uri.starts_with(wordpress_ns) && !uri.ends_with("/excerpt/");
  }
  bool wordpress_excerpt() const {
    return local == "encoded" && uri.starts_with(wordpress_ns) && uri.ends_with("/excerpt/");
  }
};

Name name_of(xmlTextReader* reader) {
  return Name{ascii_lower(as_string(xmlTextReaderConstLocalName(reader))),
              as_string(xmlTextReaderConstNamespaceUri(reader))};
}

std::string attribute(xmlTextReader* reader, const char* attribute_name) {
  xmlChar* value =
      xmlTextReaderGetAttribute(reader, reinterpret_cast<const xmlChar*>(attribute_name));
  std::string out = as_string(value);
  xmlFree(value);
  return out;
}

// The text of the element the reader is on: an escaped HTML description
// comes back as HTML; Atom's type="xhtml" content as its markup.
// (The node is expanded and read as a tree, so that the same code serves
// the streaming reader and the walker over a recovered document.)
std::string element_text(xmlTextReader* reader, bool markup = false) {
  xmlNode* node = xmlTextReaderExpand(reader);
  if (node == nullptr) return "";
  if (!markup) return xml::raw_text(node);
  std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buffer(xmlBufferCreate(), xmlBufferFree);
  for (xmlNode* child = node->children; child != nullptr; child = child->next) {
    xmlNodeDump(buffer.get(), node->doc, child, 0, 0);
  }
  return as_string(xmlBufferContent(buffer.get()));
}

struct Item {
  Article article;
  std::string content;      // HTML
  std::string description;  // HTML
  std::string bad_date;
  std::string updated;  // Atom's <updated>: the date when nothing else gives one
  std::size_t line = 0;
  bool in_author = false;  // inside Atom's <author>
  // An item of a site's export: the platform ("WordPress", "Blogger"; "AtomPub"
  // for an Atom draft; empty for a feed), its post type, status, excerpt and GMT date.
  std::string platform;
  std::string post_type;
  std::string status;
  std::string excerpt;
  std::string date_gmt;
  bool password = false;  // published, but only to those given its password
};

// A WordPress export's authors, by login: dc:creator names the login.
using WordpressAuthors = std::map<std::string, std::string, std::less<>>;

void apply_date(Item& item, const std::string& value) {
  if (item.article.published) return;
  if (auto date = parse_date(value)) {
    item.article.published = date;
    item.bad_date.clear();
  } else {
    item.bad_date = value;
  }
}

// RSS's <author> is an address, "editor@example.org (Ann Editor)": the
// name when it gives one.
std::string rss_author(std::string text) {
  std::size_t open = text.find('(');
  std::size_t close = text.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open + 1) {
    text = text.substr(open + 1, close - open - 1);
  }
  return collapse_whitespace(text);
}

// A child element of an item, the reader on its start tag.
void read_item_field(xmlTextReader* reader, const Name& name, Item& item) {
  Article& article = item.article;
  if (name.feed_element("title")) {
    article.title = collapse_whitespace(element_text(reader));
  } else if (name.feed_element("link")) {
    std::string href = attribute(reader, "href");
    if (href.empty()) href = std::string(trim(element_text(reader)));
    const std::string rel = attribute(reader, "rel");
    if (!href.empty() && (rel.empty() || rel == "alternate") && article.url.empty()) {
      article.url = href;
    }
  } else if (name.feed_element("guid") || name.feed_element("id")) {
    article.id = std::string(trim(element_text(reader)));
  } else if (name.feed_element("pubdate") || name.is(dc_ns, "date") ||
             name.feed_element("published") || name.feed_element("issued")) {
    apply_date(item, std::string(trim(element_text(reader))));
  } else if (name.feed_element("updated") || name.feed_element("modified")) {
    item.updated = std::string(trim(element_text(reader)));
  } else if (name.is(atom_ns, "author")) {
    item.in_author = xmlTextReaderIsEmptyElement(reader) == 0;  // its <name> follows
  } else if (name.feed_element("author") || name.is(dc_ns, "creator")) {
    if (std::string author = rss_author(element_text(reader)); !author.empty()) {
      article.authors.push_back(std::move(author));
    }
  } else if (name.feed_element("category") && attribute(reader, "scheme") == blogger_kind_scheme) {
    // Blogger's kind: ".../kind#post", "#comment", "#settings", "#template"
    const std::string term = attribute(reader, "term");
    item.platform = "Blogger";
    item.post_type = ascii_lower(term.substr(term.rfind('#') + 1));
  } else if (name.feed_element("category") || name.is(dc_ns, "subject")) {
    std::string term = attribute(reader, "term");
    if (term.empty()) term = collapse_whitespace(element_text(reader));
    if (!term.empty()) article.tags.push_back(term);
  } else if (name.is(content_ns, "encoded") || name.feed_element("content")) {
    item.content = element_text(reader, attribute(reader, "type") == "xhtml");
  } else if (name.feed_element("description") || name.feed_element("summary")) {
    item.description = element_text(reader, attribute(reader, "type") == "xhtml");
  } else if (name.wordpress("post_type")) {
    item.platform = "WordPress";
    item.post_type = ascii_lower(trim(element_text(reader)));
  } else if (name.wordpress("status")) {
    item.platform = "WordPress";
    item.status = ascii_lower(trim(element_text(reader)));
  } else if (name.blogger("type")) {
    item.platform = "Blogger";
    item.post_type = ascii_lower(trim(element_text(reader)));
  } else if (name.blogger("status")) {
    // LIVE, DRAFT, SOFT_TRASHED, DELETED: as WordPress names them.
    item.platform = "Blogger";
    const std::string status = ascii_lower(trim(element_text(reader)));
    item.status = status == "live"                                  ? "publish"
                  : status == "draft"                               ? "draft"
                  : status == "soft_trashed" || status == "deleted" ? "trash"
                                                                    : status;
  } else if (name.app_control()) {
    const xmlNode* control = xmlTextReaderExpand(reader);
    if (ascii_lower(xml::text_of(xml::child(control, "draft"))) == "yes") {
      item.status = "draft";
      // Any Atom Publishing Protocol collection marks its drafts so, not
      // only Blogger's export (whose kind, if it comes later, names it).
      if (item.platform.empty()) item.platform = "AtomPub";
    }
  } else if (name.wordpress("post_password")) {
    item.password = !trim(element_text(reader)).empty();
  } else if (name.wordpress("post_date_gmt")) {
    item.date_gmt = std::string(trim(element_text(reader)));
  } else if (name.wordpress_excerpt()) {
    item.excerpt = element_text(reader);
  }
}

// The paragraphs of an HTML fragment (or plain text), as the HTML reader
// extracts a page's main text.
std::vector<std::string> paragraphs_of(std::string html) {
  if (trim(html).empty()) return {};
  std::string ignored_date;
  Article page = article_from_html(std::move(html), ignored_date);
  std::vector<std::string> out;
  if (!page.title.empty() && page.paragraphs.empty()) out.push_back(page.title);
  if (!page.dek.empty()) out.push_back(std::move(page.dek));
  for (auto& paragraph : page.paragraphs) out.push_back(std::move(paragraph));
  return out;
}

// A shortcode's tag at text[at] == '[': "[name attributes]" or "[/name]".
struct ShortcodeTag {
  std::size_t length = 0;  // 0: the bracket is text ("[sic]" is, see below)
  std::string name;
  bool closing = false;
  bool attributes = false;
};

ShortcodeTag shortcode_tag(std::string_view text, std::size_t at) {
  ShortcodeTag tag;
  std::size_t i = at + 1;
  if (i < text.size() && text[i] == '/') {
    tag.closing = true;
    ++i;
  }
  const std::size_t start = i;
  if (i >= text.size() || std::isalpha(static_cast<unsigned char>(text[i])) == 0) return {};
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) != 0 ||
                             text[i] == '_' || text[i] == '-')) {
    ++i;
  }
  const std::size_t close = text.find_first_of("[]", i);
  if (close == std::string_view::npos || text[close] != ']' || close - at > 4096) return {};
  const std::string_view rest = text.substr(i, close - i);
  if (!rest.empty() && std::isspace(static_cast<unsigned char>(rest[0])) == 0 && rest != "/") {
    return {};
  }
  if (tag.closing && !trim(rest).empty()) return {};
  tag.name = ascii_lower(text.substr(start, i - start));
  tag.attributes = rest.find('=') != std::string_view::npos;
  tag.length = close + 1 - at;
  return tag;
}

// Shortcodes whose enclosed text is a media file's address, not prose.
constexpr std::array<std::string_view, 4> media_shortcodes = {"embed", "video", "audio",
                                                              "playlist"};

// A post's text without its shortcodes' tags. A bracket is a shortcode's
// when its name closes somewhere ("[caption ...]...[/caption]"), when it
// has attributes ("[gallery ids=\"4,5\"]") or names a media shortcode;
// "[sic]", "[1]" and "[Updated]" are text. A media shortcode's enclosed
// address is dropped with it; any other's text is kept.
std::string without_shortcodes(std::string_view text) {
  if (text.find('[') == std::string_view::npos) return std::string(text);
  std::map<std::string, std::size_t, std::less<>> closers;  // name -> last "[/name]"
  for (std::size_t at = text.find("[/"); at != std::string_view::npos;
       at = text.find("[/", at + 2)) {
    if (ShortcodeTag tag = shortcode_tag(text, at); tag.length > 0) closers[tag.name] = at;
  }
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find('[', at);
    out.append(text.substr(at, open == std::string_view::npos ? open : open - at));
    if (open == std::string_view::npos) break;
    const ShortcodeTag tag = shortcode_tag(text, open);
    const auto closer = closers.find(tag.name);
    const bool media = std::find(media_shortcodes.begin(), media_shortcodes.end(), tag.name) !=
                       media_shortcodes.end();
    if (tag.length == 0 ||
        (closer == closers.end() && (tag.closing || (!tag.attributes && !media)))) {
      out += '[';
      at = open + 1;
      continue;
    }
    at = open + tag.length;
    if (media && !tag.closing && closer != closers.end() && closer->second > open) {
      at = closer->second + shortcode_tag(text, closer->second).length;
    }
    out += ' ';
  }
  return out;
}

// Whether a run of a post starts with an element WordPress does not wrap
// in <p>: a block, or a comment (the block editor's "<!-- wp:paragraph -->").
bool starts_with_block(std::string_view run) {
  if (run.starts_with("<!--")) return true;
  if (run.size() < 2 || run[0] != '<') return false;
  std::size_t end = run[1] == '/' ? 2 : 1;
  const std::size_t start = end;
  while (end < run.size() && std::isalnum(static_cast<unsigned char>(run[end])) != 0) ++end;
  static constexpr std::array<std::string_view, 27> blocks = {
      "address", "article", "aside", "blockquote", "dd",  "div",     "dl",    "dt", "figure",
      "footer",  "form",    "h1",    "h2",         "h3",  "h4",      "h5",    "h6", "header",
      "hr",      "li",      "ol",    "p",          "pre", "section", "table", "ul", "iframe"};
  const std::string tag = ascii_lower(run.substr(start, end - start));
  return std::find(blocks.begin(), blocks.end(), tag) != blocks.end();
}

// A post's content without the block editor's embeds (a video, a tweet):
// "<!-- wp:embed {...} -->" (before WordPress 5.6, "wp:core-embed/youtube")
// to its closing comment, which hold only the embedded page's address.
std::string without_embed_blocks(std::string text) {
  for (std::size_t at = text.find("<!-- wp:"); at != std::string::npos;
       at = text.find("<!-- wp:", at + 1)) {
    const std::string_view block = std::string_view(text).substr(at + 8);
    if (!block.starts_with("embed") && !block.starts_with("core-embed/")) continue;
    const std::size_t close = text.find("<!-- /wp:", at);
    const std::size_t end = close == std::string::npos ? close : text.find("-->", close);
    if (end == std::string::npos) break;
    text.erase(at, end + 3 - at);
  }
  return text;
}

// Whether a run of a post is only a web address: WordPress shows what is
// there (a video, a tweet), not the address.
bool is_bare_address(std::string_view run) {
  return (run.starts_with("http://") || run.starts_with("https://")) &&
         run.find_first_of(" \t\n<") == std::string_view::npos;
}

// A WordPress post's content as WordPress shows it: each run of lines
// parted by a blank line that does not start with a block element becomes
// a paragraph (as WordPress's wpautop makes it), without shortcodes and
// embeds.
std::string wordpress_html(std::string_view content) {
  const std::string text = without_embed_blocks(without_shortcodes(content));
  std::string out;
  std::string run;
  auto end_run = [&] {
    const std::string_view trimmed = trim(run);
    if (!trimmed.empty() && !is_bare_address(trimmed)) {
      const bool block = starts_with_block(trimmed);
      out += block ? "" : "<p>";
      out += trimmed;
      out += block ? "\n" : "</p>\n";
    }
    run.clear();
  };
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    const std::string_view line = std::string_view(text).substr(at, end - at);
    if (trim(line).empty()) {
      end_run();
    } else {
      run.append(line);
      run += '\n';
    }
    at = end + 1;
  }
  end_run();
  return out;
}

// The site's own content types are articles; these are WordPress's media
// files, menus, revisions, reusable blocks, templates and settings, and
// Blogger's: comments, settings and templates.
constexpr std::array<std::string_view, 17> export_non_articles = {
    "comment",          "settings",         "template",      "attachment",
    "nav_menu_item",    "revision",         "custom_css",    "customize_changeset",
    "oembed_cache",     "user_request",     "wp_block",      "wp_template",
    "wp_template_part", "wp_global_styles", "wp_navigation", "wp_font_family",
    "wp_font_face"};

// Passes over a site export's item that is not a published article; true
// when it did.
bool pass_over_unpublished(const Item& item, const std::string& origin, ArticleSink& sink) {
  const std::string& type = item.post_type;
  if (std::find(export_non_articles.begin(), export_non_articles.end(), type) !=
      export_non_articles.end()) {
    const std::string what = type == "attachment"      ? "media file (attachment)"
                             : type == "nav_menu_item" ? "menu entry"
                             : type == "revision"      ? "revision of a post"
                             : type == "comment"       ? "comment"
                             : type == "settings"      ? "blog setting"
                             : type == "template"      ? "template"
                                                       : "\"" + type + "\" item";
    sink.passed_over(
        Skip{origin, "not-an-article", "a " + item.platform + " " + what + ", not a post or page"});
    return true;
  }
  const std::string& status = item.status;
  if (item.password && status == "publish") {
    sink.passed_over(Skip{origin, "protected",
                          "a password-protected post in a " + item.platform +
                              " export: only its readers may see it"});
    return true;
  }
  if (status.empty() || status == "publish") return false;
  const std::string what = status == "draft"        ? "a draft"
                           : status == "auto-draft" ? "an automatic draft"
                           : status == "pending"    ? "a post pending review"
                           : status == "private"    ? "a private post"
                           : status == "future"     ? "a scheduled post"
                           : status == "trash"
                               ? "a post in the trash"
                               : "a post with status \"" + message_excerpt(status, 40) + "\"";
  std::string message = what + " in " +
                        (item.platform == "AtomPub" ? std::string("an AtomPub collection")
                                                    : "a " + item.platform + " export") +
                        ", not published";
  if (!item.article.id.empty() || !item.article.url.empty()) {
    message += delete_hint(stable_article_id(item.article));
  }
  sink.passed_over(Skip{origin, "unpublished", message});
  return true;
}

// What a WordPress export adds to an item: its GMT date where pubDate gave
// none, the authors' display names, the excerpt as the dek; its content as
// WordPress shows it.
void apply_wordpress(Item& item, const WordpressAuthors& authors) {
  Article& article = item.article;
  if (!article.published && !item.date_gmt.empty() && !item.date_gmt.starts_with("0000")) {
    std::string iso = item.date_gmt;  // "2026-11-24 08:30:00", in UTC
    if (iso.size() > 10 && iso[10] == ' ') iso[10] = 'T';
    if (auto date = parse_date(iso + "Z")) {
      article.published = date;
      item.bad_date.clear();
    }
  }
  for (std::string& author : article.authors) {
    if (auto found = authors.find(author); found != authors.end()) author = found->second;
  }
  item.content = wordpress_html(item.content);
  if (item.description.empty()) item.description = wordpress_html(item.excerpt);
}

// The channel's (feed's) own fields, read before its items.
struct Channel {
  std::string source;    // its title
  std::string language;  // its language
  WordpressAuthors authors;
};

void finish_item(Item&& item, const std::string& name, const Channel& channel,
                 const ReaderLimits& limits, ArticleSink& sink) {
  Article& article = item.article;
  const std::string origin = name + ":" + std::to_string(item.line);
  if (!item.platform.empty()) {
    if (pass_over_unpublished(item, origin, sink)) return;
    if (!item.post_type.empty() && item.post_type != "post") {
      item.article.tags.push_back(item.post_type);
    }
    if (item.platform == "WordPress") apply_wordpress(item, channel.authors);
  }
  if (!article.published && !item.updated.empty()) apply_date(item, item.updated);
  if (article.source.empty()) article.source = channel.source;
  // "en-gb", "de_AT": the language, as other readers give it.
  if (article.language.empty()) article.language = language_code(channel.language);
  std::vector<std::string> body = paragraphs_of(item.content);
  std::vector<std::string> summary = paragraphs_of(item.description);
  if (body.empty()) {
    body = std::move(summary);
  } else if (!summary.empty()) {
    article.dek = summary.front();
  }
  article.paragraphs = std::move(body);
  if (!article.paragraphs.empty() && article.paragraphs.front() == article.title) {
    article.paragraphs.erase(article.paragraphs.begin());
  }
  finish_article(std::move(article), item.bad_date, origin, "feed", limits, sink);
}

}  // namespace

namespace {

// The feed's bytes as libxml2 reads them, kept (up to the record limit) so
// that a feed with HTML's entities can be read again in recovery mode.
struct Input {
  std::istream* in;
  std::size_t limit;
  std::string seen;
  bool over_limit = false;
};

int read_input(void* context, char* buffer, int length) {
  auto* input = static_cast<Input*>(context);
  input->in->read(buffer, length);
  const auto got = static_cast<std::size_t>(input->in->gcount());
  if (!input->over_limit) {
    if (input->seen.size() + got > input->limit) {
      input->over_limit = true;
      std::string().swap(input->seen);
    } else {
      input->seen.append(buffer, got);
    }
  }
  return static_cast<int>(got);
}

int close_input(void* /*context*/) { return 0; }

// HTML's entities in a feed (&nbsp;, &eacute;) and a bare "&" ("Fish &
// chips"): the errors of feeds written by templates, which libxml2's
// recovery reads past. A feed cut short is not recovered: its last item
// would look whole.
bool is_entity_error(int code) {
  return code == XML_ERR_UNDECLARED_ENTITY || code == XML_WAR_UNDECLARED_ENTITY ||
         code == XML_ERR_NAME_REQUIRED || code == XML_ERR_ENTITYREF_SEMICOL_MISSING ||
         code == XML_ERR_ENTITYREF_NO_NAME;
}

// The feed with HTML's named entities written as their characters
// (through libxml2's HTML entity table: "&nbsp;" -> U+00A0, "&eacute;" ->
// "é") and each bare "&" as "&amp;", so that recovery loses neither.
std::string with_html_entities_resolved(std::string_view xml) {
  std::string out;
  out.reserve(xml.size() + xml.size() / 16);
  std::size_t at = 0;
  while (at < xml.size()) {
    const std::size_t amp = xml.find('&', at);
    out.append(xml.substr(at, amp == std::string_view::npos ? amp : amp - at));
    if (amp == std::string_view::npos) break;
    std::size_t end = amp + 1;
    if (end < xml.size() && xml[end] == '#') ++end;
    while (end < xml.size() && end - amp < 32 &&
           (std::isalnum(static_cast<unsigned char>(xml[end])) != 0)) {
      ++end;
    }
    const std::string entity(xml.substr(amp + 1, end - amp - 1));
    const bool terminated = end < xml.size() && xml[end] == ';' && entity.size() > 0;
    if (terminated && (entity[0] == '#' || entity == "amp" || entity == "lt" || entity == "gt" ||
                       entity == "quot" || entity == "apos")) {
      out.append(xml.substr(amp, end + 1 - amp));  // XML's own: kept
      at = end + 1;
    } else if (const htmlEntityDesc* html =
                   terminated ? htmlEntityLookup(reinterpret_cast<const xmlChar*>(entity.c_str()))
                              : nullptr) {
      char bytes[U8_MAX_LENGTH];
      int32_t length = 0;
      U8_APPEND_UNSAFE(bytes, length, static_cast<UChar32>(html->value));
      out.append(bytes, static_cast<std::size_t>(length));
      at = end + 1;
    } else {
      out += "&amp;";  // a bare "&", or a name no table knows: kept as text
      at = amp + 1;
    }
  }
  return out;
}

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

// One pass of a reader over the feed; the first `skip` items are passed
// over (a second pass after recovery). Returns the reader's last status:
// 0 at the end, -1 at an error.
int read_items(xmlTextReader* reader, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink, std::size_t skip, std::size_t& items) {
  Channel channel;
  int depth_of_item = -1;
  std::optional<Item> item;
  std::size_t seen = 0;
  int status = 0;
  // An item is finished once the reader has read past it: at the end of a
  // cut feed, libxml2 closes the open elements before it reports the error,
  // and the item cut short would look whole.
  std::optional<Item> pending;
  auto finish_pending = [&] {
    if (!pending) return;
    if (++seen > skip) {
      finish_item(std::move(*pending), name, channel, limits, sink);
      ++items;
    }
    pending.reset();
  };
  while ((status = xmlTextReaderRead(reader)) == 1) {
    const int type = xmlTextReaderNodeType(reader);
    const int depth = xmlTextReaderDepth(reader);
    if (type != XML_READER_TYPE_END_ELEMENT) finish_pending();
    if (type == XML_READER_TYPE_END_ELEMENT) {
      if (item && depth == depth_of_item) {
        pending = std::move(item);
        item.reset();
      } else if (item && depth == depth_of_item + 1) {
        item->in_author = false;
      }
      continue;
    }
    if (type != XML_READER_TYPE_ELEMENT) continue;
    const Name element = name_of(reader);
    if (!item && (element.feed_element("item") || element.feed_element("entry"))) {
      item.emplace();
      item->line = static_cast<std::size_t>(xmlGetLineNo(xmlTextReaderCurrentNode(reader)));
      depth_of_item = depth;
      if (xmlTextReaderIsEmptyElement(reader) != 0) item.reset();
      continue;
    }
    if (item) {
      // An item's fields are its children (and Atom's author's <name>); the
      // markup inside a field (XHTML content) is that field's.
      if (depth == depth_of_item + 1) {
        read_item_field(reader, element, *item);
      } else if (depth == depth_of_item + 2 && item->in_author && element.local == "name") {
        std::string author = collapse_whitespace(element_text(reader));
        if (!author.empty()) item->article.authors.push_back(std::move(author));
      }
      continue;
    }
    // The channel's (feed's) own fields, before its items.
    if (element.feed_element("title") && channel.source.empty()) {
      channel.source = collapse_whitespace(element_text(reader));
    } else if (element.feed_element("language") && channel.language.empty()) {
      channel.language = ascii_lower(trim(element_text(reader)));
    } else if (channel.language.empty() &&
               (element.local == "rss" || element.local == "feed" || element.local == "rdf")) {
      channel.language = ascii_lower(attribute(reader, "xml:lang"));
    } else if (element.wordpress("author")) {
      const xmlNode* author = xmlTextReaderExpand(reader);
      std::string login = xml::text_of(xml::child(author, "author_login"));
      std::string display = xml::text_of(xml::child(author, "author_display_name"));
      if (!login.empty() && !display.empty()) {
        channel.authors.insert_or_assign(std::move(login), std::move(display));
      }
    }
  }
  if (status == 0) finish_pending();
  return status;
}

std::string error_detail() {
  const xmlError* error = xmlGetLastError();
  if (error == nullptr || error->message == nullptr) return "";
  return " (" + message_excerpt(trim(error->message), 120) + ")";
}

}  // namespace

void read_feed(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink) {
  constexpr int options =
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  Input input{&in, limits.max_record_bytes, {}};
  std::unique_ptr<xmlTextReader, ReaderDeleter> reader(
      xmlReaderForIO(read_input, close_input, &input, name.c_str(), nullptr, options));
  if (!reader) {
    sink.skip(Skip{name, "malformed-xml", "not a feed libxml2 can open"});
    return;
  }
  std::size_t items = 0;
  if (read_items(reader.get(), name, limits, sink, 0, items) == 0) return;

  const std::string at =
      name + ":" + std::to_string(xmlTextReaderGetParserLineNumber(reader.get()));
  const xmlError* error = xmlGetLastError();
  const std::string detail = "the feed is not well-formed XML" + error_detail();
  if (error != nullptr && is_entity_error(error->code) && !input.over_limit) {
    // Read it again whole, in recovery mode, from where the first pass
    // stopped: the rest of the input too, within the record limit.
    reader.reset();
    std::string rest;
    if (read_bounded_all(in, rest, limits.max_record_bytes - input.seen.size())) {
      input.seen += rest;
      const std::string resolved = with_html_entities_resolved(input.seen);
      std::string().swap(input.seen);
      std::unique_ptr<xmlDoc, DocDeleter> doc(
          xmlReadMemory(resolved.data(), static_cast<int>(resolved.size()), name.c_str(), nullptr,
                        options | XML_PARSE_RECOVER));
      std::unique_ptr<xmlTextReader, ReaderDeleter> walker(doc ? xmlReaderWalker(doc.get())
                                                               : nullptr);
      if (walker) {
        sink.warning(Skip{at, "malformed-xml", detail + "; read on past it in recovery mode"});
        const std::size_t before = items;
        read_items(walker.get(), name, limits, sink, before, items);
        return;
      }
    }
  }
  sink.skip(Skip{
      at, "malformed-xml",
      detail + (items == 0   ? "; nothing of it is indexed"
                : items == 1 ? "; the item before is indexed"
                             : "; the " + std::to_string(items) + " items before are indexed")});
}

}  // namespace dateline::readers
