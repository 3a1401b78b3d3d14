#include <cstdio>
#include <cstdlib>

#include "fuzz_target.h"

namespace dateline::fuzz {

void invariant_failed(const char* what) {
  std::fprintf(stderr, "fuzz invariant failed: %s\n", what);
  std::abort();
}

}  // namespace dateline::fuzz
