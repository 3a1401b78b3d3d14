// CSV and TSV exports: a header row naming the columns, then one article a
// row. libcsv parses the cells (RFC 4180 quoting, read leniently: a stray
// quote inside an unquoted cell is kept as a character). This file picks
// the dialect, keeps count of physical lines for origins, bounds memory, and
// maps each row to an article through article_json.h's field mapping, so a
// column is read exactly as the JSON member of the same name would be.

#include <csv.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <exception>
#include <istream>
#include <new>
#include <string>
#include <vector>

#include "dateline/common/text.h"
#include "readers.h"

namespace dateline::readers {

namespace {

// CsvReader::drop_held_cell() relies on libcsv 3's struct csv_parser.
static_assert(CSV_MAJOR == 3, "the CSV reader is written against libcsv 3");

constexpr std::size_t chunk_bytes = 1 << 16;
constexpr std::array<char, 4> delimiters{',', ';', '\t', '|'};

struct Dialect {
  char delimiter = ',';
  char quote = '"';
};

// What libcsv calls a space: skipped before a cell, trimmed after an
// unquoted one.
bool is_space(char ch, char delimiter) { return (ch == ' ' || ch == '\t') && ch != delimiter; }

bool is_blank(std::string_view text, char delimiter) {
  return std::all_of(text.begin(), text.end(),
                     [&](char ch) { return is_space(ch, delimiter) || ch == '\r' || ch == '\n'; });
}

// The head's lines up to its last line break (the last line may be cut),
// or all of it when it is the whole input or holds no line break.
std::string_view complete_lines(std::string_view head, bool whole_input) {
  std::size_t last = head.find_last_of('\n');
  return whole_input || last == std::string_view::npos ? head : head.substr(0, last + 1);
}

std::string_view first_non_blank_line(std::string_view lines) {
  while (!lines.empty()) {
    std::size_t end = lines.find('\n');
    std::string_view line = lines.substr(0, end);
    if (!trim(line).empty()) return line;
    if (end == std::string_view::npos) break;
    lines.remove_prefix(end + 1);
  }
  return {};
}

// The delimiter `line` holds most of outside `quote`d spans (the earlier in
// `delimiters` on a tie); a comma when it holds none (one column).
char delimiter_of(std::string_view line, char quote) {
  std::array<std::size_t, delimiters.size()> counts{};
  bool quoted = false;
  for (char ch : line) {
    if (ch == quote) {
      quoted = !quoted;
    } else if (!quoted) {
      for (std::size_t i = 0; i < delimiters.size(); ++i) counts[i] += ch == delimiters[i];
    }
  }
  auto most = std::max_element(counts.begin(), counts.end());
  return *most > 0 ? delimiters[static_cast<std::size_t>(most - counts.begin())] : ',';
}

// Whether a cell of `lines` starts with the dialect's quote, the lines being
// split at every delimiter, quoted or not.
bool some_cell_starts_quoted(std::string_view lines, Dialect dialect) {
  bool cell_start = true;
  for (char ch : lines) {
    if (cell_start && is_space(ch, dialect.delimiter)) continue;
    if (cell_start && ch == dialect.quote) return true;
    cell_start = ch == dialect.delimiter || ch == '\n' || ch == '\r';
  }
  return false;
}

// Whether libcsv's strict mode reads `lines` in `dialect` without an error:
// a quoted cell closes before a delimiter or line end, and no unquoted cell
// holds the quote; when the lines are the whole input, every quoted cell
// closes.
bool reads_strictly(std::string_view lines, Dialect dialect, bool whole_input) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
  csv_set_delim(&parser, static_cast<unsigned char>(dialect.delimiter));
  csv_set_quote(&parser, static_cast<unsigned char>(dialect.quote));
  bool clean =
      csv_parse(&parser, lines.data(), lines.size(), nullptr, nullptr, nullptr) == lines.size() &&
      (!whole_input || csv_fini(&parser, nullptr, nullptr, nullptr) == 0);
  csv_free(&parser);
  return clean;
}

// The dialect of a file from its head (its first chunk, after a BOM). The
// delimiter is a tab in a .tsv file, else the one the header line holds most
// of. The quote is '"' unless the head is plainly quoted with '\'': some cell
// starts with '\'', the head reads cleanly so, and no cell starts with '"'
// or the head does not read cleanly with '"' (10kGNAD is written so:
// Label;'text with ''quotes''', and its unquoted texts may start with '"').
Dialect choose_dialect(std::string_view head, bool whole_input, bool tab_separated) {
  std::string_view lines = complete_lines(head, whole_input);
  std::string_view header = first_non_blank_line(lines);
  auto dialect = [&](char quote) {
    return Dialect{tab_separated ? '\t' : delimiter_of(header, quote), quote};
  };
  const Dialect double_quoted = dialect('"');
  const Dialect single_quoted = dialect('\'');
  if (some_cell_starts_quoted(lines, single_quoted) &&
      reads_strictly(lines, single_quoted, whole_input) &&
      (!some_cell_starts_quoted(lines, double_quoted) ||
       !reads_strictly(lines, double_quoted, whole_input))) {
    return single_quoted;
  }
  return double_quoted;
}

class CsvReader {
 public:
  CsvReader(const std::string& name, const ReaderLimits& limits, ArticleSink& sink)
      : m_name(name), m_limits(limits), m_sink(sink) {
    if (csv_init(&m_parser, 0) != 0) throw std::bad_alloc();
    // A long cell's buffer grows by chunks, not by libcsv's 128 bytes.
    csv_set_blk_size(&m_parser, chunk_bytes);
  }
  ~CsvReader() { csv_free(&m_parser); }
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  void read(std::istream& in, bool tab_separated) {
    std::string buffer(chunk_bytes, '\0');
    bool first = true;
    while (!m_stopped) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      auto got = static_cast<std::size_t>(in.gcount());
      if (got == 0) break;
      std::string_view chunk(buffer.data(), got);
      if (first) {
        first = false;
        if (chunk.starts_with(utf8_bom)) chunk.remove_prefix(utf8_bom.size());
        m_dialect = choose_dialect(chunk, got < buffer.size(), tab_separated);
        csv_set_delim(&m_parser, static_cast<unsigned char>(m_dialect.delimiter));
        csv_set_quote(&m_parser, static_cast<unsigned char>(m_dialect.quote));
      }
      // Fed a line at a time (a CR is a line end too), a record can only
      // end at the end of a piece: so we know the line each one starts on.
      while (!chunk.empty() && !m_stopped) {
        std::size_t end = chunk.find_first_of("\r\n");
        std::size_t size = end == std::string_view::npos ? chunk.size() : end + 1;
        feed(chunk.substr(0, size));
        chunk.remove_prefix(size);
      }
    }
    finish();
  }

 private:
  // libcsv calls back from C: exceptions (the sink's, under --strict) are
  // kept and rethrown once it has returned.
  static void on_cell(void* data, std::size_t size, void* self) {
    auto* reader = static_cast<CsvReader*>(self);
    if (reader->m_failure) return;
    try {
      reader->cell(size == 0 ? std::string_view()
                             : std::string_view(static_cast<char*>(data), size));
    } catch (...) {
      reader->m_failure = std::current_exception();
    }
  }
  static void on_row_end(int /*terminator*/, void* self) {
    auto* reader = static_cast<CsvReader*>(self);
    reader->m_row_open = false;
    reader->m_row_ended = true;
    if (reader->m_failure) return;
    try {
      reader->row_end();
    } catch (...) {
      reader->m_failure = std::current_exception();
    }
  }

  // One piece of input: a line with its line break, or the rest of a chunk.
  void feed(std::string_view piece) {
    if (m_after_carriage_return) {
      m_after_carriage_return = false;
      if (piece.front() != '\n') ++m_line;  // a CR alone ended a line
    }
    if (!m_row_open) {
      m_row_line = m_line;
      m_row_bytes = 0;
    }
    m_row_bytes += piece.size();
    m_row_ended = false;
    std::size_t parsed =
        csv_parse(&m_parser, piece.data(), piece.size(), on_cell, on_row_end, this);
    if (m_failure) std::rethrow_exception(m_failure);
    // Without CSV_STRICT, libcsv stops early only when out of memory.
    if (parsed != piece.size()) throw std::bad_alloc();
    // A piece that ends no record and gave no cell opened one when it holds
    // more than spaces: a quoted cell runs on to the next line.
    if (!m_row_ended && !m_row_open && !is_blank(piece, m_dialect.delimiter)) m_row_open = true;
    if (m_row_open) {
      check_row_size();
      if (m_row_too_large) drop_held_cell();
    } else if (csv_get_buffer_size(&m_parser) > chunk_bytes) {
      csv_free(&m_parser);  // between records: give back what a long cell took
    }
    if (piece.back() == '\n') {
      ++m_line;
    } else if (piece.back() == '\r') {
      m_after_carriage_return = true;
    }
  }

  void finish() {
    if (m_stopped) return;
    // Strict here only to learn whether a quoted cell is left open.
    csv_set_opts(&m_parser, CSV_STRICT | CSV_STRICT_FINI);
    bool closed = csv_fini(&m_parser, on_cell, on_row_end, this) == 0;
    if (m_failure) std::rethrow_exception(m_failure);
    if (!closed && !m_row_too_large) {
      m_sink.skip(Skip{origin(), "malformed-csv",
                       std::string("a quoted cell (") + m_dialect.quote +
                           ") of this record is never closed: it runs to the end of the input"});
    }
  }

  void cell(std::string_view text) {
    m_row_open = true;
    if (m_row_too_large) return;
    if (m_have_header && m_cells.size() >= m_table.columns()) return;  // past the named columns
    m_cells.emplace_back(text);
  }

  void row_end() {
    check_row_size();
    if (!m_row_too_large && !std::all_of(m_cells.begin(), m_cells.end(),
                                         [](const std::string& c) { return trim(c).empty(); })) {
      if (m_have_header) {
        take_article();
      } else {
        take_header();
      }
    }
    m_cells.clear();
    m_row_too_large = false;
  }

  void check_row_size() {
    if (m_row_too_large || m_row_bytes <= m_limits.max_record_bytes) return;
    m_row_too_large = true;
    std::vector<std::string>().swap(m_cells);
    m_sink.skip(too_large(origin(), m_have_header ? "CSV record" : "CSV header row",
                          m_limits.max_record_bytes));
    if (!m_have_header) m_stopped = true;  // no column names to read rows by
  }

  // Past the limit, the record's cells are dropped as they end, but libcsv
  // still gathers the one it is in. Keep of it only what libcsv's state can
  // still take back (the last byte, maybe a quote that closes the cell, and
  // a space after it), leaving the state (quoted or not) as it is: the
  // record is read to its true end without being held. This reaches into
  // struct csv_parser (csv.h, libcsv 3): `entry_buf` holds the cell's
  // `entry_pos` bytes, the last `spaces` of them spaces that the cell's end
  // will remove.
  void drop_held_cell() {
    m_parser.spaces = std::min<std::size_t>(m_parser.spaces, 1);
    const std::size_t keep = std::min(m_parser.entry_pos, m_parser.spaces + 1);
    if (keep == m_parser.entry_pos) return;
    std::memmove(m_parser.entry_buf, m_parser.entry_buf + (m_parser.entry_pos - keep), keep);
    m_parser.entry_pos = keep;
  }

  void take_header() {
    if (m_table.take_header(m_cells)) {
      m_have_header = true;
      return;
    }
    m_stopped = true;
    m_sink.skip(Skip{origin(), "no-header", ArticleTable::no_header_detail("row", m_cells)});
  }

  void take_article() { m_table.take_row(m_cells, origin(), "csv", m_limits, m_sink); }

  std::string origin() const { return m_name + ":" + std::to_string(m_row_line); }

  const std::string& m_name;
  const ReaderLimits& m_limits;
  ArticleSink& m_sink;
  csv_parser m_parser{};
  Dialect m_dialect;
  ArticleTable m_table;
  bool m_have_header = false;
  bool m_stopped = false;  ///< nothing more is read (no header)
  std::vector<std::string> m_cells;
  std::size_t m_line = 1;  ///< the line the next piece starts on
  bool m_after_carriage_return = false;
  bool m_row_open = false;  ///< a record has begun and not ended
  bool m_row_ended = false;
  std::size_t m_row_line = 1;
  std::size_t m_row_bytes = 0;
  bool m_row_too_large = false;
  std::exception_ptr m_failure;
};

}  // namespace

void read_csv(std::istream& in, const std::string& name, bool tab_separated,
              const ReaderLimits& limits, ArticleSink& sink) {
  CsvReader(name, limits, sink).read(in, tab_separated);
}

}  // namespace dateline::readers
