// Fuzz the publication-date parser. A date it accepts is in the documented
// year range and reads back to the same instant from its ISO 8601 form.

#include "dateline/common/date.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed = dateline::parse_date(dateline::fuzz::as_text(data, size));
  if (!parsed) return 0;
  DATELINE_FUZZ_CHECK(parsed->offset_minutes > -24 * 60 && parsed->offset_minutes < 24 * 60);
  std::string day = parsed->day_string();
  DATELINE_FUZZ_CHECK(day.size() == 10);
  std::string iso = parsed->iso8601();
  auto again = dateline::parse_date(iso);
  DATELINE_FUZZ_CHECK(again.has_value());
  DATELINE_FUZZ_CHECK(again->utc_seconds == parsed->utc_seconds);
  return 0;
}
