// Fuzz the file path of the indexer: container sniffing, libarchive's
// decompression and tar streaming, and format detection, by writing each
// input to a temporary file. The first byte chooses the file name, so that
// name-based detection is exercised too.

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "dateline/indexer/reader.h"
#include "fuzz_target.h"
#include "reader_checks.h"

namespace {

// Made on first use, removed at exit (every replay run made one, and left
// it in /tmp).
class ScratchDirectory {
 public:
  ScratchDirectory() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "dateline-fuzz-read-path-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) dateline::fuzz::invariant_failed("mkdtemp");
    m_path = pattern;
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

const std::filesystem::path& scratch_directory() {
  static const ScratchDirectory directory;
  return directory.path();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static constexpr std::array<const char*, 6> names{"input.jsonl.gz", "input.tar", "input.txt",
                                                    "input.json",     "input.bz2", "input"};
  if (size == 0) return 0;
  std::filesystem::path file = scratch_directory() / names[data[0] % names.size()];
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  dateline::fuzz::CheckingSink sink(dateline::fuzz::small_limits());
  dateline::read_path(file, dateline::InputFormat::automatic, sink.limits(), sink);
  std::filesystem::remove(file);
  return 0;
}
