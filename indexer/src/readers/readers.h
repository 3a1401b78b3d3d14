#pragma once
// Internal: one function per input format. Each reads records from `in`,
// gives well-formed Articles to the sink (text repaired to valid UTF-8, id and
// format set) and reports the rest as Skips.

#include <unicode/ucnv.h>

#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dateline/indexer/reader.h"

struct _xmlNode;  // libxml2's xmlNode

namespace dateline::readers {

void read_jsonl(std::istream& in, const std::string& name, const ReaderLimits& limits,
                ArticleSink& sink);
void read_json_array(std::istream& in, const std::string& name, const ReaderLimits& limits,
                     ArticleSink& sink);
void read_text(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink);
/// One HTML page per input (html_reader.cpp).
void read_html(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink);
/// Reuters-21578 SGML: one Article per <REUTERS> record (reuters_reader.cpp).
void read_reuters(std::istream& in, const std::string& name, const ReaderLimits& limits,
                  ArticleSink& sink);
/// One RFC 822 message (e-mail or Usenet post) per input (rfc822_reader.cpp).
void read_rfc822(std::istream& in, const std::string& name, const ReaderLimits& limits,
                 ArticleSink& sink);
/// An mbox file: messages separated by "From " lines (rfc822_reader.cpp).
void read_mbox(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink);
/// MHTML: a web page saved whole (.mhtml, .mht), its page read as an HTML
/// page is (mhtml_reader.cpp).
void read_mhtml(std::istream& in, const std::string& name, const ReaderLimits& limits,
                ArticleSink& sink);
/// WARC/1.0 and 1.1: every HTML response record is an article (warc_reader.cpp).
void read_warc(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink);

/// CSV or TSV with a header row naming the columns, one article per row, the
/// cells mapped to fields by their column's name as JSON members are
/// (article_json.h) (csv_reader.cpp). `tab_separated`: a .tsv file, whose
/// cells are separated by tabs; otherwise the separator is the one of , ; tab
/// | that the header line holds most of.
void read_csv(std::istream& in, const std::string& name, bool tab_separated,
              const ReaderLimits& limits, ArticleSink& sink);

/// The columns of a table of articles (a CSV file, a spreadsheet's sheet),
/// named by its header row with the field names and aliases of JSON
/// (article_json.h), case ignored.
class ArticleTable {
 public:
  /// Reads the header row. False when it names no body column, nor a
  /// title column beside a URL or date one (aliases included; a dek
  /// column, "description", or a "Title" alone is no sign of articles):
  /// no row can be read by it.
  bool take_header(const std::vector<std::string>& cells);
  /// How many columns the header has: cells past them are no field.
  std::size_t columns() const { return m_fields.size(); }
  /// The article of one row (cells in column order, missing ones empty),
  /// given to `sink` as `format`, or skipped with the reason; `cells` are
  /// repaired to valid UTF-8 in place.
  void take_row(std::vector<std::string>& cells, const std::string& origin, std::string_view format,
                const ReaderLimits& limits, ArticleSink& sink) const;
  /// The "no-header" detail for a first row that names no text column.
  static std::string no_header_detail(std::string_view row, const std::vector<std::string>& cells);

 private:
  std::vector<std::string_view> m_fields;  ///< each column's field name; empty: no field
};

/// An Excel workbook (.xlsx, .xlsm) or OpenDocument spreadsheet (.ods):
/// each sheet whose first row names article fields, as a CSV file's header
/// does, gives an article a row (sheet_reader.cpp).
void read_spreadsheet(std::istream& in, const std::string& name, const ReaderLimits& limits,
                      ArticleSink& sink);

/// An Excel 97-2003 workbook: the OLE2 file's "Workbook" stream of BIFF8
/// records, each sheet read as read_spreadsheet() reads one (sheet_reader.cpp;
/// the Word reader, which opens OLE2 files, hands it over).
void read_xls(std::string_view workbook, const std::string& name, const ReaderLimits& limits,
              ArticleSink& sink);

/// What a container (a WARC record) knows about a page when the page itself
/// does not say.
struct PageFallbacks {
  std::string url;                    ///< used when the page has no canonical URL
  std::optional<DateTime> published;  ///< used when the page has no date
  std::string charset;                ///< the HTTP Content-Type's charset; before the page's own
};

/// The article of an HTML page in UTF-8 (no origin, not finished): its
/// headline, byline, date, URL, language and main text; an unparsable date
/// the page gives is put in `bad_date`. The HTML part of an e-mail is read so.
Article article_from_html(std::string html, std::string& bad_date);

/// The HTML reader's core, shared with the WARC reader: take `html` to
/// UTF-8 (as it is when it is valid UTF-8, else from the charset the
/// container or the page declares, else repaired as Windows-1252), parse
/// it, extract the article and finish it under `origin`.
void read_html_document(std::string_view html, const std::string& origin, std::string_view format,
                        const PageFallbacks& fallbacks, const ReaderLimits& limits,
                        ArticleSink& sink);
/// RSS and Atom feeds: one article per <item> or <entry>, origin its line;
/// see feed_reader.cpp for the field mapping.
void read_feed(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink);

/// NITF documents (news agencies' XML, the New York Times Annotated
/// Corpus): one story per document; see nitf_reader.cpp for the mapping.
void read_nitf(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink);
/// What the <nitf> element `nitf` says, put in the fields of `article` that
/// are still empty (NewsML-G2 carries NITF inside its items); tags,
/// entities and paragraphs are added. An unparsable date is put in
/// `bad_date`.
void nitf_article(const _xmlNode* nitf, Article& article, std::string& bad_date);

/// ALTO (a scanned page's OCR, as libraries keep digitised newspapers):
/// one untitled article per page; a METS file is passed over. See
/// alto_reader.cpp for the mapping.
void read_alto(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink);

/// NewsML-G2 (IPTC), as agencies deliver news: every text newsItem of a
/// newsMessage, or the one newsItem a file holds, is an article; see
/// newsml_reader.cpp for the mapping.
void read_newsml(std::istream& in, const std::string& name, const ReaderLimits& limits,
                 ArticleSink& sink);

/// A NewsML 1 document (`root` its <NewsML>): every NewsItem is an
/// article; see newsml1_reader.cpp. read_newsml() hands such files on.
void read_newsml1(const _xmlNode* root, const std::string& name, const ReaderLimits& limits,
                  ArticleSink& sink);

/// A Word (.docx) or OpenDocument (.odt) text document, one article; see
/// office_reader.cpp for the mapping.
void read_office(std::istream& in, const std::string& name, const ReaderLimits& limits,
                 ArticleSink& sink);

/// A Word 97-2003 document (.doc), one article; see doc_reader.cpp.
void read_doc(std::istream& in, const std::string& name, const ReaderLimits& limits,
              ArticleSink& sink);

/// A PDF document, one article; see pdf_reader.cpp for the mapping.
void read_pdf(std::istream& in, const std::string& name, const ReaderLimits& limits,
              ArticleSink& sink);

/// An RTF document, one article; see rtf_reader.cpp for the mapping.
void read_rtf(std::istream& in, const std::string& name, const ReaderLimits& limits,
              ArticleSink& sink);

/// The TIME test collection (TIME.ALL): articles keyed by their "*TEXT nnn"
/// number, dated by issue; see time_reader.cpp for how text is shaped.
void read_time(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink);

/// The Reuters Corpus (RCV1, RCV2): one <newsitem> per file; see
/// rcv1_reader.cpp.
void read_rcv1(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink);

/// TREC's SGML (the <DOC> records of TIPSTER, TREC, AQUAINT, Gigaword and
/// CLEF): one article per DOC, id its DOCNO; see trec_reader.cpp.
void read_trec(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink);

/// LexisNexis exports (LexisNexis Academic's "N of M DOCUMENTS", Nexis
/// Uni's "End of Document"): every article of the export; see
/// lexisnexis_reader.cpp. read_lexisnexis() reads a text export; the HTML,
/// Word, RTF and PDF readers hand theirs on as blocks (paragraphs; a
/// block's lines apart by "\n"). `lines`: each block's first line in a
/// text file, or empty, the origins then being `name[N]`.
void read_lexisnexis(std::istream& in, const std::string& name, const ReaderLimits& limits,
                     ArticleSink& sink);
void read_lexisnexis_blocks(const std::vector<std::string>& blocks,
                            const std::vector<std::size_t>& lines, const std::string& name,
                            const ReaderLimits& limits, ArticleSink& sink);
/// Whether a document's blocks are a LexisNexis export.
bool is_lexisnexis_export(const std::vector<std::string>& blocks);
/// Whether the first bytes of a text file hold an Academic export's "1 of
/// 10 DOCUMENTS" line.
bool opens_lexisnexis_export(std::string_view head);

/// The block the HTML reader puts where a ProQuest export's document
/// begins (its "DocID_..." anchor), followed by the anchor's name.
inline constexpr std::string_view proquest_marker = "\x1eProQuest ";
/// ProQuest's exports (a saved or e-mailed page of documents), as the
/// HTML reader's blocks with its markers: every document, origins
/// `name[N]` (proquest_reader.cpp).
void read_proquest_blocks(const std::vector<std::string>& blocks, const std::string& name,
                          const ReaderLimits& limits, ArticleSink& sink);
/// ProQuest's text export: every document (proquest_reader.cpp).
void read_proquest(std::istream& in, const std::string& name, const ReaderLimits& limits,
                   ArticleSink& sink);
/// Whether the first bytes of a file are a ProQuest text export's ("____"
/// and "Report Information from ProQuest").
bool opens_proquest_export(std::string_view head);
/// An HTML page (UTF-8) that is a news database's export: every article
/// of it given to `sink`, and true; false, nothing read, for any other
/// page. The HTML reader and the e-mail reader (ProQuest mails its
/// exports) ask it first.
bool read_export_html(std::string& html, const std::string& origin, const ReaderLimits& limits,
                      ArticleSink& sink);
/// Factiva's exports without codes (Word, RTF, PDF, HTML), as blocks:
/// every article, origins `name[N]`; false, nothing read, when the blocks
/// are no such export (factiva_reader.cpp).
bool read_factiva_blocks(const std::vector<std::string>& blocks, const std::string& name,
                         const ReaderLimits& limits, ArticleSink& sink);
/// A text's blocks: its runs of non-blank lines, each line trimmed, the
/// lines of a block apart by "\n". `lines`, when given, receives each
/// block's first line number (from 1). The text exports' readers use it.
std::vector<std::string> text_blocks(std::string_view text,
                                     std::vector<std::size_t>* lines = nullptr);
/// Blocks whose lines were not kept apart (a PDF's paragraph holding an
/// export's headline, date line and fields) split into their lines: each
/// block with a line after its first that `is_layout_line` knows. The
/// other blocks, a paragraph of text, stay whole.
std::vector<std::string> split_layout_lines(
    const std::vector<std::string>& blocks,
    const std::function<bool(std::string_view)>& is_layout_line);
/// A document's blocks (paragraphs; a block's lines apart by "\n") when
/// they are a news database's export (LexisNexis's, Factiva's): every
/// article of it given to `sink`, and true. False, nothing read, for any
/// other document. The HTML, Word, RTF and PDF readers ask it first.
bool read_export_blocks(const std::vector<std::string>& blocks, const std::string& name,
                        const ReaderLimits& limits, ArticleSink& sink);
/// Factiva's XML exports (a PPS response): every article; see
/// factiva_reader.cpp.
void read_factiva(std::istream& in, const std::string& name, const ReaderLimits& limits,
                  ArticleSink& sink);
/// One article of Factiva's HTML export with its codes: each row's code
/// ("HD", "PD", "LP") and its text's paragraphs, in order.
using CodedRecord = std::vector<std::pair<std::string, std::vector<std::string>>>;
/// Those articles, origins `name[N]` (factiva_reader.cpp); the HTML reader
/// hands them on.
void read_factiva_coded(const std::vector<CodedRecord>& records, const std::string& name,
                        const ReaderLimits& limits, ArticleSink& sink);

/// Shared by readers: check size and text, repair UTF-8 in every field, set
/// origin, format and the stable id, then hand the article on (or skip it).
/// `repaired` counts repaired bytes across the article.
void finish_article(Article&& article, const std::string& origin, std::string_view format,
                    const ReaderLimits& limits, ArticleSink& sink);

/// finish_article for a reader that met a date it could not parse
/// (`bad_date`, empty when none): a warning, the article staying undated,
/// never dated "now". The JSON, CSV and plain-text readers use it.
void finish_article(Article&& article, std::string_view bad_date, const std::string& origin,
                    std::string_view format, const ReaderLimits& limits, ArticleSink& sink);

/// A value from the input quoted in a one-line message: at most `limit`
/// bytes, cut between UTF-8 characters, with line breaks and other control
/// characters shown as spaces (found by fuzzing: a date holding "\n" split a
/// report line in two).
std::string message_excerpt(std::string_view value, std::size_t limit = 60);

/// The first three `values` quoted and excerpted, for a message: `"Wirtschaft",
/// "Die Gewerkschaft GPA-djp..." and 1 more`.
std::string quote_values(const std::vector<std::string>& values);

/// A name an index writes "Last, First" as the name: "Olivarez-Giles,
/// Nathan" -> "Nathan Olivarez-Giles" (a trailing "." dropped); other forms
/// as given.
std::string first_name_first(std::string name);

/// The language of a language tag: "en-GB", "en_GB" -> "en"; "" for
/// anything that is not one.
std::string language_code(std::string_view tag);

/// The items of a list ("a, b,, c" -> a b c), split at any of
/// `separators`, trimmed, empty ones dropped.
std::vector<std::string> split_list(std::string_view value, std::string_view separators = ",");

/// For the message about a record that is not indexed (withdrawn,
/// unpublished) but whose earlier version may be: "; `dateline-index
/// delete ID` removes a version indexed before", or "" for an empty id.
std::string delete_hint(std::string_view id);

/// Whether a part of a byline names a role or a desk, not a person:
/// "Associated Press Writer", "Times Staff Writers", "Aerospace
/// Correspondent".
bool is_byline_role(std::string_view part);

/// Whether `title`, a document's Title property, is only the name of the
/// file it was made from ("Microsoft Word - story.docx", "story.doc",
/// "Untitled"), as PDF makers and Word left it.
bool is_file_title(std::string_view title);

/// Whether `name`, an author property, is the account an office suite or
/// PDF maker put there ("Microsoft Office User", "admin"), not a person.
bool is_account_name(std::string_view name);

/// Whether the first paragraph of a document that marks no headline may
/// be it: short, and not a sentence's end (as the text reader takes a
/// first line).
bool could_be_headline(std::string_view paragraph);

/// The names in a byline: "By JOHN DOE and JANE ROE", "By John Doe, Jane
/// Roe and Ann Poe".
std::vector<std::string> byline_names(std::string byline);

/// The ISO 639-1 code of a language named in English or in itself, as
/// news databases name an article's ("ENGLISH", "Français", "Deutsch"),
/// or "" for a name not known.
std::string language_from_name(std::string_view name);

/// The date at the start of `line`, as news databases' exports write it:
/// "January 11, 2010 Monday", "December 19, 1991, Sunday, Late Edition",
/// "July 1, 2019 Monday 9:20 AM GMT", "29 décembre 2011" (French, German,
/// Spanish, Italian, Dutch and Portuguese months too). nullopt when the
/// line does not open with a whole date.
std::optional<DateTime> parse_date_prefix(std::string_view line);

/// The byte order mark Windows' editors put before UTF-8 text ("UTF-8
/// with BOM"); readers of text pass over it.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

/// Read one line into `line` (without the newline). Lines longer than
/// `limit` are consumed but not stored; `too_long` is then set. Returns false
/// at end of input.
bool read_bounded_line(std::istream& in, std::string& line, std::size_t limit, bool& too_long);

/// Read the rest of `in` into `text`. Returns false when the input is longer
/// than `limit`: the rest is then consumed but not stored.
bool read_bounded_all(std::istream& in, std::string& text, std::size_t limit);

/// Read a document that is read whole (an HTML page, a PDF) into `bytes`:
/// false, after a "too-large" skip naming it `what` ("PDF document"), when
/// it is over the record limit.
bool read_whole(std::istream& in, const std::string& name, std::string_view what,
                const ReaderLimits& limits, ArticleSink& sink, std::string& bytes);

/// The Skip for a `what` ("HTML page", "record") at `origin` longer than
/// `limit` bytes.
Skip too_large(const std::string& origin, std::string_view what, std::size_t limit);

/// Split plain text into paragraphs. A blank line ends a paragraph; with
/// `indent_starts_paragraph` so does a line that begins with a space or tab
/// (wire copy marks paragraphs by indenting them). Whitespace inside a
/// paragraph, line breaks included, collapses to single spaces.
std::vector<std::string> split_paragraphs(std::string_view text, bool indent_starts_paragraph);

/// Whether `text` is one or more ASCII digits.
bool all_digits(std::string_view text);

/// ASCII lower case; other bytes unchanged.
std::string ascii_lower(std::string_view text);

/// The `charset` parameter of a MIME type ("text/html; charset=KOI8-R" ->
/// "koi8-r"), or "".
std::string charset_parameter(std::string_view content_type);

/// The charset an HTML page declares in its first 4 KiB: `<meta charset>`,
/// `<meta http-equiv="Content-Type" content="...; charset=...">`, or an XML
/// declaration's `encoding`; lower case, or "" for none.
std::string declared_html_charset(std::string_view html);

/// A std::streambuf giving the UTF-8 of a stream in another charset
/// (UTF-16, windows-1251, Shift_JIS...; ICU's names), block by block,
/// through ICU's converters. Bytes the charset does not map (an unpaired
/// surrogate, an odd last byte of UTF-16) become U+FFFD, as invalid UTF-8
/// is repaired. `skip` bytes of the source are passed over first (a byte
/// order mark).
class CharsetDecoder : public std::streambuf {
 public:
  CharsetDecoder(std::streambuf* source, const std::string& charset, std::size_t skip = 0);
  /// False when ICU knows no such charset (the stream is then empty).
  bool ok() const { return m_from != nullptr && m_to != nullptr; }
  /// ICU's name of the charset, lower case ("utf-16le", "windows-1251").
  std::string canonical_name() const;
  /// The first decoded block, without consuming it.
  std::string_view peek_head();

 protected:
  int_type underflow() override;

 private:
  using Converter = std::unique_ptr<UConverter, decltype(&ucnv_close)>;
  std::streambuf* m_source;
  Converter m_from;
  Converter m_to;
  std::vector<char> m_in = std::vector<char>(1 << 16);
  std::size_t m_in_at = 0;
  std::size_t m_in_end = 0;
  bool m_source_done = false;
  bool m_flushed = false;
  bool m_first = true;
  std::vector<char> m_out = std::vector<char>(1 << 17);
  std::vector<UChar> m_pivot = std::vector<UChar>(4096);
  UChar* m_pivot_source = m_pivot.data();
  UChar* m_pivot_target = m_pivot.data();
};

/// `bytes` in the legacy charset `label` (as HTML and MIME name them:
/// "windows-1251", "koi8-r", "shift_jis", "iso-8859-2"...) as UTF-8, through
/// ICU. Labels are read as browsers read them (WHATWG): "iso-8859-1" and
/// "us-ascii" are windows-1252, "gb2312" is GB18030. Bytes the charset
/// does not map become U+FFFD. nullopt for a label ICU does not know, and for
/// UTF-8 and UTF-16 labels (which the caller reads as UTF-8).
std::optional<std::string> decode_charset(std::string_view bytes, std::string_view label);

/// True when a file named `file_name` (no directory part) documents a
/// collection rather than holding articles: README, README.md, README.TXT and
/// any other README*, LICENSE*, LICENCE*, COPYING*, checksum lists
/// (SHA256SUMS, MD5SUMS...), a file's checksum or signature (.md5, .sha1,
/// .sha256, .sha512, .sig, .asc), markup schemas (.dtd, .xsd) and
/// dateline-corpus.json. read_path passes over them in directories and
/// archives alike; a file named on the command line is read.
bool is_collection_documentation(std::string_view file_name);

}  // namespace dateline::readers
