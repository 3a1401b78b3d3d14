// ALTO (Analyzed Layout and Text Object, the Library of Congress's XML for
// the text of scanned pages): how libraries keep digitised newspapers
// (Chronicling America, Europeana Newspapers, national libraries' archives),
// a file for each page's OCR. One article per file: a page holds many
// stories and no headline of its own, so it is untitled and a search shows
// its first sentence.
//
//   text       each TextBlock of the page's PrintSpace (not its margins:
//              running heads and page numbers), in the file's order, is a
//              paragraph: its lines' Strings joined by spaces. A word
//              hyphenated across lines is made whole: from the
//              SUBS_CONTENT of its HypPart1/HypPart2 Strings, else by
//              joining the Strings before and after a line's closing HYP.
//   published  the date in the file's path: Chronicling America's issue
//              folder "1905010101" (YYYYMMDD and the edition), or
//              "1905-01-01" (the page's own file names no date)
//   id         "alto:" + the folder above the issue's, the folder
//              and the page's file name ("alto:00280654953/1905010101/0003"),
//              so that a page OCR'd again replaces the old; without an
//              issue folder, the text's hash
//   language   the LANG most of the page's TextBlocks give
//
// A METS file (the description of an issue, which lists its ALTO pages) is
// passed over: it holds no text. libxml2 parses the document whole (never
// loading external entities or the DTD it names); a page that is not
// well-formed XML is skipped.

#include <algorithm>
#include <istream>
#include <map>
#include <optional>
#include <vector>

#include "dateline/common/text.h"
#include "readers.h"
#include "xml_dom.h"

namespace dateline::readers {

namespace {

using xml::attribute;
using xml::each;
using xml::inside;

// Blocks outside the PrintSpace: what repeats at a page's edges.
bool is_margin(std::string_view name) {
  return name == "TopMargin" || name == "BottomMargin" || name == "LeftMargin" ||
         name == "RightMargin";
}

// The TextBlocks of `first` and its siblings, in document order, not in
// margins.
template <typename Visit>
void each_text_block(const xmlNode* first, Visit&& visit) {
  for (const xmlNode* node = first; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string_view name = xml::name_of(node);
    if (name == "TextBlock") {
      visit(node);
    } else if (!is_margin(name)) {
      each_text_block(node->children, visit);
    }
  }
}

// A TextBlock's text: its lines' words, hyphenated words made whole.
std::string block_text(const xmlNode* block) {
  std::string text;
  bool join_next = false;    // the last line ended in a HYP: its word goes on
  bool whole_given = false;  // a HypPart1 gave the whole word: its HypPart2 is not read
  auto add_word = [&](std::string_view word) {
    if (word.empty()) return;
    if (join_next) {
      // Some OCR keeps the hyphen in the String before the HYP too.
      for (std::string_view hyphen : {"-", "\u00AC", "\u2010", "\u2E17"}) {
        if (text.ends_with(hyphen)) {
          text.resize(text.size() - hyphen.size());
          break;
        }
      }
    } else if (!text.empty()) {
      text += ' ';
    }
    text += word;
    join_next = false;
  };
  each(inside(block), "TextLine", [&](const xmlNode* line) {
    for (const xmlNode* node = line->children; node != nullptr; node = node->next) {
      const std::string_view name = xml::name_of(node);
      if (name == "String") {
        const std::string type = attribute(node, "SUBS_TYPE");
        if (type == "HypPart2" && whole_given) {
          whole_given = join_next = false;
          continue;
        }
        const std::string whole = type == "HypPart1" ? attribute(node, "SUBS_CONTENT") : "";
        add_word(whole.empty() ? attribute(node, "CONTENT") : whole);
        whole_given = !whole.empty();
      } else if (name == "HYP") {
        // A hyphen at the line's end: the next line's first String goes on
        // the word (unless a HypPart1 gave it whole: that String is its
        // HypPart2, passed over).
        join_next = true;
      }
    }
  });
  return collapse_whitespace(text);
}

// Whether a part of a path names an issue's day: "YYYYMMDD",
// "YYYYMMDDEE" (Chronicling America: the edition after the date) or
// "YYYY-MM-DD", with a year a newspaper may have (not a reel or batch
// number).
std::optional<DateTime> day_of(std::string_view name) {
  name = name.substr(0, name.find('.'));
  if (name.size() == 10 && all_digits(name)) name = name.substr(0, 8);
  const bool shaped = (name.size() == 8 && all_digits(name)) ||
                      (name.size() == 10 && name[4] == '-' && name[7] == '-');
  if (!shaped || !all_digits(name.substr(0, 4))) return std::nullopt;
  const int year = std::stoi(std::string(name.substr(0, 4)));
  if (year < 1600 || year > 2100) return std::nullopt;
  return parse_date(name);
}

// A path's parts, split at "/", "\\" and an archive's ":".
std::vector<std::string_view> path_parts(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t at = 0; at <= path.size(); ++at) {
    if (at == path.size() || path[at] == '/' || path[at] == '\\' || path[at] == ':') {
      if (at > start) parts.push_back(path.substr(start, at - start));
      start = at + 1;
    }
  }
  return parts;
}

// The date in a page's path: the part nearest to the file that
// names a day (the page's own file names none).
std::optional<DateTime> date_in_path(const std::vector<std::string_view>& parts) {
  for (auto part = parts.rbegin(); part != parts.rend(); ++part) {
    if (auto date = day_of(*part)) return date;
  }
  return std::nullopt;
}

// A page's id from where it lies in its batch: the folder above the issue
// (Chronicling America's reel, or the title), the issue folder and the
// page's file name: "alto:00280654953/1905010101/0003". So a page OCR'd
// again replaces the old text. "" when the path has no issue folder with a
// folder above it; the page's text then gives its id, since a file name
// alone ("0003.xml") names many pages.
std::string page_id(const std::vector<std::string_view>& parts) {
  if (parts.size() < 3) return {};
  for (std::size_t k = parts.size() - 1; k-- > 1;) {
    if (!day_of(parts[k])) continue;
    const std::string_view page = parts.back().substr(0, parts.back().rfind('.'));
    return "alto:" + std::string(parts[k - 1]) + "/" + std::string(parts[k]) + "/" +
           std::string(page);
  }
  return {};
}

}  // namespace

void read_alto(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink) {
  xml::Document doc;
  const xmlNode* root = xml::read_root(in, name, "ALTO page", {"alto", "mets"}, limits, sink, doc);
  if (root == nullptr) return;
  if (xml::is(root, "mets")) {
    sink.passed_over(Skip{name, "not-an-article",
                          "a METS description (of a newspaper issue, say): its ALTO pages hold "
                          "the text"});
    return;
  }
  Article article;
  std::map<std::string, std::size_t> languages;
  each_text_block(inside(xml::child(root, "Layout")), [&](const xmlNode* block) {
    std::string text = block_text(block);
    if (text.empty()) return;
    if (std::string language = attribute(block, "LANG"); !language.empty()) {
      ++languages[language];
    }
    article.paragraphs.push_back(std::move(text));
  });
  if (article.paragraphs.empty()) {
    sink.skip(Skip{name, "no-text",
                   "an ALTO page without text (a picture, or a page not yet through OCR)"});
    return;
  }
  const auto most =
      std::max_element(languages.begin(), languages.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  if (most != languages.end()) article.language = language_code(most->first);
  const std::vector<std::string_view> parts = path_parts(name);
  article.published = date_in_path(parts);
  article.id = page_id(parts);
  finish_article(std::move(article), name, "alto", limits, sink);
}

}  // namespace dateline::readers
