// Fuzz the Excel 97-2003 reader on a Workbook stream's BIFF8 records
// directly: the OLE2 file around them is larger than the inputs the other
// reader targets get, so read_doc's fuzzing does not reach them.

#include <string>

#include "fuzz_target.h"
#include "reader_checks.h"
#include "readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dateline::fuzz::CheckingSink sink(dateline::fuzz::small_limits());
  dateline::readers::read_xls(dateline::fuzz::as_text(data, size), "input", sink.limits(), sink);
  return 0;
}
