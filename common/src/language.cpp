#include "dateline/common/language.h"

#include <array>

#include "dateline/detail/analyzer.h"

namespace dateline {

std::string normalize_language(std::string_view tag) {
  std::string_view primary = tag.substr(0, tag.find_first_of("-_"));
  if (primary.size() < 2 || primary.size() > 3) return {};
  std::string code;
  for (char ch : primary) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
    if (ch < 'a' || ch > 'z') return {};
    code.push_back(ch);
  }
  struct Alias {
    std::string_view from, to;
  };
  static constexpr std::array<Alias, 6> aliases{
      {{"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"}, {"nb", "no"}, {"und", ""}}};
  for (const auto& alias : aliases) {
    if (code == alias.from) return std::string(alias.to);
  }
  return code;
}

bool has_stemmer(std::string_view language) { return !detail::stemmer_name(language).empty(); }

}  // namespace dateline
