// PDF documents: press releases, reports, court filings, a newspaper's
// pages. One document is one article. Poppler (the library behind
// pdftotext) opens it and gives each page's text in reading order, columns
// one after another; its blocks become paragraphs:
//
//   title      the document's Title, unless it is a file name ("Microsoft
//              Word - story.docx", "layout.indd") or "Untitled"; else a
//              short first block, as the text reader takes a first line
//   authors    Author (";"-separated; not an account name)
//   published  CreationDate (when the PDF was made: its only date)
//   tags       Keywords (split at , and ;)
//   dek        Subject
//   text       each page's blocks, their lines joined (a word hyphenated
//              across lines joined again), less what repeats on most pages
//              (running heads and feet) and page numbers
//
// A PDF without a text layer (scanned pages) is skipped as no-text, with a
// word on OCR; a password-protected one as corrupt-document.

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cctype>
#include <istream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers {

namespace {

std::string utf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  std::string out(bytes.begin(), bytes.end());
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

// Poppler reports what it had to repair on stderr; a reader reports
// through its sink, so those messages are dropped.
void quiet_poppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

// A PDF date, "D:20220309091200+02'00'" (any tail may be missing), as ISO
// 8601 ("2022-03-09T09:12:00+02:00"), which parse_date reads; "" when it
// is not one.
std::string iso_of_pdf_date(std::string_view date) {
  date = trim(date);
  if (date.starts_with("D:")) date.remove_prefix(2);
  std::size_t digits = 0;
  while (digits < date.size() && digits < 14 && date[digits] >= '0' && date[digits] <= '9') {
    ++digits;
  }
  if (digits < 4 || digits % 2 != 0) return "";
  const std::string stamp = std::string(date.substr(0, digits)) + "0101000000";  // month, day...
  std::string iso = stamp.substr(0, 4) + "-" + (digits >= 6 ? stamp.substr(4, 2) : "01") + "-" +
                    (digits >= 8 ? stamp.substr(6, 2) : "01");
  if (digits < 10) return iso;
  iso += "T" + std::string(date.substr(8, 2)) + ":" +
         (digits >= 12 ? std::string(date.substr(10, 2)) : "00") + ":" +
         (digits >= 14 ? std::string(date.substr(12, 2)) : "00");
  std::string_view zone = date.substr(digits);
  if (zone.starts_with('Z')) return iso + "Z";
  if ((zone.starts_with('+') || zone.starts_with('-')) && zone.size() >= 3) {
    std::string hours(zone.substr(1, 2));
    std::string minutes = "00";
    if (zone.size() >= 6 && zone[3] == '\'') minutes = std::string(zone.substr(4, 2));
    return iso + zone[0] + hours + ":" + minutes;
  }
  return iso;  // no zone: read as UTC
}

// A contents line's dot leaders ("Port schedule . . . . . 4", "Port
// schedule..........4") as one ellipsis: "Port schedule … 4".
std::string without_leaders(const std::string& text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = at;
    std::size_t dots = 0;
    while (end < text.size() && (text[end] == '.' || (text[end] == ' ' && end + 1 < text.size() &&
                                                      text[end + 1] == '.'))) {
      dots += text[end] == '.' ? 1 : 0;
      ++end;
    }
    if (dots >= 4) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += " \xE2\x80\xA6 ";
      while (end < text.size() && text[end] == ' ') ++end;
      at = end;
    } else if (end > at) {
      out.append(text, at, end - at);
      at = end;
    } else {
      out += text[at++];
    }
  }
  return collapse_whitespace(out);
}

// A block's lines as one paragraph: "river-" + "side" is "riverside".
std::string join_lines(const std::vector<std::string_view>& lines) {
  std::string out;
  for (std::string_view line : lines) {
    line = trim(line);
    if (line.empty()) continue;
    if (out.size() >= 2 && out.back() == '-' &&
        std::isalpha(static_cast<unsigned char>(out[out.size() - 2])) != 0 && line.front() >= 'a' &&
        line.front() <= 'z') {
      out.pop_back();
    } else if (!out.empty()) {
      out += ' ';
    }
    out += line;
  }
  return without_leaders(collapse_whitespace(out));
}

// A paragraph of a page: its text, and its lines apart by "\n" (for the
// exports whose fields are lines, LexisNexis's).
struct PdfParagraph {
  std::string text;
  std::string lines;
};

// A block's paragraphs. Poppler keeps paragraphs apart only when a gap
// wider than a line parts them; most documents part them by less, so a
// line that ends a sentence well short of the block's width ends a
// paragraph too.
std::vector<PdfParagraph> split_block(const std::vector<std::string_view>& lines) {
  std::size_t widest = 0;
  for (std::string_view line : lines) widest = std::max(widest, trim(line).size());
  std::vector<PdfParagraph> paragraphs;
  std::vector<std::string_view> paragraph;
  auto emit = [&] {
    if (std::string text = join_lines(paragraph); !text.empty()) {
      std::string kept;
      for (std::string_view line : paragraph) {
        if (!trim(line).empty()) kept += (kept.empty() ? "" : "\n") + collapse_whitespace(line);
      }
      paragraphs.push_back(PdfParagraph{std::move(text), std::move(kept)});
    }
    paragraph.clear();
  };
  for (std::string_view line : lines) {
    paragraph.push_back(line);
    const std::string_view text = trim(line);
    const bool ends_sentence = (!text.empty() && std::string_view(".!?:\"')").find(text.back()) !=
                                                     std::string_view::npos) ||
                               text.ends_with("\xE2\x80\x9D");  // a closing quotation mark
    // A contents line, its dot leaders before a page number, is an entry of its own.
    const bool contents_entry = text.find("....") != std::string_view::npos ||
                                text.find(". . . .") != std::string_view::npos;
    if ((ends_sentence && text.size() * 4 < widest * 3) || contents_entry) emit();
  }
  emit();
  return paragraphs;
}

// "12", "- 12 -", "Page 3", "Page 3 of 10": a page number.
bool is_page_number(std::string_view block) {
  std::string lowered = ascii_lower(trim(block));
  if (lowered.starts_with("page ")) lowered = lowered.substr(5);
  bool digit = false;
  for (char ch : lowered) {
    if (ch >= '0' && ch <= '9') {
      digit = true;
    } else if (ch != ' ' && ch != '-' && ch != '/' && ch != 'o' && ch != 'f') {
      return false;
    }
  }
  return digit;
}

// A block with its digits masked, to find running heads that number
// their pages ("Annual report 2022 - page 3").
std::string masked(std::string_view block) {
  std::string out(block);
  for (char& ch : out) {
    if (ch >= '0' && ch <= '9') ch = '#';
  }
  return out;
}

// A first page's headline: the words set in its largest type, when that
// type is a quarter larger than most of the page's text ("" otherwise).
std::string largest_type(const poppler::page& page) {
  const std::vector<poppler::text_box> boxes =
      page.text_list(poppler::page::text_list_include_font);
  std::vector<std::pair<double, std::size_t>> sizes;  // font size, characters
  double largest = 0;
  for (const auto& box : boxes) {
    if (!box.has_font_info()) return "";
    sizes.emplace_back(box.get_font_size(), box.text().size());
    largest = std::max(largest, box.get_font_size());
  }
  if (sizes.empty()) return "";
  std::sort(sizes.begin(), sizes.end());
  std::size_t total = 0;
  for (const auto& size : sizes) total += size.second;
  double median = 0;
  for (std::size_t seen = 0; const auto& size : sizes) {
    seen += size.second;
    if (seen * 2 >= total) {
      median = size.first;
      break;
    }
  }
  if (largest < median * 1.25) return "";
  std::string headline;
  for (const auto& box : boxes) {
    if (box.get_font_size() < largest * 0.95) continue;
    headline += utf8(box.text());
    headline += ' ';
  }
  headline = collapse_whitespace(headline);
  return headline.size() <= 300 ? headline : "";
}

// Each page's blocks (paragraphs), in reading order.
std::vector<std::vector<PdfParagraph>> page_blocks(const poppler::document& document) {
  std::vector<std::vector<PdfParagraph>> pages;
  for (int index = 0; index < document.pages(); ++index) {
    std::unique_ptr<poppler::page> page(document.create_page(index));
    std::vector<PdfParagraph> blocks;
    if (page) {
      const std::string text =
          utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
      std::vector<std::string_view> lines;
      std::size_t start = 0;
      auto flush = [&] {
        for (auto& paragraph : split_block(lines)) blocks.push_back(std::move(paragraph));
        lines.clear();
      };
      while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string_view line = std::string_view(text).substr(start, end - start);
        if (trim(line).empty() || trim(line) == "\f") {
          flush();
        } else {
          lines.push_back(line);
        }
        start = end + 1;
      }
      flush();
    }
    pages.push_back(std::move(blocks));
  }
  return pages;
}

}  // namespace

void read_pdf(std::istream& in, const std::string& name, const ReaderLimits& limits,
              ArticleSink& sink) {
  std::string bytes;
  if (!read_whole(in, name, "PDF document", limits, sink, bytes)) return;
  quiet_poppler();
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) {
    sink.skip(Skip{name, "corrupt-document", "not a PDF Poppler can open (damaged or cut short?)"});
    return;
  }
  if (document->is_locked()) {
    sink.skip(Skip{name, "corrupt-document", "a password-protected PDF: its text cannot be read"});
    return;
  }

  Article article;
  if (std::string title = collapse_whitespace(utf8(document->get_title())); !is_file_title(title)) {
    article.title = title;
  }
  for (auto& author : split_list(utf8(document->get_author()), ";")) {
    if (!is_account_name(author)) article.authors.push_back(std::move(author));
  }
  article.dek = collapse_whitespace(utf8(document->get_subject()));
  article.tags = split_list(utf8(document->get_keywords()), ",;");
  std::string bad_date;
  if (const std::string created = utf8(document->info_key("CreationDate")); !created.empty()) {
    const std::string iso = iso_of_pdf_date(created);
    article.published = iso.empty() ? std::nullopt : parse_date(iso);
    if (!article.published) bad_date = created;
  }

  // Running heads and feet: short blocks at a page's top or foot (its
  // first or last two) that, digits masked, are so on at least half the
  // pages of a document of three or more.
  const auto pages = page_blocks(*document);
  auto at_edge = [](const std::vector<PdfParagraph>& blocks, std::size_t k) {
    return (k < 2 || k + 2 >= blocks.size()) && blocks[k].text.size() <= 160;
  };
  std::map<std::string, std::size_t> pages_with;
  for (const auto& blocks : pages) {
    std::set<std::string> seen;
    for (std::size_t k = 0; k < blocks.size(); ++k) {
      if (at_edge(blocks, k) && seen.insert(masked(blocks[k].text)).second) {
        ++pages_with[masked(blocks[k].text)];
      }
    }
  }
  std::vector<std::string> lines;  // of each paragraph kept
  for (const auto& blocks : pages) {
    for (std::size_t k = 0; k < blocks.size(); ++k) {
      if (is_page_number(blocks[k].text)) continue;
      if (pages.size() >= 3 && at_edge(blocks, k) &&
          pages_with[masked(blocks[k].text)] * 2 >= pages.size()) {
        continue;
      }
      article.paragraphs.push_back(blocks[k].text);
      lines.push_back(blocks[k].lines);
    }
  }
  if (article.paragraphs.empty()) {
    sink.skip(
        Skip{name, "no-text", "a PDF without a text layer (scanned pages?): run OCR on it first"});
    return;
  }
  // News databases' PDF exports: many articles, their running heads gone.
  if (read_export_blocks(lines, name, limits, sink)) return;
  if (article.title.empty() && document->pages() > 0) {
    std::unique_ptr<poppler::page> first_page(document->create_page(0));
    if (first_page) article.title = largest_type(*first_page);
  }
  if (article.title.empty() && article.paragraphs.size() > 1 &&
      could_be_headline(article.paragraphs.front())) {
    article.title = article.paragraphs.front();
    article.paragraphs.erase(article.paragraphs.begin());
  }
  // The headline is in the text too, near its start: as a block of its
  // own, or beginning the first paragraph's (a kicker or running head may
  // come before it).
  const std::string headline_start = article.title + " ";
  const std::size_t near_start = article.title.empty() ? 0 : 3;
  for (std::size_t k = 0; k < std::min(near_start, article.paragraphs.size()); ++k) {
    std::string& paragraph = article.paragraphs[k];
    if (fold(paragraph) == fold(article.title)) {
      article.paragraphs.erase(article.paragraphs.begin() + static_cast<std::ptrdiff_t>(k));
      break;
    }
    if (paragraph.starts_with(headline_start)) {
      paragraph.erase(0, headline_start.size());
      break;
    }
  }
  finish_article(std::move(article), bad_date, name, "pdf", limits, sink);
}

}  // namespace dateline::readers
