#include "dateline/indexer/index_location.h"

#include <cstdio>
#include <fstream>
#include <string>

#include <xapian.h>

#include "dateline/common/error.h"
#include "dateline/common/schema.h"
#include "dateline/detail/analyzer.h"
#include "stub_file.h"

#include <fcntl.h>
#include <unistd.h>

namespace dateline {

namespace fs = std::filesystem;

namespace {
constexpr const char* stub_name = "XAPIANDB";
constexpr std::string_view generation_stem = "gen-";

// The first database a stub names, as written in it, or empty.
std::string read_stub_target(const fs::path& index) {
  std::ifstream in(index / stub_name);
  std::string type, target;
  if (!(in >> type >> target)) return {};
  return target;
}

bool is_plain_database(const fs::path& dir) {
  return fs::exists(dir / "iamglass") || fs::exists(dir / "iamchert");
}

void sync_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}
}  // namespace

namespace indexer {
void write_stub_file(const fs::path& directory, const std::string& content) {
  fs::path temporary = directory / (std::string(stub_name) + ".new");
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << content;
    out.flush();
    if (!out) throw Error("cannot write " + temporary.string());
  }
  int fd = ::open(temporary.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  std::error_code ec;
  fs::rename(temporary, directory / stub_name, ec);
  if (ec) throw Error("cannot switch index " + directory.string() + ": " + ec.message());
  sync_directory(directory);
}
}  // namespace indexer

namespace indexer {
void create_first_generation(const fs::path& path) {
  if (is_plain_database(path)) return;  // created before a kill; taken up
  // Xapian's own creation is not atomic (killed in it, a directory holds
  // table files but no version file, and will not open again): create the
  // database beside, then rename it into place.
  fs::path creating = path;
  creating += ".new";
  std::error_code ec;
  fs::remove_all(creating, ec);  // from a creation killed midway
  fs::create_directories(creating, ec);
  if (ec) throw Error("cannot create index " + path.string() + ": " + ec.message());
  try {
    Xapian::WritableDatabase created(creating.string(), Xapian::DB_CREATE_OR_OVERWRITE,
                                     static_cast<int>(schema::database_block_size));
    created.set_metadata(std::string(schema::schema_metadata_key),
                         std::to_string(schema::schema_version));
    created.commit();
    created.close();
  } catch (const Xapian::Error& error) {
    detail::rethrow_xapian(error, "index " + path.string());
  }
  fs::remove_all(path, ec);  // an empty or half-created directory nothing names
  fs::rename(creating, path, ec);
  if (ec) throw Error("cannot create index " + path.string() + ": " + ec.message());
  sync_directory(path.parent_path());
}
}  // namespace indexer

fs::path default_index_path(const char* environment_value) {
  if (environment_value != nullptr && *environment_value != '\0') return environment_value;
  return fs::path(".dateline") / "index";
}

fs::path writable_database_path(const fs::path& index) {
  std::error_code ec;
  if (fs::exists(index / stub_name, ec)) {
    std::string target = read_stub_target(index);
    if (target.empty()) throw Error("index " + index.string() + ": unreadable stub file XAPIANDB");
    // A sharded index's stub names shard-K/gen-N: its writers go per shard.
    if (target.find('/') != std::string::npos) {
      throw Error("index " + index.string() + " is sharded: write to it through its shards");
    }
    return index / target;
  }
  if (fs::exists(index, ec) && (is_plain_database(index) || !fs::is_directory(index, ec))) {
    return index;
  }
  if (fs::exists(index, ec) && !fs::is_empty(index, ec)) {
    // Only a first generation and perhaps a half-written stub: a creation
    // killed before its stub named the generation. It is taken up again.
    for (const auto& entry : fs::directory_iterator(index, ec)) {
      std::string name = entry.path().filename().string();
      if (!name.starts_with(generation_stem) && name != std::string(stub_name) + ".new") {
        throw Error(index.string() + " exists and is not a Dateline index");
      }
    }
  }
  fs::path first = index / (std::string(generation_stem) + "000001");
  // The database exists before the stub names it: killed in between, there
  // is no index yet (no stub), never a stub naming an empty directory, which
  // no searcher could open (found by tests/crash/kill-and-resume).
  indexer::create_first_generation(first);
  switch_generation(index, first);
  return first;
}

fs::path next_generation_path(const fs::path& index) {
  unsigned highest = 0;
  std::error_code ec;
  if (fs::is_directory(index, ec)) {
    for (const auto& entry : fs::directory_iterator(index, ec)) {
      std::string name = entry.path().filename().string();
      if (name.starts_with(generation_stem)) {
        highest = std::max(highest, static_cast<unsigned>(std::strtoul(
                                        name.c_str() + generation_stem.size(), nullptr, 10)));
      }
    }
  }
  char name[32];
  std::snprintf(name, sizeof name, "gen-%06u", highest + 1);
  return index / name;
}

void switch_generation(const fs::path& index, const fs::path& generation) {
  std::error_code ec;
  fs::create_directories(index, ec);
  if (ec) throw Error("cannot create index " + index.string() + ": " + ec.message());
  if (is_plain_database(index)) {
    throw Error(index.string() + " is a plain Xapian database; rebuild into a new path instead");
  }
  indexer::write_stub_file(index, "auto " + generation.filename().string() + "\n");
  // Searchers that opened the old generation keep their open files (POSIX
  // unlink semantics); new ones open the new generation.
  for (const auto& entry : fs::directory_iterator(index, ec)) {
    std::string name = entry.path().filename().string();
    if (name.starts_with(generation_stem) && entry.path().filename() != generation.filename()) {
      fs::remove_all(entry.path(), ec);
    }
  }
}

}  // namespace dateline
