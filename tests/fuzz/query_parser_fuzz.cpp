// Fuzz the query language parser (and the --filter / --from --to parsers) on
// raw bytes, as dateline-search receives them from the command line. A
// syntax error names an offset inside the query; a parsed query is never
// empty and stays within the term limit.

#include "dateline/common/error.h"
#include "fuzz_target.h"
#include "query_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static dateline::detail::Analyzer analyzer("en");
  std::string_view text = dateline::fuzz::as_text(data, size);
  try {
    auto parsed = dateline::query::parse_query(text, analyzer);
    DATELINE_FUZZ_CHECK(!parsed.query.empty());
    DATELINE_FUZZ_CHECK(parsed.words.size() <= dateline::query::ParserLimits{}.max_terms);
    for (const auto& word : parsed.words) DATELINE_FUZZ_CHECK(word.offset < text.size());
    (void)parsed.query.get_description();
  } catch (const dateline::QuerySyntaxError& error) {
    DATELINE_FUZZ_CHECK(error.offset() <= text.size());
  }
  try {
    (void)dateline::query::parse_filter(text);
  } catch (const dateline::QuerySyntaxError&) {
  }
  std::size_t middle = text.find(' ');
  if (middle != std::string_view::npos) {
    try {
      (void)dateline::query::date_range_query(text.substr(0, middle), text.substr(middle + 1));
    } catch (const dateline::QuerySyntaxError&) {
    }
  }
  return 0;
}
