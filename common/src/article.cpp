#include "dateline/common/article.h"

#include <algorithm>
#include <bit>
#include <cstdio>

#include "dateline/common/schema.h"

namespace dateline {

std::size_t Article::text_size() const {
  std::size_t size = title.size() + dek.size();
  for (const auto& paragraph : paragraphs) size += paragraph.size();
  return size;
}

bool Article::has_text() const {
  if (!title.empty() || !dek.empty()) return true;
  for (const auto& paragraph : paragraphs) {
    if (!paragraph.empty()) return true;
  }
  return false;
}

std::uint64_t stable_hash(std::string_view data) noexcept {
  std::uint64_t hash = 14695981039346656037ULL;
  for (char ch : data) {
    hash ^= static_cast<unsigned char>(ch);
    hash *= 1099511628211ULL;
  }
  return hash;
}

unsigned sample_level(std::string_view id) noexcept {
  std::uint64_t hash = mix_hash(stable_hash(id));
  unsigned level =
      hash == 0 ? schema::sample_levels : static_cast<unsigned>(std::countr_zero(hash));
  return std::min(level, schema::sample_levels);
}

namespace {
std::string hex_id(char kind, std::uint64_t hash) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%c%016llx", kind, static_cast<unsigned long long>(hash));
  return buffer;
}
}  // namespace

std::string stable_article_id(const Article& article) {
  if (!article.id.empty()) return article.id;
  if (!article.url.empty()) return hex_id('u', stable_hash(article.url));
  std::string text = article.source + '\n' + article.title + '\n' + article.dek;
  for (const auto& paragraph : article.paragraphs) {
    text += '\n';
    text += paragraph;
  }
  return hex_id('h', stable_hash(text));
}

}  // namespace dateline
