// Multilingual search on the shared corpora (issue 9): the ITN blurbs (one
// event in many languages) and the 10kGNAD German articles. Each suite
// builds its index once; both skip when ../shared/data is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "../indexer/test_support.h"
#include "dateline/common/article_json.h"
#include "dateline/common/text.h"
#include "dateline/detail/analyzer.h"
#include "dateline/indexer/index_writer.h"
#include "dateline/query/searcher.h"
#include "document_builder.h"
#include "language_detector.h"
#include "shared_corpora.h"

namespace dateline {
namespace {

// Up to 1000 hits; passages only when asked for (they cost most).
SearchResult search(Searcher& searcher, const std::string& query,
                    std::vector<std::string> filters = {}, std::string language = {},
                    std::size_t passages = 0) {
  SearchRequest request;
  request.query = query;
  request.filters = std::move(filters);
  request.language = std::move(language);
  request.limit = 1000;
  request.passages = passages;
  request.collapse = false;
  request.exact_total = true;
  request.suggest = false;
  return searcher.search(request);
}

std::string marked(const Passage& passage) {
  std::string out;
  std::size_t at = 0;
  for (const auto& h : passage.highlights) {
    out += passage.text.substr(at, h.begin - at) + "[" +
           passage.text.substr(h.begin, h.end - h.begin) + "]";
    at = h.end;
  }
  return out + passage.text.substr(at);
}

Article small_article(const std::string& id, const std::string& language, const std::string& text) {
  Article article;
  article.id = id;
  article.language = language;
  article.paragraphs = {text};
  return article;
}

// Relevance feedback over remote shards takes a hit's stems from its stored
// text (detail::body_stem_terms()) instead of its term list: both must give
// the same body stems with the same wdf, or a search would rank differently
// over xapian-tcpsrv.
std::map<std::string, Xapian::termcount> indexed_body_stems(const Xapian::Document& document) {
  std::map<std::string, Xapian::termcount> stems;
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    const std::string name = *term;
    // "Z" then the stem; a field's stems have its upper-case prefix after Z.
    if (name.size() > 1 && name[0] == 'Z' && !(name[1] >= 'A' && name[1] <= 'Z')) {
      stems[name] = term.get_wdf();
    }
  }
  return stems;
}

std::map<std::string, Xapian::termcount> stored_body_stems(const Xapian::Document& document,
                                                           detail::Analyzers& analyzers) {
  std::map<std::string, Xapian::termcount> stems;
  const auto terms =
      detail::body_stem_terms(article_from_document_data(document.get_data(), true), analyzers);
  for (const auto& term : terms) ++stems[term];
  return stems;
}

TEST(BodyStems, StoredTextGivesTheIndexedStemsAndWdf) {
  std::vector<Article> articles;
  Article english = small_article("en1", "en", "Refugees crossed the border; the refugees waited.");
  english.title = "Refugee talks at the border";
  english.dek = "Talks went on";
  english.paragraphs.insert(english.paragraphs.begin() + 1, "");  // an empty paragraph
  english.paragraphs.push_back("Café owners, naïve negotiators: 1987's talks.");
  english.authors = {"Jane Talks"};  // author: stems under its own prefix
  articles.push_back(english);
  Article german = small_article("de1", "de", "Die Flüchtlinge aus der Ukraine kamen am Montag.");
  german.title = "Flüchtlinge in Köln";
  articles.push_back(german);
  articles.push_back(small_article("el1", "el", "Οι πρόσφυγες έφτασαν στην Αθήνα."));
  articles.push_back(small_article("zh1", "zh", "难民抵达 Berlin 边境"));
  articles.push_back(small_article("xx1", "", "No language given: English rules."));
  detail::Analyzers analyzers;
  for (const auto& article : articles) {
    SCOPED_TRACE(article.id);
    Xapian::Document document = indexer::build_document(article, analyzers);
    auto indexed = indexed_body_stems(document);
    EXPECT_FALSE(indexed.empty());
    EXPECT_EQ(stored_body_stems(document, analyzers), indexed);
  }
  // The title's stems count once more with the body's; the author's not.
  Xapian::Document document = indexer::build_document(english, analyzers);
  auto stems = stored_body_stems(document, analyzers);
  EXPECT_EQ(stems["Zrefuge"], 3u);
  EXPECT_EQ(stems["Ztalk"], 3u);
}

TEST(BodyStems, StoredTextGivesTheIndexedStemsOnItnBlurbs) {
  auto blurbs = testing::read_itn_blurbs();
  if (blurbs.empty()) GTEST_SKIP() << "ITN blurbs absent from " << testing::shared_data();
  detail::Analyzers analyzers;
  std::size_t compared = 0;
  for (std::size_t k = 0; k < blurbs.size(); k += 7) {
    Article article = small_article("itn" + std::to_string(k), blurbs[k].language, blurbs[k].text);
    Xapian::Document document = indexer::build_document(article, analyzers);
    ASSERT_EQ(stored_body_stems(document, analyzers), indexed_body_stems(document))
        << blurbs[k].language << ": " << blurbs[k].text;
    ++compared;
  }
  EXPECT_GT(compared, 100u);
}

TEST(MixedIndex, HighlightsAgreeWithWhatMatched) {
  testing::TempDir directory;
  auto path = directory.path() / "index";
  {
    IndexWriter writer(path, IndexOptions{1, 100});
    writer.add(small_article("en1", "en", "Talks on the Belarus-Ukraine border ended."));
    writer.add(small_article("sv1", "sv", "Flyktingar från Ukraina kom till Umeå."));
    writer.add(small_article("de1", "de", "Die Flüchtlinge aus der Ukraine kamen am Montag."));
  }
  Searcher searcher(path.string());
  // Swedish "Ukraina" and English "Ukraine" share the stem "ukrain": the
  // English article matches, and its "Ukraine" is marked because its
  // English stem is one the query looked for.
  auto result = search(searcher, "Ukraina", {}, "", 1);
  std::map<std::string, std::string> passages;
  for (const auto& hit : result.hits) passages[hit.id] = marked(hit.passages.at(0));
  ASSERT_TRUE(passages.count("en1"));
  EXPECT_EQ(passages["en1"], "Talks on the Belarus-[Ukraine] border ended.");
  EXPECT_EQ(passages["sv1"], "Flyktingar från [Ukraina] kom till Umeå.");
  // --lang sv stems in Swedish only; lang: in the query does the same and
  // filters.
  SearchRequest request;
  request.query = "flyktingarna";
  request.language = "sv";
  EXPECT_EQ(searcher.describe(request), "Query(Zflykting@1)");
  EXPECT_EQ(search(searcher, "flyktingarna lang:sv").total, 1u);
  EXPECT_EQ(search(searcher, "Flüchtlingen", {"lang:de"}, "", 1)
                .hits.at(0)
                .passages.at(0)
                .highlights.size(),
            1u);
}

class ItnBlurbs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_blurbs = new std::vector<testing::Blurb>(testing::read_itn_blurbs());
    if (s_blurbs->empty()) return;
    s_directory = new testing::TempDir();
    {
      IndexWriter writer(s_directory->path() / "index", IndexOptions{2, 10000});
      for (std::size_t k = 0; k < s_blurbs->size(); ++k) {
        writer.add(testing::blurb_article((*s_blurbs)[k], k, /*give_language=*/true));
      }
      writer.commit();
    }
  }
  static void TearDownTestSuite() {
    delete s_directory;
    delete s_blurbs;
    s_directory = nullptr;
    s_blurbs = nullptr;
  }
  void SetUp() override {
    if (s_blurbs->empty()) {
      GTEST_SKIP() << "shared data absent: " << testing::shared_data() / "itn_multilingual_news";
    }
    m_searcher = std::make_unique<Searcher>((s_directory->path() / "index").string());
  }
  // Ids of the blurbs in `language` whose text has a word matching `pattern`.
  static std::set<std::string> blurbs_with(const std::string& language, const std::regex& pattern) {
    std::set<std::string> ids;
    for (std::size_t k = 0; k < s_blurbs->size(); ++k) {
      const auto& blurb = (*s_blurbs)[k];
      if (blurb.language != language) continue;
      for (const auto& token : tokenize(blurb.text)) {
        if (std::regex_match(token.term, pattern)) {
          ids.insert(testing::blurb_article(blurb, k, true).id);
          break;
        }
      }
    }
    return ids;
  }
  static inline std::vector<testing::Blurb>* s_blurbs = nullptr;
  static inline testing::TempDir* s_directory = nullptr;
  std::unique_ptr<Searcher> m_searcher;
};

TEST_F(ItnBlurbs, RussianQueryFindsInflectedForms) {
  // "выборы" (elections, nominative) must find the blurbs that only say
  // "выборах" (locative) or "выборов" (genitive).
  auto expected = blurbs_with("ru", std::regex("выбор(ы|ах|ов|ам|ами)"));
  ASSERT_GT(expected.size(), 20u);
  auto result = search(*m_searcher, "выборы", {"lang:ru"}, "", 1);
  std::set<std::string> found;
  for (const auto& hit : result.hits) found.insert(hit.id);
  for (const auto& id : expected) EXPECT_TRUE(found.count(id)) << id;
  // The query word itself is rare: most matches are other forms, and the
  // highlight marks those forms.
  std::size_t other_forms = 0;
  for (const auto& hit : result.hits) {
    ASSERT_FALSE(hit.passages.empty());
    std::string text = marked(hit.passages[0]);
    if (text.find("[выборах]") != std::string::npos ||
        text.find("[выборов]") != std::string::npos) {
      ++other_forms;
    }
  }
  EXPECT_GT(other_forms, 20u);

  // "землетрясение" never occurs; its genitive forms do.
  auto quakes = blurbs_with("ru", std::regex("землетрясени(я|й|е|и|ем|ю)"));
  auto quake_result = search(*m_searcher, "землетрясение", {"lang:ru"});
  EXPECT_EQ(quake_result.total, quakes.size());
}

TEST_F(ItnBlurbs, WithoutALanguageTheQueryIsStemmedInEveryLanguage) {
  // No --lang: the same Russian word still finds the Russian blurbs, though
  // the index holds 50 languages.
  auto everywhere = search(*m_searcher, "выборы");
  auto russian = search(*m_searcher, "выборы", {"lang:ru"});
  std::size_t russian_in_everywhere = 0;
  for (const auto& hit : everywhere.hits) russian_in_everywhere += hit.language == "ru" ? 1 : 0;
  EXPECT_EQ(russian_in_everywhere, russian.total);
  // --lang stems in one language only: a Russian stem is not a Swedish one.
  EXPECT_EQ(search(*m_searcher, "выборы", {}, "sv").total, 0u);
}

TEST_F(ItnBlurbs, SameEventAcrossLanguagesByEntityNames) {
  // Liz Truss's resignation (Q272201) and Ulf Kristersson's election
  // (Q1780398) by name: found in many languages.
  for (auto [query, event] :
       {std::pair{"\"Liz Truss\"", "Q272201"}, std::pair{"Kristersson", "Q1780398"}}) {
    auto result = search(*m_searcher, query, {}, "", 1);
    std::set<std::string> languages;
    for (const auto& hit : result.hits) {
      if (hit.id.find("-" + std::string(event) + "-") != std::string::npos)
        languages.insert(hit.language);
    }
    EXPECT_GE(languages.size(), 6u) << query;
    // Every hit's passage marks the name, in whichever language it is.
    for (const auto& hit : result.hits) {
      ASSERT_FALSE(hit.passages.empty()) << hit.id;
      EXPECT_FALSE(hit.passages[0].highlights.empty()) << hit.id << " " << hit.passages[0].text;
    }
  }
}

TEST_F(ItnBlurbs, GreekIsStemmedByLibstemmer) {
  // Greek blurbs: a query in another inflection than the text still matches.
  // "θανάτου" (genitive) finds the blurbs saying "θάνατο" (accusative).
  // Terms are folded: no tonos, and final ς is σ.
  auto expected = blurbs_with("el", std::regex("θανατ(ο|οσ|ου)"));
  ASSERT_GE(expected.size(), 3u);
  auto result = search(*m_searcher, "θανάτου", {"lang:el"}, "", 1);
  EXPECT_EQ(result.total, expected.size());
  for (const auto& hit : result.hits) {
    EXPECT_NE(marked(hit.passages.at(0)).find("[θάνατο]"), std::string::npos)
        << hit.passages[0].text;
  }
}

TEST_F(ItnBlurbs, ChineseIsSearchableByCharacterPhrases) {
  // "地震" (earthquake) is two characters, matched as a phrase of both.
  std::size_t expected = 0;
  for (const auto& blurb : *s_blurbs) {
    if (normalize_language(blurb.language) == "zh" && blurb.text.find("地震") != std::string::npos)
      ++expected;
  }
  ASSERT_GT(expected, 5u);
  auto result = search(*m_searcher, "地震", {"lang:zh"}, "", 1);
  EXPECT_EQ(result.total, expected);
  for (const auto& hit : result.hits) {
    ASSERT_FALSE(hit.passages.empty());
    EXPECT_NE(marked(hit.passages[0]).find("[地震]"), std::string::npos) << hit.passages[0].text;
  }
  // A single character is searchable too.
  EXPECT_GE(search(*m_searcher, "震", {"lang:zh"}).total, expected);
}

TEST_F(ItnBlurbs, LanguageFacetCountsScripts) {
  SearchRequest request;
  request.filters = {"lang:uk"};
  request.facets = {"lang"};
  request.limit = 0;
  auto result = m_searcher->search(request);
  ASSERT_EQ(result.facets.size(), 1u);
  ASSERT_EQ(result.facets[0].values.size(), 1u);
  EXPECT_EQ(result.facets[0].values[0].value, "uk");
  EXPECT_EQ(result.facets[0].values[0].count, 147u);
}

// Detection on the blurbs against their given language. CLD2 scored 89.4%
// over all 3,546 (bench/RESULTS.md); the floor is below that, not a target.
TEST_F(ItnBlurbs, DetectionAgreesWithTheGivenLanguage) {
  std::size_t right = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_language;
  for (const auto& blurb : *s_blurbs) {
    std::string given = normalize_language(blurb.language);
    bool ok = indexer::detect_language(blurb.text) == given;
    right += ok ? 1 : 0;
    auto& [total, correct] = by_language[given];
    ++total;
    correct += ok ? 1 : 0;
  }
  EXPECT_GT(static_cast<double>(right) / static_cast<double>(s_blurbs->size()), 0.85);
  for (const char* language : {"ru", "fr", "de", "pl", "uk", "fi"}) {
    auto [total, correct] = by_language[language];
    EXPECT_GT(static_cast<double>(correct) / static_cast<double>(total), 0.9) << language;
  }
}

class GermanArticles : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_articles = new std::vector<testing::LabelledText>(testing::read_10kgnad());
    if (s_articles->empty()) return;
    s_directory = new testing::TempDir();
    IndexWriter writer(s_directory->path() / "index", IndexOptions{2, 10000});
    for (std::size_t k = 0; k < s_articles->size(); ++k) {
      Article article;
      article.id = "gnad-" + std::to_string(k);
      article.tags = {(*s_articles)[k].label};
      article.paragraphs = {(*s_articles)[k].text};
      writer.add(std::move(article));  // no language given: detected
    }
    writer.commit();
  }
  static void TearDownTestSuite() {
    delete s_directory;
    delete s_articles;
    s_directory = nullptr;
    s_articles = nullptr;
  }
  void SetUp() override {
    if (s_articles->empty())
      GTEST_SKIP() << "shared data absent: " << testing::shared_data() / "10kgnad_german";
    m_searcher = std::make_unique<Searcher>((s_directory->path() / "index").string());
  }
  static std::set<std::string> ids(const SearchResult& result) {
    std::set<std::string> out;
    for (const auto& hit : result.hits) out.insert(hit.id);
    return out;
  }
  static inline std::vector<testing::LabelledText>* s_articles = nullptr;
  static inline testing::TempDir* s_directory = nullptr;
  std::unique_ptr<Searcher> m_searcher;
};

TEST_F(GermanArticles, DetectedAsGerman) {
  auto result = search(*m_searcher, "", {"lang:de"});
  EXPECT_GE(static_cast<double>(result.total), 0.99 * static_cast<double>(s_articles->size()));
}

TEST_F(GermanArticles, UmlautsFoldForMatching) {
  // German folds ä/ö/ü (and ß): a query typed without them finds the same
  // articles, and the display text keeps them.
  auto with = search(*m_searcher, "Bürgermeister");
  auto without = search(*m_searcher, "Burgermeister", {}, "", 1);
  ASSERT_GT(with.total, 5u);
  EXPECT_EQ(ids(with), ids(without));
  bool shown = false;
  for (const auto& hit : without.hits) {
    for (const auto& passage : hit.passages)
      shown = shown || marked(passage).find("[Bürgermeister") != std::string::npos;
  }
  EXPECT_TRUE(shown);
  EXPECT_EQ(ids(search(*m_searcher, "Straße")), ids(search(*m_searcher, "Strasse")));
}

TEST_F(GermanArticles, InflectionsMatchCompoundsAreNotSplit) {
  // "Flüchtlinge" finds articles that only have "Flüchtlingen"/"Flüchtling".
  std::size_t only_other_forms = 0;
  auto refugees = ids(search(*m_searcher, "Flüchtlinge"));
  for (std::size_t k = 0; k < s_articles->size(); ++k) {
    const std::string& text = (*s_articles)[k].text;
    bool plural = text.find("Flüchtlinge ") != std::string::npos ||
                  text.find("Flüchtlinge.") != std::string::npos ||
                  text.find("Flüchtlinge,") != std::string::npos;
    bool dative = text.find("Flüchtlingen") != std::string::npos;
    if (dative && !plural) {
      ++only_other_forms;
      EXPECT_TRUE(refugees.count("gnad-" + std::to_string(k))) << k;
    }
  }
  EXPECT_GT(only_other_forms, 3u);
  // Snowball does not split compounds: "Krise" does not find an article whose
  // only crisis is a "Flüchtlingskrise"; the wildcard "flüchtlings*" does.
  auto crisis = ids(search(*m_searcher, "Krise"));
  auto compound = ids(search(*m_searcher, "flüchtlingskrise"));
  std::size_t compound_only = 0;
  for (const auto& id : compound) {
    std::size_t k = std::stoul(id.substr(5));
    const std::string& text = (*s_articles)[k].text;
    bool has_crisis_word = std::regex_search(text, std::regex("(^|[^\\wäöüÄÖÜß])Krise"));
    if (!has_crisis_word) {
      ++compound_only;
      EXPECT_FALSE(crisis.count(id)) << id;
    }
  }
  EXPECT_GT(compound_only, 0u);
  auto prefixed = ids(search(*m_searcher, "flüchtlings*"));
  for (const auto& id : compound) EXPECT_TRUE(prefixed.count(id)) << id;
}

TEST_F(GermanArticles, StopwordsGetNoStemTermButPhrasesKeepThem) {
  // "und" is a German stopword: German articles hold no stem term for it,
  // so a query stemmed in German matches it as the word itself; phrases
  // with stopwords match, because every word keeps its position.
  SearchRequest request;
  request.query = "und";
  request.language = "de";
  EXPECT_EQ(m_searcher->describe(request), "Query(und@1)");
  request.query = "Krieg";
  EXPECT_EQ(m_searcher->describe(request), "Query(Zkrieg@1)");
  auto phrase = search(*m_searcher, "\"Krieg und Frieden\"");
  auto words = search(*m_searcher, "+Krieg +und +Frieden");
  EXPECT_GT(words.total, 0u);
  EXPECT_LE(phrase.total, words.total);
  // Without --lang the index's languages are German and English (the
  // default for unknown ones): "und" is an English stem or a German word.
  request.language.clear();
  request.query = "und";
  EXPECT_EQ(m_searcher->describe(request), "Query((Zund@1 SYNONYM und@1))");
}

}  // namespace
}  // namespace dateline
