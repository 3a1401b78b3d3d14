// Spreadsheets of articles: Excel workbooks (.xlsx, .xlsm) and OpenDocument
// spreadsheets (.ods). Researchers keep the articles they collect so, one a
// row under a header row (title, date, text, url...), and media-monitoring
// tools export so. A sheet is read as a CSV file is (ArticleTable): its
// header row names the columns with JSON's field names and aliases. The
// header is the first of the sheet's first rows that names a text column,
// so a title row above it ("Coverage, March 2022") is passed over. A sheet
// with no such row (a sheet of notes or figures beside the articles) is
// passed over; a workbook with no such sheet is skipped, `no-header`.
//
// Both are zips of XML parts; libarchive opens the zip and libxml2's
// streaming reader reads the parts, so a sheet of many thousand rows is
// never held as a tree:
//
//   .xlsx  xl/workbook.xml            the sheets' names, the 1904 date system
//          xl/_rels/workbook.xml.rels each sheet's part
//          xl/styles.xml              which cell formats show dates
//          xl/sharedStrings.xml       the text of the cells
//          xl/worksheets/*.xml        the rows
//   .ods   content.xml                the tables, their rows and cells
//
// A cell's value: its text; a date (in Excel a number in a date format, in
// ODS office:date-value) in ISO 8601 ("2022-03-17", "2022-03-17T10:30:00",
// no zone: the sheet gives none); a number as written (12345, not
// 12345.0); a formula's last result. Rows are reported as file:sheet:row,
// the row's number as the program shows it.

#include <archive.h>
#include <archive_entry.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <istream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dateline/common/date.h"
#include "dateline/common/text.h"
#include "readers.h"
#include "xml_dom.h"

namespace dateline::readers {

namespace {

// Excel's and Calc's largest sheet: columns A..XFD, 1,048,576 rows.
constexpr std::size_t max_columns = 16384;
// The header is looked for among a sheet's first non-blank rows.
constexpr std::size_t header_search_rows = 10;

using Zip = std::unique_ptr<archive, decltype(&archive_read_free)>;

Zip open_zip(const std::string& bytes) {
  Zip zip(archive_read_new(), archive_read_free);
  archive_read_support_format_zip(zip.get());
  if (archive_read_open_memory(zip.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) zip.reset();
  return zip;
}

std::string zip_error(archive* zip) {
  const char* message = archive_error_string(zip);
  return "a corrupt zip: " + message_excerpt(message != nullptr ? message : "read error", 120);
}

// The current zip entry's bytes, at most `limit` (false past it).
bool read_entry(archive* zip, std::size_t limit, std::string& bytes) {
  bytes.clear();
  std::vector<char> block(1 << 16);
  la_ssize_t got = 0;
  while ((got = archive_read_data(zip, block.data(), block.size())) > 0) {
    if (bytes.size() + static_cast<std::size_t>(got) > limit) return false;
    bytes.append(block.data(), static_cast<std::size_t>(got));
  }
  return true;
}

// libxml2's streaming reader over the current zip entry, read as it is
// decompressed, at most `limit` bytes of XML.
class PartReader {
 public:
  PartReader(archive* zip, const std::string& name, std::size_t limit)
      : m_input{zip, limit},
        m_reader(xmlReaderForIO(
                     read_input, close_input, &m_input, name.c_str(), nullptr,
                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA),
                 xmlFreeTextReader) {
    xmlResetLastError();  // so that a failure's message is this part's
  }

  // The next node; false at the end or at an error (then failed()).
  bool next() {
    m_status = m_reader ? xmlTextReaderRead(m_reader.get()) : -1;
    return m_status == 1;
  }
  // Whether reading stopped before the part's end.
  bool failed() const { return m_status < 0; }

  int type() const { return xmlTextReaderNodeType(m_reader.get()); }
  bool empty() const { return xmlTextReaderIsEmptyElement(m_reader.get()) == 1; }
  bool start(std::string_view local) const {
    return type() == XML_READER_TYPE_ELEMENT && name() == local;
  }
  bool end(std::string_view local) const {
    return type() == XML_READER_TYPE_END_ELEMENT && name() == local;
  }
  std::string_view name() const {
    const xmlChar* local = xmlTextReaderConstLocalName(m_reader.get());
    return local != nullptr ? reinterpret_cast<const char*>(local) : "";
  }
  // Text, CDATA or whitespace: what a cell's text is made of.
  bool is_text() const {
    const int t = type();
    return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
           t == XML_READER_TYPE_WHITESPACE || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
  }
  std::string_view value() const {
    const xmlChar* text = xmlTextReaderConstValue(m_reader.get());
    return text != nullptr ? reinterpret_cast<const char*>(text) : "";
  }
  // The attribute called `local` in any namespace ("" when absent).
  std::string attribute(std::string_view local) const {
    std::string out;
    if (xmlTextReaderMoveToFirstAttribute(m_reader.get()) != 1) return out;
    do {
      if (name() == local) {
        out = value();
        break;
      }
    } while (xmlTextReaderMoveToNextAttribute(m_reader.get()) == 1);
    xmlTextReaderMoveToElement(m_reader.get());
    return out;
  }
  int line() const { return xmlTextReaderGetParserLineNumber(m_reader.get()); }
  bool opened() const { return m_reader != nullptr; }
  bool over_limit() const { return m_input.over_limit; }
  bool zip_failed() const { return m_input.failed; }
  archive* zip() const { return m_input.zip; }

 private:
  struct Input {
    archive* zip;
    std::size_t limit;
    std::size_t read = 0;
    bool over_limit = false;
    bool failed = false;
  };
  static int read_input(void* context, char* buffer, int length) {
    auto* input = static_cast<Input*>(context);
    const la_ssize_t got = archive_read_data(input->zip, buffer, static_cast<std::size_t>(length));
    if (got < 0) {
      input->failed = true;
      return -1;
    }
    input->read += static_cast<std::size_t>(got);
    if (input->read > input->limit) {
      input->over_limit = true;
      return -1;
    }
    return static_cast<int>(got);
  }
  static int close_input(void* /*context*/) { return 0; }

  Input m_input;
  std::unique_ptr<xmlTextReader, decltype(&xmlFreeTextReader)> m_reader;
  int m_status = 0;
};

// Why a part's reading stopped early, for a message.
// The reason for a part's reading stopped early.
const char* failure_reason(const PartReader& part) {
  return part.over_limit() ? "too-large" : part.zip_failed() ? "corrupt-document" : "malformed-xml";
}

std::string part_failure(const PartReader& part, std::string_view part_name, std::size_t limit) {
  // A sheet's part name is the file's bytes: shown as one clean line.
  const std::string what = message_excerpt(part_name, std::min<std::size_t>(part_name.size(), 200));
  if (!part.opened()) return std::string(what) + " cannot be opened as XML";
  if (part.over_limit()) {
    return std::string(what) + " is longer than " + std::to_string(limit) + " bytes of XML";
  }
  if (part.zip_failed()) return std::string(what) + ": " + zip_error(part.zip());
  const xmlError* error = xmlGetLastError();
  std::string detail = error != nullptr && error->message != nullptr
                           ? " (" + message_excerpt(trim(error->message), 120) + ")"
                           : "";
  return std::string(what) + " is not well-formed XML at line " + std::to_string(part.line()) +
         detail;
}

// ---- cell values ----------------------------------------------------------

// A number as a person wrote it: 12345 (not 12345.0 or 1.2345E+4), 0.25.
std::string number_text(double number) {
  if (!std::isfinite(number)) return "";
  if (number == std::floor(number) && std::fabs(number) < 1e15) {
    return std::to_string(static_cast<long long>(number));
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
  return std::string(buffer, result.ptr);
}

// The number a cell's text writes, or nullopt.
std::optional<double> number_of(std::string_view written) {
  double number = 0;
  const auto [end, error] =
      std::from_chars(written.data(), written.data() + written.size(), number);
  if (error != std::errc() || end != written.data() + written.size()) return std::nullopt;
  return number;
}

std::string number_text(std::string_view written) {
  const std::optional<double> number = number_of(written);
  return number && std::isfinite(*number) ? number_text(*number) : std::string(written);
}

std::string two_digits(int value) {
  char buffer[4];
  std::snprintf(buffer, sizeof buffer, "%02d", value);
  return buffer;
}

// An Excel date: days since the workbook's epoch, the fraction the time of
// day. In the 1900 system (Lotus 1-2-3's), day 1 is 1900-01-01 and day 60
// the 29 February 1900 that never was, so from day 61 on day N is
// 1899-12-30 plus N; a value under 1 is a time of day alone.
std::string serial_date(double serial, bool date1904) {
  // Past 9999-12-31 no date is shown.
  if (!(serial >= 0 && serial < 2958466)) return number_text(serial);
  const auto seconds = static_cast<std::int64_t>(std::llround(serial * 86400.0));
  const std::int64_t days = seconds / 86400;
  const auto time = static_cast<int>(seconds % 86400);
  const std::string clock =
      two_digits(time / 3600) + ":" + two_digits(time / 60 % 60) + ":" + two_digits(time % 60);
  if (days == 0 && !date1904) return clock;
  const CivilDate epoch = date1904     ? CivilDate{1904, 1, 1}
                          : days >= 61 ? CivilDate{1899, 12, 30}
                                       : CivilDate{1899, 12, 31};
  const CivilDate date = civil_from_days(days_from_civil(epoch) + days);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return time == 0 ? std::string(buffer) : std::string(buffer) + "T" + clock;
}

std::string serial_date(std::string_view written, bool date1904) {
  const std::optional<double> serial = number_of(written);
  return serial ? serial_date(*serial, date1904) : std::string(written);
}

// Excel's built-in number formats that show a date or time (ECMA-376
// 18.8.30, and the East Asian ones).
bool is_builtin_date_format(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58) || (id >= 71 && id <= 81);
}

// Whether a number format code shows a date or time: it holds d, m, y, h
// or s outside quoted text, escaped characters and [brackets] (a colour,
// a locale, a condition; [h] and [mm] are elapsed times, not dates), in
// its first section.
bool is_date_format_code(std::string_view code) {
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char ch = code[i];
    if (ch == ';') return false;
    if (ch == '"') {
      const std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (ch == '\\' || ch == '_' || ch == '*') {
      ++i;
    } else if (ch == '[') {
      const std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (std::string_view("dDmMyYhHsS").find(ch) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// OOXML writes characters XML cannot hold as _xHHHH_ ("_x000D_" for a
// carriage return); "_x005F_" escapes an underscore that would otherwise
// start one. A carriage return before a line feed is dropped.
std::string decode_escapes(std::string text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned code = 0;
    if (text[i] == '_' && i + 7 <= text.size() && text[i + 1] == 'x' && text[i + 6] == '_' &&
        std::from_chars(text.data() + i + 2, text.data() + i + 6, code, 16).ptr ==
            text.data() + i + 6) {
      i += 6;
      if (code == '\r') {
        if (i + 1 < text.size() && text[i + 1] == '\n') continue;
        code = '\n';
      }
      if (code >= 0xD800 && code <= 0xDFFF) continue;  // half a pair: nothing to show
      append_utf8(out, static_cast<char32_t>(code));
      continue;
    }
    out += text[i];
  }
  return out;
}

// "AB12" -> 27 (columns from 0); npos when `reference` names no column.
std::size_t column_of(std::string_view reference) {
  std::size_t column = 0;
  std::size_t letters = 0;
  for (char ch : reference) {
    const char upper = static_cast<char>(ch & ~0x20);
    if (upper < 'A' || upper > 'Z') break;
    column = column * 26 + static_cast<std::size_t>(upper - 'A' + 1);
    if (++letters > 3) return std::string_view::npos;
  }
  return letters == 0 ? std::string_view::npos : column - 1;
}

std::size_t number_or(std::string_view text, std::size_t fallback) {
  std::size_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc() && end == text.data() + text.size() ? number : fallback;
}

// ---- a sheet's rows -------------------------------------------------------

// The rows of one sheet, in order: the header, then an article a row.
class Sheet {
 public:
  Sheet(std::string origin, std::string_view format, const ReaderLimits& limits, ArticleSink& sink)
      : m_origin(std::move(origin)), m_format(format), m_limits(limits), m_sink(sink) {}

  // The cells a row can usefully hold: the header's columns once known.
  std::size_t columns() const { return m_has_header ? m_table.columns() : max_columns; }

  void row(std::size_t number, std::vector<std::string>& cells, bool too_large) {
    m_last_row = number;
    if (too_large) {
      m_non_blank = true;
      m_sink.skip(readers::too_large(row_origin(number), "row", m_limits.max_record_bytes));
      return;
    }
    if (std::all_of(cells.begin(), cells.end(),
                    [](const std::string& cell) { return trim(cell).empty(); })) {
      return;
    }
    m_non_blank = true;
    if (m_has_header) {
      m_table.take_row(cells, row_origin(number), m_format, m_limits, m_sink);
      return;
    }
    if (m_rows_seen++ >= header_search_rows) return;
    if (m_first_row.empty()) {  // for a message: its cells that hold something
      std::copy_if(cells.begin(), cells.end(), std::back_inserter(m_first_row),
                   [](const std::string& cell) { return !trim(cell).empty(); });
    }
    m_has_header = m_table.take_header(cells);
  }

  const std::string& origin() const { return m_origin; }
  // What a fault in the sheet's XML leaves unread. libxml2 stops at the
  // fault, before the rows it has parsed but not yet handed over (the last
  // few hundred bytes): so the message says which row was read last.
  std::string rows_after() const {
    return m_last_row == 0 ? "none of its rows is read"
                           : "the rows after row " + std::to_string(m_last_row) + " are not read";
  }
  bool has_header() const { return m_has_header; }
  bool non_blank() const { return m_non_blank; }
  const std::vector<std::string>& first_row() const { return m_first_row; }

 private:
  std::string row_origin(std::size_t number) const {
    return m_origin + ":" + std::to_string(number);
  }

  std::string m_origin;  ///< "file.xlsx:Sheet1"
  std::string_view m_format;
  const ReaderLimits& m_limits;
  ArticleSink& m_sink;
  ArticleTable m_table;
  bool m_has_header = false;
  bool m_non_blank = false;
  std::size_t m_rows_seen = 0;
  std::size_t m_last_row = 0;
  std::vector<std::string> m_first_row;
};

std::string lines_as_paragraphs(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char ch : text) {
    out += ch;
    if (ch == '\n') out += '\n';
  }
  return out;
}

// The text a workbook's cells may give in all. A cell can repeat far more
// text than the file holds (a long shared string named by every cell, an
// ODS cell repeated across a row), so the cells' text is bounded as a
// whole, not only row by row.
struct TextBudget {
  explicit TextBudget(std::size_t bytes) : total(bytes), left(bytes) {}
  std::size_t total;
  std::size_t left;
  bool spent = false;
  // Takes `bytes` from what is left; false (and spent) when they are more.
  bool take(std::size_t bytes) {
    if (bytes > left) spent = true;
    if (spent) return false;
    left -= bytes;
    return true;
  }
  // The skip once it is spent.
  Skip skip(const Sheet& sheet) const {
    return Skip{sheet.origin(), "too-large",
                "the cells hold more than " + std::to_string(total) +
                    " bytes of text in all (a long text shared or repeated by many cells?); " +
                    sheet.rows_after()};
  }
};

// A row's cells as they are read, within the record limit and the
// workbook's budget.
class RowCells {
 public:
  RowCells(std::size_t limit, TextBudget& budget) : m_limit(limit), m_budget(budget) {}
  void clear() {
    m_cells.clear();
    m_bytes = 0;
    m_too_large = false;
  }
  // Puts `value` in `column` (within `columns`). A line break in a cell
  // (Alt+Enter in Excel, a new paragraph in Calc) starts a paragraph, as a
  // blank line does in a CSV file's text.
  void put(std::size_t column, std::string value, std::size_t columns) {
    if (m_too_large || column >= columns || trim(value).empty()) return;
    if (value.find('\n') != std::string::npos) value = lines_as_paragraphs(value);
    if (!m_budget.take(value.size())) return;
    m_bytes += value.size();
    if (m_bytes > m_limit) {
      m_too_large = true;
      std::vector<std::string>().swap(m_cells);
      return;
    }
    if (m_cells.size() <= column) m_cells.resize(column + 1);
    m_cells[column] = std::move(value);
  }
  // Whether text still being gathered for a cell keeps the row in bounds.
  bool room_for(std::size_t bytes) {
    if (m_bytes + bytes > m_limit) {
      m_too_large = true;
      std::vector<std::string>().swap(m_cells);
    }
    return !m_too_large;
  }
  std::vector<std::string>& cells() { return m_cells; }
  bool too_large() const { return m_too_large; }
  // Whether the workbook's budget is spent: nothing more is read.
  bool spent() const { return m_budget.spent; }

 private:
  std::size_t m_limit;
  TextBudget& m_budget;
  std::vector<std::string> m_cells;
  std::size_t m_bytes = 0;
  bool m_too_large = false;
};

// "file.xlsx:Sheet1": a sheet's name is the file's bytes, shown as one
// clean line.
std::string sheet_origin(const std::string& name, std::string_view sheet) {
  return name + ":" + message_excerpt(sheet, std::min<std::size_t>(sheet.size(), 100));
}

// The workbook's verdict once every sheet is read: a sheet without a
// header beside sheets of articles is passed over; a workbook with none is
// skipped.
void finish_workbook(const std::vector<Sheet>& sheets, const std::string& name, ArticleSink& sink) {
  const bool any_header = std::any_of(sheets.begin(), sheets.end(),
                                      [](const Sheet& sheet) { return sheet.has_header(); });
  const Sheet* first_non_blank = nullptr;
  for (const auto& sheet : sheets) {
    if (!sheet.non_blank() || sheet.has_header()) continue;
    if (first_non_blank == nullptr) first_non_blank = &sheet;
    if (any_header && !sheet.first_row().empty()) {
      sink.passed_over(Skip{sheet.origin(), "no-header",
                            "a sheet whose first rows name no article fields (found " +
                                quote_values(sheet.first_row()) + "): not read"});
    }
  }
  if (any_header) return;
  if (first_non_blank != nullptr && !first_non_blank->first_row().empty()) {
    sink.skip(
        Skip{first_non_blank->origin(), "no-header",
             ArticleTable::no_header_detail("rows of a sheet", first_non_blank->first_row())});
  } else if (first_non_blank == nullptr) {
    sink.skip(Skip{name, "no-text", "a spreadsheet with no cell filled in"});
  }
}

// ---- .xlsx ----------------------------------------------------------------

struct Workbook {
  bool date1904 = false;
  std::map<std::string, std::string> sheet_of_part;  ///< "xl/worksheets/sheet1.xml" -> "Sheet1"
  std::vector<bool> date_styles;                     ///< by cell format (the `s` of a cell)
  std::vector<std::string> strings;                  ///< the shared strings
};

// Part names compared without regard to case ("xl/SharedStrings.xml", as
// some writers name it).
bool same_part(std::string_view path, std::string_view part) {
  return path.size() == part.size() &&
         std::equal(path.begin(), path.end(), part.begin(), [](char a, char b) {
           return (a >= 'A' && a <= 'Z' ? a + 32 : a) == (b >= 'A' && b <= 'Z' ? b + 32 : b);
         });
}

// xl/workbook.xml and its relationships: each worksheet's part and name.
void read_sheet_names(const std::string& workbook, const std::string& relationships,
                      const std::string& name, Workbook& book) {
  std::string error;
  const xml::Document rels = xml::parse(relationships, name, error);
  std::map<std::string, std::string> targets;  // relationship id -> part
  if (rels) {
    xml::each(xmlDocGetRootElement(rels.get()), "Relationship", [&](const xmlNode* rel) {
      if (!xml::attribute(rel, "Type").ends_with("/worksheet")) return;
      std::string target = xml::attribute(rel, "Target");
      target = target.starts_with('/') ? target.substr(1) : "xl/" + target;
      targets[xml::attribute(rel, "Id")] = target;
    });
  }
  const xml::Document doc = xml::parse(workbook, name, error);
  if (!doc) return;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  const std::string system = xml::attribute(xml::child(root, "workbookPr"), "date1904");
  book.date1904 = system == "1" || system == "true";
  xml::each(xml::inside(xml::child(root, "sheets")), "sheet", [&](const xmlNode* sheet) {
    const auto target = targets.find(xml::attribute(sheet, "id"));
    if (target != targets.end()) book.sheet_of_part[target->second] = xml::attribute(sheet, "name");
  });
}

// xl/styles.xml: which cell formats show dates.
void read_date_styles(const std::string& styles, const std::string& name, Workbook& book) {
  std::string error;
  const xml::Document doc = xml::parse(styles, name, error);
  if (!doc) return;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  std::map<std::size_t, bool> custom;
  xml::each(xml::inside(xml::child(root, "numFmts")), "numFmt", [&](const xmlNode* format) {
    custom[number_or(xml::attribute(format, "numFmtId"), 0)] =
        is_date_format_code(xml::attribute(format, "formatCode"));
  });
  xml::each(xml::inside(xml::child(root, "cellXfs")), "xf", [&](const xmlNode* xf) {
    const std::size_t id = number_or(xml::attribute(xf, "numFmtId"), 0);
    const auto found = custom.find(id);
    book.date_styles.push_back(
        found != custom.end() ? found->second : is_builtin_date_format(static_cast<int>(id)));
  });
}

// xl/sharedStrings.xml: each <si>'s text, its phonetic guides (<rPh>) left
// out. Empty, or why it cannot be read whole.
std::string read_shared_strings(archive* zip, std::size_t limit, Workbook& book,
                                const char*& reason) {
  PartReader part(zip, "xl/sharedStrings.xml", limit);
  bool in_text = false;
  int phonetic = 0;
  auto finish = [&] {
    if (!book.strings.empty()) book.strings.back() = decode_escapes(std::move(book.strings.back()));
  };
  while (part.next()) {
    if (part.start("si")) {
      finish();
      book.strings.emplace_back();
    } else if (part.start("t")) {
      in_text = !part.empty();
    } else if (part.end("t")) {
      in_text = false;
    } else if (part.start("rPh")) {
      phonetic += part.empty() ? 0 : 1;
    } else if (part.end("rPh")) {
      --phonetic;
    } else if (in_text && phonetic == 0 && part.is_text() && !book.strings.empty()) {
      book.strings.back() += part.value();
    }
  }
  finish();
  reason = failure_reason(part);
  return part.failed() ? part_failure(part, "xl/sharedStrings.xml", limit) : "";
}

// One worksheet part, streamed: its rows to `sheet`.
void read_worksheet(archive* zip, const std::string& part_name, const Workbook& book,
                    const ReaderLimits& limits, std::size_t limit, TextBudget& budget, Sheet& sheet,
                    ArticleSink& sink) {
  PartReader part(zip, sheet.origin(), limit);
  RowCells row(limits.max_record_bytes, budget);
  std::size_t row_number = 0;
  std::size_t column = 0;
  std::string type;
  std::size_t style = 0;
  std::string value;
  bool in_cell = false, in_value = false, in_inline = false, in_text = false;
  int phonetic = 0;
  auto end_cell = [&] {
    in_cell = false;
    std::string text;
    if (type == "s") {
      const std::size_t index = number_or(value, book.strings.size());
      if (index < book.strings.size()) text = book.strings[index];
    } else if (type == "inlineStr" || type == "str" || type == "d") {
      text = decode_escapes(std::move(value));  // inline text, a formula's text, an ISO date
    } else if (type == "b") {
      text = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value;
    } else if (type == "e") {
      // An error (#N/A): no value.
    } else if (!value.empty()) {
      const bool date = style < book.date_styles.size() && book.date_styles[style];
      text = date ? serial_date(value, book.date1904) : number_text(value);
    }
    row.put(column, std::move(text), sheet.columns());
    ++column;
  };
  auto end_row = [&] { sheet.row(row_number, row.cells(), row.too_large()); };
  while (!row.spent() && part.next()) {
    if (part.start("row")) {
      row.clear();
      row_number = number_or(part.attribute("r"), row_number + 1);
      column = 0;
      if (part.empty()) end_row();
    } else if (part.end("row")) {
      end_row();
    } else if (part.start("c")) {
      const std::size_t at = column_of(part.attribute("r"));
      if (at != std::string_view::npos) column = at;
      type = part.attribute("t");
      style = number_or(part.attribute("s"), 0);
      value.clear();
      in_cell = true;
      if (part.empty()) end_cell();
    } else if (part.end("c")) {
      end_cell();
    } else if (in_cell && part.start("v")) {
      in_value = !part.empty();
    } else if (part.end("v")) {
      in_value = false;
    } else if (in_cell && part.start("is")) {
      in_inline = !part.empty();
    } else if (part.end("is")) {
      in_inline = false;
    } else if (in_inline && part.start("t")) {
      in_text = !part.empty();
    } else if (part.end("t")) {
      in_text = false;
    } else if (in_inline && part.start("rPh")) {
      phonetic += part.empty() ? 0 : 1;
    } else if (part.end("rPh")) {
      --phonetic;
    } else if ((in_value || (in_text && phonetic == 0)) && part.is_text()) {
      if (row.room_for(value.size() + part.value().size())) value += part.value();
    }
  }
  if (row.spent()) {
    sink.skip(budget.skip(sheet));
  } else if (part.failed()) {
    sink.skip(Skip{sheet.origin(), failure_reason(part),
                   part_failure(part, part_name, limit) + "; " + sheet.rows_after()});
  }
}

void read_xlsx(const std::string& bytes, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink) {
  const std::size_t strings_limit = 4 * limits.max_record_bytes;
  const std::size_t sheet_limit = 16 * limits.max_record_bytes;
  Workbook book;
  std::string workbook, relationships, styles;
  {
    Zip zip = open_zip(bytes);
    archive_entry* entry = nullptr;
    int status = ARCHIVE_OK;
    while (zip && (status = archive_read_next_header(zip.get(), &entry)) == ARCHIVE_OK) {
      const char* path = archive_entry_pathname(entry);
      const std::string_view part = path != nullptr ? path : "";
      std::string* into = same_part(part, "xl/workbook.xml")              ? &workbook
                          : same_part(part, "xl/_rels/workbook.xml.rels") ? &relationships
                          : same_part(part, "xl/styles.xml")              ? &styles
                                                                          : nullptr;
      if (into != nullptr) {
        if (!read_entry(zip.get(), limits.max_record_bytes, *into)) {
          sink.skip(too_large(name + ":" + std::string(part), "spreadsheet part",
                              limits.max_record_bytes));
          return;
        }
      } else if (same_part(part, "xl/sharedStrings.xml")) {
        const char* reason = nullptr;
        const std::string failure = read_shared_strings(zip.get(), strings_limit, book, reason);
        if (!failure.empty()) {
          sink.skip(Skip{name, reason, failure + ": the cells' text is not known"});
          return;
        }
      }
    }
    if (!zip || status != ARCHIVE_EOF) {
      sink.skip(Skip{name, "corrupt-document", zip ? zip_error(zip.get()) : "not a zip file"});
      return;
    }
  }
  read_sheet_names(workbook, relationships, name, book);
  read_date_styles(styles, name, book);

  std::vector<Sheet> sheets;
  TextBudget budget(16 * limits.max_record_bytes);
  Zip zip = open_zip(bytes);
  archive_entry* entry = nullptr;
  while (zip && !budget.spent && archive_read_next_header(zip.get(), &entry) == ARCHIVE_OK) {
    const char* path = archive_entry_pathname(entry);
    const std::string part = path != nullptr ? path : "";
    std::string sheet_name;
    if (const auto found = book.sheet_of_part.find(part); found != book.sheet_of_part.end()) {
      sheet_name = found->second;
    } else if (book.sheet_of_part.empty() && part.starts_with("xl/worksheets/") &&
               part.ends_with(".xml") && part.find('/', 14) == std::string::npos) {
      sheet_name = part.substr(14, part.size() - 18);  // no workbook to name it: "sheet1"
    } else {
      continue;
    }
    sheets.emplace_back(sheet_origin(name, sheet_name), "xlsx", limits, sink);
    read_worksheet(zip.get(), part, book, limits, sheet_limit, budget, sheets.back(), sink);
  }
  if (sheets.empty()) {
    sink.skip(Skip{name, "unknown-format", "an Excel workbook without a worksheet"});
    return;
  }
  finish_workbook(sheets, name, sink);
}

// ---- .ods -----------------------------------------------------------------

void read_ods(archive* zip, const std::string& name, const ReaderLimits& limits,
              ArticleSink& sink) {
  const std::size_t limit = 16 * limits.max_record_bytes;
  PartReader part(zip, name, limit);
  std::vector<Sheet> sheets;
  TextBudget budget(16 * limits.max_record_bytes);
  RowCells row(limits.max_record_bytes, budget);
  std::size_t row_number = 0, row_repeat = 1;
  std::size_t column = 0, column_repeat = 1;
  std::string value, value_type, number, date;
  int paragraphs = 0, annotation = 0;
  bool in_cell = false;
  auto end_cell = [&] {
    in_cell = false;
    std::string text = std::move(value);
    if (value_type == "date" && !date.empty()) {
      text = date;
    } else if ((value_type == "float" || value_type == "percentage" || value_type == "currency") &&
               !number.empty()) {
      text = number_text(number);
    }
    if (trim(text).empty()) {
      column += column_repeat;  // empty cells repeated to the sheet's edge
      return;
    }
    const std::size_t columns = sheets.empty() ? 0 : sheets.back().columns();
    for (std::size_t k = 0; k < column_repeat && column < columns; ++k) {
      row.put(column++, text, columns);
    }
  };
  // A cell's text grows within the row's bound, whatever makes it grow.
  auto append = [&](std::string_view text) {
    if (row.room_for(value.size() + text.size())) value += text;
  };
  auto end_row = [&] {
    if (!sheets.empty()) sheets.back().row(row_number, row.cells(), row.too_large());
    row_number += row_repeat - 1;  // a row repeated is one article: the same text
  };
  while (!row.spent() && part.next()) {
    if (part.start("table")) {
      sheets.emplace_back(sheet_origin(name, part.attribute("name")), "ods", limits, sink);
      row_number = 0;
    } else if (part.start("table-row")) {
      row.clear();
      ++row_number;
      row_repeat = std::max<std::size_t>(1, number_or(part.attribute("number-rows-repeated"), 1));
      column = 0;
      if (part.empty()) end_row();
    } else if (part.end("table-row")) {
      end_row();
    } else if (part.start("table-cell") || part.start("covered-table-cell")) {
      column_repeat =
          std::max<std::size_t>(1, number_or(part.attribute("number-columns-repeated"), 1));
      value_type = part.attribute("value-type");
      number = part.attribute("value");
      date = part.attribute("date-value");
      value.clear();
      paragraphs = 0;
      in_cell = true;
      if (part.empty()) end_cell();
    } else if (part.end("table-cell") || part.end("covered-table-cell")) {
      end_cell();
    } else if (!in_cell) {
      continue;
    } else if (part.start("annotation")) {
      annotation += part.empty() ? 0 : 1;
    } else if (part.end("annotation")) {
      --annotation;
    } else if (annotation > 0) {
      continue;
    } else if (part.start("p") || part.start("h")) {
      if (paragraphs++ > 0) append("\n");
    } else if (part.start("s")) {
      append(std::string(std::min<std::size_t>(number_or(part.attribute("c"), 1), 64), ' '));
    } else if (part.start("tab")) {
      append("\t");
    } else if (part.start("line-break")) {
      append("\n");
    } else if (part.is_text()) {
      append(part.value());
    }
  }
  if (row.spent()) {
    sink.skip(budget.skip(sheets.back()));  // cells are read only in a sheet
  } else if (part.failed()) {
    sink.skip(Skip{sheets.empty() ? name : sheets.back().origin(), failure_reason(part),
                   part_failure(part, "content.xml", limit) +
                       (sheets.empty() ? "" : "; " + sheets.back().rows_after())});
    if (sheets.empty()) return;
  }
  if (sheets.empty()) {
    sink.skip(Skip{name, "unknown-format", "an OpenDocument file without a spreadsheet"});
    return;
  }
  finish_workbook(sheets, name, sink);
}

// ---- .xls (BIFF8) ----------------------------------------------------------
//
// Excel 97-2003 keeps a workbook as a stream of BIFF8 records in the OLE2
// file's "Workbook" stream ([MS-XLS]): the workbook globals (date system,
// number formats, cell formats, the sheets' names and offsets, the shared
// strings), then each sheet's records from its own BOF to its EOF. Every
// offset and length is checked against the stream: it is the file's bytes.

constexpr std::uint16_t biff_bof = 0x0809, biff_eof = 0x000A, biff_continue = 0x003C,
                        biff_filepass = 0x002F, biff_datemode = 0x0022, biff_format = 0x041E,
                        biff_xf = 0x00E0, biff_boundsheet = 0x0085, biff_sst = 0x00FC,
                        biff_labelsst = 0x00FD, biff_label = 0x0204, biff_rstring = 0x00D6,
                        biff_number = 0x0203, biff_rk = 0x027E, biff_mulrk = 0x00BD,
                        biff_formula = 0x0006, biff_string = 0x0207, biff_boolerr = 0x0205;

std::uint16_t le16(std::string_view bytes, std::size_t at) {
  return at + 2 <= bytes.size()
             ? static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[at]) |
                                          static_cast<unsigned char>(bytes[at + 1]) << 8)
             : 0;
}

std::uint32_t le32(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint32_t>(le16(bytes, at)) |
         static_cast<std::uint32_t>(le16(bytes, at + 2)) << 16;
}

double le_double(std::string_view bytes, std::size_t at) {
  std::uint64_t bits = 0;
  for (int k = 7; k >= 0; --k) {
    const std::size_t byte = at + static_cast<std::size_t>(k);
    bits = bits << 8 | (byte < bytes.size() ? static_cast<unsigned char>(bytes[byte]) : 0);
  }
  double value = 0;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// An RK number: a 30-bit integer or the top 30 bits of a double, maybe
// divided by 100.
double rk_number(std::uint32_t rk) {
  double value = 0;
  if ((rk & 2) != 0) {
    value = static_cast<double>(static_cast<std::int32_t>(rk) >> 2);
  } else {
    const std::uint64_t bits = static_cast<std::uint64_t>(rk & 0xFFFFFFFCu) << 32;
    std::memcpy(&value, &bits, sizeof value);
  }
  return (rk & 1) != 0 ? value / 100 : value;
}

struct BiffRecord {
  std::uint16_t type = 0;
  std::string_view data;
};

// The records of the stream from `at` on.
class BiffRecords {
 public:
  BiffRecords(std::string_view stream, std::size_t at) : m_stream(stream), m_at(at) {}
  // The next record; false at the stream's end or where a record runs past it.
  bool next(BiffRecord& record) {
    if (m_at + 4 > m_stream.size()) return false;
    const std::size_t size = le16(m_stream, m_at + 2);
    if (m_at + 4 + size > m_stream.size()) {
      m_cut = true;
      return false;
    }
    record = {le16(m_stream, m_at), m_stream.substr(m_at + 4, size)};
    m_at += 4 + size;
    return true;
  }
  // Where the next record starts.
  std::size_t position() const { return m_at; }
  // The type of the record after the current one (0 at the end).
  std::uint16_t peek() const { return m_at + 4 <= m_stream.size() ? le16(m_stream, m_at) : 0; }
  bool cut() const { return m_cut; }

 private:
  std::string_view m_stream;
  std::size_t m_at;
  bool m_cut = false;
};

// Characters of an XLUnicodeString, 8-bit (Latin-1: the high bytes of
// UTF-16 left out) or UTF-16LE, appended as UTF-8.
void append_biff_chars(std::string& out, std::string_view bytes, bool wide) {
  if (!wide) {
    for (char byte : bytes) append_utf8(out, static_cast<unsigned char>(byte));
    return;
  }
  for (std::size_t k = 0; k + 1 < bytes.size(); k += 2) {
    char32_t unit = le16(bytes, k);
    if (unit >= 0xD800 && unit <= 0xDBFF && k + 3 < bytes.size()) {
      const char32_t low = le16(bytes, k + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
        k += 2;
        continue;
      }
    }
    if (unit >= 0xD800 && unit <= 0xDFFF) continue;  // half a pair
    append_utf8(out, unit);
  }
}

// Bytes read across a record and the CONTINUE records after it, as the
// shared strings and a formula's string run on ([MS-XLS] 2.1.4): where
// the characters of a string cross into a CONTINUE record, that record
// opens with the string's flags byte again.
class ContinuedBytes {
 public:
  ContinuedBytes(BiffRecords& records, std::string_view first)
      : m_records(records), m_data(first) {}
  bool bytes(std::size_t count, std::string* out) {
    while (count > 0) {
      if (m_at == m_data.size() && !next_record()) return false;
      const std::size_t take = std::min(count, m_data.size() - m_at);
      if (out != nullptr) out->append(m_data.substr(m_at, take));
      m_at += take;
      count -= take;
    }
    return true;
  }
  bool u8(std::uint8_t& value) {
    std::string byte;
    if (!bytes(1, &byte)) return false;
    value = static_cast<std::uint8_t>(byte[0]);
    return true;
  }
  bool u16(std::uint16_t& value) {
    std::string two;
    if (!bytes(2, &two)) return false;
    value = le16(two, 0);
    return true;
  }
  bool u32(std::uint32_t& value) {
    std::string four;
    if (!bytes(4, &four)) return false;
    value = le32(four, 0);
    return true;
  }
  // An XLUnicodeRichExtendedString (a shared string) or, without its rich
  // parts, an XLUnicodeString (a formula's string).
  bool string(std::string& out) {
    std::uint16_t chars = 0;
    std::uint8_t flags = 0;
    if (!u16(chars) || !u8(flags)) return false;
    std::uint16_t runs = 0;
    std::uint32_t extension = 0;
    if ((flags & 0x08) != 0 && !u16(runs)) return false;
    if ((flags & 0x04) != 0 && !u32(extension)) return false;
    bool wide = (flags & 0x01) != 0;
    std::size_t left = chars;
    std::string raw;
    while (left > 0) {
      if (m_at == m_data.size()) {
        if (!next_record()) return false;
        std::uint8_t again = 0;
        if (!u8(again)) return false;
        wide = (again & 0x01) != 0;
      }
      const std::size_t width = wide ? 2 : 1;
      const std::size_t take = std::min(left, (m_data.size() - m_at) / width);
      if (take == 0) return false;  // half a character at a record's end
      raw.assign(m_data.substr(m_at, take * width));
      append_biff_chars(out, raw, wide);
      m_at += take * width;
      left -= take;
    }
    return bytes(4 * static_cast<std::size_t>(runs) + extension, nullptr);
  }

 private:
  bool next_record() {
    if (m_records.peek() != biff_continue) return false;
    BiffRecord record;
    if (!m_records.next(record)) return false;
    m_data = record.data;
    m_at = 0;
    return true;
  }
  BiffRecords& m_records;
  std::string_view m_data;
  std::size_t m_at = 0;
};

// An XLUnicodeString within one record: its text, and where it ends.
std::string record_string(std::string_view data, std::size_t at, bool short_length = false) {
  const std::size_t chars =
      short_length ? static_cast<unsigned char>(data.size() > at ? data[at] : 0) : le16(data, at);
  at += short_length ? 1 : 2;
  if (at >= data.size()) return "";
  const bool wide = (static_cast<unsigned char>(data[at]) & 0x01) != 0;
  std::string out;
  append_biff_chars(out, data.substr(at + 1, chars * (wide ? 2 : 1)), wide);
  return out;
}

struct BiffBook {
  bool date1904 = false;
  std::map<std::uint16_t, bool> custom_date_formats;  ///< FORMAT records: id -> shows a date
  std::vector<std::uint16_t> xf_formats;              ///< each cell format's number format
  struct SheetEntry {
    std::uint32_t offset;
    std::string name;
  };
  std::vector<SheetEntry> sheets;
  std::vector<std::string> strings;

  bool is_date(std::uint16_t xf) const {
    if (xf >= xf_formats.size()) return false;
    const std::uint16_t format = xf_formats[xf];
    const auto custom = custom_date_formats.find(format);
    return custom != custom_date_formats.end() ? custom->second : is_builtin_date_format(format);
  }
  std::string number(double value, std::uint16_t xf) const {
    return is_date(xf) ? serial_date(value, date1904) : number_text(value);
  }
};

// The workbook globals, up to their EOF. Empty, or why the workbook
// cannot be read.
std::string read_biff_globals(std::string_view stream, std::size_t strings_limit, BiffBook& book,
                              const char*& reason) {
  BiffRecords records(stream, 0);
  BiffRecord record;
  if (!records.next(record) || record.type != biff_bof) {
    reason = "corrupt-document";
    return "a Workbook stream that does not open with a BIFF record";
  }
  if (le16(record.data, 0) != 0x0600) {
    reason = "unknown-format";
    return "an Excel 5 or Excel 95 workbook, which Dateline does not read: save it as .xlsx or "
           ".ods";
  }
  std::size_t string_bytes = 0;
  while (records.next(record) && record.type != biff_eof) {
    switch (record.type) {
      case biff_filepass:
        reason = "corrupt-document";
        return "a password-protected Excel workbook: save it without the password to index it";
      case biff_datemode:
        book.date1904 = le16(record.data, 0) == 1;
        break;
      case biff_format:
        book.custom_date_formats[le16(record.data, 0)] =
            is_date_format_code(record_string(record.data, 2));
        break;
      case biff_xf:
        book.xf_formats.push_back(le16(record.data, 2));
        break;
      case biff_boundsheet:
        // Worksheets only (type 0), not charts or macro sheets.
        if (record.data.size() >= 8 && static_cast<unsigned char>(record.data[5]) == 0) {
          book.sheets.push_back({le32(record.data, 0), record_string(record.data, 6, true)});
        }
        break;
      case biff_sst: {
        ContinuedBytes bytes(records,
                             record.data.substr(std::min<std::size_t>(8, record.data.size())));
        const std::uint32_t unique = le32(record.data, 4);
        for (std::uint32_t k = 0; k < unique; ++k) {
          std::string text;
          if (!bytes.string(text)) break;  // cut short: the strings read so far
          string_bytes += text.size();
          if (string_bytes > strings_limit) {
            reason = "too-large";
            return "shared strings longer than " + std::to_string(strings_limit) + " bytes";
          }
          book.strings.push_back(std::move(text));
        }
        break;
      }
      default:
        break;
    }
  }
  return "";
}

// One worksheet's cells, from its BOF to its EOF, a row at a time (BIFF
// writes a sheet's cells row by row). A chart inside the sheet is a BOF..EOF
// of its own, passed over.
// Returns where its records end.
std::size_t read_biff_sheet(std::string_view stream, std::uint32_t offset, const BiffBook& book,
                            const ReaderLimits& limits, TextBudget& budget,
                            std::size_t& records_left, Sheet& sheet, ArticleSink& sink) {
  BiffRecords records(stream, offset);
  BiffRecord record;
  if (!records.next(record) || record.type != biff_bof) {
    sink.skip(Skip{sheet.origin(), "corrupt-document",
                   "the sheet's records are not where the workbook says they are"});
    return offset;
  }
  int depth = 1;
  RowCells row(limits.max_record_bytes, budget);
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t current = none;
  auto flush = [&] {
    if (current != none) sheet.row(current + 1, row.cells(), row.too_large());
    row.clear();
  };
  auto cell = [&](std::size_t at_row, std::size_t column, std::string text) {
    if (at_row != current) {
      flush();
      current = at_row;
    }
    row.put(column, std::move(text), sheet.columns());
  };
  while (!row.spent() && records_left > 0 && records.next(record)) {
    --records_left;
    if (record.type == biff_bof) {
      ++depth;
      continue;
    }
    if (record.type == biff_eof) {
      if (--depth == 0) break;
      continue;
    }
    if (depth != 1) continue;
    const std::string_view data = record.data;
    const std::size_t at_row = le16(data, 0), column = le16(data, 2);
    const std::uint16_t xf = le16(data, 4);
    switch (record.type) {
      case biff_labelsst:
        if (data.size() >= 10) {
          const std::uint32_t index = le32(data, 6);
          if (index < book.strings.size()) cell(at_row, column, book.strings[index]);
        }
        break;
      case biff_label:
      case biff_rstring:
        if (data.size() >= 9) cell(at_row, column, record_string(data, 6));
        break;
      case biff_number:
        if (data.size() >= 14) cell(at_row, column, book.number(le_double(data, 6), xf));
        break;
      case biff_rk:
        if (data.size() >= 10) cell(at_row, column, book.number(rk_number(le32(data, 6)), xf));
        break;
      case biff_mulrk:
        for (std::size_t k = 0; data.size() >= 6 && k < (data.size() - 6) / 6; ++k) {
          cell(at_row, column + k,
               book.number(rk_number(le32(data, 6 + 6 * k)), le16(data, 4 + 6 * k)));
        }
        break;
      case biff_formula:
        if (data.size() < 14) break;
        if (le16(data, 12) != 0xFFFF) {
          cell(at_row, column, book.number(le_double(data, 6), xf));
        } else if (data[6] == 0 && records.peek() == biff_string) {
          // The result is a string, in the STRING record after.
          BiffRecord string_record;
          records.next(string_record);
          ContinuedBytes bytes(records, string_record.data);
          std::string text;
          if (bytes.string(text)) cell(at_row, column, std::move(text));
        } else if (data[6] == 1) {
          cell(at_row, column, data[8] != 0 ? "TRUE" : "FALSE");
        }
        break;
      case biff_boolerr:
        if (data.size() >= 8 && data[7] == 0) cell(at_row, column, data[6] != 0 ? "TRUE" : "FALSE");
        break;
      default:
        break;
    }
  }
  if (row.spent()) {
    sink.skip(budget.skip(sheet));
    return records.position();
  }
  if (records_left == 0) {
    sink.skip(
        Skip{sheet.origin(), "corrupt-document",
             "sheets whose records overlap, read more than twice over; " + sheet.rows_after()});
    return records.position();
  }
  flush();
  if (depth > 0 && records.cut()) {
    sink.skip(Skip{sheet.origin(), "corrupt-document",
                   "the sheet's records stop short of its end; " + sheet.rows_after()});
  }
  return records.position();
}

}  // namespace

void read_xls(std::string_view workbook, const std::string& name, const ReaderLimits& limits,
              ArticleSink& sink) {
  BiffBook book;
  const char* reason = nullptr;
  const std::string failure =
      read_biff_globals(workbook, 4 * limits.max_record_bytes, book, reason);
  if (!failure.empty()) {
    sink.skip(Skip{name, reason, failure});
    return;
  }
  if (book.sheets.empty()) {
    sink.skip(Skip{name, "unknown-format", "an Excel workbook without a worksheet"});
    return;
  }
  std::vector<Sheet> sheets;
  TextBudget budget(16 * limits.max_record_bytes);
  // Each sheet's records, read once: a sheet said to start inside another
  // one (a hostile file could name the same records a million times) is
  // not read again.
  std::vector<std::pair<std::size_t, std::size_t>> read;
  // Sheets nested in one another escape that check: at most twice the
  // records the stream can hold (4 bytes each at least) are read in all.
  std::size_t records_left = workbook.size() / 2 + 1;
  for (const auto& entry : book.sheets) {
    if (budget.spent || records_left == 0) break;
    const std::string origin = sheet_origin(name, entry.name);
    if (std::any_of(read.begin(), read.end(), [&](const auto& range) {
          return entry.offset >= range.first && entry.offset < range.second;
        })) {
      sink.skip(Skip{origin, "corrupt-document", "a sheet whose records lie inside another's"});
      continue;
    }
    sheets.emplace_back(origin, "xls", limits, sink);
    const std::size_t end = read_biff_sheet(workbook, entry.offset, book, limits, budget,
                                            records_left, sheets.back(), sink);
    read.emplace_back(entry.offset, end);
  }
  finish_workbook(sheets, name, sink);
}

void read_spreadsheet(std::istream& in, const std::string& name, const ReaderLimits& limits,
                      ArticleSink& sink) {
  std::string bytes;
  if (!read_whole(in, name, "spreadsheet", limits, sink, bytes)) return;
  Zip zip = open_zip(bytes);
  if (!zip) {
    sink.skip(Skip{name, "corrupt-document",
                   "not a zip file, as .xlsx and .ods spreadsheets are (an old binary .xls, or "
                   "a password-protected workbook?)"});
    return;
  }
  // Which of the two: Excel's workbook part, or ODF's content.
  archive_entry* entry = nullptr;
  int status = ARCHIVE_OK;
  while ((status = archive_read_next_header(zip.get(), &entry)) == ARCHIVE_OK) {
    const char* path = archive_entry_pathname(entry);
    const std::string_view part = path != nullptr ? path : "";
    if (same_part(part, "xl/workbook.xml")) {
      zip.reset();
      read_xlsx(bytes, name, limits, sink);
      return;
    }
    if (part == "content.xml") {
      read_ods(zip.get(), name, limits, sink);
      return;
    }
    if (same_part(part, "xl/workbook.bin")) {
      sink.skip(Skip{name, "unknown-format",
                     "an Excel binary workbook (.xlsb), which Dateline does not read: save it as "
                     ".xlsx or .ods"});
      return;
    }
  }
  if (status != ARCHIVE_EOF) {
    sink.skip(Skip{name, "corrupt-document", zip_error(zip.get())});
    return;
  }
  sink.skip(Skip{name, "unknown-format",
                 "a zip without xl/workbook.xml or content.xml: not an Excel or OpenDocument "
                 "spreadsheet"});
}

}  // namespace dateline::readers
