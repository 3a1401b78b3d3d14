#pragma once
// Readers for the two shared research corpora the language tests use (see
// ../shared/data/SOURCES.md): the ITN multilingual blurbs (gzip JSON) and the
// 10kGNAD German articles (CSV with ';' and '\'' quoting). Both return an
// empty vector when the data is absent; callers GTEST_SKIP with a message.

#include <zlib.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dateline/common/article.h"
#include "dateline/common/language.h"

namespace dateline::testing {

inline std::filesystem::path shared_data() { return DATELINE_SHARED_DATA; }

/// One ITN blurb: the event (Wikidata id), its given language and its text
/// with the HTML tags removed.
struct Blurb {
  std::string event;
  std::string language;  ///< as given ("ru", "be-tarask", "zh-yue")
  std::string text;
  std::int64_t collected = 0;  ///< unix seconds
};

inline std::string strip_tags(std::string_view html) {
  std::string text;
  bool in_tag = false;
  for (char ch : html) {
    if (ch == '<') {
      in_tag = true;
    } else if (ch == '>') {
      in_tag = false;
    } else if (!in_tag) {
      text.push_back(ch);
    }
  }
  return text;
}

inline std::vector<Blurb> read_itn_blurbs() {
  auto path = shared_data() / "itn_multilingual_news" / "corpus-2023-04-14.json.gz";
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return {};
  std::string json;
  char buffer[1 << 16];
  for (int n; (n = gzread(file, buffer, sizeof buffer)) > 0;)
    json.append(buffer, static_cast<std::size_t>(n));
  gzclose(file);
  std::vector<Blurb> blurbs;
  const nlohmann::json corpus = nlohmann::json::parse(json);
  for (auto event = corpus.begin(); event != corpus.end(); ++event) {
    for (auto version = event->begin(); version != event->end(); ++version) {
      const auto& blurb = version.value();
      blurbs.push_back({event.key(), blurb.at("lang").get<std::string>(),
                        strip_tags(blurb.at("blurb").get<std::string>()),
                        static_cast<std::int64_t>(std::stod(version.key()))});
    }
  }
  return blurbs;
}

/// An ITN blurb as an article: one paragraph, language given or left out.
inline Article blurb_article(const Blurb& blurb, std::size_t index, bool give_language) {
  Article article;
  article.id = "itn-" + std::to_string(index) + "-" + blurb.event + "-" + blurb.language;
  article.source = "ITN";
  if (give_language) article.language = normalize_language(blurb.language);
  article.paragraphs.push_back(blurb.text);
  DateTime published;
  published.utc_seconds = blurb.collected;
  published.zone_known = true;
  article.published = published;
  return article;
}

/// One 10kGNAD article: topic label and text.
struct LabelledText {
  std::string label;
  std::string text;
};

inline std::vector<LabelledText> read_10kgnad() {
  std::ifstream in(shared_data() / "10kgnad_german" / "test.csv", std::ios::binary);
  if (!in) return {};
  std::stringstream whole;
  whole << in.rdbuf();
  std::string data = whole.str();
  std::vector<LabelledText> rows;
  std::size_t i = 0;
  while (i < data.size()) {
    std::size_t semicolon = data.find(';', i);
    if (semicolon == std::string::npos) break;
    LabelledText row{data.substr(i, semicolon - i), {}};
    i = semicolon + 1;
    if (i < data.size() && data[i] == '\'') {
      // Quoted: '' is a literal quote; the field ends at a lone quote.
      for (++i; i < data.size(); ++i) {
        if (data[i] == '\'') {
          if (i + 1 < data.size() && data[i + 1] == '\'') {
            row.text.push_back('\'');
            ++i;
            continue;
          }
          ++i;
          break;
        }
        row.text.push_back(data[i]);
      }
    }
    std::size_t newline = data.find('\n', i);
    if (row.text.empty()) row.text = data.substr(i, newline - i);
    i = newline == std::string::npos ? data.size() : newline + 1;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace dateline::testing
