#pragma once
// Helpers for indexer and query tests: a temporary directory and a sink that
// keeps what readers produce.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "dateline/common/text.h"
#include "dateline/indexer/reader.h"

namespace dateline::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device random;
    m_path = std::filesystem::temp_directory_path() /
             ("dateline-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path write(const std::string& name, const std::string& content) const {
    auto file = m_path / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }

 private:
  std::filesystem::path m_path;
};

struct CollectingSink : ArticleSink {
  std::vector<Article> articles;
  std::vector<Skip> skips;
  std::vector<Skip> warnings;
  std::vector<Skip> passed;  // passed over: not articles by their format's account
  std::size_t repaired_bytes = 0;
  void article(Article&& a) override { articles.push_back(std::move(a)); }
  void skip(Skip&& s) override { skips.push_back(std::move(s)); }
  void warning(Skip&& s) override { warnings.push_back(std::move(s)); }
  void passed_over(Skip&& s) override { passed.push_back(std::move(s)); }
  void repaired(const std::string&, std::size_t bytes) override { repaired_bytes += bytes; }
};

/// A report fit for one terminal line: valid UTF-8 without control
/// characters, whatever bytes of the input it quotes.
/// A wire story long enough for near-duplicate detection: two articles of
/// this text are one cluster (copies of one story).
inline constexpr const char* wire_story =
    "Talks on grain exports resumed in Istanbul on Monday as delegations from both sides met "
    "United Nations and Turkish officials to discuss the corridor for ships leaving the ports "
    "of Odesa with wheat and maize for buyers in Africa and the Middle East.";

inline bool is_clean_line(const std::string& text) {
  if (!is_valid_utf8(text)) return false;
  for (char ch : text) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) return false;
  }
  return true;
}

inline CollectingSink read_string(const std::string& text, InputFormat format,
                                  const std::string& name = "input",
                                  const ReaderLimits& limits = ReaderLimits{}) {
  CollectingSink sink;
  std::istringstream in(text);
  read_stream(in, name, format, limits, sink);
  return sink;
}

}  // namespace dateline::testing
