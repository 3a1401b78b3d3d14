#pragma once
// Internal: one function per input format. Each reads records from `in`,
// gives well-formed Articles to the sink (text repaired to valid UTF-8, id and
// format set) and reports the rest as Skips.

#include <istream>
#include <string>

#include "dateline/indexer/reader.h"

namespace dateline::readers {

void read_jsonl(std::istream& in, const std::string& name, const ReaderLimits& limits,
                ArticleSink& sink);
void read_json_array(std::istream& in, const std::string& name, const ReaderLimits& limits,
                     ArticleSink& sink);
void read_text(std::istream& in, const std::string& name, const ReaderLimits& limits,
               ArticleSink& sink);

/// Shared by readers: check size and text, repair UTF-8 in every field, set
/// origin, format and the stable id, then hand the article on (or skip it).
/// `repaired` counts repaired bytes across the article.
void finish_article(Article&& article, const std::string& origin, std::string_view format,
                    const ReaderLimits& limits, ArticleSink& sink);

/// A value from the input quoted in a one-line message: at most `limit`
/// bytes, cut between UTF-8 characters, with line breaks and other control
/// characters shown as spaces (found by fuzzing: a date holding "\n" split a
/// report line in two).
std::string message_excerpt(std::string_view value, std::size_t limit = 60);

/// Read one line into `line` (without the newline). Lines longer than
/// `limit` are consumed but not stored; `too_long` is then set. Returns false
/// at end of input.
bool read_bounded_line(std::istream& in, std::string& line, std::size_t limit, bool& too_long);

}  // namespace dateline::readers
