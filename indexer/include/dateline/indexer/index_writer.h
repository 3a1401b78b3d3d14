#pragma once
// Writing articles into an index: analysis runs on a pool of worker threads
// that feed one Xapian writer, which commits in batches. Every commit is
// atomic: a reader, or a process that survives a crash of this one, sees the
// index as of the last commit, never a partial batch.

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dateline/common/article.h"

namespace dateline {

/// Near-duplicate clustering shared by several writers: the shards of one
/// index, so that copies of a story whose ids hash to different shards still
/// form one cluster. Opaque; make one with share_near_duplicates().
class NearDuplicateScope;

/// One clustering scope over the databases `databases` (the shards being
/// written, created empty if missing; members indexed by earlier runs are
/// looked up in all of them).
/// @exception Error a database exists but cannot be read
std::shared_ptr<NearDuplicateScope> share_near_duplicates(
    const std::vector<std::filesystem::path>& databases);

struct IndexOptions {
  /// Analysis threads; 0 means one per core.
  unsigned threads = 0;
  /// Articles per commit; 0 means 1,000 per analysis thread. Each article
  /// of a batch holds about 1 KB of RAM (a typical 3 KB news text) until the
  /// commit. Larger batches are not faster: past ~1,000 documents per
  /// database, Xapian's in-memory inverter outgrows the CPU caches and costs
  /// more than the commits saved (bench/RESULTS.md).
  std::size_t batch_size = 0;
  /// Detect the language of articles that do not name one (CLD2). When
  /// false, or when detection cannot tell, such an article is analysed as
  /// English and gets no language term.
  bool detect_language = true;
  /// Build a new database in parallel: when `path` holds no database yet,
  /// write temporary databases per analysis thread (`path` + ".part-K", then
  /// ".part-K-1", ... every `segment_articles`, holding the articles whose
  /// ids hash to part K) and merge them all into a compacted database at
  /// `path` at the first commit(), after which the
  /// writer goes on as usual. Faster on several cores, and the index comes
  /// out compacted; but until that commit `path` holds no database (readers
  /// cannot open it) and a crash leaves nothing. Meant for a new generation
  /// that is switched in once built (`dateline-index rebuild`). Ignored for
  /// shards sharing near-duplicate clusters.
  bool parallel_build = false;
  /// In a parallel build, each part starts a new temporary database every
  /// this many articles (rounded up to its commits), all merged at the end:
  /// a commit rewrites the B-tree blocks it touches, which in one growing
  /// database grows with it. 25,000 was fastest on Reuters x10 (10,000
  /// gave a larger index, 50,000 was slower; bench/RESULTS.md).
  std::size_t segment_articles = 25000;
};

/// What a writer did, for the end-of-run summary.
struct IndexCounts {
  std::size_t added = 0;     ///< new articles
  std::size_t replaced = 0;  ///< articles whose id was already indexed
  std::size_t deleted = 0;
  std::size_t commits = 0;
};

class IndexWriter {
 public:
  /// Open the index at `path`, creating it if needed.
  /// @exception IndexLockedError another process is writing to it
  /// @exception IndexVersionError it was written by an incompatible version
  /// @exception Error any other failure to open or create it
  /// `near_duplicates`: clusters shared with other writers (the other shards
  /// of the index); null for this index only.
  explicit IndexWriter(const std::filesystem::path& path, IndexOptions options = {},
                       std::shared_ptr<NearDuplicateScope> near_duplicates = nullptr);
  /// Commits what was added and stops the workers. Errors here are swallowed:
  /// call commit() first to see them.
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  /// Queue an article for indexing (replacing one with the same id). It
  /// becomes visible to searchers at the next commit. Thread-safe. Of two
  /// copies of an id, the one whose add() came last is kept, whichever
  /// analysis thread finishes first.
  void add(Article article);
  /// Delete the article with this id. Returns false if it is not indexed.
  bool remove(const std::string& id);
  /// Wait for queued articles and commit them.
  void commit();

  IndexCounts counts() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace dateline
