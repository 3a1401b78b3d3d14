#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "dateline/indexer/reader.h"
#include "test_support.h"

namespace dateline {
namespace {

using testing::read_string;

TEST(TextReader, HeaderBlockHeadlineDekParagraphs) {
  auto sink = read_string(
      "Id: t1\nDate: 2022-03-02T14:05:00+02:00\nSource: Northwind Wire\nAuthors: A One, B Two\n"
      "Language: en\nTags: talks, belarus\n\nHeadline here\nThe dek.\nPara one.\n\nPara two.\n",
      InputFormat::text, "a.txt");
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "t1");
  EXPECT_EQ(a.title, "Headline here");
  EXPECT_EQ(a.dek, "The dek.");
  EXPECT_EQ(a.paragraphs, (std::vector<std::string>{"Para one.", "Para two."}));
  EXPECT_EQ(a.authors, (std::vector<std::string>{"A One", "B Two"}));
  EXPECT_EQ(a.tags, (std::vector<std::string>{"talks", "belarus"}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601(), "2022-03-02T14:05:00+02:00");
  EXPECT_EQ(a.format, "text");
}

// "Title: ..." over "Date: ..." is how many people write an article down.
// The title was taken for the headline line itself ("Title: Cafe prices
// soar"), and the date line for the dek.
TEST(TextReader, TheHeaderMayGiveTheHeadlineAndDek) {
  auto sink = read_string(
      "Title: Coffee prices soar\nDate: 2024-02-02\n\nFrost hit the crop.\nTraders bought.\n",
      InputFormat::text, "c.txt");
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.title, "Coffee prices soar");
  EXPECT_TRUE(a.dek.empty());
  EXPECT_EQ(a.paragraphs, (std::vector<std::string>{"Frost hit the crop.", "Traders bought."}));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso8601().substr(0, 10), "2024-02-02");

  auto with_dek =
      read_string("Headline: Port reopens\nDek: Ships sail again\n\nBody.\n", InputFormat::text);
  ASSERT_EQ(with_dek.articles.size(), 1u);
  EXPECT_EQ(with_dek.articles[0].title, "Port reopens");
  EXPECT_EQ(with_dek.articles[0].dek, "Ships sail again");
  EXPECT_EQ(with_dek.articles[0].paragraphs, (std::vector<std::string>{"Body."}));

  // Without a blank line after it, the header still ends at the first line
  // that is not one.
  auto unended = read_string("Title: Port reopens\nShips sailed.\n", InputFormat::text);
  ASSERT_EQ(unended.articles.size(), 1u);
  EXPECT_EQ(unended.articles[0].title, "Port reopens");
  EXPECT_EQ(unended.articles[0].paragraphs, (std::vector<std::string>{"Ships sailed."}));
}

TEST(TextReader, NoHeaderMeansFirstLineIsTheHeadline) {
  auto sink = read_string("Russia-Ukraine updates: talks\nDek\nBody.\n", InputFormat::text);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Russia-Ukraine updates: talks");
  EXPECT_FALSE(sink.articles[0].published);
  EXPECT_EQ(sink.articles[0].id[0], 'h');  // derived from the content
}

// Notepad's "UTF-8 with BOM": the mark is no part of the headline, nor of
// a header key.
TEST(TextReader, TheByteOrderMarkIsNoText) {
  auto sink = read_string("\xEF\xBB\xBFPort strike ends\nDek\nBody.\n", InputFormat::text);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Port strike ends");
  auto header = read_string(
      "\xEF\xBB\xBF"
      "Date: 2019-03-14\n\nPort strike ends\n",
      InputFormat::text);
  ASSERT_EQ(header.articles.size(), 1u);
  EXPECT_TRUE(header.articles[0].published);
  EXPECT_EQ(header.articles[0].title, "Port strike ends");
}

TEST(TextReader, BadDateIsAWarningAndTheArticleStaysUndated) {
  auto sink = read_string("Date: 99999-01-01\n\nTitle\nDek\n", InputFormat::text, "b.txt");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_FALSE(sink.articles[0].published);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].origin, "b.txt");
  EXPECT_EQ(sink.warnings[0].reason, "bad-date");
}

TEST(TextReader, NulBytesAndInvalidUtf8AreRepaired) {
  static constexpr char text[] =
      "Title\nDek with \0 nul\nPrice \xA3"
      "5\n";
  auto sink = read_string(std::string(text, sizeof text - 1), InputFormat::text);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].dek, "Dek with nul");
  EXPECT_EQ(sink.articles[0].paragraphs[0], "Price £5");
  EXPECT_GT(sink.repaired_bytes, 0u);
}

// A collection's tag list (Reuters-21578's all-topics-strings.lc.txt) is
// no article; a short text of one-word lines, or a list with one line of
// words, is.
TEST(TextReader, AListOfOneWordLinesIsNoArticle) {
  std::string list;
  for (const char* tag : {"acq", "alum", "austdlr", "austral", "barley", "bfr", "boise", "bop",
                          "can", "carcass", "castor-meal", "castor-oil"}) {
    list += std::string(tag) + "\n";
  }
  auto sink = read_string(list, InputFormat::text, "all-topics-strings.lc.txt");
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "word-list");
  EXPECT_EQ(sink.skips[0].origin, "all-topics-strings.lc.txt");
  EXPECT_EQ(sink.skips[0].detail, "a list of 12 one-word lines, not an article");

  EXPECT_EQ(read_string("Fire\nDowntown\nEvacuated\n", InputFormat::text, "a.txt").articles.size(),
            1u);
  EXPECT_EQ(read_string("Grain exports rose\n" + list, InputFormat::text, "b.txt").articles.size(),
            1u);
}

TEST(TextReader, EmptyArticleIsSkipped) {
  auto sink = read_string("Id: x\n\n\n", InputFormat::text, "e.txt");
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "no-text");
}

TEST(JsonlReader, BadLinesAreSkippedWithTheirLineNumbersAndTheRestIsRead) {
  auto sink = read_string(
      "{\"id\":\"1\",\"title\":\"One\"}\n"
      "{\"id\":\"2\",\"title\":\n"
      "\n"
      "[1,2]\n"
      "{\"id\":\"5\",\"title\":{}}\n"
      "{\"id\":\"6\"}\n"
      "{\"id\":\"7\",\"title\":\"Seven\",\"published\":\"soon\"}\n"
      "{\"id\":\"8\",\"title\":\"Caf\xE9\"}\n",
      InputFormat::jsonl, "f.jsonl");
  ASSERT_EQ(sink.articles.size(), 3u);
  EXPECT_EQ(sink.articles[0].id, "1");
  EXPECT_EQ(sink.articles[1].id, "7");
  EXPECT_FALSE(sink.articles[1].published);
  EXPECT_EQ(sink.articles[2].title, "Café");
  ASSERT_EQ(sink.skips.size(), 4u);
  EXPECT_EQ(sink.skips[0].origin, "f.jsonl:2");
  EXPECT_EQ(sink.skips[0].reason, "malformed-json");
  EXPECT_EQ(sink.skips[1].origin, "f.jsonl:4");
  EXPECT_EQ(sink.skips[2].origin, "f.jsonl:5");
  EXPECT_EQ(sink.skips[2].reason, "bad-field");
  EXPECT_EQ(sink.skips[3].origin, "f.jsonl:6");
  EXPECT_EQ(sink.skips[3].reason, "no-text");
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].origin, "f.jsonl:7");
}

TEST(JsonlReader, OverlongLineIsSkippedWithoutHoldingIt) {
  testing::CollectingSink sink;
  ReaderLimits limits;
  limits.max_record_bytes = 1000;
  std::istringstream in("{\"title\":\"" + std::string(5000, 'x') + "\"}\n{\"title\":\"ok\"}\n");
  read_stream(in, "big.jsonl", InputFormat::jsonl, limits, sink);
  ASSERT_EQ(sink.articles.size(), 1u);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "big.jsonl:1");
  EXPECT_EQ(sink.skips[0].reason, "too-large");
}

// Found by fuzzing (tests/fuzz/corpus/read_jsonl/crash-newline-in-bad-date):
// a date value holding a line break split the one-line warning.
TEST(JsonlReader, BadDateWarningIsOneLine) {
  auto sink = read_string("{\"title\":\"t\",\"published\":\"not\\na date\"}\n", InputFormat::jsonl,
                          "d.jsonl");
  ASSERT_EQ(sink.articles.size(), 1u);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].detail.find('\n'), std::string::npos);
  EXPECT_NE(sink.warnings[0].detail.find("not a date"), std::string::npos);
}

// A line repaired for a lone surrogate escape lost its bad date unsaid.
TEST(JsonlReader, BadDateIsAWarningOnALineWithALoneSurrogate) {
  auto sink = read_string("{\"title\":\"t\\ud800\",\"published\":\"soon\"}\n", InputFormat::jsonl,
                          "s.jsonl");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_FALSE(sink.articles[0].published);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].origin, "s.jsonl:1");
  EXPECT_EQ(sink.warnings[0].reason, "bad-date");
}

// Found with the stricter report check of the fuzz targets
// (tests/fuzz/corpus/read_jsonl/crash-malformed-json-cut-character): the
// parser's message quotes the bytes it last read, cut inside a character.
TEST(JsonlReader, MalformedJsonSkipIsValidUtf8) {
  auto sink = read_string("{\"title\": tru\xC3\x83}\n", InputFormat::jsonl, "m.jsonl");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "malformed-json");
  EXPECT_TRUE(dateline::testing::is_clean_line(sink.skips[0].detail)) << sink.skips[0].detail;
  EXPECT_NE(sink.skips[0].detail.find("last read: "), std::string::npos) << sink.skips[0].detail;
}

// Found by fuzzing (tests/fuzz/corpus/read_path/crash-repair-grows-over-limit):
// repairing Windows-1252 bytes grew an article past max_article_bytes.
TEST(TextReader, ArticleOverTheLimitOnceRepairedIsSkipped) {
  testing::CollectingSink sink;
  ReaderLimits limits;
  limits.max_article_bytes = 100;
  std::istringstream in("Title\n" + std::string(60, '\x80') + "\n");  // 60 bytes -> 180 ("\u20ac")
  read_stream(in, "grow.txt", InputFormat::text, limits, sink);
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "too-large");
}

// Found by tests/reliability/hostile-inputs (deep-nesting-1m.json): one
// element nested too deeply refused the whole file, good articles included.
TEST(JsonArrayReader, OneBadElementIsSkippedAlone) {
  std::string deep = std::string(1000, '[') + std::string(1000, ']');
  auto sink = read_string(
      "[{\"id\":\"a\",\"title\":\"A\"}, " + deep + ", {\"id\":\"b\",\"title\":\"B, [x]\"}, ]",
      InputFormat::json, "f.json");
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[1].title, "B, [x]");
  ASSERT_EQ(sink.skips.size(), 2u);
  EXPECT_EQ(sink.skips[0].origin, "f.json[1]");
  EXPECT_EQ(sink.skips[1].origin, "f.json[3]");  // the trailing comma
  auto cut = read_string("[{\"title\":\"A\"}, {\"title\":", InputFormat::json, "cut.json");
  EXPECT_EQ(cut.articles.size(), 1u);
  ASSERT_EQ(cut.skips.size(), 2u);
  EXPECT_EQ(cut.skips[1].detail, "malformed JSON: the array is not closed");
}

TEST(JsonArrayReader, ReadsEveryElement) {
  auto sink =
      read_string(R"([{"title":"A"},{"title":"B"},{"nope":1}])", InputFormat::json, "a.json");
  EXPECT_EQ(sink.articles.size(), 2u);
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, "a.json[2]");
}

TEST(DetectFormat, FromNameAndContent) {
  EXPECT_EQ(detect_format("a.jsonl", "{\"x\":1}"), InputFormat::jsonl);
  EXPECT_EQ(detect_format("a.json", "[{}]"), InputFormat::json);
  EXPECT_EQ(detect_format("a.txt", "Headline\nDek\n"), InputFormat::text);
  EXPECT_EQ(detect_format("reut2-000.sgm", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS"),
            InputFormat::reuters);
  EXPECT_EQ(detect_format("x", "WARC/1.0\r\n"), InputFormat::warc);
  EXPECT_EQ(detect_format("TIME.ALL", "*TEXT 017 01/04/63 PAGE 020\n"), InputFormat::time);
  EXPECT_EQ(detect_format("page.html", "<!DOCTYPE html><html>"), InputFormat::html);
  EXPECT_EQ(detect_format("12345", "Xref: a\nPath: b\nFrom: c\nSubject: d\n\nbody"),
            InputFormat::rfc822);
  EXPECT_EQ(detect_format("x.txt", std::string("\x01\x02\x00\x03", 4)), InputFormat::automatic);
}

// Found by fuzzing (tests/fuzz/corpus/read_path/crash-null-archive-error,
// whose first byte picks the file name): a corrupt gzip for which libarchive
// has no error message threw std::logic_error out of read_path.
TEST(ReadPath, CorruptGzipWithoutAMessageIsASkip) {
  std::ifstream in(
      std::string(DATELINE_SOURCE_DIR) + "/tests/fuzz/corpus/read_path/crash-null-archive-error",
      std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 1u);
  testing::TempDir dir;
  auto file = dir.write("input.jsonl.gz", bytes.substr(1));
  testing::CollectingSink sink;
  EXPECT_NO_THROW(read_path(file, InputFormat::automatic, ReaderLimits{}, sink));
  EXPECT_FALSE(sink.skips.empty());
  for (const auto& skip : sink.skips) EXPECT_FALSE(skip.detail.empty());
}

TEST(ReadPath, DirectoriesRecursivelyAndGzip) {
  testing::TempDir dir;
  dir.write("corpus/b/one.txt", "First\nDek\n");
  dir.write("corpus/a/two.jsonl", "{\"title\":\"Second\"}\n");
  dir.write("corpus/README.md", "# not an article\n");
  dir.write("corpus/broken/.dateline-skip", "");
  dir.write("corpus/broken/bad.jsonl", "{oops\n");
  testing::CollectingSink sink;
  read_path(dir.path() / "corpus", InputFormat::automatic, ReaderLimits{}, sink);
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].title, "Second");  // name order: a/ before b/
  EXPECT_TRUE(sink.skips.empty());

  ASSERT_EQ(std::system(("printf '{\"title\":\"Zipped\"}\\n' | gzip > " +
                         (dir.path() / "z.jsonl.gz").string())
                            .c_str()),
            0);
  testing::CollectingSink zipped;
  read_path(dir.path() / "z.jsonl.gz", InputFormat::automatic, ReaderLimits{}, zipped);
  ASSERT_EQ(zipped.articles.size(), 1u);
  EXPECT_EQ(zipped.articles[0].title, "Zipped");
}

// A JSON object written over several lines is one document, not JSON
// Lines: the ITN corpus (an object of objects, pretty-printed, .json.gz)
// gave one "malformed JSON" skip per line of the file, 18,356 of them.
TEST(ReadPath, AJsonObjectOverSeveralLinesIsOneDocument) {
  EXPECT_EQ(detect_format("a.json", "{\n  \"title\": \"A\"\n}\n"), InputFormat::json);
  EXPECT_EQ(detect_format("a.json.gz", "  {\n\"x\": {\n"), InputFormat::json);
  EXPECT_EQ(detect_format("export", "{\n  \"title\": \"A\"\n}\n"), InputFormat::json);
  EXPECT_EQ(detect_format("a.json", "{\"title\":\"A\"}\n{\"title\":\"B\"}\n"), InputFormat::jsonl);
  EXPECT_EQ(detect_format("a.json", "{\"title\":\"A\"}"), InputFormat::jsonl);
  // A first line longer than the head: a JSON line.
  EXPECT_EQ(detect_format("a.json", "{\"body\":\"" + std::string(5000, 'x')), InputFormat::jsonl);

  testing::TempDir dir;
  testing::CollectingSink sink;
  read_path(dir.write("article.json",
                      "{\n  \"title\": \"Port reopens\",\n  \"body\": \"Ships "
                      "sailed.\"\n}\n"),
            InputFormat::automatic, ReaderLimits{}, sink);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Port reopens");
  EXPECT_TRUE(sink.skips.empty());

  testing::CollectingSink other;
  const auto corpus = dir.write("corpus.json",
                                "{\n  \"Q1\": {\n    \"1664055941.0\": {\"lang\": \"ru\", "
                                "\"blurb\": \"x\"}\n  },\n  \"Q2\": {}\n}\n");
  read_path(corpus, InputFormat::automatic, ReaderLimits{}, other);
  EXPECT_TRUE(other.articles.empty());
  ASSERT_EQ(other.skips.size(), 1u);
  EXPECT_EQ(other.skips[0].origin, corpus.string());
  EXPECT_EQ(other.skips[0].reason, "no-text");
  // It names what it found, in the file's order.
  EXPECT_NE(other.skips[0].detail.find("no article text"), std::string::npos);
  EXPECT_NE(other.skips[0].detail.find("found \"Q1\", \"Q2\"."), std::string::npos)
      << other.skips[0].detail;
}

TEST(ReadPath, BrokenSymbolicLinksAreSkipsAndTheRestIsRead) {
  // A link in a loop made the whole directory throw ("Too many levels of
  // symbolic links"), and nothing of it was indexed.
  testing::TempDir dir;
  dir.write("corpus/a.jsonl", "{\"title\":\"First\"}\n");
  dir.write("corpus/z.jsonl", "{\"title\":\"Last\"}\n");
  std::filesystem::create_symlink("loop", dir.path() / "corpus" / "loop");
  std::filesystem::create_symlink("/nonexistent/target", dir.path() / "corpus" / "dangling");
  testing::CollectingSink sink;
  ASSERT_NO_THROW(read_path(dir.path() / "corpus", InputFormat::automatic, ReaderLimits{}, sink));
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].title, "First");
  EXPECT_EQ(sink.articles[1].title, "Last");
  std::vector<std::string> skipped;
  for (const auto& skip : sink.skips) {
    EXPECT_EQ(skip.reason, "unreadable");
    EXPECT_TRUE(testing::is_clean_line(skip.detail)) << skip.detail;
    skipped.push_back(std::filesystem::path(skip.origin).filename().string());
  }
  std::sort(skipped.begin(), skipped.end());
  EXPECT_EQ(skipped, (std::vector<std::string>{"dangling", "loop"}));
}

TEST(ReadPath, TruncatedGzipKeepsWhatWasReadAndSaysSo) {
  testing::TempDir dir;
  // Varied text, so the compressed file is far larger than one read block.
  std::string lines;
  std::uint64_t state = 42;
  for (int k = 0; k < 20000; ++k) {
    std::string title;
    for (int w = 0; w < 8; ++w) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      title += std::to_string(state >> 40) + " ";
    }
    lines += "{\"title\":\"" + title + "\"}\n";
  }
  dir.write("all.jsonl", lines);
  auto whole = dir.path() / "all.jsonl";
  ASSERT_EQ(std::system(("gzip -k " + whole.string()).c_str()), 0);
  auto size = std::filesystem::file_size(dir.path() / "all.jsonl.gz");
  std::filesystem::resize_file(dir.path() / "all.jsonl.gz", size / 2);
  testing::CollectingSink sink;
  read_path(dir.path() / "all.jsonl.gz", InputFormat::automatic, ReaderLimits{}, sink);
  EXPECT_GT(sink.articles.size(), 0u);
  EXPECT_LT(sink.articles.size(), 20000u);
  ASSERT_FALSE(sink.skips.empty());
  EXPECT_EQ(sink.skips.back().reason, "corrupt-archive");
}

TEST(ReadPath, MissingAndBinaryFiles) {
  testing::TempDir dir;
  std::string binary(4096, '\0');
  for (std::size_t k = 0; k < binary.size(); ++k) binary[k] = static_cast<char>((k * 7919) % 251);
  dir.write("noise.txt", binary);
  testing::CollectingSink sink;
  read_path(dir.path() / "noise.txt", InputFormat::automatic, ReaderLimits{}, sink);
  read_path(dir.path() / "absent.txt", InputFormat::automatic, ReaderLimits{}, sink);
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 2u);
  EXPECT_EQ(sink.skips[0].reason, "unknown-format");
  EXPECT_EQ(sink.skips[1].reason, "unreadable");
}

// Control bytes drawn as a signature do not make a post binary (20
// Newsgroups' sci.crypt/16017 was skipped as "binary file?": 50 ^B of its
// 680 bytes); NUL-dense or non-UTF-8 data still is, whatever its name.
TEST(ReadPath, ControlBytesInTextAreNotBinary) {
  const std::string ctrl_b(1, '\x02');
  std::string post =
      "From: g@example.com\nSubject: Is it illegal to transmit encrypted data?\n\n"
      "I am aware of the restrictions on the export of cryptographic technology.\n\n";
  for (int line = 0; line < 3; ++line) {
    for (int k = 0; k < 24; ++k) post += ctrl_b + " ";
    post += "\n";
  }
  EXPECT_EQ(detect_format("16017", post), InputFormat::rfc822);
  std::string text = "Headline\n" + std::string(40, '\x02') + "\n";
  for (int k = 0; k < 8; ++k) text += "A paragraph of the article's text.\n";
  EXPECT_EQ(detect_format("notes.txt", text), InputFormat::text);
  // Mostly control bytes is binary.
  EXPECT_EQ(detect_format("notes.txt", "Headline\n" + std::string(40, '\x02') + "\nText.\n"),
            InputFormat::automatic);

  std::string utf16;  // "Headline" in UTF-16LE
  for (char ch : std::string("Headline\nSome text of an article.\n")) {
    utf16 += ch;
    utf16 += '\0';
  }
  EXPECT_EQ(detect_format("a.txt", utf16), InputFormat::automatic);
  std::string noise(4096, '\0');
  for (std::size_t k = 0; k < noise.size(); ++k) noise[k] = static_cast<char>(0x80 + k % 64);
  EXPECT_EQ(detect_format("a.jsonl", noise), InputFormat::automatic);
  // Latin-1 text is text: its bytes are repaired.
  EXPECT_EQ(detect_format("a.txt",
                          "Gr\xFC\xDF"
                          "e aus M\xFC"
                          "nchen, \xA3 5.\n"),
            InputFormat::text);
}

}  // namespace
}  // namespace dateline

namespace dateline {
namespace {

TEST(JsonReaders, DeepNestingIsRefusedNotACrash) {
  std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
  auto array = testing::read_string(deep, InputFormat::json, "deep.json");
  EXPECT_TRUE(array.articles.empty());
  ASSERT_EQ(array.skips.size(), 1u);
  EXPECT_NE(array.skips[0].detail.find("nested deeper"), std::string::npos);
  auto lines =
      testing::read_string(deep + "\n{\"title\":\"after\"}\n", InputFormat::jsonl, "deep.jsonl");
  ASSERT_EQ(lines.articles.size(), 1u);
  ASSERT_EQ(lines.skips.size(), 1u);
  EXPECT_EQ(lines.skips[0].origin, "deep.jsonl:1");
}

TEST(Readers, EndlessTagListsAreCapped) {
  std::string tags;
  for (int k = 0; k < 100000; ++k) tags += "t" + std::to_string(k) + ",";
  auto sink = testing::read_string("Tags: " + tags + "\n\nTitle\n", InputFormat::text, "tags.txt");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].tags.size(), ReaderLimits{}.max_list_items);
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].reason, "too-many-tags");
}

TEST(ReadPath, StrayNulBytesInATextFileAreRepairedNotBinary) {
  testing::TempDir dir;
  dir.write("nul.txt", std::string("Headline\nDek\nBody with a \0 NUL.\n", 33));
  testing::CollectingSink sink;
  read_path(dir.path() / "nul.txt", InputFormat::automatic, ReaderLimits{}, sink);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].paragraphs[0], "Body with a NUL.");
}

}  // namespace
}  // namespace dateline
