#pragma once
// Text handling shared by indexing, query parsing and highlighting. The same
// tokeniser and fold run at all three places, so what is indexed, what is
// searched for and what is highlighted always agree.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

/// Append the code point `cp` (at most U+10FFFF, not a surrogate) to `out`
/// as UTF-8.
void append_utf8(std::string& out, char32_t cp);

/// The character a Windows-1252 byte stands for (Latin-1 but for
/// 0x80-0x9F; U+FFFD for the five bytes it leaves undefined).
char32_t windows_1252(unsigned char byte) noexcept;

/// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text) noexcept;

/// Well-formed UTF-8 for `text`: each byte that is not part of a valid
/// sequence is read as Windows-1252 (so a stray Latin-1 0xA3 becomes '£'),
/// NUL and other C0 controls but tab and newline become spaces. `repaired`,
/// when given, receives the number of bytes that were replaced.
std::string repair_utf8(std::string_view text, std::size_t* repaired = nullptr);

/// Lower-case and strip diacritics ("Café" -> "cafe", "Straße" -> "strasse").
/// This is the match key for entity keys and facet values, and for the words
/// of text whose language is unknown. Diacritics are stripped only where they
/// are optional accents: in Latin, Greek, Cyrillic, Arabic and Hebrew script
/// ("ё" -> "е", "ά" -> "α"); the marks of Devanagari, Tamil, Thai and other
/// scripts spell vowels and are kept. Cyrillic "й", "ї" and "ў" are letters
/// of their own and are kept ("мой" is not "мои").
std::string fold(std::string_view text);

/// fold() by the rule of `language` (ISO 639-1 code; "" or unknown: the
/// general rule above). Letters that a language's alphabet holds as distinct
/// letters are kept, because folding them would merge different words:
///   sv fi no nb nn da is fo  keep å ä ö ("får" sheep / "far" father)
///   pl                       keeps ą ć ę ń ó ś ź ż ("żona" wife / "zona" zone)
///   tr az                    keep ç ğ ö ş ü and case I/ı, İ/i apart
///   ro                       keeps ă â î ș ț ş ţ
///   hu                       keeps á é í ó ö ő ú ü ű
/// Every other language folds all accents: German "Bürger" -> "burger",
/// French "élection" -> "election", Russian "ёлка" -> "елка".
std::string fold(std::string_view text, std::string_view language);

/// Lower case only, diacritics kept, with `language`'s casing (Turkish
/// "I" -> "ı"). What stemmers read.
std::string lower_case(std::string_view text, std::string_view language);

/// Strip diacritics but keep case and everything else ("Zelenskyy's café" ->
/// "Zelenskyy's cafe"). Byte offsets are not preserved.
std::string strip_diacritics(std::string_view text);

/// One word of a text: where it is (byte offsets into the original text) and
/// its indexing form (folded, possessive removed, acronym dots dropped).
struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string term;
  /// True when the token is a single CJK character (indexed as a unigram).
  bool cjk = false;
  /// True when the token is joined to the previous one by a hyphen or slash
  /// with no space ("belarus-ukraine"); queries treat such runs as phrases.
  bool joined = false;
  /// The word lower-cased with its diacritics, when that differs from
  /// `term` ("présidée" for term "presidee"), else empty. Stemmers read it:
  /// their suffix rules are written with accents.
  std::string unfolded;
};

/// Longest term Dateline indexes, in bytes (Xapian's own limit is 245).
inline constexpr std::size_t max_term_bytes = 64;

/// Split `text` into tokens. Words are runs of letters, digits and marks;
/// apostrophes inside words are kept ("don't"), a trailing possessive 's is
/// dropped ("Ukraine's" -> "ukraine"), acronyms lose their dots ("U.S." ->
/// "us"), thousands separators in numbers are dropped ("836,000" -> "836000"),
/// each CJK ideograph is a token of its own. Tokens longer than
/// max_term_bytes are skipped. `text` must be valid UTF-8.
std::vector<Token> tokenize(std::string_view text);

/// tokenize() with terms folded by `language`'s rule (see fold()). Token
/// boundaries do not depend on the language.
std::vector<Token> tokenize(std::string_view text, std::string_view language);

/// Sentence boundaries in `text`: byte offsets where each sentence starts.
/// Always starts with 0. Abbreviations ("U.S.", "Feb.", "Mr.") do not end a
/// sentence.
std::vector<std::size_t> sentence_starts(std::string_view text);

/// The match key of a facet value (entity, source, topic): folded, dots and
/// possessive removed, whitespace collapsed ("ABC News'" -> "abc news",
/// "U.S." -> "us"). The indexer and the query parser both use it.
std::string facet_key(std::string_view value);

/// Trim ASCII and Unicode whitespace from both ends.
std::string_view trim(std::string_view text) noexcept;

/// Collapse runs of whitespace (including newlines and NBSP) into one space
/// and trim.
std::string collapse_whitespace(std::string_view text);

/// Damerau-Levenshtein distance between byte strings (adjacent
/// transpositions cost 1), stopping early beyond `limit` (then limit + 1).
unsigned edit_distance(std::string_view a, std::string_view b, unsigned limit);

}  // namespace dateline
