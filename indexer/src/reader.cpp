#include "dateline/indexer/reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <memory>
#include <streambuf>
#include <vector>

#include "dateline/common/text.h"
#include "readers/readers.h"

namespace dateline {

namespace {
struct FormatName {
  InputFormat format;
  std::string_view name;
};
constexpr std::array<FormatName, 26> format_table{{
    {InputFormat::automatic, "auto"},
    {InputFormat::jsonl, "jsonl"},
    {InputFormat::json, "json"},
    {InputFormat::text, "text"},
    {InputFormat::html, "html"},
    {InputFormat::reuters, "reuters"},
    {InputFormat::rfc822, "rfc822"},
    {InputFormat::mbox, "mbox"},
    {InputFormat::warc, "warc"},
    {InputFormat::time, "time"},
    {InputFormat::csv, "csv"},
    {InputFormat::feed, "feed"},
    {InputFormat::nitf, "nitf"},
    {InputFormat::alto, "alto"},
    {InputFormat::newsml, "newsml"},
    {InputFormat::office, "office"},
    {InputFormat::pdf, "pdf"},
    {InputFormat::rtf, "rtf"},
    {InputFormat::trec, "trec"},
    {InputFormat::rcv1, "rcv1"},
    {InputFormat::doc, "doc"},
    {InputFormat::mhtml, "mhtml"},
    {InputFormat::lexisnexis, "lexisnexis"},
    {InputFormat::factiva, "factiva"},
    {InputFormat::proquest, "proquest"},
    {InputFormat::spreadsheet, "spreadsheet"},
}};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  }
  return out;
}

bool contains_ci(std::string_view haystack, std::string_view needle) {
  return lower(haystack).find(needle) != std::string::npos;
}

// Strip compression extensions: "a.jsonl.gz" -> "a.jsonl".
std::string base_name_without_compression(std::string_view name) {
  std::string out = lower(name);
  for (std::string_view ext : {".gz", ".bz2", ".xz", ".zst", ".z", ".tgz"}) {
    if (out.ends_with(ext)) {
      out.resize(out.size() - ext.size());
      if (ext == ".tgz") out += ".tar";
      break;
    }
  }
  return out;
}

// The charset of text that is not UTF-8 and declares none (a Russian
// export in windows-1251, a Japanese one in Shift_JIS), guessed by ICU from
// the head; "" when the head is UTF-8 with at most a few stray bytes (which
// the repair reads as Windows-1252, as a Latin-1 "£" is), or ICU is unsure.
std::string guess_legacy_charset(std::string_view head) {
  std::size_t invalid = 0;
  repair_utf8(head, &invalid);
  if (invalid * 10 < head.size()) return "";
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status),
                                                                      ucsdet_close);
  ucsdet_setText(detector.get(), head.data(), static_cast<int32_t>(head.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || match == nullptr) return "";
  const int32_t confidence = ucsdet_getConfidence(match, &status);
  std::string name = lower(ucsdet_getName(match, &status));
  if (U_FAILURE(status) || confidence < 30 || name.starts_with("utf-") || name == "iso-8859-1" ||
      name == "windows-1252") {
    return "";
  }
  return name;
}

// Binary data (compressed, images, executables) is dense in NUL and other
// control bytes (random bytes: one in eight) and in bytes that are no UTF-8.
// Text may hold a few controls: a stray NUL in a damaged export, a
// signature drawn with ^B (20 Newsgroups' sci.crypt/16017, 7% of its
// bytes); and text in a legacy charset (windows-1251, koi8-r, Shift_JIS) is
// mostly bytes that are no UTF-8, but holds no controls, and some ASCII
// (line breaks, digits, markup; high bytes alone are noise). The readers
// repair or decode both.
bool looks_binary(std::string_view head) {
  std::size_t control = 0;
  std::size_t ascii = 0;  // printable or white space
  for (char ch : head) {
    auto byte = static_cast<unsigned char>(ch);
    if (byte < 0x20 && ch != '\n' && ch != '\r' && ch != '\t' && ch != '\f' && ch != '\x1b') {
      ++control;
    } else if (byte < 0x7f) {
      ++ascii;
    }
  }
  if (control > head.size() / 4 + 2) return true;
  std::size_t nul_or_not_utf8 = 0;  // a sequence cut at the head's end counts too
  repair_utf8(head, &nul_or_not_utf8);
  return nul_or_not_utf8 > head.size() / 10 + 2 &&
         (control > head.size() / 50 + 2 || ascii * 100 < head.size());
}

// A JSON object written over several lines ("{" alone on the first, as
// pretty-printers write it) is one JSON document, not JSON Lines: read line
// by line, each of its lines would be reported as malformed. A first line
// longer than the head is taken for a JSON line.
bool is_multiline_json_object(std::string_view trimmed) {
  if (!trimmed.starts_with("{")) return false;
  std::size_t newline = trimmed.find('\n');
  if (newline == std::string_view::npos) return false;
  return !trim(trimmed.substr(0, newline)).ends_with("}");
}

// The name of an XML document's root element, lower case with its prefix
// ("rss", "rdf:rdf", "nar:newsitem"), past the XML declaration, comments,
// processing instructions and a DOCTYPE; "" when `trimmed` does not begin
// as XML does.
std::string xml_root(std::string_view trimmed) {
  std::string_view rest = trimmed.substr(0, 4096);
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
  for (;;) {
    rest = trim(rest);
    if (!rest.starts_with("<")) return "";
    std::string_view close = ">";  // what ends the part passed over
    if (rest.starts_with("<?")) {
      close = "?>";
    } else if (rest.starts_with("<!--")) {
      close = "-->";
    } else if (rest.starts_with("<!")) {  // DOCTYPE, its internal subset too
      const std::size_t subset = rest.find('[');
      if (subset < rest.find('>')) close = "]>";
    } else {
      std::size_t name_end = 1;
      while (name_end < rest.size() && rest[name_end] != '>' && rest[name_end] != '/' &&
             std::isspace(static_cast<unsigned char>(rest[name_end])) == 0) {
        ++name_end;
      }
      return lower(rest.substr(1, name_end - 1));
    }
    const std::size_t end = rest.find(close);
    if (end == std::string_view::npos) return "";
    rest.remove_prefix(end + close.size());
  }
}

// The root's name without its prefix ("newsitem" of "nar:newsitem").
std::string_view local_name(std::string_view qualified) {
  const std::size_t colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

// An RSS or Atom feed: XML whose root is <rss>, Atom's <feed> or RSS 1.0's
// <rdf:RDF>, whatever the file is called (feeds are often saved as .xml).
bool is_feed(std::string_view root, std::string_view trimmed) {
  if (local_name(root) == "rss") return true;
  const std::string head = lower(trimmed.substr(0, 2048));
  return (local_name(root) == "feed" && head.find("www.w3.org/2005/atom") != std::string::npos) ||
         (root == "rdf:rdf" && head.find("purl.org/rss/1.0") != std::string::npos);
}

// NewsML-G2's item and message roots, and NewsML 1's (packages and concepts are reported
// by its reader as holding no story).
bool is_newsml(std::string_view root) {
  for (std::string_view name : {"newsmessage", "newsitem", "packageitem", "conceptitem",
                                "knowledgeitem", "planningitem", "newsml"}) {
    if (local_name(root) == name) return true;
  }
  return false;
}

// Whether `head` is a zip whose first entry is called `entry` (the name
// follows the local header's 30 bytes). Office's first part is
// "[Content_Types].xml", ODF's "mimetype".
bool zip_starts_with_entry(std::string_view head, std::string_view entry) {
  return head.starts_with("PK\x03\x04") && head.size() >= 30 + entry.size() &&
         head.substr(30, entry.size()) == entry;
}

// Whether `head` is a zip that opens as Office's packages do: with
// "[Content_Types].xml" (Word, Excel) or "_rels/.rels" (LibreOffice).
bool starts_ooxml_package(std::string_view head) {
  return zip_starts_with_entry(head, "[Content_Types].xml") ||
         zip_starts_with_entry(head, "_rels/.rels");
}

// Whether `text` opens with a TREC <DOC> record ("<DOC>", "<DOC id=...>",
// in either case; not "<DOCNO>" or "<!DOCTYPE").
bool is_doc_record(std::string_view text) {
  if (text.size() < 5 || !contains_ci(text.substr(0, 4), "<doc")) return false;
  const char after = text[4];
  return after == '>' || after == ' ' || after == '\t' || after == '\n' || after == '\r';
}

bool has_rfc822_headers(std::string_view head) {
  std::size_t found = 0;
  for (std::string_view key : {"\nfrom:", "\nsubject:", "\nnewsgroups:", "\ndate:", "\npath:",
                               "\nmessage-id:", "\nxref:"}) {
    if (contains_ci("\n" + std::string(head.substr(0, 2048)), key)) ++found;
  }
  return found >= 2;
}
// A web page a browser saved whole: a MIME header block whose Content-Type
// is multipart/related, with Chrome's Snapshot-Content-Location or the
// browser named in From ("<Saved by Blink>", "<Saved by Windows Internet
// Explorer 8>"). Word's and most browsers' files are named .mht or .mhtml.
bool is_mhtml(std::string_view head) {
  head = head.substr(0, 4096);
  for (std::string_view blank : {"\n\n", "\r\n\r\n"}) {  // the header block ends
    head = head.substr(0, head.find(blank));
  }
  const std::string header = lower(head);
  return header.find("multipart/related") != std::string::npos &&
         (header.find("snapshot-content-location:") != std::string::npos ||
          header.find("<saved by ") != std::string::npos);
}

enum class Utf16 { none, little_endian, big_endian };

// Text saved as "Unicode" on Windows (Notepad, Excel's "Unicode text",
// many exports) is UTF-16 with a byte order mark. Without the mark, text in
// a Latin script still shows it: a NUL in every other byte.
Utf16 sniff_utf16(std::string_view head) {
  if (head.starts_with("\xff\xfe") && !head.starts_with(std::string_view("\xff\xfe\0\0", 4))) {
    return Utf16::little_endian;
  }
  if (head.starts_with("\xfe\xff")) return Utf16::big_endian;
  const std::size_t pairs = std::min<std::size_t>(head.size(), 4096) / 2;
  if (pairs < 16) return Utf16::none;
  std::size_t even_nul = 0;
  std::size_t odd_nul = 0;
  for (std::size_t k = 0; k < pairs; ++k) {
    even_nul += head[2 * k] == '\0' ? 1 : 0;
    odd_nul += head[2 * k + 1] == '\0' ? 1 : 0;
  }
  if (odd_nul * 10 >= pairs * 7 && even_nul * 20 <= pairs) return Utf16::little_endian;
  if (even_nul * 10 >= pairs * 7 && odd_nul * 20 <= pairs) return Utf16::big_endian;
  return Utf16::none;
}

// Reads one plain (not compressed) input: UTF-16, and text in an undeclared
// legacy charset, are read as their UTF-8; the format is `format`, or
// detected from `detect_name` and the head. HTML that declares its charset
// is left to the HTML reader, which reads the declaration.
void read_plain(std::istream& in, std::string_view head, const std::string& name,
                std::string_view detect_name, InputFormat format, const ReaderLimits& limits,
                ArticleSink& sink) {
  const Utf16 utf16 = sniff_utf16(head);
  std::string charset;
  std::size_t mark = 0;
  if (utf16 != Utf16::none) {
    charset = utf16 == Utf16::big_endian ? "utf-16be" : "utf-16le";
    mark = head.starts_with("\xff\xfe") || head.starts_with("\xfe\xff") ? 2 : 0;
  } else {
    const InputFormat plain_format =
        format == InputFormat::automatic ? detect_format(detect_name, head) : format;
    // Binary formats have no charset to guess.
    if (plain_format != InputFormat::automatic && plain_format != InputFormat::office &&
        plain_format != InputFormat::spreadsheet && plain_format != InputFormat::pdf &&
        plain_format != InputFormat::doc &&
        (plain_format != InputFormat::html || readers::declared_html_charset(head).empty())) {
      charset = guess_legacy_charset(head);
    }
    if (charset.empty()) {
      read_stream(in, name, plain_format, limits, sink);
      return;
    }
  }
  readers::CharsetDecoder decoder(in.rdbuf(), charset, mark);
  std::istream decoded(&decoder);
  const std::string_view decoded_head = decoder.peek_head();
  read_stream(decoded, name,
              format == InputFormat::automatic ? detect_format(detect_name, decoded_head) : format,
              limits, sink);
}
}  // namespace

std::string_view format_name(InputFormat format) noexcept {
  for (const auto& entry : format_table) {
    if (entry.format == format) return entry.name;
  }
  return "auto";
}

std::vector<std::string_view> format_names() {
  std::vector<std::string_view> names;
  for (const auto& entry : format_table) names.push_back(entry.name);
  return names;
}

std::optional<InputFormat> format_from_name(std::string_view name) noexcept {
  for (const auto& entry : format_table) {
    if (entry.name == name) return entry.format;
  }
  if (name == "ndjson") return InputFormat::jsonl;
  if (name == "sgml") return InputFormat::reuters;
  if (name == "email" || name == "usenet") return InputFormat::rfc822;
  if (name == "tsv") return InputFormat::csv;
  if (name == "rss" || name == "atom") return InputFormat::feed;
  if (name == "newsml-g2" || name == "g2") return InputFormat::newsml;
  if (name == "docx" || name == "odt") return InputFormat::office;
  if (name == "xlsx" || name == "ods" || name == "excel") return InputFormat::spreadsheet;
  if (name == "mht") return InputFormat::mhtml;
  if (name == "arc") return InputFormat::warc;
  return std::nullopt;
}

InputFormat detect_format(std::string_view name, std::string_view head) noexcept {
  try {
    std::string base = base_name_without_compression(name);
    std::string_view trimmed = trim(head);
    // WARC, and ARC before it (a file opens with its filedesc:// record).
    if (head.starts_with("WARC/") || head.starts_with("filedesc://")) return InputFormat::warc;
    if (head.starts_with("*TEXT ")) return InputFormat::time;
    if (base.ends_with(".rtf") || trimmed.starts_with("{\\rtf")) return InputFormat::rtf;
    if (base.ends_with(".pdf") || head.starts_with("%PDF-")) {
      return InputFormat::pdf;
    }
    // OLE2, the container of Office's binary formats before 2007: the Word
    // reader reads a Word document and names any other. A ".doc" that is
    // text is what Word also saved under that name (a web page, RTF).
    // Word for Windows 1 and 2 ("\xDB\xA5") are no OLE2: the reader says
    // what they are. Before the names: a password-protected .docx or .xlsx
    // is an OLE2 file, which the Word reader names.
    if (head.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) ||
        head.starts_with("\xDB\xA5")) {
      return InputFormat::doc;
    }
    // Zips of XML parts: Excel's and OpenDocument's spreadsheets, Word's
    // and OpenDocument's text documents.
    if (base.ends_with(".xlsx") || base.ends_with(".xlsm") || base.ends_with(".xlsb") ||
        base.ends_with(".ods") ||
        (starts_ooxml_package(head) && !base.ends_with(".docx") &&
         head.substr(0, 4096).find("xl/") != std::string_view::npos) ||
        (zip_starts_with_entry(head, "mimetype") &&
         head.substr(0, 256).find("application/vnd.oasis.opendocument.spreadsheet") !=
             std::string_view::npos)) {
      return InputFormat::spreadsheet;
    }
    if (base.ends_with(".docx") || base.ends_with(".odt") ||
        (starts_ooxml_package(head) &&
         head.substr(0, 4096).find("word/") != std::string_view::npos) ||
        (zip_starts_with_entry(head, "mimetype") &&
         head.substr(0, 256).find("application/vnd.oasis.opendocument.text") !=
             std::string_view::npos)) {
      return InputFormat::office;
    }
    if (looks_binary(head)) {
      return base.ends_with(".doc") ? InputFormat::doc : InputFormat::automatic;
    }
    if (base.ends_with(".jsonl") || base.ends_with(".ndjson")) return InputFormat::jsonl;
    if (base.ends_with(".json")) {
      return trimmed.starts_with("[") || is_multiline_json_object(trimmed) ? InputFormat::json
                                                                           : InputFormat::jsonl;
    }
    // By name only: a first line of words and commas is no sign of CSV.
    if (base.ends_with(".csv") || base.ends_with(".tsv")) return InputFormat::csv;
    // TREC's collections: a file of <DOC> records, of any name (ap880212,
    // afp_eng_199405.gz, a .sgml one).
    if (is_doc_record(trimmed)) return InputFormat::trec;
    if (base.ends_with(".sgm") || base.ends_with(".sgml") || contains_ci(head, "<reuters")) {
      return InputFormat::reuters;
    }
    if (base.ends_with(".warc") || base.ends_with(".arc")) return InputFormat::warc;
    // Before HTML: the saved page may open within the head.
    if (base.ends_with(".mhtml") || base.ends_with(".mht") || is_mhtml(head)) {
      return InputFormat::mhtml;
    }
    // XML news formats, by their root element.
    const std::string root = xml_root(trimmed);
    // The Reuters Corpus's <newsitem itemid=...>, outside IPTC's namespace.
    if (root == "newsitem" && trimmed.substr(0, 4096).find("itemid=") != std::string_view::npos &&
        trimmed.substr(0, 4096).find("iptc.org") == std::string_view::npos) {
      return InputFormat::rcv1;
    }
    if (base.ends_with(".newsml") || is_newsml(root)) return InputFormat::newsml;
    // Factiva's exports: a PPS response.
    if (local_name(root) == "ppsresponse" || local_name(root) == "ppsarticleresponse") {
      return InputFormat::factiva;
    }
    if (base.ends_with(".nitf") || local_name(root) == "nitf") return InputFormat::nitf;
    // A scanned page's OCR, and the METS file that describes its issue.
    if (local_name(root) == "alto" || local_name(root) == "mets") return InputFormat::alto;
    if (base.ends_with(".rss") || base.ends_with(".atom") || is_feed(root, trimmed)) {
      return InputFormat::feed;
    }
    if (base.ends_with(".html") || base.ends_with(".htm") ||
        contains_ci(trimmed.substr(0, 512), "<!doctype html") ||
        contains_ci(trimmed.substr(0, 512), "<html")) {
      return InputFormat::html;
    }
    // A LexisNexis or ProQuest export in text, of any name (".TXT").
    if (readers::opens_lexisnexis_export(head)) return InputFormat::lexisnexis;
    if (readers::opens_proquest_export(head)) return InputFormat::proquest;
    if (base.ends_with(".mbox") || (head.starts_with("From ") && has_rfc822_headers(head))) {
      return InputFormat::mbox;
    }
    if (base.ends_with(".eml") || has_rfc822_headers(head)) return InputFormat::rfc822;
    if (trimmed.starts_with("{")) {
      return is_multiline_json_object(trimmed) ? InputFormat::json : InputFormat::jsonl;
    }
    if (trimmed.starts_with("[")) return InputFormat::json;
    if (base.ends_with(".txt") || base.ends_with(".text") || !head.empty())
      return InputFormat::text;
  } catch (...) {
  }
  return InputFormat::automatic;
}

void read_stream(std::istream& in, const std::string& name, InputFormat format,
                 const ReaderLimits& limits, ArticleSink& sink) {
  switch (format) {
    case InputFormat::jsonl:
      readers::read_jsonl(in, name, limits, sink);
      return;
    case InputFormat::json:
      readers::read_json_array(in, name, limits, sink);
      return;
    case InputFormat::text:
      readers::read_text(in, name, limits, sink);
      return;
    case InputFormat::html:
      readers::read_html(in, name, limits, sink);
      return;
    case InputFormat::reuters:
      readers::read_reuters(in, name, limits, sink);
      return;
    case InputFormat::rfc822:
      readers::read_rfc822(in, name, limits, sink);
      return;
    case InputFormat::mbox:
      readers::read_mbox(in, name, limits, sink);
      return;
    case InputFormat::warc:
      readers::read_warc(in, name, limits, sink);
      return;
    case InputFormat::mhtml:
      readers::read_mhtml(in, name, limits, sink);
      return;
    case InputFormat::lexisnexis:
      readers::read_lexisnexis(in, name, limits, sink);
      return;
    case InputFormat::factiva:
      readers::read_factiva(in, name, limits, sink);
      return;
    case InputFormat::proquest:
      readers::read_proquest(in, name, limits, sink);
      return;
    case InputFormat::time:
      readers::read_time(in, name, limits, sink);
      return;
    case InputFormat::nitf:
      readers::read_nitf(in, name, limits, sink);
      return;
    case InputFormat::newsml:
      readers::read_newsml(in, name, limits, sink);
      return;
    case InputFormat::alto:
      readers::read_alto(in, name, limits, sink);
      return;
    case InputFormat::office:
      readers::read_office(in, name, limits, sink);
      return;
    case InputFormat::spreadsheet:
      readers::read_spreadsheet(in, name, limits, sink);
      return;
    case InputFormat::pdf:
      readers::read_pdf(in, name, limits, sink);
      return;
    case InputFormat::rtf:
      readers::read_rtf(in, name, limits, sink);
      return;
    case InputFormat::trec:
      readers::read_trec(in, name, limits, sink);
      return;
    case InputFormat::rcv1:
      readers::read_rcv1(in, name, limits, sink);
      return;
    case InputFormat::doc:
      readers::read_doc(in, name, limits, sink);
      return;
    case InputFormat::feed:
      readers::read_feed(in, name, limits, sink);
      return;
    case InputFormat::csv:
      readers::read_csv(in, name, base_name_without_compression(name).ends_with(".tsv"), limits,
                        sink);
      return;
    case InputFormat::automatic:
      sink.skip(Skip{name, "unknown-format", "not a format Dateline reads (binary file?)"});
      return;
  }
}

namespace {

// libarchive's message for the last error, which may be null (found by
// fuzzing read_path: a std::string built from it threw and stopped the run).
std::string archive_message(archive* reader, const char* fallback) {
  const char* message = archive_error_string(reader);
  if (message == nullptr) return fallback;
  // Some of its messages run over lines, or quote the archive's bytes.
  return readers::message_excerpt(message, std::string_view(message).size());
}

// A std::streambuf over the current entry of a libarchive reader.
class ArchiveEntryBuffer : public std::streambuf {
 public:
  explicit ArchiveEntryBuffer(archive* reader) : m_reader(reader) {}
  // The first bytes of the entry, without consuming them.
  std::string_view peek_head() {
    if (gptr() == egptr()) underflow();
    return std::string_view(gptr(), static_cast<std::size_t>(egptr() - gptr()));
  }
  bool failed() const { return m_failed; }
  const std::string& error() const { return m_error; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (m_eof) return traits_type::eof();
    la_ssize_t got = archive_read_data(m_reader, m_buffer.data(), m_buffer.size());
    if (got < 0) {
      m_failed = true;
      m_error = archive_message(m_reader, "read error");
      m_eof = true;
      return traits_type::eof();
    }
    if (got == 0) {
      m_eof = true;
      return traits_type::eof();
    }
    setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + got);
    return traits_type::to_int_type(*gptr());
  }

 private:
  archive* m_reader;
  std::vector<char> m_buffer = std::vector<char>(1 << 16);
  bool m_eof = false;
  bool m_failed = false;
  std::string m_error;
};

enum class Container { plain, compressed, tar, zip, sevenzip };

// Office documents and e-books are zip files of XML parts, not archives of
// articles: read as one, each part would become a garbage article. They
// stay single files: Word and OpenDocument text documents are read as
// articles, spreadsheets as tables of articles, the others are not read.
// Known by their name, or by the part a zip holds first: Office's
// "[Content_Types].xml" (LibreOffice's "_rels/.rels"), ODF's "mimetype".
bool is_zipped_document(std::string_view name, std::string_view head) {
  std::string lowered = lower(name);
  for (std::string_view ext :
       {".docx", ".xlsx", ".xlsm", ".xlsb", ".pptx", ".odt", ".ods", ".odp", ".epub"}) {
    if (lowered.ends_with(ext)) return true;
  }
  return starts_ooxml_package(head) || zip_starts_with_entry(head, "mimetype");
}

Container sniff_container(std::string_view name, std::string_view head) {
  auto starts = [&](std::string_view magic) { return head.starts_with(magic); };
  // gzip, Unix compress (.Z: the TREC discs' files), bzip2, xz, zstd.
  if (starts("\x1f\x8b") || starts("\x1f\x9d") || starts("BZh") ||
      starts(std::string_view("\xfd"
                              "7zXZ\0",
                              6)) ||
      starts("\x28\xb5\x2f\xfd")) {
    return Container::compressed;
  }
  if (head.size() > 262 && head.substr(257, 5) == "ustar") return Container::tar;
  if (starts("PK\x03\x04") || starts("PK\x05\x06")) {
    return is_zipped_document(name, head) ? Container::plain : Container::zip;
  }
  if (starts("7z\xbc\xaf\x27\x1c")) return Container::sevenzip;
  return Container::plain;
}

// Entries an archive carries beside its files, as a directory walk passes
// over dot-files: macOS's resource forks ("__MACOSX/._a.jsonl") in zips
// made on a Mac, and hidden files ("./.DS_Store", "a/.git/...").
bool is_hidden_entry(std::string_view path) {
  while (!path.empty()) {
    std::size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    if (part == "__MACOSX" || (part.starts_with('.') && part != "." && part != "..")) return true;
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return false;
}

// Standard input's name in reports ("stdin:12: malformed JSON").
constexpr const char* stdin_name = "stdin";

// Archives inside archives are read too (a tar of daily .jsonl.gz files,
// a zip of .tar.gz exports), down to this depth; deeper is reported.
constexpr int max_archive_depth = 4;

// Feeds libarchive from a stream: the entry of an enclosing archive.
struct StreamSource {
  std::streambuf* buffer;
  std::vector<char> block = std::vector<char>(1 << 16);
};

la_ssize_t read_stream_source(archive* /*reader*/, void* data, const void** out) {
  auto* source = static_cast<StreamSource*>(data);
  *out = source->block.data();
  return static_cast<la_ssize_t>(source->buffer->sgetn(
      source->block.data(), static_cast<std::streamsize>(source->block.size())));
}

// Where an archive's bytes come from: a file, standard input ("-"), or
// the entry of an enclosing archive being read.
struct ArchiveInput {
  const std::filesystem::path* path = nullptr;
  std::streambuf* entry = nullptr;
};

void read_archive(const ArchiveInput& input, const std::string& name, InputFormat format,
                  const ReaderLimits& limits, ArticleSink& sink, int depth) {
  std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(),
                                                                archive_read_free);
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_tar(reader.get());
  archive_read_support_format_gnutar(reader.get());
  archive_read_support_format_zip(reader.get());
  archive_read_support_format_7zip(reader.get());
  archive_read_support_format_raw(reader.get());
  archive_read_support_format_empty(reader.get());
  const bool from_stdin = input.path != nullptr && *input.path == "-";
  StreamSource source{input.entry};
  // Small blocks: a truncated file still yields the records before the cut.
  int opened = ARCHIVE_FATAL;
  if (input.entry != nullptr) {
    opened = archive_read_open(reader.get(), &source, nullptr, read_stream_source, nullptr);
  } else if (from_stdin) {
    opened = archive_read_open_fd(reader.get(), 0, 4096);
  } else {
    opened = archive_read_open_filename(reader.get(), input.path->c_str(), 4096);
  }
  auto unreadable = [&](const char* what) {
    sink.skip(Skip{name, "corrupt-archive", archive_message(reader.get(), what)});
  };
  if (opened != ARCHIVE_OK) {
    unreadable("cannot open");
    return;
  }
  archive_entry* entry = nullptr;
  for (;;) {
    int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) {
      // A compressed file of no bytes ("empty.gz"), or no input at all.
      if (archive_format(reader.get()) == ARCHIVE_FORMAT_EMPTY) {
        sink.skip(Skip{name, "no-text", from_stdin ? "empty input" : "empty once decompressed"});
      }
      break;
    }
    if (status < ARCHIVE_WARN) {
      unreadable("unreadable entry");
      return;
    }
    bool raw = archive_format(reader.get()) == ARCHIVE_FORMAT_RAW;
    if (!raw && archive_entry_filetype(entry) != AE_IFREG) continue;
    const char* pathname = raw ? nullptr : archive_entry_pathname(entry);
    std::string_view entry_path = pathname != nullptr ? pathname : "";
    if (!raw &&
        (is_hidden_entry(entry_path) ||
         readers::is_collection_documentation(entry_path.substr(entry_path.rfind('/') + 1)))) {
      continue;
    }
    // An entry's name is the archive's bytes: shown as one clean line.
    std::string entry_name =
        raw ? name
            : name + ":" +
                  (entry_path.empty() ? "(unnamed)"
                                      : readers::message_excerpt(entry_path, entry_path.size()));
    // The raw format names its one entry "data": detect from the outer name.
    std::string detect_name = raw ? base_name_without_compression(name) : entry_name;
    ArchiveEntryBuffer buffer(reader.get());
    std::istream stream(&buffer);
    const std::string_view head = buffer.peek_head();
    if (buffer.failed()) {
      sink.skip(Skip{entry_name, "corrupt-archive", buffer.error()});
      return;
    }
    if (head.empty()) continue;
    if (const Container inner = sniff_container(detect_name, head); inner != Container::plain) {
      if (depth + 1 >= max_archive_depth) {
        sink.skip(Skip{entry_name, "nested-archive",
                       "an archive inside " + std::to_string(depth + 1) +
                           " others: unpack the outer ones first"});
        continue;
      }
      if (inner == Container::sevenzip) {  // its index is at its end: it needs seeking
        sink.skip(Skip{entry_name, "nested-archive",
                       "a 7z archive inside another cannot be read as a stream: unpack the outer "
                       "one first"});
        continue;
      }
      read_archive(ArchiveInput{nullptr, &buffer}, entry_name, format, limits, sink, depth + 1);
    } else {
      read_plain(stream, head, entry_name, detect_name, format, limits, sink);
    }
    if (buffer.failed()) {
      sink.skip(Skip{entry_name, "corrupt-archive", "truncated or corrupt: " + buffer.error()});
      return;
    }
  }
  if (from_stdin) {
    sink.input_done(name, static_cast<std::size_t>(archive_filter_bytes(reader.get(), -1)));
  }
}

void read_file(const std::filesystem::path& path, InputFormat format, const ReaderLimits& limits,
               ArticleSink& sink) {
  const std::string name = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    sink.skip(Skip{name, "unreadable", "cannot open file"});
    return;
  }
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (sniff_container(name, head) != Container::plain) {
    in.close();
    read_archive(ArchiveInput{&path}, name, format, limits, sink, 0);
    std::error_code ec;
    sink.input_done(name, static_cast<std::size_t>(std::filesystem::file_size(path, ec)));
    return;
  }
  in.clear();
  in.seekg(0);
  if (head.empty()) {
    sink.skip(Skip{name, "no-text", "empty file"});
    return;
  }
  read_plain(in, head, name, name, format, limits, sink);
  if (in.bad()) sink.skip(Skip{name, "unreadable", "read error"});
  std::error_code ec;
  sink.input_done(name, static_cast<std::size_t>(std::filesystem::file_size(path, ec)));
}

// Forwards to another sink, giving each article its folder's defaults from
// the corpus config.
class DefaultsSink : public ArticleSink {
 public:
  DefaultsSink(ArticleSink& sink, const FolderDefaults& defaults)
      : m_sink(sink), m_defaults(defaults) {}
  void article(Article&& article) override {
    if (article.source.empty()) article.source = m_defaults.source;
    if (article.language.empty()) article.language = m_defaults.language;
    for (const auto& tag : m_defaults.tags) {
      if (std::find(article.tags.begin(), article.tags.end(), tag) == article.tags.end()) {
        article.tags.push_back(tag);
      }
    }
    m_sink.article(std::move(article));
  }
  void skip(Skip&& skip) override { m_sink.skip(std::move(skip)); }
  void warning(Skip&& warning) override { m_sink.warning(std::move(warning)); }
  void passed_over(Skip&& record) override { m_sink.passed_over(std::move(record)); }
  void repaired(const std::string& origin, std::size_t bytes) override {
    m_sink.repaired(origin, bytes);
  }
  void input_done(const std::string& name, std::size_t bytes) override {
    m_sink.input_done(name, bytes);
  }
  bool reads(const std::filesystem::path& file) override { return m_sink.reads(file); }

 private:
  ArticleSink& m_sink;
  const FolderDefaults& m_defaults;
};

}  // namespace

void read_path(const std::filesystem::path& path, InputFormat format, const ReaderLimits& limits,
               ArticleSink& sink) {
  read_path(path, format, limits, sink, nullptr);
}

void read_path(const std::filesystem::path& path, InputFormat format, const ReaderLimits& limits,
               ArticleSink& sink, const CorpusConfig* config) {
  if (path == "-") {
    read_archive(ArchiveInput{&path}, stdin_name, format, limits, sink, 0);
    return;
  }
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    sink.skip(Skip{path.string(), "unreadable", "no such file or directory"});
    return;
  }
  if (std::filesystem::is_directory(status)) {
    std::vector<std::filesystem::path> files;
    // An entry whose status cannot be read (a symbolic link in a loop, or
    // to nothing) is reported and passed over; a listing that fails part
    // way is reported too, so that no file is left out unsaid.
    std::filesystem::path last = path;
    auto it = std::filesystem::recursive_directory_iterator(
        path, std::filesystem::directory_options::skip_permission_denied, ec);
    for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      last = it->path();
      const auto name = it->path().filename().string();
      std::error_code entry;
      const bool directory = it->is_directory(entry);
      if (!name.empty() && name[0] == '.') {
        if (directory) it.disable_recursion_pending();
        continue;
      }
      if (entry) {
        sink.skip(Skip{it->path().string(), "unreadable", entry.message()});
        continue;
      }
      // A folder holding a .dateline-skip marker is not part of the corpus
      // (corpus/broken/ keeps hostile test inputs there).
      if (directory && std::filesystem::exists(it->path() / ".dateline-skip", entry)) {
        it.disable_recursion_pending();
        continue;
      }
      if (readers::is_collection_documentation(name)) continue;
      if (it->is_regular_file(entry) && sink.reads(it->path())) files.push_back(it->path());
    }
    if (ec) {
      sink.skip(Skip{last.string(), "unreadable",
                     "listing " + path.string() + " stopped here: " + ec.message()});
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      const auto defaults = config != nullptr ? config->defaults_for(file) : std::nullopt;
      if (!defaults) {
        read_file(file, format, limits, sink);
        continue;
      }
      DefaultsSink with_defaults(sink, *defaults);
      read_file(file,
                format == InputFormat::automatic && defaults->format ? *defaults->format : format,
                limits, with_defaults);
    }
    return;
  }
  read_file(path, format, limits, sink);
}

}  // namespace dateline
