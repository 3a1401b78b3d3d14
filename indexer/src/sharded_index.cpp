#include "dateline/indexer/sharded_index.h"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <thread>

#include "dateline/common/error.h"
#include "dateline/indexer/index_location.h"
#include "stub_file.h"

namespace dateline {

namespace fs = std::filesystem;

namespace {
constexpr std::string_view shard_stem = "shard-";

// The targets of the top stub's lines, when every one is shard-K/...; the
// K-th entry is shard K's live generation (relative to the index).
std::vector<std::string> read_shard_targets(const fs::path& index) {
  std::ifstream in(index / "XAPIANDB");
  std::vector<std::string> targets;
  std::string type, target;
  while (in >> type >> target) {
    std::string expected = std::string(shard_stem) + std::to_string(targets.size()) + "/";
    if (type != "auto" || !target.starts_with(expected)) return {};
    targets.push_back(target);
  }
  return targets;
}

fs::path live_generation(const fs::path& index, unsigned shard) {
  auto targets = read_shard_targets(index);
  if (shard >= targets.size()) {
    throw Error("index " + index.string() + " has no shard " + std::to_string(shard));
  }
  return index / targets[shard];
}

std::string top_stub(const std::vector<fs::path>& generations) {
  std::string content;
  for (unsigned k = 0; k < generations.size(); ++k) {
    content += "auto " + (shard_path(fs::path(), k) / generations[k].filename()).string() + "\n";
  }
  return content;
}
}  // namespace

unsigned shard_count(const fs::path& index) {
  return static_cast<unsigned>(read_shard_targets(index).size());
}

unsigned shard_of(std::string_view id, unsigned shards) {
  if (shards == 0) throw InvalidArgumentError("an index needs at least one shard");
  return static_cast<unsigned>(stable_hash(id) % shards);
}

fs::path shard_path(const fs::path& index, unsigned shard) {
  return index / (std::string(shard_stem) + std::to_string(shard));
}

std::vector<fs::path> writable_shard_paths(const fs::path& index, unsigned shards) {
  std::error_code ec;
  unsigned existing = shard_count(index);
  if (existing == 0) {
    // Shard directories and perhaps a half-written stub only: a creation
    // killed before its stub named the shards, taken up again.
    if (fs::exists(index, ec)) {
      for (const auto& entry : fs::directory_iterator(index, ec)) {
        std::string name = entry.path().filename().string();
        if (!name.starts_with(shard_stem) && name != "XAPIANDB.new") {
          throw Error("index " + index.string() +
                      " is not sharded; rebuild it with --shards to split it");
        }
      }
    }
    if (shards == 0) throw InvalidArgumentError("index " + index.string() + " is not sharded");
    std::vector<fs::path> first;
    for (unsigned k = 0; k < shards; ++k) {
      first.push_back(shard_path(index, k) / "gen-000001");
      // Before any stub names it (see create_first_generation).
      indexer::create_first_generation(first.back());
    }
    switch_shard_generations(index, first);
    return first;
  }
  if (shards != 0 && shards != existing) {
    throw Error("index " + index.string() + " has " + std::to_string(existing) +
                " shards; rebuild it with --shards " + std::to_string(shards) + " to change that");
  }
  std::vector<fs::path> live;
  for (unsigned k = 0; k < existing; ++k) live.push_back(live_generation(index, k));
  return live;
}

std::vector<fs::path> next_shard_generations(const fs::path& index, unsigned shards) {
  std::vector<fs::path> generations;
  for (unsigned k = 0; k < shards; ++k) {
    generations.push_back(next_generation_path(shard_path(index, k)));
  }
  return generations;
}

void switch_shard_generations(const fs::path& index, const std::vector<fs::path>& generations) {
  std::error_code ec;
  fs::create_directories(index, ec);
  if (ec) throw Error("cannot create index " + index.string() + ": " + ec.message());
  // The switch itself: every shard at once.
  indexer::write_stub_file(index, top_stub(generations));
  // Then each shard's own stub (for serving one shard) and the clean-up.
  // Searchers that opened an old generation keep their open files.
  for (unsigned k = 0; k < generations.size(); ++k) {
    switch_generation(shard_path(index, k), generations[k]);
  }
  for (const auto& entry : fs::directory_iterator(index, ec)) {
    std::string name = entry.path().filename().string();
    bool old_generation = name.starts_with("gen-");
    bool extra_shard =
        name.starts_with(shard_stem) &&
        std::strtoul(name.c_str() + shard_stem.size(), nullptr, 10) >= generations.size();
    if (old_generation || extra_shard) fs::remove_all(entry.path(), ec);
  }
}

void switch_shard_generation(const fs::path& index, unsigned shard, const fs::path& generation) {
  unsigned shards = shard_count(index);
  if (shard >= shards) {
    throw Error("index " + index.string() + " has no shard " + std::to_string(shard));
  }
  std::vector<fs::path> generations;
  for (unsigned k = 0; k < shards; ++k) {
    generations.push_back(k == shard ? generation : live_generation(index, k));
  }
  indexer::write_stub_file(index, top_stub(generations));
  switch_generation(shard_path(index, shard), generation);
}

struct ShardedWriter::Impl {
  std::vector<std::unique_ptr<IndexWriter>> writers;  // null for shards not written
  mutable std::mutex mutex;
  std::size_t passed_over = 0;
};

ShardedWriter::ShardedWriter(const std::vector<fs::path>& databases, IndexOptions options,
                             std::optional<unsigned> only_shard)
    : m_impl(std::make_unique<Impl>()) {
  if (databases.empty()) throw InvalidArgumentError("an index needs at least one shard");
  unsigned writing = only_shard ? 1 : static_cast<unsigned>(databases.size());
  unsigned threads =
      options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  // Split the analysis threads so that together they keep every core busy.
  options.threads = std::max(1u, threads / writing);
  auto clusters = share_near_duplicates(databases);
  m_impl->writers.resize(databases.size());
  for (unsigned k = 0; k < databases.size(); ++k) {
    if (only_shard && *only_shard != k) continue;
    m_impl->writers[k] = std::make_unique<IndexWriter>(databases[k], options, clusters);
  }
}

ShardedWriter::~ShardedWriter() = default;

void ShardedWriter::add(Article article) {
  if (article.id.empty()) article.id = stable_article_id(article);
  auto& writer =
      m_impl->writers[shard_of(article.id, static_cast<unsigned>(m_impl->writers.size()))];
  if (!writer) {
    std::lock_guard lock(m_impl->mutex);
    ++m_impl->passed_over;
    return;
  }
  writer->add(std::move(article));
}

bool ShardedWriter::remove(const std::string& id) {
  auto& writer = m_impl->writers[shard_of(id, static_cast<unsigned>(m_impl->writers.size()))];
  return writer && writer->remove(id);
}

void ShardedWriter::commit() {
  for (auto& writer : m_impl->writers) {
    if (writer) writer->commit();
  }
}

IndexCounts ShardedWriter::counts() const {
  IndexCounts total;
  for (const auto& writer : m_impl->writers) {
    if (!writer) continue;
    IndexCounts counts = writer->counts();
    total.added += counts.added;
    total.replaced += counts.replaced;
    total.deleted += counts.deleted;
    total.commits += counts.commits;
  }
  return total;
}

std::size_t ShardedWriter::passed_over() const {
  std::lock_guard lock(m_impl->mutex);
  return m_impl->passed_over;
}

}  // namespace dateline
