// Fuzz the mentioned-date extractor. The first two bytes, when present, pick
// a publication day in 1990..2029 (or none) so that relative dates resolve.

#include <optional>

#include "dateline/common/mentioned_dates.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::optional<dateline::CivilDate> publication;
  if (size >= 2) {
    if (data[0] % 5 != 0) {
      publication = dateline::CivilDate{1990 + data[0] % 40, 1 + data[1] % 12, 1 + data[1] % 28};
    }
    data += 2;
    size -= 2;
  }
  std::string_view text = dateline::fuzz::as_text(data, size);
  auto dates = dateline::find_mentioned_dates(text, publication);
  DATELINE_FUZZ_CHECK(dates.size() <= dateline::mentioned_dates_max_count);
  std::size_t previous = 0;
  for (const auto& date : dates) {
    DATELINE_FUZZ_CHECK(date.begin < date.end);
    DATELINE_FUZZ_CHECK(date.end <= text.size());
    DATELINE_FUZZ_CHECK(date.begin >= previous);
    DATELINE_FUZZ_CHECK(dateline::is_valid_civil(date.first));
    DATELINE_FUZZ_CHECK(!date.value.empty());
    DATELINE_FUZZ_CHECK(publication.has_value() || !date.relative);
    previous = date.begin;
  }
  return 0;
}
