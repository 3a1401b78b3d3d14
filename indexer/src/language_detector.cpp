#include "language_detector.h"

// compact_lang_det.h uses FILE without including <cstdio>.
#include <cstdio>

#include <cld2/public/compact_lang_det.h>

#include "dateline/common/language.h"

namespace dateline::indexer {

std::string detect_language(std::string_view text) {
  if (text.empty()) return {};
  bool reliable = false;
  CLD2::Language language = CLD2::DetectLanguage(text.data(), static_cast<int>(text.size()),
                                                 /*is_plain_text=*/true, &reliable);
  if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE) return {};
  // CLD2 codes are ISO 639-1 where one exists, with a few old or regional
  // forms ("iw", "zh-Hant") that normalize_language maps.
  return normalize_language(CLD2::LanguageCode(language));
}

std::string detect_language(const Article& article) {
  std::string text;
  auto append = [&](std::string_view part) {
    if (text.size() >= max_detection_bytes || part.empty()) return;
    if (!text.empty()) text += '\n';
    std::size_t room = max_detection_bytes - text.size();
    if (part.size() > room) {
      // Cut on a character boundary so CLD2 sees valid UTF-8.
      while (room > 0 && (static_cast<unsigned char>(part[room]) & 0xC0) == 0x80) --room;
      part = part.substr(0, room);
    }
    text += part;
  };
  append(article.title);
  append(article.dek);
  for (const auto& paragraph : article.paragraphs) append(paragraph);
  return detect_language(text);
}

}  // namespace dateline::indexer
