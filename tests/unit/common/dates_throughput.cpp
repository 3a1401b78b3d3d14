// Throughput of find_mentioned_dates: reads the files named on the command
// line, scans each one as a single text (repeated until at least 200 MB have
// been scanned) and prints MB/s. Usage: dates_throughput FILE...

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dateline/common/mentioned_dates.h"

int main(int argc, char** argv) {
  std::vector<std::string> texts;
  std::size_t bytes = 0;
  for (int k = 1; k < argc; ++k) {
    std::ifstream in(argv[k], std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(buffer.str());
    bytes += texts.back().size();
  }
  if (bytes == 0) {
    std::fprintf(stderr, "usage: dates_throughput FILE...\n");
    return 2;
  }
  const dateline::CivilDate publication{1987, 3, 15};
  std::size_t scanned = 0, dates = 0;
  auto start = std::chrono::steady_clock::now();
  while (scanned < (std::size_t{200} << 20)) {
    for (const auto& text : texts) {
      dates += dateline::find_mentioned_dates(text, publication).size();
      scanned += std::min(text.size(), dateline::mentioned_dates_max_text);
    }
  }
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%zu MB scanned in %.2f s: %.1f MB/s, %zu dates\n", scanned >> 20, elapsed.count(),
              double(scanned) / 1e6 / elapsed.count(), dates);
  return 0;
}
