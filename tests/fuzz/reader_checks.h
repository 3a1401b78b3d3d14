#pragma once
// What every reader promises its sink, checked on every article and skip.

#include "dateline/common/text.h"
#include "dateline/indexer/reader.h"
#include "fuzz_target.h"

namespace dateline::fuzz {

/// Limits small enough for inputs of a few KiB to cross them.
inline ReaderLimits small_limits() {
  ReaderLimits limits;
  limits.max_article_bytes = 3000;
  limits.max_record_bytes = 2048;
  limits.max_list_items = 16;
  return limits;
}

class CheckingSink : public ArticleSink {
 public:
  explicit CheckingSink(const ReaderLimits& limits) : m_limits(limits) {}
  const ReaderLimits& limits() const { return m_limits; }

  void article(Article&& article) override {
    DATELINE_FUZZ_CHECK(!article.id.empty());
    DATELINE_FUZZ_CHECK(article.has_text());
    DATELINE_FUZZ_CHECK(article.text_size() <= m_limits.max_article_bytes);
    DATELINE_FUZZ_CHECK(article.tags.size() <= m_limits.max_list_items);
    DATELINE_FUZZ_CHECK(article.authors.size() <= m_limits.max_list_items);
    DATELINE_FUZZ_CHECK(article.given_entities.size() <= m_limits.max_list_items);
    for (const std::string* field : {&article.id, &article.url, &article.source, &article.title,
                                     &article.dek, &article.language}) {
      check_clean(*field);
    }
    for (const auto* list : {&article.authors, &article.paragraphs, &article.tags}) {
      for (const auto& item : *list) check_clean(item);
    }
    for (const auto& paragraph : article.paragraphs) DATELINE_FUZZ_CHECK(!paragraph.empty());
  }

  void skip(Skip&& skip) override { check_report(skip); }
  void warning(Skip&& warning) override { check_report(warning); }
  void passed_over(Skip&& record) override { check_report(record); }

 private:
  // Nothing invalid may reach the index: well-formed UTF-8 and no NULs.
  static void check_clean(const std::string& text) {
    DATELINE_FUZZ_CHECK(is_valid_utf8(text));
    DATELINE_FUZZ_CHECK(text.find('\0') == std::string::npos);
  }
  // Reports are one line naming where and why: no line breaks nor other
  // control characters (a "\r" or an escape sequence from the input would
  // garble the terminal), and the detail, which quotes the input, is valid
  // UTF-8.
  static void check_report(const Skip& skip) {
    DATELINE_FUZZ_CHECK(!skip.origin.empty());
    DATELINE_FUZZ_CHECK(!skip.reason.empty());
    DATELINE_FUZZ_CHECK(skip.detail.find('\n') == std::string::npos);
    DATELINE_FUZZ_CHECK(!has_control(skip.origin));
    DATELINE_FUZZ_CHECK(!has_control(skip.detail));
    DATELINE_FUZZ_CHECK(is_valid_utf8(skip.detail));
  }
  static bool has_control(const std::string& text) {
    for (char ch : text) {
      if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) return true;
    }
    return false;
  }

  ReaderLimits m_limits;
};

}  // namespace dateline::fuzz
