// Per-language analysis (issue 9): diacritic rules, stemmers (Xapian's and
// libstemmer's), stopwords, non-Latin scripts.
#include <gtest/gtest.h>

#include "dateline/common/language.h"
#include "dateline/common/stopwords.h"
#include "dateline/common/text.h"
#include "dateline/detail/analyzer.h"

namespace dateline {
namespace {

std::string stem_of(detail::Analyzer& analyzer, std::string_view word) {
  auto tokens = analyzer.tokenize(word);
  EXPECT_EQ(tokens.size(), 1u) << word;
  return tokens.empty() ? std::string() : analyzer.stem(tokens[0]);
}

TEST(LanguageCodes, Normalised) {
  EXPECT_EQ(normalize_language("de-AT"), "de");
  EXPECT_EQ(normalize_language("PT_br"), "pt");
  EXPECT_EQ(normalize_language("iw"), "he");
  EXPECT_EQ(normalize_language("nb"), "no");
  // Library metadata (ALTO pages, MARC) gives ISO 639-2's codes, in both forms.
  EXPECT_EQ(normalize_language("eng"), "en");
  EXPECT_EQ(normalize_language("ger"), "de");
  EXPECT_EQ(normalize_language("deu"), "de");
  EXPECT_EQ(normalize_language("FRE"), "fr");
  // The LDC's newswire (Gigaword) names Arabic and Mandarin by ISO 639-3.
  EXPECT_EQ(normalize_language("arb"), "ar");
  EXPECT_EQ(normalize_language("cmn"), "zh");
  EXPECT_EQ(normalize_language("und"), "");
  EXPECT_EQ(normalize_language("english"), "");
  EXPECT_EQ(normalize_language(""), "");
}

TEST(FoldRules, GermanFrenchRussianFoldAccents) {
  EXPECT_EQ(fold("Bürger", "de"), "burger");
  EXPECT_EQ(fold("Straße", "de"), "strasse");
  EXPECT_EQ(fold("Élection", "fr"), "election");
  EXPECT_EQ(fold("Ёлка", "ru"), "елка");
  EXPECT_EQ(fold("Αθήνα", "el"), "αθηνα");
}

TEST(FoldRules, DistinctLettersAreKept) {
  // Swedish/Finnish å ä ö are letters: "får" (sheep) is not "far" (father).
  EXPECT_EQ(fold("Får", "sv"), "får");
  EXPECT_EQ(fold("Äiti", "fi"), "äiti");
  EXPECT_EQ(fold("Café", "sv"), "cafe");  // a loan word's accent still folds
  // Polish: "żona" (wife) is not "zona" (zone); ł never decomposes.
  EXPECT_EQ(fold("Żona", "pl"), "żona");
  EXPECT_EQ(fold("Łódź", "pl"), "łódź");
  // Turkish: dotless ı and dotted i are different letters, in both cases.
  EXPECT_EQ(fold("IRAK", "tr"), "ırak");
  EXPECT_EQ(fold("İstanbul", "tr"), "istanbul");
  EXPECT_EQ(fold("kış", "tr"), "kış");
  EXPECT_EQ(fold("Şehir", "tr"), "şehir");
  // Cyrillic й, ї, ў are letters in every language: мой (my) / мои (my, pl.).
  EXPECT_EQ(fold("Мой"), "мой");
  EXPECT_EQ(fold("Україна", "uk"), "україна");
  EXPECT_EQ(fold("її", "uk"), "її");
  // The same words under the general rule lose the accents of Latin letters.
  EXPECT_EQ(fold("Żona"), "zona");
  EXPECT_EQ(fold("Får"), "far");
}

TEST(FoldRules, IndicMarksAreSpellingNotAccents) {
  // Hindi "हिंदी": the anusvara and vowel signs are part of the word.
  EXPECT_EQ(fold("हिंदी"), "हिंदी");
  EXPECT_EQ(fold("நாடு"), "நாடு");  // Tamil
}

TEST(FoldRules, DisplayTextIsNotAltered) {
  std::string text = "Żona prezydenta w Łodzi";
  auto tokens = tokenize(text, "pl");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "Żona");
  EXPECT_EQ(tokens[0].term, "żona");
  EXPECT_EQ(tokens[3].term, "łodzi");
}

TEST(Stemmers, XapianBuiltIn) {
  detail::Analyzer russian("ru");
  EXPECT_EQ(stem_of(russian, "выборах"), stem_of(russian, "выборы"));
  EXPECT_EQ(stem_of(russian, "Москвы"), stem_of(russian, "Москва"));
  detail::Analyzer german("de");
  EXPECT_EQ(stem_of(german, "Häuser"), stem_of(german, "Haus"));
  EXPECT_EQ(stem_of(german, "Häusern"), "haus");
  detail::Analyzer french("fr");
  // Stemmed with the accents, folded after: both become "presid".
  EXPECT_EQ(stem_of(french, "présidée"), stem_of(french, "présidé"));
  detail::Analyzer romanian("ro");
  EXPECT_EQ(stem_of(romanian, "orașul"), stem_of(romanian, "orașe"));
  detail::Analyzer finnish("fi");
  EXPECT_EQ(stem_of(finnish, "Helsingissä"), stem_of(finnish, "Helsingistä"));
}

TEST(Stemmers, LibstemmerForLanguagesXapianLacks) {
  EXPECT_EQ(detail::stemmer_name("el"), "greek");
  EXPECT_TRUE(has_stemmer("el"));
  EXPECT_TRUE(has_stemmer("hi"));
  EXPECT_TRUE(has_stemmer("sr"));
  EXPECT_TRUE(has_stemmer("yi"));
  EXPECT_FALSE(has_stemmer("pl"));
  EXPECT_FALSE(has_stemmer("uk"));
  EXPECT_NE(detail::make_stemmer("el").get_description().find("libstemmer"), std::string::npos);
  detail::Analyzer greek("el");
  EXPECT_EQ(stem_of(greek, "εκλογές"), stem_of(greek, "εκλογών"));
  EXPECT_EQ(stem_of(greek, "Εκλογές"), stem_of(greek, "εκλογες"));
  detail::Analyzer serbian("sr");
  EXPECT_EQ(stem_of(serbian, "izbori"), stem_of(serbian, "izbora"));
  detail::Analyzer hindi("hi");
  EXPECT_EQ(stem_of(hindi, "चुनावों"), stem_of(hindi, "चुनाव"));
}

TEST(Stemmers, NoStemmerMeansTheWordItself) {
  detail::Analyzer polish("pl");
  EXPECT_EQ(stem_of(polish, "Wyborach"), "wyborach");
  detail::Analyzer unknown("und");
  EXPECT_EQ(stem_of(unknown, "Wahlen"), "wahlen");
}

TEST(Stopwords, PerLanguageAndNoStemTerm) {
  EXPECT_TRUE(is_stopword("und", "de"));
  EXPECT_TRUE(is_stopword("fur", "de"));  // "für", folded as German folds it
  EXPECT_TRUE(is_stopword("för", "sv"));
  EXPECT_TRUE(is_stopword("это", "ru"));
  EXPECT_FALSE(is_stopword("war", "en"));
  EXPECT_TRUE(is_stopword("war", "de"));
  EXPECT_FALSE(is_stopword("und", "pl"));
  detail::Analyzer german("de");
  EXPECT_EQ(stem_of(german, "und"), "");
  EXPECT_EQ(stem_of(german, "Krieg"), "krieg");
}

TEST(Scripts, CjkCharactersAreTokensWithoutStems) {
  detail::Analyzer chinese("zh");
  auto tokens = chinese.tokenize("北京新闻");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(chinese.stem(tokens[0]), "");
}

}  // namespace
}  // namespace dateline
