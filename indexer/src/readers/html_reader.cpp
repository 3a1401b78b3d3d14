// HTML news pages, parsed with gumbo (an HTML5 parser; never patterns).
//
//   title     og:title, else the JSON-LD headline, else <title> (without a
//             trailing " | Site Name", or the first <h1> when the <title> is
//             it and a site's name: "Headline - Site"), else the first <h1>
//   authors   <meta name="author">, else <a rel="author"> texts, else the
//             JSON-LD article's author(s), else the names of the byline (the
//             first element whose class or id says "byline": "By Mira
//             Castell and Tom Rees"); the byline is not text
//   published <meta property="article:published_time">, else JSON-LD
//             datePublished, else <meta itemprop="datePublished">, else a
//             <meta> of another name sites date pages by (DC.date.issued,
//             og:article:published_time, pdate, sailthru.date...), else the
//             first <time datetime> outside page chrome. When there are
//             candidates but none parses, the article is indexed undated
//             with a warning.
//   url       <link rel="canonical">, else og:url
//   source    og:site_name, else the JSON-LD publisher's name
//   dek       og:description, else <meta name="description">, else JSON-LD
//   language  <html lang>, else og:locale, else JSON-LD inLanguage ("en-GB"
//             -> "en")
//   body      paragraphs (<p>, headings, block quotes, list items) of the
//             main content: the element microdata marks articleBody, else the
//             <article> with the most paragraph text, else <main>, else
//             <body>; unless the page's paragraphs gather elsewhere (scored
//             as readability scores them: teasers marked <article> beside the
//             story), then that block and its high-scoring siblings. Page
//             chrome is dropped: <nav>, <header>, <footer>, <aside>, a <form>
//             (unless it wraps the page, as ASP.NET's do), scripts and styles,
//             hidden elements, navigation roles, elements whose class or id
//             marks them as sharing, related links, advertising, a byline, a
//             slideshow, a footer, a paywall's prompts and the like, and
//             paragraphs that are mostly link text (lists of other stories)
//             or a copyright line. A story in <div>s of text rather than
//             <p>s (CNN's), or in text and <br>s among a <div>'s or a table
//             cell's blocks (pages of the 1990s), is read so when that finds
//             twice the text. A page with no such paragraphs gives the text
//             of its block elements.
//
// JSON-LD is read from <script type="application/ld+json">: the first object
// whose @type is an article type (NewsArticle, ReportageNewsArticle,
// BlogPosting, ...), at the top level, in an array or in "@graph".
//
// Depth: gumbo 0.10 spends time proportional to the depth of the open
// element stack on every tag (10,000 nested <div>s take 1.4 s, 30,000 take
// 15 s) and frees its tree recursively. So markup nested deeper than
// max_markup_depth is flattened before parsing: the excess start and end
// tags are dropped, their text is kept. Everything after parsing walks the
// tree with an explicit stack.

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <istream>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "dateline/common/text.h"
#include "readers.h"

#include <nlohmann/json.hpp>

namespace dateline::readers {

namespace {

// Deeper than any real page; small enough that gumbo stays linear.
constexpr std::size_t max_markup_depth = 512;

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that cannot hold children or close implicitly, so they never
// deepen the tree the way an unclosed <div> does.
bool adds_no_depth(std::string_view tag) {
  return one_of(tag,
                {"area",    "base",  "br",    "col",    "embed", "hr",    "img",      "input",
                 "link",    "meta",  "param", "source", "track", "wbr",   "keygen",   "basefont",
                 "bgsound", "frame", "p",     "li",     "dt",    "dd",    "option",   "optgroup",
                 "tr",      "td",    "th",    "thead",  "tbody", "tfoot", "colgroup", "caption",
                 "rb",      "rt",    "rp",    "rtc",    "html",  "head",  "body"});
}

// Elements whose content is text, not markup, up to their end tag.
bool holds_raw_text(std::string_view tag) {
  return one_of(tag,
                {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"});
}

bool is_name_char(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
         ch == '-' || ch == ':' || ch == '_';
}

// Where the tag starting at `open` ends (one past '>'), honouring quoted
// attribute values; npos when the input ends first.
std::size_t tag_end(std::string_view html, std::size_t open) {
  char quote = 0;
  for (std::size_t i = open + 1; i < html.size(); ++i) {
    char ch = html[i];
    if (quote != 0) {
      if (ch == quote) quote = 0;
    } else if (ch == '"' || ch == '\'') {
      // Only an attribute value opens a quote: it follows '='.
      std::size_t before = i;
      while (before > open && (html[before - 1] == ' ' || html[before - 1] == '\t')) --before;
      if (before > open && html[before - 1] == '=') quote = ch;
    } else if (ch == '>') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Where "</name" (any case) next starts at or after `from`; the end of
// `html` when it never does.
std::size_t find_end_tag(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t at = html.find("</", from); at != std::string_view::npos;
       at = html.find("</", at + 2)) {
    if (ascii_lower(html.substr(at + 2, name.size())) == name) return at;
  }
  return html.size();
}

// `html` with start and end tags beyond max_markup_depth removed (see the
// file comment). Counts depth the simple way a tokenizer can: start tags of
// elements that nest add one, end tags take one away.
std::string limit_nesting(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t depth = 0;
  std::size_t dropped = 0;  // start tags dropped and not yet matched by an end tag
  std::size_t i = 0;
  while (i < html.size()) {
    std::size_t open = html.find('<', i);
    if (open == std::string_view::npos || open + 1 >= html.size()) {
      out.append(html.substr(i));
      break;
    }
    out.append(html.substr(i, open - i));
    if (html.substr(open, 4) == "<!--") {
      std::size_t close = html.find("-->", open + 4);
      std::size_t end = close == std::string_view::npos ? html.size() : close + 3;
      out.append(html.substr(open, end - open));
      i = end;
      continue;
    }
    bool closing = html[open + 1] == '/';
    std::size_t name_start = open + (closing ? 2 : 1);
    std::size_t name_end = name_start;
    while (name_end < html.size() && is_name_char(html[name_end])) ++name_end;
    bool is_tag = name_end > name_start && ((html[name_start] >= 'a' && html[name_start] <= 'z') ||
                                            (html[name_start] >= 'A' && html[name_start] <= 'Z'));
    std::size_t end = is_tag ? tag_end(html, open) : std::string_view::npos;
    if (!is_tag || end == std::string_view::npos) {
      // "<" as text, "<!DOCTYPE", "<?xml": left to gumbo.
      out += '<';
      i = open + 1;
      continue;
    }
    std::string name = ascii_lower(html.substr(name_start, name_end - name_start));
    std::string_view tag = html.substr(open, end - open);
    i = end;
    if (holds_raw_text(name) && !closing) {
      std::size_t content_end = find_end_tag(html, end, name);
      out.append(html.substr(open, content_end - open));
      i = content_end;
      continue;
    }
    bool self_closing = tag.size() >= 2 && tag[tag.size() - 2] == '/';
    if (adds_no_depth(name) || self_closing) {
      out.append(tag);
    } else if (closing) {
      if (dropped > 0) {
        --dropped;
      } else {
        if (depth > 0) --depth;
        out.append(tag);
      }
    } else if (depth >= max_markup_depth) {
      ++dropped;
    } else {
      ++depth;
      out.append(tag);
    }
  }
  return out;
}

struct OutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};
using ParsedPage = std::unique_ptr<GumboOutput, OutputDeleter>;

bool is_element(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

GumboTag tag_of(const GumboNode* node) {
  return is_element(node) ? node->v.element.tag : GUMBO_TAG_UNKNOWN;
}

std::string_view attribute(const GumboNode* node, const char* name) {
  if (!is_element(node)) return {};
  const GumboAttribute* found = gumbo_get_attribute(&node->v.element.attributes, name);
  return found != nullptr ? std::string_view(found->value) : std::string_view{};
}

const GumboVector* children_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  if (is_element(node)) return &node->v.element.children;
  return nullptr;
}

// Depth-first walk in document order without recursion. `enter` returns
// false to skip a node's children; `leave` runs after them.
template <class Enter, class Leave>
void walk(const GumboNode* root, Enter&& enter, Leave&& leave) {
  struct Step {
    const GumboNode* node;
    bool leaving;
  };
  std::vector<Step> stack{{root, false}};
  while (!stack.empty()) {
    Step step = stack.back();
    stack.pop_back();
    if (step.leaving) {
      leave(step.node);
      continue;
    }
    if (!enter(step.node)) continue;
    const GumboVector* children = children_of(step.node);
    if (children == nullptr) continue;
    stack.push_back({step.node, true});
    for (unsigned k = children->length; k-- > 0;) {
      stack.push_back({static_cast<const GumboNode*>(children->data[k]), false});
    }
  }
}

bool holds_text(const GumboNode* node) {
  return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
         node->type == GUMBO_NODE_CDATA;
}

// The visible text of an element, whitespace collapsed.
std::string text_of(const GumboNode* root) {
  std::string text;
  walk(
      root,
      [&](const GumboNode* node) {
        if (holds_text(node)) {
          text += node->v.text.text;
          return false;
        }
        GumboTag tag = tag_of(node);
        if (tag == GUMBO_TAG_BR) text += ' ';
        return tag != GUMBO_TAG_SCRIPT && tag != GUMBO_TAG_STYLE && tag != GUMBO_TAG_TEMPLATE;
      },
      [](const GumboNode*) {});
  return collapse_whitespace(text);
}

// The raw text children of an element (a script's JSON).
std::string raw_text_of(const GumboNode* node) {
  std::string text;
  if (const GumboVector* children = children_of(node)) {
    for (unsigned k = 0; k < children->length; ++k) {
      const auto* child = static_cast<const GumboNode*>(children->data[k]);
      if (holds_text(child)) text += child->v.text.text;
    }
  }
  return text;
}

bool has_token(std::string_view list, std::string_view token) {
  std::string lower = ascii_lower(list);
  std::size_t start = 0;
  while (start < lower.size()) {
    std::size_t end = lower.find_first_of(" \t\n", start);
    if (end == std::string::npos) end = lower.size();
    if (std::string_view(lower).substr(start, end - start) == token) return true;
    start = end + 1;
  }
  return false;
}

// Page furniture that never holds the story.
bool is_chrome_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

// What an element's class and id say it is, in lower case: "c-byline
// story-byline".
std::string marks_of(const GumboNode* node) {
  return ascii_lower(attribute(node, "class")) + " " + ascii_lower(attribute(node, "id"));
}

// Elements marked as furniture by attributes rather than by tag.
bool is_boilerplate(const GumboNode* node) {
  // attribute() gives a null view only when the attribute is absent.
  if (attribute(node, "hidden").data() != nullptr) return true;
  if (ascii_lower(attribute(node, "aria-hidden")) == "true") return true;
  std::string role = ascii_lower(attribute(node, "role"));
  if (one_of(role, {"navigation", "banner", "contentinfo", "complementary", "search"})) {
    return true;
  }
  const std::string marks = marks_of(node);
  for (std::string_view word : {"share", "social", "related", "newsletter", "subscribe", "advert",
                                "promo", "cookie", "comments", "breadcrumb", "sidebar", "paywall",
                                "signup", "sponsor", "byline", "footer", "gallery"}) {
    if (marks.find(word) == std::string::npos) continue;
    // The story behind a paywall is in an element classed "paywall"; its
    // banners and prompts are "paywall-bar", "paywall-modal".
    if (word == "paywall" && std::ranges::none_of(split_list(marks, " "), [](const auto& token) {
          return token != "paywall" && token.find("paywall") != std::string::npos;
        })) {
      continue;
    }
    // A layout's name for the story's column: "l-sidebar-fixed l-article-body".
    if (word == "sidebar" &&
        (marks.find("article") != std::string::npos || marks.find("body") != std::string::npos ||
         marks.find("content") != std::string::npos || marks.find("main") != std::string::npos ||
         marks.find("story") != std::string::npos)) {
      continue;
    }
    return true;
  }
  return false;
}

bool is_heading(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
         tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_BODY:
      return true;
    default:
      return is_heading(tag);
  }
}

// A <div> of text and inline elements only: a paragraph by another name
// (CNN's <div class="zn-body__paragraph">).
bool is_text_div(const GumboNode* node) {
  if (tag_of(node) != GUMBO_TAG_DIV) return false;
  const GumboVector* children = children_of(node);
  for (unsigned k = 0; children != nullptr && k < children->length; ++k) {
    const auto* child = static_cast<const GumboNode*>(children->data[k]);
    if (is_element(child) && (is_block(tag_of(child)) || is_chrome_tag(tag_of(child)))) {
      return false;
    }
  }
  return !text_of(node).empty();
}

// Text outside any paragraph, in a <div> or a table's cell among its
// blocks, as pages of the 1990s and 2000s wrote stories: "text<br><br>
// text" (is_text_div's other form).
bool is_loose_text(const GumboNode* node) {
  for (const GumboNode* up = node->parent; up != nullptr && is_element(up); up = up->parent) {
    const GumboTag tag = tag_of(up);
    if (!is_block(tag)) continue;
    return tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_TD;
  }
  return false;
}

// How paragraphs_of reads a subtree.
struct Extraction {
  /// Only paragraph-like elements count; otherwise every block element's
  /// text is a paragraph.
  bool paragraph_mode = true;
  /// The root is the story (<article>, <main>): its list items are text.
  bool root_is_story = false;
  /// Drop elements that is_boilerplate() marks, not only chrome tags.
  bool drop_marked = true;
  /// Forms that wrap the page (ASP.NET's, and sites built so): not chrome.
  const std::unordered_set<const GumboNode*>* page_forms = nullptr;
  /// A <div> of text alone is a paragraph too (is_text_div).
  bool text_divs = false;
  /// Outside paragraph mode: a <br> ends a line of the block ("\n"), not
  /// the block.
  bool breaks_as_lines = false;
  /// A ProQuest export's document anchors (<a name="DocID_...">) become
  /// marker blocks (proquest_marker and the name).
  bool mark_documents = false;
  bool is_chrome(const GumboNode* node) const {
    return is_chrome_tag(tag_of(node)) && !(page_forms != nullptr && page_forms->contains(node));
  }
};

// Paragraphs under `root`, page chrome left out.
std::vector<std::string> paragraphs_of(const GumboNode* root, Extraction how) {
  std::vector<std::string> paragraphs;
  std::string current;
  int collecting = 0;
  auto collects = [&](const GumboNode* node) {
    const GumboTag tag = tag_of(node);
    return tag == GUMBO_TAG_P || is_heading(tag) || tag == GUMBO_TAG_BLOCKQUOTE ||
           tag == GUMBO_TAG_PRE || (how.root_is_story && tag == GUMBO_TAG_LI) ||
           (how.text_divs && is_text_div(node));
  };
  // A paragraph that is mostly link text is a list of other stories ("Most
  // popular", "Next article"), not the story's.
  int in_link = 0;
  std::size_t linked = 0;
  std::size_t visible = 0;
  // A <br> kept as a line break, apart from the source's own line breaks,
  // which collapse.
  constexpr char line_break = '\x1f';
  auto flush = [&] {
    std::string paragraph;
    if (how.breaks_as_lines) {
      for (const std::string& line : split_list(current, std::string_view(&line_break, 1))) {
        if (std::string text = collapse_whitespace(line); !text.empty()) {
          paragraph += (paragraph.empty() ? "" : "\n") + text;
        }
      }
    } else {
      paragraph = collapse_whitespace(current);
    }
    const bool links = how.paragraph_mode && linked * 2 > visible;
    // A site's copyright line.
    const bool rights = how.paragraph_mode && paragraph.size() < 300 &&
                        ascii_lower(paragraph).find("all rights reserved") != std::string::npos;
    if (!paragraph.empty() && !links && !rights) paragraphs.push_back(std::move(paragraph));
    current.clear();
    linked = visible = 0;
  };
  walk(
      root,
      [&](const GumboNode* node) {
        if (holds_text(node)) {
          if (!how.paragraph_mode || collecting > 0 || (how.text_divs && is_loose_text(node))) {
            const std::string_view text = node->v.text.text;
            current += text;
            const auto shown =
                static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char ch) {
                  return ch != ' ' && ch != '\n' && ch != '\t' && ch != '\r';
                }));
            visible += shown;
            if (in_link > 0) linked += shown;
          }
          return false;
        }
        if (!is_element(node)) return node->type == GUMBO_NODE_DOCUMENT;
        GumboTag tag = tag_of(node);
        if (node != root && (how.is_chrome(node) || (how.drop_marked && is_boilerplate(node)))) {
          return false;
        }
        if (how.mark_documents && tag == GUMBO_TAG_A &&
            attribute(node, "name").starts_with("DocID")) {
          flush();
          paragraphs.push_back(std::string(proquest_marker) + std::string(attribute(node, "name")));
        }
        if (tag == GUMBO_TAG_BR) {
          // Text in <div>s parts its paragraphs with <br>s.
          if (how.paragraph_mode && !how.text_divs) {
            current += ' ';
          } else if (how.breaks_as_lines) {
            current += line_break;
          } else {
            flush();
          }
        }
        if (is_block(tag)) flush();
        if (how.paragraph_mode && collects(node)) ++collecting;
        if (tag == GUMBO_TAG_A) ++in_link;
        return true;
      },
      [&](const GumboNode* node) {
        GumboTag tag = tag_of(node);
        if (is_block(tag)) flush();
        if (how.paragraph_mode && collects(node)) --collecting;
        if (tag == GUMBO_TAG_A) --in_link;
      });
  flush();
  return paragraphs;
}

std::size_t total_size(const std::vector<std::string>& paragraphs) {
  std::size_t size = 0;
  for (const auto& paragraph : paragraphs) size += paragraph.size();
  return size;
}

// Where the story's paragraphs gather, scored as readability scores a
// page: every paragraph of 25 characters or more scores 1, a point per
// comma and one per 100 characters (at most 3), for its parent, and half
// that for its grandparent. `top` gathers most; null when no paragraph is
// long enough.
struct Density {
  std::unordered_map<const GumboNode*, double> scores;
  const GumboNode* top = nullptr;
};

// Adds `score` to `node`'s, remembering the order nodes were first scored
// in (document order), so that ties go to the first and a page always
// reads the same.
void add_score(Density& density, std::vector<const GumboNode*>& order, const GumboNode* node,
               double score) {
  auto [at, added] = density.scores.try_emplace(node, 0.0);
  if (added) order.push_back(node);
  at->second += score;
}

Density paragraph_density(const GumboNode* root, const Extraction& how) {
  Density density;
  std::vector<const GumboNode*> order;
  walk(
      root,
      [&](const GumboNode* node) {
        if (!is_element(node)) return node->type == GUMBO_NODE_DOCUMENT;
        if (node != root && (how.is_chrome(node) || (how.drop_marked && is_boilerplate(node)))) {
          return false;
        }
        const GumboTag tag = tag_of(node);
        if (tag != GUMBO_TAG_P && tag != GUMBO_TAG_PRE) return true;
        const std::string text = text_of(node);
        if (text.size() < 25) return false;
        const double score = 1.0 + static_cast<double>(std::count(text.begin(), text.end(), ',')) +
                             std::min(static_cast<double>(text.size()) / 100.0, 3.0);
        const GumboNode* parent = node->parent;
        if (parent != nullptr && is_element(parent)) {
          add_score(density, order, parent, score);
          const GumboNode* grandparent = parent->parent;
          if (grandparent != nullptr && is_element(grandparent)) {
            add_score(density, order, grandparent, score / 2);
          }
        }
        return false;
      },
      [](const GumboNode*) {});
  double best = 0;
  for (const GumboNode* node : order) {
    if (const double score = density.scores.at(node); score > best) {
      best = score;
      density.top = node;
    }
  }
  return density;
}

bool is_inside(const GumboNode* node, const GumboNode* ancestor) {
  for (; node != nullptr; node = node->parent) {
    if (node == ancestor) return true;
  }
  return false;
}

// What the page says about itself, gathered in one walk.
struct PageFacts {
  std::string og_title, title_element, first_h1;
  std::string canonical, og_url, site_name, og_description, description, og_locale;
  std::string meta_author, published_meta, itemprop_published, other_published_meta, first_time;
  std::string byline;  // the text of the first element whose class or id says "byline"
  std::string language;
  std::vector<std::string> rel_authors;
  std::vector<std::string> json_ld;
  const GumboNode* body = nullptr;
  const GumboNode* main = nullptr;
  std::vector<const GumboNode*> articles;
  std::vector<const GumboNode*> article_bodies;     // itemprop="articleBody"
  std::unordered_set<const GumboNode*> page_forms;  // forms around an <h1>, <article> or <main>
};

PageFacts gather_facts(const GumboNode* document) {
  PageFacts facts;
  int chrome = 0;  // inside <nav>, <aside> or <footer>
  auto is_page_chrome = [](GumboTag tag) {
    return tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_ASIDE || tag == GUMBO_TAG_FOOTER;
  };
  // A form around the story wraps the page, and is no chrome.
  auto mark_page_forms = [&](const GumboNode* node) {
    for (const GumboNode* up = node->parent; up != nullptr; up = up->parent) {
      if (is_element(up) && tag_of(up) == GUMBO_TAG_FORM) facts.page_forms.insert(up);
    }
  };
  auto keep_first = [](std::string& field, std::string_view value) {
    if (field.empty()) field = collapse_whitespace(value);
  };
  walk(
      document,
      [&](const GumboNode* node) {
        if (!is_element(node)) return node->type == GUMBO_NODE_DOCUMENT;
        GumboTag tag = tag_of(node);
        if (is_page_chrome(tag)) ++chrome;
        if (chrome == 0 && ascii_lower(attribute(node, "itemprop")) == "articlebody") {
          facts.article_bodies.push_back(node);
        }
        if (chrome == 0 && facts.byline.empty() &&
            marks_of(node).find("byline") != std::string::npos) {
          facts.byline = text_of(node);
        }
        switch (tag) {
          case GUMBO_TAG_HTML:
            keep_first(facts.language, attribute(node, "lang"));
            break;
          case GUMBO_TAG_BODY:
            if (facts.body == nullptr) facts.body = node;
            break;
          case GUMBO_TAG_MAIN:
            if (facts.main == nullptr) facts.main = node;
            mark_page_forms(node);
            break;
          case GUMBO_TAG_ARTICLE:
            if (chrome == 0) facts.articles.push_back(node);
            mark_page_forms(node);
            break;
          case GUMBO_TAG_TITLE:
            keep_first(facts.title_element, text_of(node));
            return false;
          case GUMBO_TAG_H1:
            if (chrome == 0) keep_first(facts.first_h1, text_of(node));
            mark_page_forms(node);
            return false;
          case GUMBO_TAG_TIME:
            if (chrome == 0) keep_first(facts.first_time, attribute(node, "datetime"));
            break;
          case GUMBO_TAG_LINK:
            if (has_token(attribute(node, "rel"), "canonical")) {
              keep_first(facts.canonical, attribute(node, "href"));
            }
            break;
          case GUMBO_TAG_A:
            if (chrome == 0 && has_token(attribute(node, "rel"), "author")) {
              std::string name = text_of(node);
              if (!name.empty() && std::find(facts.rel_authors.begin(), facts.rel_authors.end(),
                                             name) == facts.rel_authors.end()) {
                facts.rel_authors.push_back(std::move(name));
              }
              return false;
            }
            break;
          case GUMBO_TAG_SCRIPT:
            if (ascii_lower(trim(attribute(node, "type"))) == "application/ld+json") {
              facts.json_ld.push_back(raw_text_of(node));
            }
            return false;
          case GUMBO_TAG_META: {
            std::string key = ascii_lower(attribute(node, "property"));
            if (key.empty()) key = ascii_lower(attribute(node, "name"));
            std::string_view content = attribute(node, "content");
            std::string itemprop = ascii_lower(attribute(node, "itemprop"));
            if (key == "og:title") keep_first(facts.og_title, content);
            if (key == "og:url") keep_first(facts.og_url, content);
            if (key == "og:site_name") keep_first(facts.site_name, content);
            if (key == "og:description") keep_first(facts.og_description, content);
            if (key == "og:locale") keep_first(facts.og_locale, content);
            if (key == "description") keep_first(facts.description, content);
            if (key == "author") keep_first(facts.meta_author, content);
            if (key == "article:published_time") keep_first(facts.published_meta, content);
            // Other names sites give the publication date: Open Graph's
            // longer form, Dublin Core's, and analytics and e-mail tools'.
            if (one_of(key, {"og:article:published_time", "dc.date.issued", "dcterms.issued",
                             "dc.date", "date", "pdate", "pubdate", "publish-date", "sailthru.date",
                             "parsely-pub-date"})) {
              keep_first(facts.other_published_meta, content);
            }
            if (itemprop == "datepublished") keep_first(facts.itemprop_published, content);
            break;
          }
          default:
            break;
        }
        return true;
      },
      [&](const GumboNode* node) {
        if (is_page_chrome(tag_of(node))) --chrome;
      });
  return facts;
}

// What a JSON-LD article object says.
struct LinkedData {
  std::string headline, date_published, description, publisher, language;
  std::vector<std::string> authors;
};

std::string string_field(const nlohmann::json& object, const char* key) {
  auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return {};
  return collapse_whitespace(found->get_ref<const std::string&>());
}

// A name from a string or an object with a "name" (authors, publishers).
std::string name_of(const nlohmann::json& value) {
  std::string name;
  if (value.is_string()) name = collapse_whitespace(value.get_ref<const std::string&>());
  if (value.is_object()) name = string_field(value, "name");
  // Some sites give a profile URL where a name belongs.
  if (name.starts_with("http://") || name.starts_with("https://")) return {};
  return name;
}

bool is_article_type(const nlohmann::json& type) {
  auto matches = [](const nlohmann::json& value) {
    if (!value.is_string()) return false;
    const auto& name = value.get_ref<const std::string&>();
    return name.ends_with("Article") || name == "BlogPosting" || name == "LiveBlogPosting";
  };
  if (matches(type)) return true;
  if (type.is_array()) return std::any_of(type.begin(), type.end(), matches);
  return false;
}

// The first article object in a JSON-LD value: at the top level, in an array
// or in "@graph" (bounded depth: the JSON comes from the page).
const nlohmann::json* find_article_object(const nlohmann::json& value, int depth) {
  if (depth > 4) return nullptr;
  if (value.is_array()) {
    for (const auto& item : value) {
      if (const auto* found = find_article_object(item, depth + 1)) return found;
    }
    return nullptr;
  }
  if (!value.is_object()) return nullptr;
  if (auto type = value.find("@type"); type != value.end() && is_article_type(*type)) {
    return &value;
  }
  if (auto graph = value.find("@graph"); graph != value.end()) {
    return find_article_object(*graph, depth + 1);
  }
  return nullptr;
}

LinkedData read_linked_data(const std::vector<std::string>& scripts) {
  LinkedData data;
  for (const auto& script : scripts) {
    auto value = nlohmann::json::parse(script, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) continue;
    const nlohmann::json* article = find_article_object(value, 0);
    if (article == nullptr) continue;
    data.headline = string_field(*article, "headline");
    data.date_published = string_field(*article, "datePublished");
    data.description = string_field(*article, "description");
    data.language = string_field(*article, "inLanguage");
    if (auto publisher = article->find("publisher"); publisher != article->end()) {
      data.publisher = name_of(*publisher);
    }
    if (auto author = article->find("author"); author != article->end()) {
      if (author->is_array()) {
        for (const auto& item : *author) {
          if (auto name = name_of(item); !name.empty()) data.authors.push_back(std::move(name));
        }
      } else if (auto name = name_of(*author); !name.empty()) {
        data.authors.push_back(std::move(name));
      }
    }
    break;
  }
  return data;
}

// "Story headline | Site" -> "Story headline": when the site's name is
// known, or when the page's <h1> is the part before the separator.
std::string without_site_suffix(std::string title, std::string_view site,
                                std::string_view first_h1) {
  for (std::string_view separator : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: "}) {
    if (!site.empty()) {
      std::string suffix = std::string(separator) + std::string(site);
      if (title.size() > suffix.size() && title.ends_with(suffix)) {
        title.resize(title.size() - suffix.size());
        return title;
      }
    }
    // The site's name is the shorter part: an <h1> that is the site's logo
    // ("Gazette | Port strike ends") is no headline.
    if (!first_h1.empty() && title.size() > first_h1.size() + separator.size() &&
        title.starts_with(first_h1) && title.substr(first_h1.size()).starts_with(separator) &&
        title.size() - first_h1.size() - separator.size() < first_h1.size()) {
      return std::string(first_h1);
    }
  }
  return title;
}

// A person's name as a byline gives it: its words without a handle glued
// on ("Marah Eakin@marahe", two elements' text run together), and empty
// when a word is a site's address ("gulflive.com"), a number or a role.
std::string byline_person(std::string_view name) {
  std::string person;
  for (std::string word : split_list(name, " ")) {
    word = word.substr(0, word.find('@'));
    if (word.empty()) continue;
    const std::size_t dot = word.find('.');
    const bool address = dot != std::string::npos && dot + 2 < word.size() &&
                         word[dot + 1] >= 'a' && word[dot + 1] <= 'z' && word[dot + 2] >= 'a' &&
                         word[dot + 2] <= 'z';
    if (address ||
        std::any_of(word.begin(), word.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      return {};
    }
    if (!person.empty()) person += ' ';
    person += word;
  }
  if (split_list(person, " ").size() > 5 || is_byline_role(person)) return {};
  return person;
}

// Whether a byline without "By" is a name alone ("Nicholas St. Fleur"):
// two to four words, each capitalised, none a word of the byline's other
// furniture ("Updated Tuesday", "Leave A Comment").
bool is_bare_name(std::string_view text) {
  const std::vector<std::string> words = split_list(text, " ");
  if (words.size() < 2 || words.size() > 4) return false;
  for (const std::string& word : words) {
    const unsigned char first = static_cast<unsigned char>(word[0]);
    if (first < 0x80 && !(first >= 'A' && first <= 'Z')) return false;
    const std::string lowered = ascii_lower(word);
    for (std::string_view furniture :
         {"updated", "posted", "published", "modified", "last", "read", "min", "ago", "follow",
          "share", "comment", "comments", "leave", "more", "articles", "email", "print"}) {
      if (lowered == furniture) return false;
    }
  }
  return true;
}

// The people a byline element names: "By Mira Castell and Tom Rees", not
// its date ("By Mira Castell | 14 March 2024") nor a role ("Political
// Correspondent"); without "By", only a name alone ("John Metcalfe").
std::vector<std::string> names_in_byline(std::string_view byline) {
  std::vector<std::string> names;
  byline = trim(byline);
  for (std::string_view separator : {"|", "\xE2\x80\xA2", "\xC2\xB7"}) {  // | • ·
    byline = trim(byline.substr(0, byline.find(separator)));
  }
  std::string spaced(byline);
  // "By" and the name in elements of their own, run together: "ByMalcolm Harris".
  if (spaced.size() > 2 && (spaced[0] == 'B' || spaced[0] == 'b') &&
      (spaced[1] == 'y' || spaced[1] == 'Y') && spaced[2] >= 'A' && spaced[2] <= 'Z') {
    spaced.insert(2, " ");
  }
  byline = spaced;
  if (!ascii_lower(byline.substr(0, 3)).starts_with("by ")) {
    if (is_bare_name(byline)) {
      if (std::string person = byline_person(byline); !person.empty()) names.push_back(person);
    }
    return names;
  }
  for (const std::string& name : byline_names(std::string(byline))) {
    if (std::string person = byline_person(name); !person.empty()) {
      names.push_back(std::move(person));
    }
  }
  return names;
}

template <class... Fields>
std::string first_of(const Fields&... fields) {
  std::string chosen;
  ((chosen.empty() ? void(chosen = fields) : void()), ...);
  return chosen;
}

Article article_from_page(const GumboNode* document, std::string& bad_date) {
  PageFacts facts = gather_facts(document);
  LinkedData linked = read_linked_data(facts.json_ld);
  Article article;
  article.source = first_of(facts.site_name, linked.publisher);
  article.title = first_of(facts.og_title, linked.headline,
                           without_site_suffix(facts.title_element, article.source, facts.first_h1),
                           facts.first_h1);
  article.url = first_of(facts.canonical, facts.og_url);
  article.dek = first_of(facts.og_description, facts.description, linked.description);
  article.language = language_code(facts.language);
  if (article.language.empty()) article.language = language_code(facts.og_locale);
  if (article.language.empty()) article.language = language_code(linked.language);

  if (!facts.meta_author.empty() && !facts.meta_author.starts_with("http")) {
    article.authors.push_back(facts.meta_author);
  } else if (!facts.rel_authors.empty()) {
    article.authors = facts.rel_authors;
  } else if (!linked.authors.empty()) {
    article.authors = linked.authors;
  } else {
    article.authors = names_in_byline(facts.byline);
  }

  for (const std::string* candidate :
       {&facts.published_meta, &linked.date_published, &facts.itemprop_published,
        &facts.other_published_meta, &facts.first_time}) {
    if (candidate->empty()) continue;
    article.published = parse_date(*candidate);
    if (article.published) break;
    if (bad_date.empty()) bad_date = *candidate;
  }
  if (article.published) bad_date.clear();

  // The story is the candidate with the most paragraph text: the elements
  // microdata marks as the article's body, else the <article>s, else
  // <main>, else the page.
  Extraction story{true, true, true, &facts.page_forms};
  const GumboNode* page = facts.body != nullptr ? facts.body : document;
  std::vector<const GumboNode*> candidates = facts.article_bodies;
  if (candidates.empty()) candidates = facts.articles;
  if (candidates.empty() && facts.main != nullptr) candidates.push_back(facts.main);
  if (candidates.empty()) candidates.push_back(page);
  std::size_t best = 0;
  const GumboNode* chosen = candidates.front();
  for (const GumboNode* root : candidates) {
    Extraction how = story;
    how.root_is_story = root != page;
    auto paragraphs = paragraphs_of(root, how);
    if (std::size_t size = total_size(paragraphs); size > best) {
      best = size;
      chosen = root;
      article.paragraphs = std::move(paragraphs);
    }
  }
  // The candidates may all be elsewhere: teasers marked <article> beside a
  // story that is not, or a page of <div>s. Where the paragraphs gather
  // (readability's scoring) outside the chosen candidate, that block and
  // its siblings that score a fifth of it are the story, when they hold at
  // least half the candidate's text.
  const Density density = paragraph_density(page, story);
  if (density.top != nullptr && !is_inside(density.top, chosen)) {
    std::vector<std::string> paragraphs;
    const double threshold = std::max(10.0, density.scores.at(density.top) * 0.2);
    const GumboVector* siblings =
        density.top->parent != nullptr ? children_of(density.top->parent) : nullptr;
    for (unsigned k = 0; siblings != nullptr && k < siblings->length; ++k) {
      const auto* sibling = static_cast<const GumboNode*>(siblings->data[k]);
      auto found = density.scores.find(sibling);
      if (sibling != density.top && (found == density.scores.end() || found->second < threshold)) {
        continue;
      }
      for (auto& paragraph : paragraphs_of(sibling, story)) {
        paragraphs.push_back(std::move(paragraph));
      }
    }
    if (chosen == page || total_size(paragraphs) * 2 > best) {
      article.paragraphs = std::move(paragraphs);
    }
  }
  // A story written in <div>s of text, not <p>s (CNN's): when its text divs
  // hold more than twice the paragraphs found, they are its paragraphs.
  Extraction divs = story;
  divs.text_divs = true;
  divs.root_is_story = chosen != page;
  if (auto paragraphs = paragraphs_of(chosen, divs);
      total_size(paragraphs) > 2 * total_size(article.paragraphs)) {
    article.paragraphs = std::move(paragraphs);
  }
  // Class names are only a hint ("content-with-sidebar" may wrap the whole
  // story): a page that loses all its text to them keeps it.
  const GumboNode* first_root = candidates.front();
  const bool first_is_story = first_root != page;
  for (Extraction how : {Extraction{false, first_is_story, true, &facts.page_forms},
                         Extraction{true, first_is_story, false, &facts.page_forms},
                         Extraction{false, first_is_story, false, &facts.page_forms}}) {
    if (!article.paragraphs.empty()) break;
    article.paragraphs = paragraphs_of(first_root, how);
  }
  // The headline often repeats as the story's <h1>, and the authors the
  // metadata named as its byline ("By Gail Gardner").
  std::erase(article.paragraphs, article.title);
  std::erase_if(article.paragraphs, [&](const std::string& paragraph) {
    if (article.authors.empty() || paragraph.size() > 120 ||
        !ascii_lower(paragraph.substr(0, 3)).starts_with("by")) {
      return false;
    }
    const std::vector<std::string> names = names_in_byline(paragraph);
    return !names.empty() && std::all_of(names.begin(), names.end(), [&](const std::string& name) {
      return std::any_of(
          article.authors.begin(), article.authors.end(),
          [&](const std::string& author) { return ascii_lower(author) == ascii_lower(name); });
    });
  });
  return article;
}

}  // namespace

namespace {
ParsedPage parse_page(std::string& html) {
  std::size_t tags = static_cast<std::size_t>(std::count(html.begin(), html.end(), '<'));
  if (tags > max_markup_depth) html = limit_nesting(html);
  return ParsedPage(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
}

// Every block of the page's body in order, nothing left out, a block's
// <br>s kept as line breaks: how an export's fields are told apart.
std::vector<std::string> all_blocks(const GumboNode* document, bool mark_documents = false) {
  Extraction how;
  how.paragraph_mode = false;
  how.drop_marked = false;
  how.breaks_as_lines = true;
  how.mark_documents = mark_documents;
  return paragraphs_of(document, how);
}

// Factiva's HTML export with its codes: each <div class="article"> a
// table of rows, a cell classed "index" holding the code, the next its
// text.
std::vector<CodedRecord> factiva_records(const GumboNode* document) {
  std::vector<CodedRecord> records;
  Extraction value_text;
  value_text.paragraph_mode = false;
  value_text.drop_marked = false;
  walk(
      document,
      [&](const GumboNode* node) {
        if (!is_element(node)) return node->type == GUMBO_NODE_DOCUMENT;
        if (tag_of(node) != GUMBO_TAG_DIV || !has_token(attribute(node, "class"), "article")) {
          return true;
        }
        CodedRecord record;
        walk(
            node,
            [&](const GumboNode* inner) {
              if (!is_element(inner)) return false;
              if (tag_of(inner) != GUMBO_TAG_TR) return true;
              std::vector<const GumboNode*> cells;
              const GumboVector* children = children_of(inner);
              for (unsigned k = 0; children != nullptr && k < children->length; ++k) {
                const auto* cell = static_cast<const GumboNode*>(children->data[k]);
                if (tag_of(cell) == GUMBO_TAG_TD) cells.push_back(cell);
              }
              if (cells.size() >= 2 && has_token(attribute(cells[0], "class"), "index")) {
                std::string code;
                for (char ch : text_of(cells[0])) {
                  if (ch >= 'A' && ch <= 'Z') code += ch;
                }
                if (!code.empty()) record.emplace_back(code, paragraphs_of(cells[1], value_text));
              }
              return false;
            },
            [](const GumboNode*) {});
        if (std::ranges::any_of(record, [](const auto& row) { return row.first == "HD"; })) {
          records.push_back(std::move(record));
        }
        return false;
      },
      [](const GumboNode*) {});
  return records;
}

// Whether the page holds "Document " and an accession number, as each
// article of a Factiva export ends.
bool holds_accession_number(std::string_view html) {
  for (std::size_t at = html.find("Document "); at != std::string_view::npos;
       at = html.find("Document ", at + 9)) {
    std::size_t end = at + 9;
    while (end < html.size() && std::isalnum(static_cast<unsigned char>(html[end])) != 0) ++end;
    if (end - at - 9 >= 10) return true;
  }
  return false;
}

}  // namespace

bool read_export_html(std::string& html, const std::string& origin, const ReaderLimits& limits,
                      ArticleSink& sink) {
  // The cheap tests first: a LexisNexis export's marker lines, Factiva's
  // code cells and accession numbers, ProQuest's document anchors and ids.
  const bool lexisnexis = html.find("DOCUMENTS") != std::string::npos ||
                          html.find("End of Document") != std::string::npos;
  const bool coded =
      html.find("\"index\"") != std::string::npos || html.find("'index'") != std::string::npos;
  const bool proquest = html.find("DocID") != std::string::npos &&
                        html.find("ProQuest document ID") != std::string::npos;
  if (!lexisnexis && !coded && !proquest && !holds_accession_number(html)) return false;
  ParsedPage page = parse_page(html);
  if (proquest) {
    const std::vector<std::string> blocks = all_blocks(page->document, true);
    if (std::ranges::any_of(
            blocks, [](const std::string& block) { return block.starts_with(proquest_marker); })) {
      read_proquest_blocks(blocks, origin, limits, sink);
      return true;
    }
  }
  if (coded) {
    if (const std::vector<CodedRecord> records = factiva_records(page->document);
        !records.empty()) {
      read_factiva_coded(records, origin, limits, sink);
      return true;
    }
  }
  return read_export_blocks(all_blocks(page->document), origin, limits, sink);
}

Article article_from_html(std::string html, std::string& bad_date) {
  ParsedPage page = parse_page(html);
  return article_from_page(page->document, bad_date);
}

void read_html_document(std::string_view html, const std::string& origin, std::string_view format,
                        const PageFallbacks& fallbacks, const ReaderLimits& limits,
                        ArticleSink& sink) {
  // gumbo needs UTF-8. A page that is valid UTF-8 is read so whatever it
  // declares (all-ASCII pages are, and "iso-8859-1" is a common mislabel of
  // UTF-8); else by the charset the container or the page declares
  // (windows-1251, koi8-r, shift_jis...); else repaired as Windows-1252,
  // what most undeclared legacy pages are.
  std::string text;
  std::optional<std::string> decoded;
  if (is_valid_utf8(html)) {
    text = std::string(html);
  } else if (decoded = decode_charset(
                 html, fallbacks.charset.empty() ? declared_html_charset(html) : fallbacks.charset);
             decoded) {
    text = std::move(*decoded);
  } else {
    std::size_t repaired = 0;
    text = repair_utf8(html, &repaired);
    sink.repaired(origin, repaired);
  }
  if (read_export_html(text, origin, limits, sink)) return;
  std::string bad_date;
  Article article = article_from_html(std::move(text), bad_date);
  if (article.url.empty()) article.url = fallbacks.url;
  if (!article.published) article.published = fallbacks.published;
  if (!bad_date.empty()) {
    sink.warning(Skip{origin, "bad-date",
                      "unparsable date \"" + message_excerpt(bad_date) + "\"; indexed " +
                          (article.published ? "with the container's date" : "undated")});
  }
  finish_article(std::move(article), origin, format, limits, sink);
}

void read_html(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink) {
  std::string html;
  if (!read_whole(in, name, "HTML page", limits, sink, html)) return;
  read_html_document(html, name, "html", PageFallbacks{}, limits, sink);
}

}  // namespace dateline::readers
