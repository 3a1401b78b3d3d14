#include "dateline/indexer/reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <array>
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
constexpr std::array<FormatName, 11> format_names{{
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
  for (std::string_view ext : {".gz", ".bz2", ".xz", ".zst", ".tgz"}) {
    if (out.ends_with(ext)) {
      out.resize(out.size() - ext.size());
      if (ext == ".tgz") out += ".tar";
      break;
    }
  }
  return out;
}

// Binary data (compressed, images, executables) is dense in NUL bytes and
// in bytes that are no UTF-8, or wholly control bytes. Text may hold a few:
// a stray NUL in a damaged export, a Latin-1 byte, a signature drawn with
// ^B (20 Newsgroups' sci.crypt/16017, 7% of its bytes); the reader repairs
// them.
bool looks_binary(std::string_view head) {
  std::size_t control = 0;
  for (char ch : head) {
    auto byte = static_cast<unsigned char>(ch);
    if (byte < 0x20 && ch != '\n' && ch != '\r' && ch != '\t' && ch != '\f') ++control;
  }
  if (control > head.size() / 4 + 2) return true;
  std::size_t nul_or_not_utf8 = 0;  // a sequence cut at the head's end counts too
  repair_utf8(head, &nul_or_not_utf8);
  return nul_or_not_utf8 > head.size() / 10 + 2;
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

bool has_rfc822_headers(std::string_view head) {
  std::size_t found = 0;
  for (std::string_view key : {"\nfrom:", "\nsubject:", "\nnewsgroups:", "\ndate:", "\npath:",
                               "\nmessage-id:", "\nxref:"}) {
    if (contains_ci("\n" + std::string(head.substr(0, 2048)), key)) ++found;
  }
  return found >= 2;
}
}  // namespace

std::string_view format_name(InputFormat format) noexcept {
  for (const auto& entry : format_names) {
    if (entry.format == format) return entry.name;
  }
  return "auto";
}

std::optional<InputFormat> format_from_name(std::string_view name) noexcept {
  for (const auto& entry : format_names) {
    if (entry.name == name) return entry.format;
  }
  if (name == "ndjson") return InputFormat::jsonl;
  if (name == "sgml") return InputFormat::reuters;
  if (name == "email" || name == "usenet") return InputFormat::rfc822;
  if (name == "tsv") return InputFormat::csv;
  return std::nullopt;
}

InputFormat detect_format(std::string_view name, std::string_view head) noexcept {
  try {
    std::string base = base_name_without_compression(name);
    std::string_view trimmed = trim(head);
    if (head.starts_with("WARC/")) return InputFormat::warc;
    if (head.starts_with("*TEXT ")) return InputFormat::time;
    if (looks_binary(head)) return InputFormat::automatic;
    if (base.ends_with(".jsonl") || base.ends_with(".ndjson")) return InputFormat::jsonl;
    if (base.ends_with(".json")) {
      return trimmed.starts_with("[") || is_multiline_json_object(trimmed) ? InputFormat::json
                                                                           : InputFormat::jsonl;
    }
    // By name only: a first line of words and commas is no sign of CSV.
    if (base.ends_with(".csv") || base.ends_with(".tsv")) return InputFormat::csv;
    if (base.ends_with(".sgm") || base.ends_with(".sgml") || contains_ci(head, "<reuters")) {
      return InputFormat::reuters;
    }
    if (base.ends_with(".warc")) return InputFormat::warc;
    if (base.ends_with(".html") || base.ends_with(".htm") ||
        contains_ci(trimmed.substr(0, 512), "<!doctype html") ||
        contains_ci(trimmed.substr(0, 512), "<html")) {
      return InputFormat::html;
    }
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
    case InputFormat::time:
      readers::read_time(in, name, limits, sink);
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
  return message != nullptr ? message : fallback;
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
  std::array<char, 1 << 16> m_buffer{};
  bool m_eof = false;
  bool m_failed = false;
  std::string m_error;
};

enum class Container { plain, compressed, tar };

Container sniff_container(std::string_view head) {
  auto starts = [&](std::string_view magic) { return head.starts_with(magic); };
  if (starts("\x1f\x8b") || starts("BZh") ||
      starts(std::string_view("\xfd"
                              "7zXZ\0",
                              6)) ||
      starts("\x28\xb5\x2f\xfd")) {
    return Container::compressed;
  }
  if (head.size() > 262 && head.substr(257, 5) == "ustar") return Container::tar;
  return Container::plain;
}

// Standard input's name in reports ("stdin:12: malformed JSON").
constexpr const char* stdin_name = "stdin";

// `path` "-" reads standard input (compressed, archived or plain alike).
void read_archive(const std::filesystem::path& path, InputFormat format, const ReaderLimits& limits,
                  ArticleSink& sink) {
  std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(),
                                                                archive_read_free);
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_tar(reader.get());
  archive_read_support_format_gnutar(reader.get());
  archive_read_support_format_raw(reader.get());
  const bool from_stdin = path == "-";
  const std::string name = from_stdin ? stdin_name : path.string();
  // Small blocks: a truncated file still yields the records before the cut.
  const int opened = from_stdin ? archive_read_open_fd(reader.get(), 0, 4096)
                                : archive_read_open_filename(reader.get(), name.c_str(), 4096);
  // Nothing at all on standard input is no text, not a corrupt archive.
  auto unreadable = [&](const char* what) {
    if (from_stdin && archive_filter_bytes(reader.get(), -1) <= 0) {
      sink.skip(Skip{name, "no-text", "empty input"});
    } else {
      sink.skip(Skip{name, "corrupt-archive", archive_message(reader.get(), what)});
    }
  };
  if (opened != ARCHIVE_OK) {
    unreadable("cannot open");
    return;
  }
  archive_entry* entry = nullptr;
  for (;;) {
    int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      unreadable("unreadable entry");
      return;
    }
    bool raw = archive_format(reader.get()) == ARCHIVE_FORMAT_RAW;
    if (!raw && archive_entry_filetype(entry) != AE_IFREG) continue;
    const char* pathname = raw ? nullptr : archive_entry_pathname(entry);
    std::string_view entry_path = pathname != nullptr ? pathname : "";
    if (!raw &&
        readers::is_collection_documentation(entry_path.substr(entry_path.rfind('/') + 1))) {
      continue;
    }
    std::string entry_name =
        raw ? name : name + ":" + (entry_path.empty() ? "(unnamed)" : std::string(entry_path));
    // The raw format names its one entry "data": detect from the outer name.
    std::string detect_name = raw ? base_name_without_compression(name) : entry_name;
    ArchiveEntryBuffer buffer(reader.get());
    std::istream stream(&buffer);
    InputFormat entry_format = format;
    if (entry_format == InputFormat::automatic) {
      entry_format = detect_format(detect_name, buffer.peek_head());
    }
    if (buffer.failed()) {
      sink.skip(Skip{entry_name, "corrupt-archive", buffer.error()});
      return;
    }
    if (entry_format == InputFormat::automatic && buffer.peek_head().empty()) continue;
    read_stream(stream, entry_name, entry_format, limits, sink);
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
  Container container = sniff_container(head);
  if (container != Container::plain) {
    in.close();
    read_archive(path, format, limits, sink);
    std::error_code ec;
    sink.input_done(name, static_cast<std::size_t>(std::filesystem::file_size(path, ec)));
    return;
  }
  in.clear();
  in.seekg(0);
  InputFormat file_format = format == InputFormat::automatic ? detect_format(name, head) : format;
  if (head.empty()) {
    sink.skip(Skip{name, "no-text", "empty file"});
    return;
  }
  read_stream(in, name, file_format, limits, sink);
  if (in.bad()) sink.skip(Skip{name, "unreadable", "read error"});
  std::error_code ec;
  sink.input_done(name, static_cast<std::size_t>(std::filesystem::file_size(path, ec)));
}

}  // namespace

void read_path(const std::filesystem::path& path, InputFormat format, const ReaderLimits& limits,
               ArticleSink& sink) {
  if (path == "-") {
    read_archive(path, format, limits, sink);
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
    for (const auto& file : files) read_file(file, format, limits, sink);
    return;
  }
  read_file(path, format, limits, sink);
}

}  // namespace dateline
