// TREC's SGML: files of <DOC> records, the form in which information
// retrieval's news collections are kept and shared: TIPSTER's Associated
// Press and Wall Street Journal, TREC's Financial Times, Los Angeles Times
// and FBIS, AQUAINT, the LDC's Gigaword (English, Arabic, Chinese, French,
// Spanish), CLEF's newspapers. Each <DOC> is an article:
//
//   id         DOCNO, else the DOC's id attribute (Gigaword): the
//              collection's own document number, which its relevance
//              judgments name
//   title      HEADLINE, HEAD, HL, TITLE or TI (FBIS), the first there is;
//              the Financial Times' "FT  14 MAY 91 / " before it dropped,
//              and a Wall Street Journal HL's "----" and what follows it
//              (a byline) not part of it
//   authors    the names of BYLINE lines that begin "By" (AP's second
//              line, "Associated Press Writer", is none), and of AUTHOR;
//              roles ("Times Staff Writer") are not names
//   dateline   DATELINE
//   published  DATE_TIME (AQUAINT's "06/01/1998 00:17:00"), DATE (the
//              FT's "910514", the LA Times' "January 1, 1989, Sunday, Home
//              Edition"), DD (the WSJ's "03/24/87") or DATE1 (FBIS's "2
//              January 1994"); else the date in the document number
//              (AP880212-0001, APW19980601.0003, AFP_ENG_19940512.0004).
//              Dates written with slashes are month first, as these
//              American collections write them; two-digit years are
//              1950-2049.
//   source     the publication the document number's letters stand for
//              (AP, WSJ, FT, LA, NYT, AFP, XIN...), else the SO or PUB
//              element
//   language   Gigaword's, in its id (AFP_ENG_..., XIN_CMN_...)
//   text       the TEXT elements' paragraphs: their <P> elements, else the
//              text split by its own marks (see text_paragraphs())
//   tags       the LA Times' SUBJECT terms
//
// Gigaword's advisories to editors (type="advis") are passed over as
// not-an-article. Tags in lower case (<doc><docno>) are read as in upper.
// SGML's entities are decoded; bytes that are not UTF-8 (the older
// collections' Latin-1) are repaired as everywhere. Records are read one
// at a time (sgml::read_records); origins are "file:LINE" of the <DOC>.

#include <algorithm>
#include <array>
#include <istream>

#include "dateline/common/language.h"
#include "dateline/common/text.h"
#include "readers.h"
#include "sgml.h"

namespace dateline::readers {

namespace {

using sgml::decode_entities;
using sgml::element;
using sgml::strip_tags;

// An element's text as one line: tags dropped, entities decoded, white
// space collapsed.
std::string text_of(std::string_view content) {
  return collapse_whitespace(decode_entities(strip_tags(content)));
}

int number(std::string_view text) {
  int value = 0;
  for (char ch : text) value = value * 10 + (ch - '0');
  return value;
}

int full_year(int two_digits) { return two_digits < 50 ? 2000 + two_digits : 1900 + two_digits; }

std::optional<DateTime> at(CivilDate date, int seconds = 0) {
  if (!is_valid_civil(date)) return std::nullopt;
  return DateTime{days_from_civil(date) * 86400 + seconds, 0, false};
}

// "910514": the FT's and CLEF's dates, and the TIPSTER document numbers'.
std::optional<DateTime> yymmdd(std::string_view text) {
  return at(
      {full_year(number(text.substr(0, 2))), number(text.substr(2, 2)), number(text.substr(4, 2))});
}

// "03/24/87", "06/01/1998 00:17:00": month first.
std::optional<DateTime> month_first(std::string_view text) {
  std::array<std::string_view, 3> parts;
  std::size_t start = 0;
  for (std::size_t k = 0; k < 3; ++k) {
    const std::size_t end = k < 2 ? text.find('/', start) : text.find(' ', start);
    parts[k] = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (!all_digits(parts[k]) || parts[k].size() > (k < 2 ? 2 : 4)) return std::nullopt;
    start = end == std::string_view::npos ? text.size() : end + 1;
  }
  if (parts[2].size() != 2 && parts[2].size() != 4) return std::nullopt;
  const int year = parts[2].size() == 2 ? full_year(number(parts[2])) : number(parts[2]);
  int seconds = 0;
  if (const std::string_view time = text.substr(start); !time.empty()) {
    // hh:mm or hh:mm:ss
    if ((time.size() != 5 && time.size() != 8) || time[2] != ':' ||
        (time.size() == 8 && time[5] != ':')) {
      return std::nullopt;
    }
    const std::string_view hh = time.substr(0, 2), mm = time.substr(3, 2),
                           ss = time.size() == 8 ? time.substr(6, 2) : "00";
    if (!all_digits(hh) || !all_digits(mm) || !all_digits(ss) || number(hh) > 23 ||
        number(mm) > 59 || number(ss) > 59) {
      return std::nullopt;
    }
    seconds = number(hh) * 3600 + number(mm) * 60 + number(ss);
  }
  return at({year, number(parts[0]), number(parts[1])}, seconds);
}

// A date element's date, in the forms the collections write.
std::optional<DateTime> element_date(const std::string& text) {
  if (text.size() == 6 && all_digits(text)) return yymmdd(text);
  if (text.find('/') != std::string::npos) return month_first(text);
  if (auto date = parse_date(text)) return date;
  // "January 1, 1989, Sunday, Home Edition": the date is before the second comma.
  const std::size_t first = text.find(',');
  const std::size_t second = first == std::string::npos ? first : text.find(',', first + 1);
  if (second != std::string::npos) return parse_date(std::string_view(text).substr(0, second));
  return std::nullopt;
}

// The date in a document number: the digits after its letters, YYYYMMDD
// (APW19980601.0003, AFP_ENG_19940512.0004) or YYMMDD (AP880212-0001),
// ended by the number's end, "-", "." or "_". None in FT911-3 or
// LA010189-0001 (month first, and the LA Times gives a DATE).
std::optional<DateTime> date_in_number(std::string_view docno) {
  const std::size_t start = docno.find_first_of("0123456789");
  if (start == std::string_view::npos || start == 0) return std::nullopt;
  std::size_t end = docno.find_first_not_of("0123456789", start);
  if (end == std::string_view::npos) end = docno.size();
  if (end < docno.size() && std::string_view("-._").find(docno[end]) == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view run = docno.substr(start, end - start);
  if (run.size() == 6) return yymmdd(run);
  if (run.size() == 8 && number(run.substr(0, 2)) >= 19 && number(run.substr(0, 2)) <= 20) {
    return at({number(run.substr(0, 4)), number(run.substr(4, 2)), number(run.substr(6, 2))});
  }
  return std::nullopt;
}

// The letters a document number starts with: "AP" of AP880212-0001, "AFP"
// of AFP_ENG_19940512.0004.
std::string number_prefix(std::string_view docno) {
  std::string prefix;
  for (char ch : docno) {
    if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'))) break;
    prefix += static_cast<char>(ch >= 'a' ? ch - 32 : ch);
  }
  return prefix;
}

// The publications of the collections' document numbers.
std::string_view source_of_prefix(std::string_view prefix) {
  struct Source {
    std::string_view prefix, name;
  };
  static constexpr std::array<Source, 15> sources{{
      {"AP", "Associated Press"},
      {"APW", "Associated Press Worldstream"},
      {"WSJ", "Wall Street Journal"},
      {"FT", "Financial Times"},
      {"LA", "Los Angeles Times"},
      {"LTW", "Los Angeles Times/Washington Post"},
      {"WPB", "Washington Post"},
      {"NYT", "New York Times"},
      {"SJMN", "San Jose Mercury News"},
      {"FBIS", "Foreign Broadcast Information Service"},
      {"AFP", "Agence France-Presse"},
      {"XIE", "Xinhua"},
      {"XIN", "Xinhua"},
      {"CNA", "Central News Agency"},
      {"GH", "Glasgow Herald"},
  }};
  for (const auto& source : sources) {
    if (source.prefix == prefix) return source.name;
  }
  return {};
}

// Gigaword's language, the second part of its ids: "ENG" of
// AFP_ENG_19940512.0004.
std::string language_of_number(std::string_view docno) {
  const std::size_t first = docno.find('_');
  if (first == std::string_view::npos) return {};
  const std::size_t second = docno.find('_', first + 1);
  if (second != first + 4) return {};
  return normalize_language(ascii_lower(docno.substr(first + 1, 3)));
}

void add_byline(const std::string& line, Article& article) {
  if (!ascii_lower(line).starts_with("by ")) return;
  for (auto& name : byline_names(line)) {
    if (!is_byline_role(name)) article.authors.push_back(std::move(name));
  }
}

// The headline: the first of the elements the collections use.
std::string headline(std::string_view record, Article& article) {
  for (std::string_view tag : {"HEADLINE", "HEAD", "HL", "TITLE", "TI"}) {
    auto content = element(record, tag);
    if (!content) continue;
    std::string title = text_of(*content);
    // The WSJ's HL: "Stocks Rise ---- By Jane Roe".
    if (const std::size_t rule = title.find("----"); rule != std::string::npos) {
      const std::size_t after = title.find_first_not_of("- ", rule);
      if (after != std::string::npos && article.authors.empty()) {
        add_byline(title.substr(after), article);
      }
      title = std::string(trim(std::string_view(title).substr(0, rule)));
    }
    // The FT's "FT  14 MAY 91 / Jubilee of a jet".
    if (title.starts_with("FT ")) {
      const std::size_t slash = title.find(" / ");
      if (slash != std::string::npos && slash <= 16) title.erase(0, slash + 3);
    }
    if (!title.empty()) return title;
  }
  return {};
}

// Plain text's paragraphs, by the marks it has. Blank lines part
// paragraphs; so does indenting, where some lines are indented and others
// not (AP's first lines of paragraphs). Without blank lines, when every
// line is indented (the WSJ's) or long, each line is a paragraph; short
// lines without either mark are one paragraph wrapped.
std::vector<std::string> text_paragraphs(std::string_view text) {
  std::size_t lines = 0, indented = 0, longest = 0;
  bool blank_between = false, pending_blank = false;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (trim(line).empty()) {
      pending_blank = lines > 0;
      continue;
    }
    blank_between = blank_between || pending_blank;
    pending_blank = false;
    ++lines;
    if (line.front() == ' ' || line.front() == '\t') ++indented;
    longest = std::max(longest, trim(line).size());
  }
  const bool some_indented = indented > 0 && indented < lines;
  if (blank_between || some_indented) return split_paragraphs(text, some_indented);
  if (indented == lines || longest > 100) {
    std::vector<std::string> paragraphs;
    for (std::string_view line : split_list(text, "\n")) {
      if (std::string paragraph = collapse_whitespace(line); !paragraph.empty()) {
        paragraphs.push_back(std::move(paragraph));
      }
    }
    return paragraphs;
  }
  return split_paragraphs(text, false);
}

void add_text(std::string_view content, Article& article) {
  const std::vector<std::string_view> marked = sgml::elements(content, "P");
  if (marked.empty()) {
    for (auto& paragraph : text_paragraphs(decode_entities(strip_tags(content)))) {
      article.paragraphs.push_back(std::move(paragraph));
    }
    return;
  }
  for (std::string_view paragraph : marked) {
    if (std::string text = text_of(paragraph); !text.empty()) {
      article.paragraphs.push_back(std::move(text));
    }
  }
}

void read_doc_record(std::string_view record, std::string_view open_tag, const std::string& origin,
                     const ReaderLimits& limits, ArticleSink& sink) {
  const std::string type = ascii_lower(sgml::attribute(open_tag, "type"));
  const std::string doctype = ascii_lower(text_of(element(record, "DOCTYPE").value_or("")));
  if (type == "advis" || doctype.find("advis") != std::string::npos) {
    sink.passed_over(Skip{origin, "not-an-article",
                          "a wire service's advisory to editors (type \"advis\"), not a story"});
    return;
  }
  Article article;
  article.id = text_of(element(record, "DOCNO").value_or(""));
  if (article.id.empty()) article.id = collapse_whitespace(sgml::attribute(open_tag, "id"));

  article.source = std::string(source_of_prefix(number_prefix(article.id)));
  for (std::string_view tag : {"SO", "PUB"}) {
    if (!article.source.empty()) break;
    std::string named = text_of(element(record, tag).value_or(""));
    // "WALL STREET JOURNAL (J)": the code after it is the collection's.
    if (named.ends_with(')')) named = std::string(trim(named.substr(0, named.rfind('('))));
    article.source = std::move(named);
  }
  article.language = language_of_number(article.id);

  for (std::string_view byline : sgml::elements(record, "BYLINE")) {
    add_byline(text_of(byline), article);
  }
  if (auto author = element(record, "AUTHOR"); author && article.authors.empty()) {
    std::string names = text_of(*author);
    names = std::string(trim(names.substr(0, names.find('('))));
    if (!ascii_lower(names).starts_with("by ")) names = "By " + names;
    add_byline(names, article);
  }
  article.title = headline(record, article);
  if (auto dateline = element(record, "DATELINE")) article.dateline = text_of(*dateline);

  std::string bad_date;
  for (std::string_view tag : {"DATE_TIME", "DATE", "DD", "DATE1"}) {
    auto content = element(record, tag);
    if (!content) continue;
    const std::string text = text_of(*content);
    if (text.empty()) continue;
    article.published = element_date(text);
    if (article.published) break;
    if (bad_date.empty()) bad_date = text;
  }
  if (!article.published) article.published = date_in_number(article.id);
  if (article.published) bad_date.clear();

  for (std::string_view subject : sgml::elements(record, "SUBJECT")) {
    for (auto& tag : split_list(text_of(subject), ";")) article.tags.push_back(std::move(tag));
  }
  for (std::string_view text : sgml::elements(record, "TEXT")) add_text(text, article);
  finish_article(std::move(article), bad_date, origin, "trec", limits, sink);
}

}  // namespace

void read_trec(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink) {
  sgml::read_records(
      in, name, "DOC", "TREC SGML", limits, sink,
      [&](std::string_view, std::size_t line) { return name + ":" + std::to_string(line); },
      [&](const sgml::Record& record, const std::string& origin) {
        // Tags are upper case in every collection but a few re-packings.
        if (record.open_tag.starts_with("<doc")) {
          const std::string upper = sgml::upper_tag_names(record.text);
          read_doc_record(upper, std::string_view(upper).substr(0, record.open_tag.size()), origin,
                          limits, sink);
        } else {
          read_doc_record(record.text, record.open_tag, origin, limits, sink);
        }
      });
}

}  // namespace dateline::readers
