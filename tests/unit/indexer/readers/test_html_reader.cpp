#include <gtest/gtest.h>

#include "../test_support.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::read_string;

using Paragraphs = std::vector<std::string>;

const std::string news_page = R"(<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Grain exports resume | Northwind Wire</title>
  <meta property="og:title" content="Grain exports resume from Odesa">
  <meta property="og:site_name" content="Northwind Wire">
  <meta property="og:description" content="The first ship left port on Monday.">
  <meta name="author" content="Ana Example">
  <meta property="article:published_time" content="2022-08-01T09:30:00+03:00">
  <link rel="canonical" href="https://example.org/news/grain">
  <script>var tracking = "<p>not text</p>";</script>
  <style>p { color: red }</style>
</head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li>World</li></ul></nav>
  <header class="site"><p>Northwind Wire: news you can use</p></header>
  <main>
    <article>
      <header><h1>Grain exports resume from Odesa</h1><p>By Ana Example</p></header>
      <p>The first grain ship since the war began left <b>Odesa</b> on Monday.</p>
      <div class="share-tools"><p>Share this story</p></div>
      <h2>What happens next</h2>
      <p>More ships are
         expected this week.</p>
      <figure><img src="ship.jpg"><figcaption>The ship at anchor</figcaption></figure>
      <aside><p>Related: earlier coverage</p></aside>
      <form><p>Sign up for our newsletter</p></form>
      <p hidden>Hidden text</p>
      <blockquote><p>"We are ready," said the captain.</p></blockquote>
    </article>
  </main>
  <footer><p>Copyright Northwind</p></footer>
</body>
</html>)";

TEST(HtmlReader, ReadsMetadataAndTheStory) {
  auto sink = read_string(news_page, InputFormat::html, "grain.html");
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.title, "Grain exports resume from Odesa");
  EXPECT_EQ(a.source, "Northwind Wire");
  EXPECT_EQ(a.dek, "The first ship left port on Monday.");
  EXPECT_EQ(a.authors, (Paragraphs{"Ana Example"}));
  EXPECT_EQ(a.url, "https://example.org/news/grain");
  EXPECT_EQ(a.language, "en");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2022-08-01T09:30:00+03:00");
  EXPECT_EQ(a.paragraphs,
            (Paragraphs{"The first grain ship since the war began left Odesa on Monday.",
                        "What happens next", "More ships are expected this week.",
                        "\"We are ready,\" said the captain."}));
  EXPECT_EQ(a.format, "html");
  EXPECT_EQ(a.origin, "grain.html");
  EXPECT_EQ(a.id[0], 'u');  // derived from the canonical URL
}

TEST(HtmlReader, JsonLdArticleInAGraph) {
  auto sink = read_string(R"(<html><head>
<script type="application/ld+json">{ this is not json </script>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Site"},
  {"@type": ["NewsArticle"], "headline": "Talks end without a deal",
   "datePublished": "2022-03-10T14:00:00Z", "inLanguage": "fr-FR",
   "description": "Ministers met in Antalya.",
   "author": [{"@type": "Person", "name": "Jo Writer"}, "Sam Second",
              {"@type": "Person", "url": "https://example.org/x"}],
   "publisher": {"@type": "Organization", "name": "Example News"}}]}
</script></head>
<body><p>Body text.</p></body></html>)",
                          InputFormat::html);
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.title, "Talks end without a deal");
  EXPECT_EQ(a.authors, (Paragraphs{"Jo Writer", "Sam Second"}));
  EXPECT_EQ(a.source, "Example News");
  EXPECT_EQ(a.dek, "Ministers met in Antalya.");
  EXPECT_EQ(a.language, "fr");
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2022-03-10T14:00:00Z");
  EXPECT_EQ(a.paragraphs, (Paragraphs{"Body text."}));
}

TEST(HtmlReader, FallsBackToTitleElementH1OgUrlTimeAndRelAuthor) {
  auto sink = read_string(R"(<html><head><title>Quiet day - The Daily</title>
<meta property="og:site_name" content="The Daily">
<meta property="og:url" content="https://daily.example/quiet"></head>
<body><p class="byline">By <a rel="author" href="/a">Kim Reporter</a></p>
<p>Posted <time datetime="2021-06-05">5 June</time>.</p></body></html>)",
                          InputFormat::html);
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.title, "Quiet day");
  EXPECT_EQ(a.url, "https://daily.example/quiet");
  EXPECT_EQ(a.authors, (Paragraphs{"Kim Reporter"}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->day_string(), "2021-06-05");

  auto h1_only = read_string("<body><h1>Only a heading</h1><p>Text.</p></body>", InputFormat::html);
  ASSERT_EQ(h1_only.articles.size(), 1u);
  EXPECT_EQ(h1_only.articles[0].title, "Only a heading");
  // The headline is not repeated as a paragraph.
  EXPECT_EQ(h1_only.articles[0].paragraphs, (Paragraphs{"Text."}));
}

// A page that does not name its site: its <title> is the headline and the
// site's name, and the <h1> tells which part is the headline.
TEST(HtmlReader, TheTitleWithoutTheSiteTheH1Tells) {
  auto page = [](const std::string& title, const std::string& h1) {
    auto sink = read_string("<html><head><title>" + title + "</title></head><body><h1>" + h1 +
                                "</h1><p>Talks on a coalition begin on Monday.</p></body></html>",
                            InputFormat::html);
    EXPECT_EQ(sink.articles.size(), 1u) << title;
    return sink.articles.empty() ? Article{} : sink.articles[0];
  };
  Article wiesbaden = page("Koalition in Wiesbaden - Rheinbote", "Koalition in Wiesbaden");
  EXPECT_EQ(wiesbaden.title, "Koalition in Wiesbaden");
  EXPECT_EQ(wiesbaden.paragraphs, (Paragraphs{"Talks on a coalition begin on Monday."}));
  EXPECT_EQ(page("Koalition in Wiesbaden | Rheinbote", "Koalition in Wiesbaden").title,
            "Koalition in Wiesbaden");
  // An <h1> that is the site's logo is the shorter part: not the headline.
  EXPECT_EQ(page("Rheinbote - Koalition in Wiesbaden", "Rheinbote").title,
            "Rheinbote - Koalition in Wiesbaden");
  // A headline with a dash in it is not cut.
  EXPECT_EQ(page("Hessen - the talks begin", "Hessen - the talks begin").title,
            "Hessen - the talks begin");
}

// Many pages name their reporters only in the story's byline.
TEST(HtmlReader, TheBylineNamesTheAuthorsAndIsNotText) {
  auto read = [](const std::string& byline, const std::string& head = "") {
    auto sink = read_string("<html><head>" + head +
                                "</head><body><article><h1>Port strike ends</h1>" + byline +
                                "<p>Dock workers voted on Thursday to end the strike.</p>"
                                "</article></body></html>",
                            InputFormat::html);
    EXPECT_EQ(sink.articles.size(), 1u) << byline;
    return sink.articles.empty() ? Article{} : sink.articles[0];
  };
  Article two = read(
      "<div class=\"c-byline\"><span>By Mira Castell and Tom Rees</span> | "
      "<time datetime=\"2024-03-14\">14 March 2024</time></div>");
  EXPECT_EQ(two.authors, (Paragraphs{"Mira Castell", "Tom Rees"}));
  EXPECT_EQ(two.paragraphs, (Paragraphs{"Dock workers voted on Thursday to end the strike."}));
  ASSERT_TRUE(two.published);  // the byline's time still dates the page
  EXPECT_EQ(two.published->day_string(), "2024-03-14");
  EXPECT_EQ(read("<p id=\"story-byline\">By MIRA CASTELL, Political Correspondent</p>").authors,
            (Paragraphs{"MIRA CASTELL"}));
  // No "By": a name alone, not a date or the byline's buttons.
  EXPECT_EQ(read("<p class=\"byline\">Nicholas St. Fleur</p>").authors,
            (Paragraphs{"Nicholas St. Fleur"}));
  EXPECT_EQ(read("<p class=\"byline\">Diana Yen | December 22, 2014</p>").authors,
            (Paragraphs{"Diana Yen"}));
  EXPECT_TRUE(read("<p class=\"byline\">Updated 14 March 2024</p>").authors.empty());
  EXPECT_TRUE(read("<p class=\"byline\">Leave A Comment</p>").authors.empty());
  // What runs into a name from the byline's other elements.
  EXPECT_EQ(read("<p class=\"byline\">By <b>Marah Eakin</b><a>@marahe</a></p>").authors,
            (Paragraphs{"Marah Eakin"}));
  EXPECT_EQ(read("<p class=\"byline\"><i>By</i><b>Malcolm Harris</b></p>").authors,
            (Paragraphs{"Malcolm Harris"}));
  EXPECT_TRUE(read("<p class=\"byline\">By Arnold Saba gulflive.com Follow</p>").authors.empty());
  // A byline the page does not mark is no text when it names the authors
  // the page's metadata names; a sentence that opens with "By" stays.
  auto unmarked = read_string(
      "<html><head><meta name=\"author\" content=\"Gail Gardner\"></head><body><article>"
      "<p>By Gail Gardner</p><p>By the end of the day the port was quiet.</p>"
      "</article></body></html>",
      InputFormat::html);
  ASSERT_EQ(unmarked.articles.size(), 1u);
  EXPECT_EQ(unmarked.articles[0].paragraphs,
            (Paragraphs{"By the end of the day the port was quiet."}));
  // The page's own author metadata wins.
  EXPECT_EQ(read("<p class=\"byline\">By M. Castell</p>",
                 "<meta name=\"author\" content=\"Mira Castell\">")
                .authors,
            (Paragraphs{"Mira Castell"}));
}

// Sites that give no article:published_time date their pages under other
// names: Dublin Core's, Open Graph's longer form, e-mail and analytics
// tools' (the New York Times' "pdate", Reuters' "sailthru.date").
TEST(HtmlReader, OtherNamesForThePublicationDate) {
  for (const auto& [meta, day] : std::vector<std::pair<std::string, std::string>>{
           {R"(<meta name="pdate" content="20191119">)", "2019-11-19"},
           {R"(<meta name="sailthru.date" content="2019-11-19T21:57:01+0000">)", "2019-11-19"},
           {R"(<meta name="DC.date.issued" content="2019-11-18">)", "2019-11-18"},
           {R"(<meta property="og:article:published_time" content="2019-11-13">)", "2019-11-13"},
       }) {
    auto sink = read_string("<html><head>" + meta +
                                "</head><body><p>Talks on a coalition begin on Monday.</p>"
                                "<p>Updated <time datetime=\"2020-01-01\">later</time>.</p>"
                                "</body></html>",
                            InputFormat::html);
    ASSERT_EQ(sink.articles.size(), 1u) << meta;
    ASSERT_TRUE(sink.articles[0].published) << meta;
    EXPECT_EQ(sink.articles[0].published->day_string(), day) << meta;
  }
}

TEST(HtmlReader, PicksTheArticleWithTheMostText) {
  auto sink = read_string(R"(<body>
<article><p>Teaser for another story.</p></article>
<article><p>The real story, first paragraph, which is long.</p><p>Second paragraph.</p></article>
<article><p>Another teaser.</p></article></body>)",
                          InputFormat::html);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].paragraphs,
            (Paragraphs{"The real story, first paragraph, which is long.", "Second paragraph."}));
}

// The shapes in which real sites hold their stories (the article
// extraction benchmark's pages, bench/article_extraction.py).
const std::string story_text[] = {
    "Dock workers at the port of Eastwick voted on Thursday to end a nine-day strike, the union "
    "said, after talks that lasted through the night.",
    "The agreement raises wages by six percent over two years and limits night shifts to three a "
    "week, according to a copy seen by reporters.",
    "Shipping lines expect the backlog of forty ships to clear within a fortnight, the port "
    "authority said in a statement on Friday."};

std::string story_paragraphs(const std::string& open = "<p>", const std::string& close = "</p>") {
  std::string html;
  for (const auto& paragraph : story_text) html += open + paragraph + close;
  return html;
}

Paragraphs story_read(const std::string& html) {
  auto sink = read_string(html, InputFormat::html);
  EXPECT_EQ(sink.articles.size(), 1u);
  return sink.articles.empty() ? Paragraphs{} : sink.articles[0].paragraphs;
}

TEST(HtmlReader, WhereRealSitesKeepTheStory) {
  const Paragraphs story(std::begin(story_text), std::end(story_text));
  // ASP.NET wraps the whole page in a <form>: it is no search box.
  EXPECT_EQ(story_read("<body><form id=\"aspnetForm\"><nav><a href=\"/\">Home</a></nav>"
                       "<h1>Strike ends</h1><article>" +
                       story_paragraphs() + "</article></form></body>"),
            story);
  // Microdata's articleBody is the story, not the <article> around it
  // with its related links.
  EXPECT_EQ(story_read("<body><article><div itemprop=\"articleBody\">" + story_paragraphs() +
                       "</div><div class=\"more\"><p>Other news: the ferry timetable "
                       "changes in May, and the bridge closes for repairs.</p></div>"
                       "</article></body>"),
            story);
  // <article>s that are teasers beside a story that is in none.
  EXPECT_EQ(story_read("<body><article><p>Teaser: the mayor opens a park.</p></article>"
                       "<div class=\"entry-content\">" +
                       story_paragraphs() +
                       "</div><article><p>Teaser: rain is forecast.</p></article></body>"),
            story);
  // A layout named for its sidebar holds the story's column.
  EXPECT_EQ(story_read("<body><div class=\"l-sidebar-fixed l-article-body-segment\">" +
                       story_paragraphs() + "</div></body>"),
            story);
  // Lists of other stories inside the story's element are links.
  EXPECT_EQ(story_read("<body><article>" + story_paragraphs() +
                       "<p><a href=\"/a\">Bridge closes for repairs in May</a></p>"
                       "<ul><li><a href=\"/b\">Ferry timetable changes</a></li></ul>"
                       "<p>Read the <a href=\"/c\">earlier report</a> on the strike's first "
                       "day.</p></article></body>"),
            (Paragraphs{story_text[0], story_text[1], story_text[2],
                        "Read the earlier report on the strike's first day."}));
  // A slideshow's captions, the article's footer and the site's copyright
  // line are no story.
  EXPECT_EQ(story_read("<body><article><div class=\"asset_gallery\"><p>Photo: a long row of "
                       "unsold cars at a dealership, Sunday.</p></div>" +
                       story_paragraphs() +
                       "<div class=\"Footer-section\"><p>Got a confidential news tip? We want "
                       "to hear from you.</p></div><p>\u00a9 2019 Harbour Gazette LLC. All Rights "
                       "Reserved.</p></article></body>"),
            story);
  // The story behind a paywall is the story; the wall's prompts are not.
  EXPECT_EQ(
      story_read("<body><article><p>" + std::string(story_text[0]) +
                 "</p><div class=\"paywall\"><p>" + story_text[1] + "</p><p>" + story_text[2] +
                 "</p></div><div class=\"paywall-bar paywall-bar--visible\"><p>Subscribe "
                 "for a dollar a week to read on.</p></div></article></body>"),
      story);
  // A story as pages of the 1990s wrote it: text and <br>s in a <div>
  // or a table's cell, among other blocks (a <center>ed advertisement is
  // a block of its own, and no paragraph).
  EXPECT_EQ(story_read("<body><div class=\"content\"><table><tr><td>Photo</td></tr></table>" +
                       std::string(story_text[0]) + "<br><br>" + story_text[1] +
                       " <em>Reuters</em> reported.<br><br><center>Advertisement</center>" +
                       story_text[2] + "</div></body>"),
            (Paragraphs{"Photo", story_text[0], std::string(story_text[1]) + " Reuters reported.",
                        story_text[2]}));
  // Paragraphs in <div>s of text, as CNN writes them.
  EXPECT_EQ(story_read("<body><article><h1>Strike ends</h1><p>Updated 0914 GMT</p>" +
                       story_paragraphs("<div class=\"zn-body__paragraph\">", "</div>") +
                       "</article></body>"),
            (Paragraphs{"Updated 0914 GMT", story_text[0], story_text[1], story_text[2]}));
}

TEST(HtmlReader, PageWithoutParagraphsGivesItsBlocks) {
  auto sink = read_string(
      "<html><body><div>First block<br>second line</div><div><span>Third</span></div>"
      "<nav>Menu</nav></body></html>",
      InputFormat::html);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].paragraphs, (Paragraphs{"First block", "second line", "Third"}));
}

TEST(HtmlReader, ClassNamesNeverCostThePageAllItsText) {
  auto sink =
      read_string("<body><div class=\"layout-with-sidebar\"><p>The whole story.</p></div></body>",
                  InputFormat::html);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].paragraphs, (Paragraphs{"The whole story."}));
}

TEST(HtmlReader, BadDateIsAWarning) {
  auto sink = read_string(
      "<head><meta property=\"article:published_time\" content=\"last Tuesday\"></head>"
      "<body><p>Text.</p></body>",
      InputFormat::html, "p.html");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_FALSE(sink.articles[0].published);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].origin, "p.html");
  EXPECT_EQ(sink.warnings[0].reason, "bad-date");
}

// The warning quoted the first 60 bytes of the date, which could end inside
// a UTF-8 character (found reading the code after the same bug in other
// readers; the fuzz reproducer is corpus/read_html/crash-bad-date-cut-character).
TEST(HtmlReader, BadDateWarningIsCutBetweenCharacters) {
  auto sink =
      read_string("<head><meta property=\"article:published_time\" content=\"" +
                      std::string(59, 'x') + "\xC3\xA9 tail\"></head><body><p>Text.</p></body>",
                  InputFormat::html, "p.html");
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_TRUE(testing::is_clean_line(sink.warnings[0].detail)) << sink.warnings[0].detail;
}

TEST(HtmlReader, Latin1PageIsRepaired) {
  auto sink = read_string(
      "<title>Caf\xE9</title><p>Price \xA3"
      "5</p>",
      InputFormat::html);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Caf\xC3\xA9");
  EXPECT_EQ(sink.articles[0].paragraphs, (Paragraphs{"Price \xC2\xA3"
                                                     "5"}));
  EXPECT_EQ(sink.repaired_bytes, 2u);
}

// Pages in the charset they declare: windows-1251 and koi8-r for Russian,
// Shift_JIS for Japanese, iso-8859-2 for Polish. They were repaired as
// Windows-1252 ("Ìîñêâà"), or, from a file, refused as binary.
TEST(HtmlReader, ALegacyCharsetThePageDeclaresIsDecoded) {
  struct Case {
    std::string html;
    std::string title;
    std::string paragraph;
  };
  const std::vector<Case> cases{
      {"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
       "charset=windows-1251\"></head><body><h1>\xCC\xEE\xF1\xEA\xE2\xE0</h1><p>\xD6\xE5\xED\xF2"
       "\xF0\xE0\xEB\xFC\xED\xFB\xE9 \xE1\xE0\xED\xEA.</p></body></html>",
       "Москва", "Центральный банк."},
      {"<html><head><META CHARSET='KOI8-R'></head><body><h1>\xEB\xC9\xC5\xD7</h1><p>\xF7\xCC\xC1"
       "\xD3\xD4\xC9 \xEB\xC9\xC5\xD7\xC1.</p></body></html>",
       "Киев", "Власти Киева."},
      {"<html><head><meta charset=shift_jis></head><body><h1>\x93\x8C\x8B\x9E</h1><p>\x93\x8C"
       "\x8B\x9E\x82\xC5\x92n\x90k\x82\xAA\x82\xA0\x82\xE8\x82\xDC\x82\xB5\x82\xBD\x81"
       "B</p></body></html>",
       "東京", "東京で地震がありました。"},
      {"<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><html><body><h1>\xA3\xF3"
       "d\xBC</h1><p>W\xB3"
       "adze \xA3odzi.</p></body></html>",
       "Łódź", "Władze Łodzi."},
      // "iso-8859-1" is read as browsers read it, as Windows-1252: its
      // curly quotes are quotes, not C1 controls.
      {"<html><head><meta charset=\"iso-8859-1\"></head><body><h1>Caf\xE9</h1><p>\x93"
       "Yes\x94, he said.</p></body></html>",
       "Café", "“Yes”, he said."},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.title);
    EXPECT_EQ(detect_format("page.html", c.html), InputFormat::html);
    auto sink = read_string(c.html, InputFormat::html);
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].title, c.title);
    EXPECT_EQ(sink.articles[0].paragraphs, (Paragraphs{c.paragraph}));
    EXPECT_EQ(sink.repaired_bytes, 0u);
  }
  // A page valid as UTF-8 is UTF-8, whatever it declares.
  auto mislabelled = read_string(
      "<html><head><meta charset=\"windows-1251\"></head><body><h1>Café</h1><p>Text.</p></body>"
      "</html>",
      InputFormat::html);
  ASSERT_EQ(mislabelled.articles.size(), 1u);
  EXPECT_EQ(mislabelled.articles[0].title, "Café");
}

TEST(HtmlReader, PageWithoutTextIsSkipped) {
  auto sink = read_string("<html><head><script>x()</script></head><body><nav>Menu</nav></body>",
                          InputFormat::html, "empty.html");
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "no-text");
}

TEST(HtmlReader, OversizedPageIsSkipped) {
  ReaderLimits limits;
  limits.max_record_bytes = 100;
  auto sink =
      read_string("<p>" + std::string(200, 'x') + "</p>", InputFormat::html, "big.html", limits);
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "too-large");
}

// 100,000 nested tags: neither the parser nor the walk may recurse that deep
// or go quadratic.
TEST(HtmlReader, DeeplyNestedMarkup) {
  for (std::string tag : {"div", "b", "span", "blockquote"}) {
    std::string html = "<html><head><title>Deep " + tag + "</title></head><body><article>";
    for (int k = 0; k < 100000; ++k) html += "<" + tag + ">";
    html += "<p>At the bottom.</p>";
    for (int k = 0; k < 100000; ++k) html += "</" + tag + ">";
    html += "<p>After it.</p></article></body></html>";
    auto sink = read_string(html, InputFormat::html);
    ASSERT_EQ(sink.articles.size(), 1u) << tag;
    EXPECT_EQ(sink.articles[0].title, "Deep " + tag);
    const auto& paragraphs = sink.articles[0].paragraphs;
    EXPECT_NE(std::find(paragraphs.begin(), paragraphs.end(), "At the bottom."), paragraphs.end())
        << tag;
    EXPECT_NE(std::find(paragraphs.begin(), paragraphs.end(), "After it."), paragraphs.end())
        << tag;
  }
  // Unclosed, too.
  std::string unclosed = "<title>Unclosed</title>";
  for (int k = 0; k < 100000; ++k) unclosed += "<div>";
  unclosed += "text";
  auto sink = read_string(unclosed, InputFormat::html);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].paragraphs, (Paragraphs{"text"}));
}

TEST(HtmlReader, RawTextElementsAndQuotedAttributesSurviveFlattening) {
  // Over 512 tags, so the page goes through the nesting limiter.
  std::string html = "<title>A &lt;b&gt; title</title><script>if (a < b) { x('</div>'); }</script>";
  for (int k = 0; k < 600; ++k) html += "<span title=\"a > b\">";
  html += "<p>Kept.</p>";
  auto sink = read_string(html, InputFormat::html);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "A <b> title");
  EXPECT_EQ(sink.articles[0].paragraphs, (Paragraphs{"Kept."}));
}

}  // namespace
}  // namespace dateline
