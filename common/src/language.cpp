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
  // Retired codes, and ISO 639-2's three-letter codes (bibliographic and
  // terminology forms: "ger" and "deu"), which library metadata (ALTO,
  // MARC) gives, for the languages a news archive is likely to hold.
  static constexpr std::array<Alias, 64> aliases{{
      {"iw", "he"},
      {"in", "id"},
      {"ji", "yi"},
      {"jw", "jv"},
      {"nb", "no"},
      {"und", ""},
      {"eng", "en"},
      {"ger", "de"},
      {"deu", "de"},
      {"fre", "fr"},
      {"fra", "fr"},
      {"dut", "nl"},
      {"nld", "nl"},
      {"spa", "es"},
      {"ita", "it"},
      {"por", "pt"},
      {"swe", "sv"},
      {"dan", "da"},
      {"fin", "fi"},
      {"nor", "no"},
      {"nob", "no"},
      {"nno", "nn"},
      {"rus", "ru"},
      {"ukr", "uk"},
      {"pol", "pl"},
      {"cze", "cs"},
      {"ces", "cs"},
      {"slo", "sk"},
      {"slk", "sk"},
      {"hun", "hu"},
      {"rum", "ro"},
      {"ron", "ro"},
      {"gre", "el"},
      {"ell", "el"},
      {"tur", "tr"},
      {"ara", "ar"},
      {"heb", "he"},
      {"hin", "hi"},
      {"ind", "id"},
      {"gle", "ga"},
      {"lit", "lt"},
      {"lav", "lv"},
      {"est", "et"},
      {"cat", "ca"},
      {"baq", "eu"},
      {"eus", "eu"},
      {"arm", "hy"},
      {"hye", "hy"},
      {"srp", "sr"},
      {"hrv", "hr"},
      {"bos", "bs"},
      {"slv", "sl"},
      {"bul", "bg"},
      {"yid", "yi"},
      {"tam", "ta"},
      {"nep", "ne"},
      {"chi", "zh"},
      {"zho", "zh"},
      {"jpn", "ja"},
      {"kor", "ko"},
      {"lat", "la"},
      {"wel", "cy"},
      // ISO 639-3's codes of a macrolanguage's main member, as the LDC's
      // news collections (Gigaword) name Arabic and Mandarin Chinese.
      {"arb", "ar"},
      {"cmn", "zh"},
  }};
  for (const auto& alias : aliases) {
    if (code == alias.from) return std::string(alias.to);
  }
  return code;
}

bool has_stemmer(std::string_view language) { return !detail::stemmer_name(language).empty(); }

}  // namespace dateline
