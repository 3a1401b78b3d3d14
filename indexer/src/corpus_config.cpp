// The corpus config file, dateline-corpus.json at a corpus's root:
//
//   {
//     "folders": {
//       "wire":    {"format": "jsonl", "source": "Northwind Wire", "tags": ["wire"]},
//       "reuters": {"format": "reuters", "source": "Reuters", "language": "en"},
//       "feeds/danube": {"format": "feed"}
//     }
//   }
//
// Each key is a folder relative to the root ("" or "." for the root
// itself); a file takes the defaults of the folders holding it, the inner
// ones refining the outer (their format, source and language win; their
// tags are added).
// "format" is a format name as --format takes it; "source" and "language"
// fill an article that names none; "tags" are added to every article. The
// file is checked whole before anything is read: an unknown key or format,
// a folder that does not exist, or malformed JSON stops the run with a
// message naming the file.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

#include "dateline/common/error.h"
#include "dateline/indexer/reader.h"

namespace dateline {

namespace {

constexpr const char* config_name = "dateline-corpus.json";

std::string folder_key(std::string key) {
  std::replace(key.begin(), key.end(), '\\', '/');
  while (key.starts_with("./")) key.erase(0, 2);
  while (!key.empty() && key.back() == '/') key.pop_back();
  return key == "." ? "" : key;
}

}  // namespace

std::optional<FolderDefaults> CorpusConfig::defaults_for(const std::filesystem::path& file) const {
  const std::string relative = file.lexically_relative(root).generic_string();
  std::vector<const FolderDefaults*> holding;  // outermost first
  for (const auto& folder : folders) {
    if (folder.folder.empty() || relative.starts_with(folder.folder + "/")) {
      holding.push_back(&folder);
    }
  }
  if (holding.empty()) return std::nullopt;
  std::sort(holding.begin(), holding.end(),
            [](const auto* a, const auto* b) { return a->folder.size() < b->folder.size(); });
  FolderDefaults merged;
  for (const FolderDefaults* folder : holding) {
    merged.folder = folder->folder;
    if (folder->format) merged.format = folder->format;
    if (!folder->source.empty()) merged.source = folder->source;
    if (!folder->language.empty()) merged.language = folder->language;
    for (const auto& tag : folder->tags) {
      if (std::find(merged.tags.begin(), merged.tags.end(), tag) == merged.tags.end()) {
        merged.tags.push_back(tag);
      }
    }
  }
  return merged;
}

std::optional<CorpusConfig> load_corpus_config(const std::filesystem::path& directory) {
  const std::filesystem::path file = directory / config_name;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  const std::string where = file.string() + ": ";
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(where + "cannot be read");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& error) {
    throw Error(where + "malformed JSON at byte " + std::to_string(error.byte));
  }
  if (!json.is_object()) throw Error(where + "must be a JSON object with \"folders\"");
  for (const auto& [key, value] : json.items()) {
    if (key != "folders") throw Error(where + "unknown key \"" + key + "\" (it takes \"folders\")");
  }
  CorpusConfig config;
  config.root = directory;
  const auto folders = json.find("folders");
  if (folders == json.end() || !folders->is_object()) {
    throw Error(where + "\"folders\" must map folder names to their defaults");
  }
  for (const auto& [name, entry] : folders->items()) {
    const std::string at = where + "folder \"" + name + "\": ";
    if (!entry.is_object()) throw Error(at + "must be an object");
    FolderDefaults defaults;
    defaults.folder = folder_key(name);
    if (!std::filesystem::is_directory(directory / defaults.folder, ec)) {
      throw Error(at + "no such folder in " + directory.string());
    }
    for (const auto& [key, value] : entry.items()) {
      if (key == "tags") {
        if (!value.is_array()) throw Error(at + "\"tags\" must be a list of strings");
        for (const auto& tag : value) {
          if (!tag.is_string()) throw Error(at + "\"tags\" must be a list of strings");
          defaults.tags.push_back(tag.get<std::string>());
        }
        continue;
      }
      if (!value.is_string()) throw Error(at + "\"" + key + "\" must be a string");
      const auto text = value.get<std::string>();
      if (key == "format") {
        defaults.format = format_from_name(text);
        if (!defaults.format) throw Error(at + "unknown format \"" + text + "\"");
      } else if (key == "source") {
        defaults.source = text;
      } else if (key == "language") {
        defaults.language = text;
        std::transform(defaults.language.begin(), defaults.language.end(),
                       defaults.language.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      } else {
        throw Error(at + "unknown key \"" + key + "\" (it takes format, source, language, tags)");
      }
    }
    config.folders.push_back(std::move(defaults));
  }
  return config;
}

}  // namespace dateline
