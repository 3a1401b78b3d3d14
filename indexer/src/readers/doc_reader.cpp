// Word 97-2003 documents (.doc): the binary format of newsrooms' copy
// files before 2007, one article each. libgsf opens the OLE2 container and
// reads its summary information; the text is taken from the WordDocument
// stream through the piece table ([MS-DOC] 2.4.1: the FIB names the Clx in
// the table stream, whose PlcPcd maps character positions to pieces of
// 8-bit Windows-1252 or UTF-16 text).
//
//   title      the document's Title property, unless it is a file name;
//              else a short first paragraph. Word filled the Title with the
//              first line when a document was first saved: a first
//              paragraph that starts with the Title is the headline when
//              it reads as one (short, no full stop, not a table's row),
//              and else the document is untitled.
//   dek        the Subject property
//   authors    the Author property (not an account name, "Owner")
//   published  the creation time
//   tags       the Keywords property, split at commas and semicolons
//   text       the main document's paragraphs, then its text boxes' (not
//              headers, footers, footnotes or comments); a table's row as
//              one paragraph, its cells parted by " | "; a field's shown
//              result, not its code
//
// Word 6 and Word 95 documents (1993-97) are read too: their 8-bit text in
// the code page of the document's language (read_word6()), the main
// document only. Word 1 and 2 documents, Word 6/95 ones in a double-byte
// code page, encrypted ones, and OLE2 files that hold no Word document
// (.xls, .ppt, Outlook's .msg) are skipped with a message saying what they
// are.

#include <gsf/gsf-doc-meta-data.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-meta-names.h>
#include <gsf/gsf-msole-utils.h>
#include <gsf/gsf-timestamp.h>
#include <gsf/gsf-utils.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <array>
#include <istream>
#include <memory>
#include <mutex>

#include "dateline/common/text.h"
#include "gobject.h"
#include "readers.h"

namespace dateline::readers {

namespace {

// Where the container's stream called `name` is among its children, or
// -1. Names match in any case: some writers name them "worddocument".
int stream_index(GsfInfile* ole, std::string_view name) {
  for (int k = 0; k < gsf_infile_num_children(ole); ++k) {
    const char* child = gsf_infile_name_by_index(ole, k);
    if (child != nullptr && ascii_lower(child) == ascii_lower(name)) return k;
  }
  return -1;
}

// A stream of the container, whole (within `limit` bytes), or nullopt.
std::optional<std::string> stream_bytes(GsfInfile* ole, std::string_view name, std::size_t limit) {
  const int index = stream_index(ole, name);
  if (index < 0) return std::nullopt;
  GObjectPtr<GsfInput> input(gsf_infile_child_by_index(ole, index));
  if (!input) return std::nullopt;
  const gsf_off_t size = gsf_input_size(input.get());
  if (size < 0 || static_cast<std::size_t>(size) > limit) return std::nullopt;
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (size > 0 &&
      gsf_input_read(input.get(), size, reinterpret_cast<guint8*>(bytes.data())) == nullptr) {
    return std::nullopt;
  }
  return bytes;
}

bool has_stream(GsfInfile* ole, std::string_view name) { return stream_index(ole, name) >= 0; }

// What an OLE2 file without a Word document is, by its streams.
Skip not_a_word_document(GsfInfile* ole, const std::string& name) {
  // Office 2007 and later encrypt a .docx or .xlsx into an OLE2 file.
  if (has_stream(ole, "EncryptedPackage")) {
    return Skip{name, "corrupt-document",
                "a password-protected Office document (.docx, .xlsx...): save it without the "
                "password to index it"};
  }
  if (has_stream(ole, "Book")) {
    return Skip{name, "unknown-format",
                "an Excel 5 or Excel 95 workbook, which Dateline does not read: save it as "
                ".xlsx or .ods"};
  }
  return Skip{name, "unknown-format",
              "an old binary Office file that is not a Word document (a presentation or an "
              "Outlook message?), which Dateline does not read"};
}

std::uint32_t u32(std::string_view bytes, std::size_t at) {
  if (at + 4 > bytes.size()) return 0;
  return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 3])) << 24;
}

std::uint16_t u16(std::string_view bytes, std::size_t at) {
  if (at + 2 > bytes.size()) return 0;
  return static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[at]) |
                                    static_cast<unsigned char>(bytes[at + 1]) << 8);
}

void append_utf16(std::u16string& text, char32_t ch) {
  char16_t units[2];
  std::size_t length = 0;
  U16_APPEND_UNSAFE(units, length, ch);
  text.append(units, length);
}

// An 8-bit code page's characters, byte by byte.
using CodePage = std::array<char32_t, 256>;

const CodePage& windows_1252_page() {
  static const CodePage page = [] {
    CodePage table{};
    for (unsigned byte = 0; byte < 256; ++byte) {
      table[byte] = windows_1252(static_cast<unsigned char>(byte));
    }
    return table;
  }();
  return page;
}

// The code page Word 6 and Word 95 wrote 8-bit text in, from the
// document's language (the FIB's lid), unless its fonts name another
// (code_page_of_fonts()): Windows-1250 for Central European
// languages, 1251 for Cyrillic ones, 1253 Greek, 1254 Turkish, 1255
// Hebrew, 1256 Arabic and Farsi, 1257 Baltic; 1252 for the rest. "" for
// Chinese, Japanese and Korean, whose double-byte text is not read.
std::string_view code_page_of(std::uint16_t lid) {
  switch (lid & 0x3FF) {
    case 0x05:
    case 0x0E:
    case 0x15:
    case 0x18:
    case 0x1B:
    case 0x1C:
    case 0x24:
      return "windows-1250";
    case 0x1A:  // Serbian in Cyrillic (0x0C1A), else Croatian
      return (lid >> 10) == 3 ? "windows-1251" : "windows-1250";
    case 0x02:
    case 0x19:
    case 0x22:
    case 0x23:
    case 0x2F:
      return "windows-1251";
    case 0x08:
      return "windows-1253";
    case 0x1F:
      return "windows-1254";
    case 0x0D:
      return "windows-1255";
    case 0x01:
    case 0x29:
      return "windows-1256";
    case 0x25:
    case 0x26:
    case 0x27:
      return "windows-1257";
    case 0x04:
    case 0x11:
    case 0x12:
      return "";
    default:
      return "windows-1252";
  }
}

// The code page the document's fonts name, when one names a single-byte
// code page other than Windows-1252: Word 6 wrote a Russian text in a
// document whose language is English in windows-1251, and its fonts say
// so (FFN.chs, a Windows character set). The font table is a STTBF of FFNs
// in the WordDocument stream (fcSttbfffn 0xD0, lcbSttbfffn 0xD4): its size,
// then records of cbFfnM1 + 1 bytes, chs at their fifth. "" when none
// does.
std::string_view code_page_of_fonts(std::string_view word) {
  const std::uint32_t at = u32(word, 0xD0);
  const std::uint32_t size = u32(word, 0xD4);
  if (at > word.size() || size > word.size() - at || size < 2) return "";
  const std::string_view fonts = word.substr(at, size);
  for (std::size_t ffn = 2; ffn + 6 <= fonts.size();
       ffn += static_cast<unsigned char>(fonts[ffn]) + 1) {
    switch (static_cast<unsigned char>(fonts[ffn + 4])) {
      case 238:
        return "windows-1250";
      case 204:
        return "windows-1251";
      case 161:
        return "windows-1253";
      case 162:
        return "windows-1254";
      case 177:
        return "windows-1255";
      case 178:
        return "windows-1256";
      case 186:
        return "windows-1257";
      case 163:
        return "windows-1258";
      case 222:
        return "windows-874";
      default:
        break;
    }
  }
  return "";
}

// `label`'s 256 characters, through ICU's converter for it.
CodePage code_page_table(std::string_view label) {
  if (label == "windows-1252") return windows_1252_page();
  CodePage table{};
  for (unsigned byte = 0; byte < 256; ++byte) {
    const std::optional<std::string> utf8 =
        decode_charset(std::string(1, static_cast<char>(byte)), label);
    table[byte] = windows_1252(static_cast<unsigned char>(byte));
    if (!utf8 || utf8->empty()) continue;
    // One character, or the byte has none in the code page.
    std::int32_t at = 0;
    UChar32 ch = 0;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(utf8->data()), at,
            static_cast<std::int32_t>(utf8->size()), ch);
    if (ch >= 0 && static_cast<std::size_t>(at) == utf8->size()) {
      table[byte] = static_cast<char32_t>(ch);
    }
  }
  return table;
}

// How a piece table's pieces hold their text.
struct PieceText {
  /// Word 97 and later: an Fc's bit 30 marks 8-bit text (at fc / 2), else
  /// UTF-16. Word 6 and 95: every piece is 8-bit, at fc.
  bool unicode_pieces = true;
  const CodePage* code_page = &windows_1252_page();
};

// The text of character positions [from, to) as UTF-16, through the
// piece table in `clx` (its pieces in `word`), at most `max_chars` of it;
// nullopt when the tables are damaged. Each position is read once,
// whatever the pieces claim: a damaged table whose pieces overlap cannot
// multiply the text.
std::optional<std::u16string> text_range(std::string_view word, std::string_view clx,
                                         const PieceText& how, std::uint32_t from, std::uint32_t to,
                                         std::size_t max_chars) {
  // Prc entries (formatting) come first; then the Pcdt.
  std::size_t at = 0;
  while (at < clx.size() && clx[at] == 0x01) at += 3 + u16(clx, at + 1);
  if (at + 5 > clx.size() || clx[at] != 0x02) return std::nullopt;
  const std::uint32_t plc_size = u32(clx, at + 1);
  std::string_view plc = clx.substr(at + 5);
  if (plc_size > plc.size() || plc_size < 16 || (plc_size - 4) % 12 != 0) return std::nullopt;
  const std::size_t pieces = (plc_size - 4) / 12;
  std::u16string text;
  std::uint32_t read_to = from;  // positions before it are read
  for (std::size_t k = 0; k < pieces && text.size() < max_chars; ++k) {
    // The part of the piece's positions [start, end) in [from, to).
    const std::uint32_t start = std::max(u32(plc, 4 * k), read_to);
    const std::uint32_t end = std::min(u32(plc, 4 * (k + 1)), to);
    if (end <= start) continue;
    read_to = end;
    const auto count =
        static_cast<std::uint32_t>(std::min<std::size_t>(end - start, max_chars - text.size()));
    const std::uint32_t skipped = start - u32(plc, 4 * k);
    const std::uint32_t fc = u32(plc, 4 * (pieces + 1) + 8 * k + 2);
    const bool compressed = !how.unicode_pieces || (fc & 0x40000000u) != 0;
    const std::size_t width = compressed ? 1 : 2;
    const std::size_t piece_at = !how.unicode_pieces ? std::size_t(fc)
                                 : compressed        ? (fc & 0x3FFFFFFFu) / 2
                                                     : std::size_t(fc);
    const std::size_t offset = piece_at + std::size_t(skipped) * width;
    if (offset > word.size() || count > (word.size() - offset) / width) return std::nullopt;
    for (std::uint32_t c = 0; c < count; ++c) {
      if (compressed) {
        append_utf16(text, (*how.code_page)[static_cast<unsigned char>(word[offset + c])]);
      } else {
        text.push_back(static_cast<char16_t>(u16(word, offset + 2 * c)));
      }
    }
  }
  return text;
}

// Paragraphs of Word's text: 0x0D ends a paragraph, as a page, column or
// section break does; 0x07 ends a table cell (two in a row end the row);
// of a field (0x13 code 0x14 result 0x15) only the result is shown.
std::vector<std::string> paragraphs_of(const std::u16string& text) {
  std::vector<std::string> paragraphs;
  std::string current;
  std::vector<bool> in_code;  // per open field: still in its code
  auto flush = [&] {
    std::string paragraph = collapse_whitespace(current);
    if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
    current.clear();
  };
  for (std::size_t k = 0; k < text.size(); ++k) {
    char32_t ch = text[k];
    if (ch == 0x13) {
      in_code.push_back(true);
      continue;
    }
    if (ch == 0x14) {
      if (!in_code.empty()) in_code.back() = false;
      continue;
    }
    if (ch == 0x15) {
      if (!in_code.empty()) in_code.pop_back();
      continue;
    }
    if (!in_code.empty() && in_code.back()) continue;
    if (ch >= 0xD800 && ch < 0xDC00 && k + 1 < text.size() && text[k + 1] >= 0xDC00 &&
        text[k + 1] < 0xE000) {
      ch = 0x10000 + ((ch - 0xD800) << 10) + (text[++k] - 0xDC00);
    }
    switch (ch) {
      case 0x0D:
      case 0x0C:
      case 0x0E:
        flush();
        break;
      case 0x07:
        if (k + 1 < text.size() && text[k + 1] == 0x07) {
          ++k;
          flush();
        } else {
          current += " | ";
        }
        break;
      case 0x09:
      case 0x0B:
      case 0xA0:
        current += ' ';
        break;
      case 0x1E:
        current += '-';
        break;
      default:
        if (ch >= 0x20 && (ch < 0xD800 || ch >= 0xE000)) append_utf8(current, ch);
        break;  // pictures (0x01, 0x08), note marks (0x02, 0x05), optional hyphens (0x1F)
    }
  }
  flush();
  // Empty cells leave bars at a row's ends, or a row of bars alone.
  std::vector<std::string> kept;
  for (auto& paragraph : paragraphs) {
    std::string_view row = paragraph;
    while (row.ends_with("|")) row = trim(row.substr(0, row.size() - 1));
    while (row.starts_with("|")) row = trim(row.substr(1));
    if (!row.empty()) kept.emplace_back(row);
  }
  return kept;
}

// The summary information's properties.
struct Properties {
  std::string title, subject, author, keywords, created;
};

std::string string_property(GsfDocMetaData* meta, const char* name) {
  GsfDocProp* prop = gsf_doc_meta_data_lookup(meta, name);
  const GValue* value = prop != nullptr ? gsf_doc_prop_get_val(prop) : nullptr;
  if (value == nullptr || !G_VALUE_HOLDS_STRING(value)) return {};
  const char* text = g_value_get_string(value);
  return text != nullptr ? collapse_whitespace(repair_utf8(text)) : std::string();
}

Properties read_properties(GsfInfile* ole) {
  Properties properties;
  GObjectPtr<GsfInput> summary(gsf_infile_child_by_name(ole, "\005SummaryInformation"));
  if (!summary) return properties;
  GObjectPtr<GsfDocMetaData> meta(gsf_doc_meta_data_new());
  if (GError* error = gsf_doc_meta_data_read_from_msole(meta.get(), summary.get())) {
    g_error_free(error);
    return properties;
  }
  properties.title = string_property(meta.get(), GSF_META_NAME_TITLE);
  properties.subject = string_property(meta.get(), GSF_META_NAME_SUBJECT);
  properties.author = string_property(meta.get(), GSF_META_NAME_CREATOR);
  properties.keywords = string_property(meta.get(), GSF_META_NAME_KEYWORDS);
  GsfDocProp* created = gsf_doc_meta_data_lookup(meta.get(), GSF_META_NAME_DATE_CREATED);
  const GValue* value = created != nullptr ? gsf_doc_prop_get_val(created) : nullptr;
  if (value != nullptr && VAL_IS_GSF_TIMESTAMP(value)) {
    if (const auto* stamp = static_cast<const GsfTimestamp*>(g_value_get_boxed(value))) {
      char* text = gsf_timestamp_as_string(stamp);
      if (text != nullptr) properties.created = text;
      g_free(text);
    }
  }
  return properties;
}

}  // namespace

// Word 6 and Word 95 (wIdent 0xA5DC, nFib 101-105): the main document's
// text is 8-bit, in the code page of the document's language, in the
// WordDocument stream, ccpText (0x34) characters of it: from fcMin (0x18)
// on, or, in a fast-saved file (fComplex), through the piece table, which
// Word 6 kept in the WordDocument stream (fcClx 0x160, lcbClx 0x164) with
// pieces at byte offsets. Text boxes are not read. True with `text` set,
// else the file was reported.
bool read_word6(std::string_view word, const std::string& name, std::size_t max_chars,
                ArticleSink& sink, std::optional<std::u16string>& text) {
  if (word.size() < 0x168) {
    sink.skip(
        Skip{name, "corrupt-document", "a Word 6 or Word 95 document whose header is damaged"});
    return false;
  }
  const std::uint16_t flags = u16(word, 0x0A);
  if ((flags & 0x0100) != 0) {
    sink.skip(Skip{name, "corrupt-document", "a password-protected Word document"});
    return false;
  }
  std::string_view label = code_page_of(u16(word, 0x06));
  if (const std::string_view fonts = code_page_of_fonts(word); !label.empty() && !fonts.empty()) {
    label = fonts;
  }
  if (label.empty()) {
    sink.skip(Skip{name, "unknown-format",
                   "a Word 6 or Word 95 document in Chinese, Japanese or Korean, which Dateline "
                   "does not read: save it as .docx, .odt or PDF"});
    return false;
  }
  const CodePage code_page = code_page_table(label);
  const std::uint32_t main_chars = u32(word, 0x34);
  if ((flags & 0x0004) != 0) {
    const std::uint32_t clx_at = u32(word, 0x160);
    const std::uint32_t clx_size = u32(word, 0x164);
    if (clx_at <= word.size() && clx_size <= word.size() - clx_at) {
      text = text_range(word, word.substr(clx_at, clx_size), PieceText{false, &code_page}, 0,
                        main_chars, max_chars);
    }
  } else {
    const std::uint32_t from = u32(word, 0x18);
    if (from <= word.size() && main_chars <= word.size() - from) {
      text.emplace();
      for (std::size_t k = 0; k < main_chars && k < max_chars; ++k) {
        append_utf16(*text, code_page[static_cast<unsigned char>(word[from + k])]);
      }
    }
  }
  if (!text) {
    sink.skip(
        Skip{name, "corrupt-document", "a Word 6 or Word 95 document whose text table is damaged"});
    return false;
  }
  return true;
}

void read_doc(std::istream& in, const std::string& name, const ReaderLimits& limits,
              ArticleSink& sink) {
  std::string bytes;
  if (!read_whole(in, name, "Word document", limits, sink, bytes)) return;
  if (bytes.starts_with("\xDB\xA5")) {
    sink.skip(Skip{name, "unknown-format",
                   "a Word for Windows 1 or 2 document, which Dateline does not read: save it "
                   "as .docx, .odt or PDF"});
    return;
  }
  static std::once_flag initialised;
  std::call_once(initialised, [] {
    gsf_init();
    // libgsf tells stderr what it makes of a damaged container ("Unknown
    // stream type", "Unable to open an iconv handle"); the reader reports
    // through its sink, one line a file. Other libraries' messages pass.
    g_log_set_default_handler(
        [](const gchar* domain, GLogLevelFlags level, const gchar* message, gpointer data) {
          const std::string_view from = domain != nullptr ? domain : "";
          if (from.empty() || from.starts_with("libgsf")) return;
          g_log_default_handler(domain, level, message, data);
        },
        nullptr);
  });
  GObjectPtr<GsfInput> input(gsf_input_memory_new(reinterpret_cast<const guint8*>(bytes.data()),
                                                  static_cast<gsf_off_t>(bytes.size()), FALSE));
  GError* error = nullptr;
  GObjectPtr<GsfInfile> ole(gsf_infile_msole_new(input.get(), &error));
  if (!ole) {
    if (error != nullptr) g_error_free(error);
    sink.skip(Skip{name, "corrupt-document", "not a readable OLE2 (old Office) file"});
    return;
  }
  std::optional<std::string> word = stream_bytes(ole.get(), "WordDocument", bytes.size());
  if (!word) {
    // Excel 97-2003's workbook is the other OLE2 file an archive holds.
    if (std::optional<std::string> workbook = stream_bytes(ole.get(), "Workbook", bytes.size())) {
      read_xls(*workbook, name, limits, sink);
      return;
    }
    sink.skip(not_a_word_document(ole.get(), name));
    return;
  }
  // More characters than an article may hold are not read: the article
  // is then skipped as too large.
  const std::size_t max_chars = limits.max_article_bytes + 1;
  const std::uint16_t version = u16(*word, 2);
  const std::uint16_t flags = u16(*word, 0x0A);
  std::optional<std::u16string> text;
  std::optional<std::u16string> boxes;
  if (u16(*word, 0) == 0xA5DC || (version >= 0x0065 && version <= 0x0069)) {
    if (!read_word6(*word, name, max_chars, sink, text)) return;
  } else if (version < 0x0065) {
    sink.skip(Skip{name, "unknown-format",
                   "a Word document older than Word 6, which Dateline does not read: save it as "
                   ".docx, .odt or PDF"});
    return;
  } else {
    if (word->size() < 0x1AA || u16(*word, 0) != 0xA5EC) {
      sink.skip(Skip{name, "corrupt-document", "a Word document whose header is damaged"});
      return;
    }
    if ((flags & 0x0100) != 0) {
      sink.skip(Skip{name, "corrupt-document", "a password-protected Word document"});
      return;
    }
    const std::optional<std::string> table =
        stream_bytes(ole.get(), (flags & 0x0200) != 0 ? "1Table" : "0Table", bytes.size());
    // The main document's positions come first, then footnotes, headers,
    // macros, comments and endnotes; then the text boxes' (FibRgLw97).
    const std::uint32_t main_chars = u32(*word, 0x4C);
    std::uint64_t boxes_from = 0;
    for (std::size_t at = 0x4C; at <= 0x60; at += 4) boxes_from += u32(*word, at);
    const std::uint64_t boxes_to = boxes_from + u32(*word, 0x64);
    // The Clx, in the table stream (FibRgFcLcb97.fcClx, lcbClx).
    const std::uint32_t clx_at = u32(*word, 0x1A2);
    const std::uint32_t clx_size = u32(*word, 0x1A6);
    if (table && clx_at <= table->size() && clx_size <= table->size() - clx_at) {
      const std::string_view clx = std::string_view(*table).substr(clx_at, clx_size);
      text = text_range(*word, clx, PieceText{}, 0, main_chars, max_chars);
      if (text && boxes_to > boxes_from && boxes_to <= 0xFFFFFFFFu) {
        boxes = text_range(*word, clx, PieceText{}, static_cast<std::uint32_t>(boxes_from),
                           static_cast<std::uint32_t>(boxes_to), max_chars);
      }
    }
    if (!text) {
      sink.skip(Skip{name, "corrupt-document", "a Word document whose piece table is damaged"});
      return;
    }
  }

  Article article;
  article.paragraphs = paragraphs_of(*text);
  if (boxes) {
    for (auto& paragraph : paragraphs_of(*boxes))
      article.paragraphs.push_back(std::move(paragraph));
  }
  const Properties properties = read_properties(ole.get());
  if (!properties.title.empty() && !is_file_title(properties.title)) {
    article.title = properties.title;
  }
  // Word put the first line in the Title when the document was first
  // saved. A first paragraph that starts so is the headline when it reads
  // as one; when it is a sentence of the text, the Title was taken from
  // it, and the document has none. A table's row is no headline.
  if (!article.paragraphs.empty()) {
    const std::string& first = article.paragraphs.front();
    const bool headline_like = could_be_headline(first) && first.find(" | ") == std::string::npos;
    if (article.title.empty() || first.starts_with(article.title)) {
      article.title.clear();
      if (headline_like) {
        article.title = first;
        article.paragraphs.erase(article.paragraphs.begin());
      }
    }
  }
  article.dek = properties.subject;
  if (!properties.author.empty() && !is_account_name(properties.author)) {
    article.authors.push_back(properties.author);
  }
  article.tags = split_list(properties.keywords, ",;");
  std::string bad_date;
  if (!properties.created.empty()) {
    article.published = parse_date(properties.created);
    if (!article.published) bad_date = properties.created;
  }
  finish_article(std::move(article), bad_date, name, "doc", limits, sink);
}

}  // namespace dateline::readers
