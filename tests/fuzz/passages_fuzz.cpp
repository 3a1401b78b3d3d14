// Fuzz passage choice and highlighting. Input: a query on the first line,
// then one paragraph per line (repaired to UTF-8, as stored articles are).
// Every passage is a piece of its paragraph, and its highlights lie inside
// it, in order, without overlapping.

#include <string>
#include <vector>

#include "dateline/common/error.h"
#include "dateline/common/text.h"
#include "fuzz_target.h"
#include "passages.h"

namespace {

void check_highlights(const std::vector<dateline::Highlight>& highlights, std::size_t length) {
  std::size_t previous_end = 0;
  for (const auto& highlight : highlights) {
    DATELINE_FUZZ_CHECK(highlight.begin < highlight.end);
    DATELINE_FUZZ_CHECK(highlight.end <= length);
    DATELINE_FUZZ_CHECK(highlight.begin >= previous_end);
    previous_end = highlight.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static dateline::detail::Analyzer analyzer("en");
  std::string_view text = dateline::fuzz::as_text(data, size);
  std::size_t newline = text.find('\n');
  if (newline == std::string_view::npos) return 0;
  dateline::query::ParsedQuery parsed;
  try {
    parsed = dateline::query::parse_query(text.substr(0, newline), analyzer);
  } catch (const dateline::QuerySyntaxError&) {
    return 0;
  }
  std::vector<std::string> paragraphs;
  std::size_t start = newline + 1;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    paragraphs.push_back(dateline::repair_utf8(text.substr(start, end - start)));
    start = end + 1;
  }
  for (const auto& paragraph : paragraphs) {
    check_highlights(dateline::query::find_highlights(paragraph, parsed.match, analyzer),
                     paragraph.size());
  }
  std::size_t count = 1 + size % 4;
  auto passages = dateline::query::choose_passages(paragraphs, parsed.match, analyzer, count);
  DATELINE_FUZZ_CHECK(passages.size() <= count);
  for (const auto& passage : passages) {
    DATELINE_FUZZ_CHECK(passage.paragraph < paragraphs.size());
    DATELINE_FUZZ_CHECK(paragraphs[passage.paragraph].find(passage.text) != std::string::npos);
    DATELINE_FUZZ_CHECK(dateline::is_valid_utf8(passage.text));
    check_highlights(passage.highlights, passage.text.size());
  }
  return 0;
}
