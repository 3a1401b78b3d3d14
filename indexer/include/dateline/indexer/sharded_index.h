#pragma once
// A sharded index: articles split by a stable hash of their id over N shards,
// each a Dateline-managed index of its own (stub + generations) that
// xapian-tcpsrv can serve, under one directory that opens as their union:
//
//   DIR/XAPIANDB        auto shard-0/gen-000003      (one line per shard,
//                       auto shard-1/gen-000001       naming its live generation)
//   DIR/shard-K/XAPIANDB  auto gen-NNNNNN            (the shard on its own)
//   DIR/shard-K/gen-NNNNNN/                          (plain Xapian databases)
//
// The top stub names generations rather than the shard stubs, so one
// rename(2) switches every shard of a rebuild at once: a searcher opening DIR
// sees all shards old or all new. The number of shards is the number of
// lines of the top stub; an article always hashes to the same shard.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/common/article.h"
#include "dateline/indexer/index_writer.h"

namespace dateline {

/// The number of shards of the index at `index`, or 0 when it is not sharded
/// (a single index, a plain database, or nothing yet).
unsigned shard_count(const std::filesystem::path& index);

/// The shard, in [0, shards), that the article with id `id` belongs to.
/// Stable across runs, machines and versions (dateline::stable_hash).
unsigned shard_of(std::string_view id, unsigned shards);

/// The directory of shard `shard`: index/shard-K.
std::filesystem::path shard_path(const std::filesystem::path& index, unsigned shard);

/// The live database of each shard, to write to. When `index` does not exist
/// or is an empty directory it becomes a sharded index of `shards` shards;
/// `shards` 0 means "as the index already is".
/// @exception Error `index` is not sharded, has another number of shards, or
///            cannot be created
std::vector<std::filesystem::path> writable_shard_paths(const std::filesystem::path& index,
                                                        unsigned shards);

/// A fresh generation directory for each of `shards` shards (not created).
std::vector<std::filesystem::path> next_shard_generations(const std::filesystem::path& index,
                                                          unsigned shards);

/// Atomically make `generations[K]` the live database of shard K for every K
/// (one rename of the top stub), then update each shard's own stub and remove
/// what is no longer named: older generations, shards beyond the new count,
/// and the generations of an index that was not sharded before.
/// @exception Error a stub cannot be written
void switch_shard_generations(const std::filesystem::path& index,
                              const std::vector<std::filesystem::path>& generations);

/// Atomically make `generation` the live database of shard `shard` only.
/// @exception Error `index` is not sharded, or a stub cannot be written
void switch_shard_generation(const std::filesystem::path& index, unsigned shard,
                             const std::filesystem::path& generation);

/// Writes articles to the shards of one index: each goes to the writer of
/// shard_of(id). One IndexWriter per shard (they run in parallel; the
/// analysis threads are split between them) and one near-duplicate scope
/// over all shards, so wire copies cluster as in a single index.
class ShardedWriter {
 public:
  /// `databases[K]`: the database of shard K. With `only_shard`, only that
  /// shard is written and articles of the others are passed over (counted
  /// in passed_over()).
  /// @exception as IndexWriter's constructor
  ShardedWriter(const std::vector<std::filesystem::path>& databases, IndexOptions options,
                std::optional<unsigned> only_shard = std::nullopt);
  ~ShardedWriter();
  ShardedWriter(const ShardedWriter&) = delete;
  ShardedWriter& operator=(const ShardedWriter&) = delete;

  /// Queue an article for its shard. Thread-safe.
  void add(Article article);
  /// Delete the article with this id from its shard. False if not indexed.
  bool remove(const std::string& id);
  /// Wait for queued articles and commit every shard.
  void commit();
  /// The counts of all shards together.
  IndexCounts counts() const;
  /// Articles that belonged to shards not being written (with only_shard).
  std::size_t passed_over() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace dateline
