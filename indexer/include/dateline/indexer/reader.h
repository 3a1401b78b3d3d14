#pragma once
// Reading archives: every input format becomes a stream of Articles, and every
// record that cannot be read becomes a Skip naming where it was and why.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/common/article.h"

namespace dateline {

/// A record that was not indexed, and why.
struct Skip {
  std::string origin;  ///< "file:line", "file@offset" or "file NEWID=12793"
  std::string reason;  ///< short machine-friendly reason ("malformed-json")
  std::string detail;  ///< one human sentence
};

/// Receives what readers produce. Readers call it from the thread that reads.
class ArticleSink {
 public:
  virtual ~ArticleSink() = default;
  virtual void article(Article&& article) = 0;
  virtual void skip(Skip&& skip) = 0;
  /// Something in a record was wrong but the article is still indexed (an
  /// unparsable date: the article is indexed undated, never dated "now").
  virtual void warning(Skip&& /*warning*/) {}
  /// A record that is not an article by its own format's account: a
  /// WordPress export's drafts, media files and menu entries, an agency's
  /// packages. It is read and not indexed, but it is not a fault of the
  /// input: unlike skip(), it does not end a run "with input skipped" nor
  /// stop a --strict one.
  virtual void passed_over(Skip&& /*record*/) {}
  /// Invalid UTF-8 in the article from `origin` was repaired (`bytes` bytes).
  virtual void repaired(const std::string& /*origin*/, std::size_t /*bytes*/) {}
  /// Called once per file after its last record, with its size on disk.
  virtual void input_done(const std::string& /*name*/, std::size_t /*bytes*/) {}
  /// Whether a file met while walking a directory is read; false passes
  /// it over unsaid (the indexer's own --report file, written meanwhile).
  virtual bool reads(const std::filesystem::path& /*file*/) { return true; }
};

enum class InputFormat {
  automatic,
  jsonl,
  json,
  text,
  html,
  reuters,
  rfc822,
  mbox,
  warc,
  time,
  csv,          ///< CSV or TSV with a header row; named by file name only (.csv, .tsv)
  feed,         ///< RSS (0.9x, 1.0, 2.0) or Atom: one article per item or entry
  nitf,         ///< NITF (IPTC News Industry Text Format): one story per document
  alto,         ///< ALTO: a scanned page's OCR (digitised newspapers), one article per page
  newsml,       ///< NewsML-G2 (IPTC): one article per newsItem
  office,       ///< a Word (.docx) or OpenDocument (.odt) text document: one article
  doc,          ///< a Word 97-2003 document (.doc): one article
  pdf,          ///< a PDF document with a text layer: one article
  rtf,          ///< an RTF document: one article
  rcv1,         ///< the Reuters Corpus (RCV1, RCV2): one <newsitem> per file
  trec,         ///< TREC SGML (<DOC> records: TIPSTER, Gigaword, AQUAINT): one article per DOC
  mhtml,        ///< MHTML, a web page saved whole (.mhtml, .mht): one article
  lexisnexis,   ///< a LexisNexis text export: every article of it (its HTML,
                ///< Word, RTF and PDF exports are read by those readers)
  factiva,      ///< a Factiva XML export: every article of it (its HTML export
                ///< is read by the HTML reader)
  proquest,     ///< a ProQuest text export: every document of it (its HTML
                ///< export, saved or e-mailed, by the HTML and e-mail readers)
  spreadsheet,  ///< an Excel (.xlsx) or OpenDocument (.ods) spreadsheet: an
                ///< article a row, under a header row naming the fields
};

std::string_view format_name(InputFormat format) noexcept;
/// Every format's name, "auto" first (for messages listing them).
std::vector<std::string_view> format_names();
/// The format called `name` ("jsonl", "reuters", "csv", ...; also "tsv" for
/// csv), or nullopt.
std::optional<InputFormat> format_from_name(std::string_view name) noexcept;

/// Guess the format of an input from its name and first bytes (at least the
/// first 4 KiB when the input has them). Returns InputFormat::automatic when
/// nothing fits, i.e. the input is not something Dateline reads.
InputFormat detect_format(std::string_view name, std::string_view head) noexcept;

/// Limits that keep one bad input from using unbounded memory.
struct ReaderLimits {
  /// Articles with more text than this are skipped ("too-large").
  std::size_t max_article_bytes = 16u << 20;
  /// A single record (a JSON line, an SGML record) longer than this is
  /// skipped without being held in memory whole.
  std::size_t max_record_bytes = 64u << 20;
  /// Tags, authors and source-given entities kept per article; the rest are
  /// dropped with a warning ("too-many-tags").
  std::size_t max_list_items = 256;
};

/// Read one stream in a known format (not automatic). `name` is used in
/// origins; the stream may be at any position.
void read_stream(std::istream& in, const std::string& name, InputFormat format,
                 const ReaderLimits& limits, ArticleSink& sink);

/// What a corpus config file (`dateline-corpus.json` at a corpus's root)
/// says of one folder of the corpus and everything below it.
struct FolderDefaults {
  std::string folder;                 ///< relative to the corpus root, "/"-separated; "" the root
  std::optional<InputFormat> format;  ///< read its files so (else detected)
  std::string source;                 ///< for articles that name none
  std::string language;               ///< for articles that name none
  std::vector<std::string> tags;      ///< added to every article
};

/// A corpus config file: the defaults of each folder it names. A folder
/// inside another takes the outer one's defaults and refines them: its own
/// format, source and language win, and its tags are added.
struct CorpusConfig {
  std::filesystem::path root;
  std::vector<FolderDefaults> folders;
  /// The defaults for `file` (below `root`), or nullopt when no folder
  /// named holds it.
  std::optional<FolderDefaults> defaults_for(const std::filesystem::path& file) const;
};

/// The config in `directory`/dateline-corpus.json, or nullopt when there is
/// none. Throws dateline::Error naming the file and the fault (malformed
/// JSON, an unknown key or format, a folder that does not exist), so that a
/// rebuild stops before it starts.
std::optional<CorpusConfig> load_corpus_config(const std::filesystem::path& directory);

/// Read a file or directory (recursively, in name order). Compressed files
/// (.gz .bz2 .xz .zst) and tar, zip and 7z archives are read as streams,
/// entry by entry, archives inside them too; UTF-16 text is read as UTF-8.
/// `format` applies to every file; automatic detects each one. Files that
/// cannot be opened or are not in a readable format become Skips.
void read_path(const std::filesystem::path& path, InputFormat format, const ReaderLimits& limits,
               ArticleSink& sink);

/// read_path for a directory with a corpus config: each file is read in its
/// folder's format (unless `format` is set) and its articles get the
/// folder's defaults.
void read_path(const std::filesystem::path& path, InputFormat format, const ReaderLimits& limits,
               ArticleSink& sink, const CorpusConfig* config);

}  // namespace dateline
