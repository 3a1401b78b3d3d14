// Word 97-2003 documents (.doc), written here with libgsf as Word writes
// them: an OLE2 container holding the WordDocument stream (its FIB, then
// the text), the table stream with the piece table, and the summary
// information. Our own text.

#include <gsf/gsf-doc-meta-data.h>
#include <gsf/gsf-meta-names.h>
#include <gsf/gsf-msole-utils.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-memory.h>
#include <gsf/gsf-timestamp.h>
#include <gsf/gsf-utils.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "../test_support.h"
#include "dateline/indexer/reader.h"
#include "ole_writer.h"

namespace dateline {
namespace {

using testing::read_string;
using Strings = std::vector<std::string>;

void put16(std::string& bytes, std::size_t at, std::uint16_t value) {
  bytes[at] = static_cast<char>(value & 0xFF);
  bytes[at + 1] = static_cast<char>(value >> 8);
}

void put32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (int k = 0; k < 4; ++k) bytes[at + k] = static_cast<char>((value >> (8 * k)) & 0xFF);
}

// A piece of text: 8-bit (Windows-1252) or UTF-16.
struct Piece {
  std::u16string text;
  bool compressed;
};

struct DocSpec {
  std::vector<Piece> pieces;
  std::size_t main_chars = 0;  // ccpText: what follows is headers and notes
  std::uint16_t version = 0x00C1;
  bool encrypted = false;
  std::string stream = "WordDocument";
  std::map<std::string, std::string> properties;  // dc:title... ; meta:creation-date
  // Word 6 and Word 95: every piece 8-bit (its char16_ts are the bytes).
  bool word6 = false;
  bool fast_saved = false;        // Word 6's fComplex: a piece table
  std::uint16_t lid = 0x0409;     // the document's language
  std::uint8_t font_charset = 0;  // a font's Windows character set (204 Cyrillic)
};

// Word 6's WordDocument stream: its FIB (wIdent 0xA5DC), the 8-bit text
// from fcMin on, or in pieces with the piece table in the same stream,
// and a font table.
std::string word6_stream(const DocSpec& spec) {
  std::string word(0x300, '\0');
  put16(word, 0, 0xA5DC);
  put16(word, 2, 0x0065);
  put16(word, 0x06, spec.lid);
  put16(word, 0x0A,
        static_cast<std::uint16_t>((spec.fast_saved ? 0x0004 : 0) | (spec.encrypted ? 0x0100 : 0)));
  put32(word, 0x18, 0x300);
  // A fast-saved file appends its edits: the pieces lie in the file in
  // the reverse of their order in the text.
  std::vector<std::uint32_t> cps{0};
  std::vector<std::uint32_t> fcs(spec.pieces.size());
  for (const Piece& piece : spec.pieces) {
    cps.push_back(cps.back() + static_cast<std::uint32_t>(piece.text.size()));
  }
  for (std::size_t n = 0; n < spec.pieces.size(); ++n) {
    const std::size_t k = spec.fast_saved ? spec.pieces.size() - 1 - n : n;
    fcs[k] = static_cast<std::uint32_t>(word.size());
    for (char16_t ch : spec.pieces[k].text) word.push_back(static_cast<char>(ch));
  }
  put32(word, 0x1C, static_cast<std::uint32_t>(word.size()));
  put32(word, 0x34, static_cast<std::uint32_t>(spec.main_chars));
  if (spec.fast_saved) {
    std::string plc(4 * cps.size() + 8 * fcs.size(), '\0');
    for (std::size_t k = 0; k < cps.size(); ++k) put32(plc, 4 * k, cps[k]);
    for (std::size_t k = 0; k < fcs.size(); ++k) put32(plc, 4 * cps.size() + 8 * k + 2, fcs[k]);
    std::string clx = std::string("\x02", 1) + std::string(4, '\0') + plc;
    put32(clx, 1, static_cast<std::uint32_t>(plc.size()));
    put32(word, 0x160, static_cast<std::uint32_t>(word.size()));
    put32(word, 0x164, static_cast<std::uint32_t>(clx.size()));
    word += clx;
  }
  if (spec.font_charset != 0) {
    const std::string name = "Times New Roman Cyr";
    std::string ffn(6, '\0');
    ffn[0] = static_cast<char>(ffn.size() + name.size());  // cbFfnM1
    ffn[4] = static_cast<char>(spec.font_charset);
    ffn += name + std::string(1, '\0');
    std::string fonts(2, '\0');
    fonts += std::string(6, '\0');  // a first font, ANSI
    fonts[2] = 5;
    fonts += ffn;
    put16(fonts, 0, static_cast<std::uint16_t>(fonts.size()));
    put32(word, 0xD0, static_cast<std::uint32_t>(word.size()));
    put32(word, 0xD4, static_cast<std::uint32_t>(fonts.size()));
    word += fonts;
  }
  return word;
}

// Word 97's streams: WordDocument (the FIB, then the pieces) and 1Table
// (the piece table).
void word97_streams(const DocSpec& spec, std::string& word, std::string& table) {
  word.assign(0x400, '\0');
  std::vector<std::uint32_t> cps{0};
  std::vector<std::uint32_t> fcs;
  for (const Piece& piece : spec.pieces) {
    const std::size_t offset = word.size();
    for (char16_t ch : piece.text) {
      if (piece.compressed) {
        word.push_back(static_cast<char>(ch));
      } else {
        word.push_back(static_cast<char>(ch & 0xFF));
        word.push_back(static_cast<char>(ch >> 8));
      }
    }
    fcs.push_back(piece.compressed ? static_cast<std::uint32_t>(offset * 2) | 0x40000000u
                                   : static_cast<std::uint32_t>(offset));
    cps.push_back(cps.back() + static_cast<std::uint32_t>(piece.text.size()));
  }
  // The Clx: a Pcdt holding the PlcPcd (the CPs, then 8-byte Pcds).
  std::string plc(4 * cps.size() + 8 * fcs.size(), '\0');
  for (std::size_t k = 0; k < cps.size(); ++k) put32(plc, 4 * k, cps[k]);
  for (std::size_t k = 0; k < fcs.size(); ++k) put32(plc, 4 * cps.size() + 8 * k + 2, fcs[k]);
  table = std::string("\x02", 1) + std::string(4, '\0') + plc;
  put32(table, 1, static_cast<std::uint32_t>(plc.size()));
  put16(word, 0, 0xA5EC);
  put16(word, 2, spec.version);
  put16(word, 0x0A, static_cast<std::uint16_t>(0x0200 | (spec.encrypted ? 0x0100 : 0)));
  put32(word, 0x4C, static_cast<std::uint32_t>(spec.main_chars));
  put32(word, 0x1A2, 0);
  put32(word, 0x1A6, static_cast<std::uint32_t>(table.size()));
}

std::string write_doc(const DocSpec& spec) {
  gsf_init();
  std::string word;
  std::string table;
  if (spec.word6) {
    word = word6_stream(spec);  // Word 6 kept its tables in WordDocument
  } else {
    word97_streams(spec, word, table);
  }
  GsfOutput* memory = gsf_output_memory_new();
  GsfOutfile* ole = gsf_outfile_msole_new(memory);
  testing::add_ole_stream(ole, spec.stream.c_str(), word);
  if (!table.empty()) testing::add_ole_stream(ole, "1Table", table);
  if (!spec.properties.empty()) {
    GsfDocMetaData* meta = gsf_doc_meta_data_new();
    for (const auto& [name, value] : spec.properties) {
      auto* gvalue = g_new0(GValue, 1);
      if (name == GSF_META_NAME_DATE_CREATED) {
        GsfTimestamp* stamp = gsf_timestamp_new();
        gsf_timestamp_load_from_string(stamp, value.c_str());
        g_value_init(gvalue, GSF_TIMESTAMP_TYPE);
        gsf_timestamp_to_value(stamp, gvalue);
        gsf_timestamp_free(stamp);
      } else {
        g_value_init(gvalue, G_TYPE_STRING);
        g_value_set_string(gvalue, value.c_str());
      }
      gsf_doc_meta_data_insert(meta, g_strdup(name.c_str()), gvalue);
    }
    GsfOutput* summary = gsf_outfile_new_child(ole, "\005SummaryInformation", FALSE);
    gsf_doc_meta_data_write_to_msole(meta, summary, FALSE);
    gsf_output_close(summary);
    g_object_unref(summary);
    g_object_unref(meta);
  }
  return testing::finish_ole(memory, ole);
}

// A newsroom's copy file as Word 97-2003 saved it: the text in two pieces
// (one 8-bit, one UTF-16, as Word writes a document edited in turns), a
// field, a table, and a header after the main text.
DocSpec copy_file() {
  DocSpec spec;
  spec.pieces.push_back(
      {u"Harbour dues rise\r"
       u"The board said dues would rise by \u0093a tenth\u0094 to \u00a310.\r"
       u"Page \u0013 PAGE \u00141\u0015 of the report.\r",
       true});
  spec.pieces.push_back(
      {u"Berth\u0007Ships\u0007\u0007Quay A\u0007"
       u"12\u0007\u0007Київ is twinned with it.\r",
       false});
  for (const Piece& piece : spec.pieces) spec.main_chars += piece.text.size();
  spec.pieces.push_back({u"EASTPORT HERALD\r", true});  // the header
  spec.properties = {{GSF_META_NAME_TITLE, "Harbour dues rise"},
                     {GSF_META_NAME_SUBJECT, "Port board"},
                     {GSF_META_NAME_CREATOR, "Ana Example"},
                     {GSF_META_NAME_KEYWORDS, "port, dues; shipping"},
                     {GSF_META_NAME_DATE_CREATED, "2004-03-12T09:10:00Z"}};
  return spec;
}

// Newsroom archives of the 1990s and 2000s are folders of .doc files.
// Before, each was skipped: "an old binary Office document, which
// Dateline does not read".
TEST(DocReader, AWord97DocumentIsAnArticle) {
  const std::string bytes = write_doc(copy_file());
  EXPECT_EQ(detect_format("dues.doc", bytes), InputFormat::doc);
  EXPECT_EQ(detect_format("dues", bytes), InputFormat::doc);  // by its bytes
  // Word also saved web pages and RTF under the name .doc.
  EXPECT_EQ(detect_format("page.doc", "<html><body><p>Text.</p></body></html>"), InputFormat::html);
  EXPECT_EQ(detect_format("story.doc", "{\\rtf1\\ansi Text.}"), InputFormat::rtf);
  auto sink = read_string(bytes, InputFormat::doc, "dues.doc");
  EXPECT_TRUE(sink.skips.empty()) << sink.skips[0].detail;
  ASSERT_EQ(sink.articles.size(), 1u);
  const Article& article = sink.articles[0];
  EXPECT_EQ(article.format, "doc");
  // Word put the first line in the Title: it is the headline, not text.
  EXPECT_EQ(article.title, "Harbour dues rise");
  EXPECT_EQ(article.dek, "Port board");
  EXPECT_EQ(article.authors, Strings{"Ana Example"});
  EXPECT_EQ(article.tags, (Strings{"port", "dues", "shipping"}));
  ASSERT_TRUE(article.published);
  EXPECT_EQ(article.published->iso8601(), "2004-03-12T09:10:00Z");
  // Windows-1252's quotes and pound, a field's result (not its code), a
  // table's rows, UTF-16 text; not the header after the main text.
  EXPECT_EQ(article.paragraphs,
            (Strings{"The board said dues would rise by \u201ca tenth\u201d to \u00a310.",
                     "Page 1 of the report.", "Berth | Ships", "Quay A | 12",
                     "Київ is twinned with it."}));
}

// Without a Title property (or with a file's name in it), a short first
// line is the headline.
TEST(DocReader, TheHeadlineWithoutATitle) {
  DocSpec spec;
  spec.pieces.push_back({u"Ferry fares rise\rFares rise by a tenth from Monday.\r", true});
  spec.main_chars = spec.pieces[0].text.size();
  spec.properties = {{GSF_META_NAME_TITLE, "Microsoft Word - ferry.doc"},
                     {GSF_META_NAME_CREATOR, "Owner"}};
  auto sink = read_string(write_doc(spec), InputFormat::doc, "ferry.doc");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "Ferry fares rise");
  EXPECT_EQ(sink.articles[0].paragraphs, Strings{"Fares rise by a tenth from Monday."});
  EXPECT_TRUE(sink.articles[0].authors.empty());  // an account, not a person
  EXPECT_FALSE(sink.articles[0].published);

  // Word took the Title from a first sentence of the text: no headline,
  // and the sentence stays text. A table's row is no headline either.
  DocSpec sentence;
  sentence.pieces.push_back(
      {u"The board met on Friday and named a pilot.\rShe starts in May.\r", true});
  sentence.main_chars = sentence.pieces[0].text.size();
  sentence.properties = {{GSF_META_NAME_TITLE, "The board met on Friday"}};
  sink = read_string(write_doc(sentence), InputFormat::doc, "board.doc");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "");
  EXPECT_EQ(sink.articles[0].paragraphs,
            (Strings{"The board met on Friday and named a pilot.", "She starts in May."}));
  DocSpec table;
  table.pieces.push_back(
      {u"Berth\u0007Ships\u0007\u0007\u0007\u0007\u0007Quay A\u0007\u0007Text.\r", true});
  table.main_chars = table.pieces[0].text.size();
  sink = read_string(write_doc(table), InputFormat::doc, "table.doc");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].title, "");
  // Empty cells leave no bars at a row's ends, nor rows of bars.
  EXPECT_EQ(sink.articles[0].paragraphs, (Strings{"Berth | Ships", "Quay A", "Text."}));
}

// Newsroom archives of 1993-97 are Word 6 and Word 95 files: 8-bit text
// in the code page of the document's language, or of its fonts. Before,
// they were skipped ("a Word 6 or Word 95 document").
TEST(DocReader, Word6AndWord95Documents) {
  DocSpec spec;
  spec.word6 = true;
  // Windows-1252: curly quotes and a pound sign; a field's result.
  spec.pieces.push_back(
      {u"Harbour dues rise\rThe board said \u0093a tenth\u0094 to \u00a310.\r"
       u"Page \u0013 PAGE \u00141\u0015 of the report.\r",
       true});
  spec.main_chars = spec.pieces[0].text.size();
  spec.pieces.push_back({u"EASTPORT HERALD\r", true});  // a header after the main text
  const Strings expected{"The board said \u201ca tenth\u201d to \u00a310.",
                         "Page 1 of the report."};
  auto sink = read_string(write_doc(spec), InputFormat::doc, "dues.doc");
  ASSERT_EQ(sink.articles.size(), 1u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  EXPECT_EQ(sink.articles[0].title, "Harbour dues rise");
  EXPECT_EQ(sink.articles[0].paragraphs, expected);

  // Fast-saved: the text in pieces, the later edit first in the file.
  DocSpec fast = spec;
  fast.fast_saved = true;
  const std::u16string text = spec.pieces[0].text;
  fast.pieces = {{text.substr(0, 18), true}, {text.substr(18), true}, spec.pieces[1]};
  sink = read_string(write_doc(fast), InputFormat::doc, "fast.doc");
  ASSERT_EQ(sink.articles.size(), 1u) << (sink.skips.empty() ? "" : sink.skips[0].detail);
  EXPECT_EQ(sink.articles[0].title, "Harbour dues rise");
  EXPECT_EQ(sink.articles[0].paragraphs, expected);

  // Russian: by the document's language, or, in a document whose language
  // is English, by its fonts' character set.
  DocSpec russian;
  russian.word6 = true;
  russian.lid = 0x0419;
  russian.pieces.push_back(
      {u"\u00c2\u00eb\u00e0\u00f1\u00f2\u00e8 \u00ca\u00e8\u00e5\u00e2\u00e0 "
       u"\u00f1\u00ee\u00ee\u00e1\u00f9\u00e8\u00eb\u00e8.\r",
       true});
  russian.main_chars = russian.pieces[0].text.size();
  sink = read_string(write_doc(russian), InputFormat::doc, "kiev.doc");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].paragraphs, Strings{"Власти Киева сообщили."});
  russian.lid = 0x0409;
  russian.font_charset = 204;
  sink = read_string(write_doc(russian), InputFormat::doc, "kiev.doc");
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].paragraphs, Strings{"Власти Киева сообщили."});
}

// What cannot be read says what it is.
TEST(DocReader, WhatCannotBeReadIsNamed) {
  auto reason_of = [](const DocSpec& spec) {
    auto sink = read_string(write_doc(spec), InputFormat::doc, "old.doc");
    EXPECT_TRUE(sink.articles.empty());
    EXPECT_EQ(sink.skips.size(), 1u);
    if (sink.skips.empty()) return std::string();
    EXPECT_TRUE(testing::is_clean_line(sink.skips[0].detail));
    return sink.skips[0].reason + ": " + sink.skips[0].detail;
  };
  DocSpec chinese;
  chinese.word6 = true;
  chinese.lid = 0x0404;
  chinese.pieces.push_back({u"Text.\r", true});
  chinese.main_chars = 6;
  EXPECT_EQ(reason_of(chinese),
            "unknown-format: a Word 6 or Word 95 document in Chinese, Japanese or Korean, which "
            "Dateline does not read: save it as .docx, .odt or PDF");
  DocSpec locked6 = chinese;
  locked6.lid = 0x0409;
  locked6.encrypted = true;
  EXPECT_EQ(reason_of(locked6), "corrupt-document: a password-protected Word document");
  DocSpec word1 = copy_file();
  word1.version = 0x0021;
  EXPECT_NE(reason_of(word1).find("older than Word 6"), std::string::npos);
  DocSpec locked = copy_file();
  locked.encrypted = true;
  EXPECT_EQ(reason_of(locked), "corrupt-document: a password-protected Word document");
  DocSpec sheet = copy_file();
  sheet.stream = "Workbook";
  // A Workbook stream goes to the Excel reader, which says this one holds
  // no BIFF records (tests/unit/indexer/readers/test_sheet_reader.cpp
  // reads real ones).
  EXPECT_EQ(reason_of(sheet),
            "corrupt-document: a Workbook stream that does not open with a BIFF record");
  DocSpec excel95 = copy_file();
  excel95.stream = "Book";
  EXPECT_NE(reason_of(excel95).find("an Excel 5 or Excel 95 workbook"), std::string::npos);
  DocSpec slides = copy_file();
  slides.stream = "PowerPoint Document";
  EXPECT_NE(reason_of(slides).find("not a Word document"), std::string::npos);
  // Office 2007 and later encrypt a document into an OLE2 file, whatever
  // its name says; the name is no reason to read it as a zip.
  DocSpec encrypted = copy_file();
  encrypted.stream = "EncryptedPackage";
  testing::TempDir dir;
  for (const char* name : {"locked.xlsx", "locked.docx"}) {
    std::ofstream(dir.path() / name, std::ios::binary) << write_doc(encrypted);
    testing::CollectingSink locked_sink;
    read_path(dir.path() / name, InputFormat::automatic, ReaderLimits{}, locked_sink);
    ASSERT_EQ(locked_sink.skips.size(), 1u) << name;
    EXPECT_EQ(locked_sink.skips[0].reason, "corrupt-document") << name;
    EXPECT_NE(locked_sink.skips[0].detail.find("password-protected Office document"),
              std::string::npos)
        << name;
  }
  DocSpec damaged = copy_file();
  damaged.main_chars = 1u << 30;  // more text than its pieces hold: read what there is
  auto sink = read_string(write_doc(damaged), InputFormat::doc, "damaged.doc");
  EXPECT_EQ(sink.articles.size(), 1u);

  // Word for Windows 2 was no OLE2 file; read as text it was garbage.
  const std::string word2 = std::string("\xDB\xA5\x2D\x00", 4) + std::string(200, 'x');
  EXPECT_EQ(detect_format("word2.doc", word2), InputFormat::doc);
  auto old = read_string(word2, InputFormat::doc, "word2.doc");
  ASSERT_EQ(old.skips.size(), 1u);
  EXPECT_NE(old.skips[0].detail.find("Word for Windows 1 or 2"), std::string::npos);

  auto not_ole =
      read_string(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'),
                  InputFormat::doc, "zeros.doc");
  ASSERT_EQ(not_ole.skips.size(), 1u);
  EXPECT_EQ(not_ole.skips[0].reason, "corrupt-document");
}

}  // namespace
}  // namespace dateline
