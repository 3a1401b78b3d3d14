#pragma once
// Language codes. An article's language is an ISO 639-1 code ("de"), stored
// as the L<code> term and the lang facet; it picks the article's stemmer,
// stopwords and diacritic rule (see text.h and the schema comment).

#include <string>
#include <string_view>

namespace dateline {

/// The code Dateline stores for a language tag: the primary subtag in lower
/// case ("de-AT" -> "de", "pt_BR" -> "pt"), with retired and alias codes
/// mapped to their current ones ("iw" -> "he", "in" -> "id", "ji" -> "yi",
/// "nb" -> "no"), and ISO 639-2's three-letter codes, which library
/// metadata gives, to ISO 639-1's ("ger" and "deu" -> "de", "eng" -> "en"),
/// as are ISO 639-3's "arb" and "cmn" (the LDC's Arabic and Mandarin).
/// Returns "" for an empty tag, "und", or anything that is not two or
/// three ASCII letters.
std::string normalize_language(std::string_view tag);

/// True when Dateline stems `language` (a normalised code): Xapian's own
/// Snowball stemmers, plus Greek, Hindi, Serbian (also for hr, bs, sh) and
/// Yiddish from libstemmer.
bool has_stemmer(std::string_view language);

}  // namespace dateline
