#pragma once
// Internal: files of flat SGML records, as Reuters-21578 (<REUTERS>) and
// the TREC collections (<DOC>: TIPSTER, Gigaword, AQUAINT, CLEF) keep news.
// Not XML: no root element, bare ampersands, any entity, tags left open.
// A record is read one at a time, never a whole file.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/indexer/reader.h"

namespace dateline::readers::sgml {

/// `text` with SGML's character references read: &lt; &gt; &amp; &quot;
/// &apos; and numeric ones (control characters, as Reuters-21578's "&#3;",
/// become spaces so that the words on either side stay apart); the
/// TIPSTER collections' &hyph; and &blank;. Others stay as they are.
std::string decode_entities(std::string_view text);

/// The content of the first <tag ...>...</tag> in `record` (tag names
/// match exactly: "<D" is not "<DATE>"), or nullopt.
std::optional<std::string_view> element(std::string_view record, std::string_view tag);

/// The contents of every <tag ...>...</tag> in `record`, in order.
std::vector<std::string_view> elements(std::string_view record, std::string_view tag);

/// The value of `name="value"` (or name=value) in an open tag, or "".
std::string attribute(std::string_view open_tag, std::string_view name);

/// `text` without its <...> tags. A tag is replaced by nothing, so the
/// caller decides where words break (lines do).
std::string strip_tags(std::string_view text);

/// `record` with its tag names in upper case (the case the readers look
/// for): "<doc><docno>" -> "<DOC><DOCNO>". Text and attribute values are
/// left as they are.
std::string upper_tag_names(std::string_view record);

/// One record of a file: its text from "<TAG" to "</TAG>" inclusive, its
/// open tag, and the line it starts on.
struct Record {
  std::string_view text;
  std::string_view open_tag;
  std::size_t line = 0;
};

/// Reads the <tag ...>...</tag> records of `in` in turn (any text between
/// them is passed over; several may share a line, one may span many),
/// giving each to `read` with its origin, `origin(open_tag, line)`. A
/// record over limits.max_record_bytes is skipped as "too-large" without
/// being held; one the file ends inside as "truncated"; a file without any
/// record as "unknown-format", naming the format it was read as
/// (`format_name`, "Reuters-21578 SGML").
void read_records(std::istream& in, const std::string& name, std::string_view tag,
                  std::string_view format_name, const ReaderLimits& limits, ArticleSink& sink,
                  const std::function<std::string(std::string_view, std::size_t)>& origin,
                  const std::function<void(const Record&, const std::string&)>& read);

}  // namespace dateline::readers::sgml
