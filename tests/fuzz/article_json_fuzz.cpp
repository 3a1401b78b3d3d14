// Fuzz the JSON article mapping. A JSON text either is refused with
// InvalidArgumentError or gives an article that survives the trip through its
// stored form (article_to_json) unchanged.

#include "dateline/common/article_json.h"
#include "dateline/common/error.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = dateline::fuzz::as_text(data, size);
  (void)dateline::replace_lone_surrogate_escapes(text);
  dateline::Article article;
  try {
    article = dateline::article_from_json(text);
  } catch (const dateline::InvalidArgumentError&) {
    return 0;
  }
  std::string stored = dateline::article_to_json(article);
  dateline::Article again = dateline::article_from_json(stored);
  DATELINE_FUZZ_CHECK(again.title == article.title);
  DATELINE_FUZZ_CHECK(again.paragraphs == article.paragraphs);
  DATELINE_FUZZ_CHECK(again.tags == article.tags);
  DATELINE_FUZZ_CHECK(again.authors == article.authors);
  DATELINE_FUZZ_CHECK(again.published.has_value() == article.published.has_value());
  if (article.published)
    DATELINE_FUZZ_CHECK(again.published->utc_seconds == article.published->utc_seconds);
  return 0;
}
