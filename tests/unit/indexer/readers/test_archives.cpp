// Archives as exports arrive: tars of compressed files, zips (made on a Mac
// too), 7z, archives inside archives, text saved as UTF-16, and text in a
// legacy charset that says nothing of it.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <memory>
#include <string>
#include <vector>

#include "../test_support.h"
#include "archive_writer.h"
#include "dateline/indexer/reader.h"

namespace dateline {
namespace {

using testing::CollectingSink;
using testing::Entry;
using testing::read_whole;
using testing::TempDir;
using testing::write_archive;

std::string json_line(const std::string& id, const std::string& title) {
  return "{\"id\":\"" + id + "\",\"title\":\"" + title +
         "\",\"body\":\"Copper prices rose in Santiago.\",\"date\":\"2024-03-05\"}\n";
}

CollectingSink read(const std::filesystem::path& path) {
  CollectingSink sink;
  read_path(path, InputFormat::automatic, ReaderLimits{}, sink);
  return sink;
}

std::vector<std::string> titles(const CollectingSink& sink) {
  std::vector<std::string> out;
  for (const auto& article : sink.articles) out.push_back(article.title);
  return out;
}

// A year's export as a tar of daily compressed files was refused entry by
// entry: "not a format Dateline reads (binary file?)".
TEST(Archives, ATarOfCompressedFilesIsReadEntryByEntry) {
  TempDir dir;
  write_archive(dir.path() / "d1.jsonl.gz", "raw", "gzip", {{"data", json_line("d1", "Monday")}});
  write_archive(dir.path() / "d2.txt.bz2", "raw", "bzip2", {{"data", "Tuesday\nDek\nText.\n"}});
  write_archive(dir.path() / "d3.tar.xz", "gnutar", "xz",
                {{"d3/a.jsonl", json_line("d3", "Wednesday")}});
  write_archive(dir.path() / "2024.tar", "gnutar", "",
                {{"2024/d1.jsonl.gz", read_whole(dir.path() / "d1.jsonl.gz")},
                 {"2024/d2.txt.bz2", read_whole(dir.path() / "d2.txt.bz2")},
                 {"2024/d3.tar.xz", read_whole(dir.path() / "d3.tar.xz")}});
  auto sink = read(dir.path() / "2024.tar");
  EXPECT_TRUE(sink.skips.empty()) << sink.skips[0].origin << ": " << sink.skips[0].detail;
  EXPECT_EQ(titles(sink), (std::vector<std::string>{"Monday", "Tuesday", "Wednesday"}));
  ASSERT_EQ(sink.articles.size(), 3u);
  const std::string tar = (dir.path() / "2024.tar").string();
  EXPECT_EQ(sink.articles[0].origin, tar + ":2024/d1.jsonl.gz:1");
  EXPECT_EQ(sink.articles[2].origin, tar + ":2024/d3.tar.xz:d3/a.jsonl:1");
}

// Zips made on a Mac carry resource forks (__MACOSX/._name) and .DS_Store:
// passed over, as a directory walk passes over dot-files.
TEST(Archives, ZipAnd7zArchives) {
  TempDir dir;
  const std::vector<Entry> entries{
      {"export/a.jsonl", json_line("z1", "Zipped")},
      {"__MACOSX/export/._a.jsonl", std::string("\0\5\26\7\0\2\0\0Mac OS X", 16)},
      {"export/.DS_Store", std::string("\0\0\0\1Bud1\0\0", 10)},
      {"export/b.txt", "Second story\nDek\nText.\n"}};
  for (const char* format : {"zip", "7zip"}) {
    SCOPED_TRACE(format);
    auto file = dir.path() / (std::string("export.") + format);
    write_archive(file, format, "", entries);
    auto sink = read(file);
    EXPECT_TRUE(sink.skips.empty()) << sink.skips[0].origin << ": " << sink.skips[0].detail;
    EXPECT_EQ(titles(sink), (std::vector<std::string>{"Zipped", "Second story"}));
  }
  // A zip inside a tar is read as it streams past.
  write_archive(dir.path() / "outer.tar.gz", "gnutar", "gzip",
                {{"export.zip", read_whole(dir.path() / "export.zip")}});
  auto nested = read(dir.path() / "outer.tar.gz");
  EXPECT_TRUE(nested.skips.empty());
  EXPECT_EQ(titles(nested), (std::vector<std::string>{"Zipped", "Second story"}));
  // A 7z needs seeking (its index is at its end): inside another archive it
  // is reported, and the rest of that archive is read.
  write_archive(dir.path() / "outer.tar", "gnutar", "",
                {{"export.7zip", read_whole(dir.path() / "export.7zip")},
                 {"z.jsonl", json_line("z9", "After")}});
  auto seven = read(dir.path() / "outer.tar");
  EXPECT_EQ(titles(seven), (std::vector<std::string>{"After"}));
  ASSERT_EQ(seven.skips.size(), 1u);
  EXPECT_EQ(seven.skips[0].origin, (dir.path() / "outer.tar").string() + ":export.7zip");
  EXPECT_EQ(seven.skips[0].reason, "nested-archive");
  EXPECT_NE(seven.skips[0].detail.find("unpack"), std::string::npos);
}

// An office document is a zip of XML parts: read as an archive, each part
// would become a garbage article.
TEST(Archives, AnOfficeDocumentIsNotReadAsAnArchive) {
  TempDir dir;
  // Read as an archive, each XML part would be an article of markup.
  auto file = dir.path() / "slides.pptx";
  write_archive(file, "zip", "",
                {{"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"},
                 {"ppt/presentation.xml", "<?xml version=\"1.0\"?><p:presentation/>"}});
  auto sink = read(file);
  EXPECT_TRUE(sink.articles.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].origin, file.string());
  EXPECT_EQ(sink.skips[0].reason, "unknown-format");
}

TEST(Archives, ArchivesNestedTooDeepAreReported) {
  TempDir dir;
  write_archive(dir.path() / "0.tar", "gnutar", "", {{"a.jsonl", json_line("n", "Nested")}});
  for (int level = 1; level <= 4; ++level) {
    auto inner = dir.path() / (std::to_string(level - 1) + ".tar");
    write_archive(dir.path() / (std::to_string(level) + ".tar"), "gnutar", "",
                  {{inner.filename().string(), read_whole(inner)}});
  }
  // Four archives deep is read.
  auto read_deep = read(dir.path() / "3.tar");
  EXPECT_TRUE(read_deep.skips.empty());
  EXPECT_EQ(titles(read_deep), (std::vector<std::string>{"Nested"}));
  // Five is reported, naming the innermost archive.
  auto too_deep = read(dir.path() / "4.tar");
  EXPECT_TRUE(too_deep.articles.empty());
  ASSERT_EQ(too_deep.skips.size(), 1u);
  EXPECT_EQ(too_deep.skips[0].reason, "nested-archive");
  EXPECT_EQ(too_deep.skips[0].origin, (dir.path() / "4.tar").string() + ":3.tar:2.tar:1.tar:0.tar");
  EXPECT_NE(too_deep.skips[0].detail.find("unpack"), std::string::npos);
  EXPECT_TRUE(testing::is_clean_line(too_deep.skips[0].detail));
}

TEST(Archives, AnEmptyCompressedFileIsNoText) {
  TempDir dir;
  write_archive(dir.path() / "empty.jsonl.gz", "raw", "gzip", {{"data", ""}});
  auto sink = read(dir.path() / "empty.jsonl.gz");
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0].reason, "no-text");
  EXPECT_EQ(sink.skips[0].detail, "empty once decompressed");
}

// UTF-16 bytes of a UTF-16 string, in either byte order, with or without
// the byte order mark.
std::string utf16(std::u16string_view text, bool big_endian, bool mark) {
  std::string out;
  if (mark) out += big_endian ? "\xfe\xff" : "\xff\xfe";
  for (char16_t unit : text) {
    const char high = static_cast<char>(unit >> 8);
    const char low = static_cast<char>(unit & 0xff);
    out += big_endian ? std::string{high, low} : std::string{low, high};
  }
  return out;
}

// Text saved as "Unicode" on Windows is UTF-16: it was refused as binary.
TEST(Archives, Utf16TextIsReadAsItsUtf8) {
  TempDir dir;
  const std::u16string line =
      u"{\"id\":\"u1\",\"title\":\"Caf\u00e9 prices soar \U0001F600\",\"body\":\"Frost hit "
      u"the crop in Minas Gerais.\",\"date\":\"2024-02-02\"}\n";
  struct Case {
    const char* name;
    bool big_endian;
    bool mark;
  };
  for (const Case& c : {Case{"le-bom.jsonl", false, true}, Case{"be-bom.jsonl", true, true},
                        Case{"le.jsonl", false, false}, Case{"be.jsonl", true, false}}) {
    SCOPED_TRACE(c.name);
    auto sink = read(dir.write(c.name, utf16(line, c.big_endian, c.mark)));
    EXPECT_TRUE(sink.skips.empty());
    ASSERT_EQ(sink.articles.size(), 1u);
    EXPECT_EQ(sink.articles[0].title, "Caf\u00e9 prices soar \U0001F600");
    EXPECT_EQ(sink.articles[0].id, "u1");
  }
  // In a compressed file; many lines, so that a surrogate pair and lines
  // are split across the decoder's blocks; an unpaired surrogate is
  // repaired as U+FFFD.
  std::u16string lines;
  for (int k = 0; k < 3000; ++k) lines += line;
  lines += u"{\"title\":\"Broken \xd800 pair\",\"body\":\"Text.\"}\n";
  write_archive(dir.path() / "many.jsonl.gz", "raw", "gzip", {{"data", utf16(lines, false, true)}});
  auto many = read(dir.path() / "many.jsonl.gz");
  EXPECT_TRUE(many.skips.empty());
  ASSERT_EQ(many.articles.size(), 3001u);
  for (std::size_t k = 0; k < 3000; ++k) {
    ASSERT_EQ(many.articles[k].title, "Caf\u00e9 prices soar \U0001F600") << k;
  }
  EXPECT_EQ(many.articles[3000].title, "Broken \ufffd pair");
  EXPECT_EQ(many.articles[3000].origin, (dir.path() / "many.jsonl.gz").string() + ":3001");
}

// `utf8` in the legacy charset `charset`, through ICU.
std::string encode(const std::string& utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t length =
      ucnv_convert(charset, "utf-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                   static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<std::size_t>(length));
  return out;
}

// Exports in windows-1251 or Shift_JIS declare nothing. They were refused
// as binary files; with only that fixed, they would be read as
// Windows-1252 ("Ìîñêâà").
TEST(Archives, TextInAnUndeclaredLegacyCharsetIsRecognised) {
  TempDir dir;
  const std::string russian =
      "Центральный банк повысил ставку\n"
      "Решение было принято в понедельник в Москве\n"
      "Аналитики ожидали, что регулятор сохранит ставку на прежнем уровне, однако инфляция "
      "в стране ускорилась второй месяц подряд.\n"
      "Рубль после объявления укрепился по отношению к доллару и евро.\n";
  const std::string japanese =
      "title,text\n"
      "東京で地震,東京都内で午前十時ごろ強い揺れを観測しました。気象庁によりますと、"
      "震源は千葉県北西部で、地震の規模はマグニチュード五と推定されています。"
      "この地震による津波の心配はありません。\n";
  auto text = read(dir.write("rates.txt", encode(russian, "windows-1251")));
  EXPECT_TRUE(text.skips.empty()) << text.skips[0].detail;
  ASSERT_EQ(text.articles.size(), 1u);
  EXPECT_EQ(text.articles[0].title, "Центральный банк повысил ставку");
  EXPECT_EQ(text.articles[0].dek, "Решение было принято в понедельник в Москве");
  EXPECT_EQ(text.repaired_bytes, 0u);

  write_archive(dir.path() / "quake.csv.gz", "raw", "gzip",
                {{"data", encode(japanese, "shift_jis")}});
  auto csv = read(dir.path() / "quake.csv.gz");
  EXPECT_TRUE(csv.skips.empty());
  ASSERT_EQ(csv.articles.size(), 1u);
  EXPECT_EQ(csv.articles[0].title, "東京で地震");

  // A few Latin-1 bytes in UTF-8 text stay a repair (BBC News' "£").
  auto latin = read(dir.write("pound.txt",
                              "Prices rise\nDek\nA pint costs \xA3"
                              "5 in London.\n"));
  ASSERT_EQ(latin.articles.size(), 1u);
  EXPECT_EQ(latin.articles[0].paragraphs, (std::vector<std::string>{"A pint costs £5 in London."}));
  EXPECT_EQ(latin.repaired_bytes, 1u);
}

}  // namespace
}  // namespace dateline
