// Fuzz one reader through read_stream(). The format comes from the build
// (DATELINE_FUZZ_FORMAT, a format name such as "jsonl"), so one source serves
// every reader. Small limits make the size checks reachable with short inputs.

#include <sstream>
#include <string>

#include "dateline/common/text.h"
#include "dateline/indexer/reader.h"
#include "fuzz_target.h"
#include "reader_checks.h"

#ifndef DATELINE_FUZZ_FORMAT
#error "DATELINE_FUZZ_FORMAT must name the input format"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dateline::InputFormat format = *dateline::format_from_name(DATELINE_FUZZ_FORMAT);
  std::istringstream in(std::string(dateline::fuzz::as_text(data, size)));
  dateline::fuzz::CheckingSink sink(dateline::fuzz::small_limits());
  dateline::read_stream(in, "input", format, sink.limits(), sink);
  return 0;
}
