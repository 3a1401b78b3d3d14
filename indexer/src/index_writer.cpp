#include "dateline/indexer/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "bounded_queue.h"
#include "dateline/common/error.h"
#include "dateline/common/language.h"
#include "dateline/common/schema.h"
#include "dateline/detail/analyzer.h"
#include "document_builder.h"
#include "language_detector.h"
#include "near_duplicates.h"

namespace dateline {

namespace {
// An article waiting for analysis, with the order in which add() took it
// (and its turn in the clustering scope, which counts the add()s of every
// writer sharing it), and its document waiting to be written.
struct Queued {
  Article article;
  std::uint64_t sequence;
  std::uint64_t turn;
};
struct Built {
  std::string id_term;
  Xapian::Document document;
  indexer::AssignedCluster cluster;  // given in add() order (IndexWriter::Impl::deliver)
};
}  // namespace

// The writers of all shards assign clusters through one assigner, in the
// order their add()s were called: each add() takes a turn, and a document's
// cluster is assigned at its turn (or the turn passed, when it failed to
// build). So sharded rebuilds of a corpus cluster alike, as one writer's do.
class NearDuplicateScope {
 public:
  explicit NearDuplicateScope(indexer::ClusterAssigner assigner)
      : m_assigner(std::move(assigner)) {}

  /// The next turn, for an add() about to queue its article.
  std::uint64_t take_turn() { return m_turns_given.fetch_add(1); }

  /// Waits for `turn` and assigns the document's cluster; the turn passes
  /// on whatever happens.
  indexer::AssignedCluster assign(std::uint64_t turn, Xapian::Document& document,
                                  std::string_view id) {
    std::unique_lock lock(m_mutex);
    m_turn_came.wait(lock, [&] { return m_turn == turn; });
    struct Pass {
      NearDuplicateScope& scope;
      ~Pass() {
        ++scope.m_turn;
        scope.m_turn_came.notify_all();
      }
    } pass{*this};
    return m_assigner.assign(document, id);
  }

  /// Waits for `turn` and passes it: its article has no document.
  void pass(std::uint64_t turn) {
    std::unique_lock lock(m_mutex);
    m_turn_came.wait(lock, [&] { return m_turn == turn; });
    ++m_turn;
    m_turn_came.notify_all();
  }

  void add_index_path(const std::string& path) {
    std::lock_guard lock(m_mutex);
    m_assigner.add_index_path(path);
  }

 private:
  std::atomic<std::uint64_t> m_turns_given{0};
  std::mutex m_mutex;  // guards the fields below
  std::condition_variable m_turn_came;
  std::uint64_t m_turn = 0;  // the turn being served
  indexer::ClusterAssigner m_assigner;
};

std::shared_ptr<NearDuplicateScope> share_near_duplicates(
    const std::vector<std::filesystem::path>& databases) {
  std::vector<std::string> paths;
  bool had_articles = false;
  try {
    for (const auto& path : databases) {
      // Create a missing shard now: the assigner reads all of them as one.
      if (!std::filesystem::exists(path / "iamglass")) {
        std::filesystem::create_directories(path);
        Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN,
                                 static_cast<int>(schema::database_block_size))
            .close();
      }
      paths.push_back(path.string());
      had_articles = had_articles || Xapian::Database(path.string()).get_doccount() > 0;
    }
  } catch (const Xapian::Error& error) {
    detail::rethrow_xapian(error, "index " + databases.front().string());
  }
  indexer::ClusterAssigner assigner(std::move(paths), had_articles);
  // A cluster's founder may be in another shard, which this writer cannot
  // give the value later: founders get it at once.
  assigner.write_founders_values();
  return std::make_shared<NearDuplicateScope>(std::move(assigner));
}

// Pipeline: add() -> articles queue -> N analysis workers -> deliver(), which
// takes the built documents back into the order of add() and assigns their
// near-duplicate clusters in that order -> documents queue of a part -> that
// part's writer thread (the only one touching the part's WritableDatabase
// between commit() calls) -> replace_document, committing every batch_size
// documents. The workers finish in any order; delivering in add() order
// makes a rebuild of the same corpus give the same clusters (the first
// copy added names each) and write each part's documents in the same order,
// and a later copy of an article always reaches its writer after an
// earlier one. Normally there is one part, the database at
// `path`. In a parallel build (IndexOptions::parallel_build, `path` holding no
// database yet) there is one temporary database per analysis thread, each fed
// the articles whose ids hash to it, and the first commit() merges them into
// `path` with Xapian's compactor; the writer then goes on with one part.
//
// A part of a parallel build is itself written as segments: every
// segment_articles documents it starts a new database. Each commit merges
// the batch into the segment's B-trees, rewriting every block it touches, and
// an x10 Reuters batch touches most leaf blocks of its postings: in one
// growing database that rewrite grows with the database, in a segment it
// stays bounded. The compactor merges all segments in one pass at the end.
struct IndexWriter::Impl {
  struct Part {
    std::string path;  // the database being written (the current segment)
    std::string base;  // a parallel part's first segment; later ones are base-N
    Xapian::WritableDatabase db;
    indexer::BoundedQueue<Built> documents{1024};
    std::thread writer;
    std::mutex mutex;  // guards the fields below
    // Ids written by this writer, and the segment holding each, so a new
    // article is added without the cost of replace_document's lookup
    // (`started_empty` skips asking the database).
    std::unordered_map<std::string, std::size_t> written_ids;
    bool started_empty = false;
    bool segmented = false;  // a parallel part: rolls over to new segments
    std::size_t since_commit = 0;
    std::size_t in_segment = 0;       // documents added to the current segment
    std::vector<std::string> sealed;  // earlier segments, committed and closed
    std::vector<std::pair<std::size_t, std::string>> superseded;  // (segment, id term)
  };

  std::string path;
  IndexOptions options;
  indexer::BoundedQueue<Queued> articles;
  std::vector<std::thread> workers;
  std::vector<std::unique_ptr<Part>> parts;
  bool parallel = false;        // guarded by mutex: route to every part
  std::size_t part_batch_size;  // articles per commit of each part
  std::shared_ptr<NearDuplicateScope> clusters;
  // In a parallel build: (id, key) of each founder a copy joined, for
  // give_joined_founders_values().
  std::mutex founders_mutex;  // guards `founders` (taken after any other)
  std::vector<std::pair<std::string, std::string>> founders;

  // deliver(): documents built ahead of their turn, by add() order, with
  // their turns in the clustering scope (a document that failed to build is
  // an empty entry), at most `order_window` of them.
  std::mutex order_mutex;  // guards the fields below (taken before `clusters`'s)
  std::condition_variable order_room;
  std::map<std::uint64_t, std::pair<std::uint64_t, std::optional<Built>>> out_of_order;
  std::uint64_t next_in_order = 0;
  std::uint64_t order_window;

  std::mutex add_mutex;  // one add() at a time

  std::mutex mutex;                 // guards the fields below (and `parallel`)
  std::condition_variable drained;  // signalled as `pending` falls
  std::size_t pending = 0;          // added but not yet written
  std::uint64_t added = 0;          // add() calls so far: the next one's sequence
  IndexCounts counts;
  std::exception_ptr failure;

  Impl(std::string p, IndexOptions o)
      : path(std::move(p)),
        options(o),
        articles(1024),
        part_batch_size(o.batch_size),
        // A slow article (a long one) holds back what others build after
        // it, up to this many documents, then they wait for it.
        order_window(std::uint64_t{64} * std::max(1u, o.threads)) {}

  void fail(std::exception_ptr error) {
    std::lock_guard lock(mutex);
    if (!failure) failure = error;
    pending = 0;
    drained.notify_all();
  }

  Part& route(const std::string& id_term) {
    std::lock_guard lock(mutex);
    if (!parallel) return *parts.front();
    return *parts[stable_hash(id_term) % parts.size()];
  }

  void work() {
    detail::Analyzers analyzers;  // one per language met, for this thread
    while (auto queued = articles.pop()) {
      std::optional<Built> built;
      try {
        Article& article = queued->article;
        if (options.detect_language && normalize_language(article.language).empty()) {
          article.language = indexer::detect_language(article);
        }
        built = Built{schema::id_term(article.id), indexer::build_document(article, analyzers), {}};
      } catch (...) {
        fail(std::current_exception());
      }
      deliver(queued->sequence, queued->turn, std::move(built));
    }
  }

  // Takes the document of add() number `sequence` (none if it failed to
  // build) and passes on every document whose turn has come: clusters
  // assigned in add() order (across the writers sharing the clustering
  // scope, at each one's `turn`), then to its part's writer. Waits while the
  // document is `order_window` or more ahead of its turn.
  void deliver(std::uint64_t sequence, std::uint64_t turn, std::optional<Built> built) {
    std::unique_lock lock(order_mutex);
    order_room.wait(lock, [&] { return sequence < next_in_order + order_window; });
    out_of_order.emplace(sequence, std::pair{turn, std::move(built)});
    for (auto next = out_of_order.begin();
         next != out_of_order.end() && next->first == next_in_order;
         next = out_of_order.erase(next), ++next_in_order) {
      auto& [its_turn, entry] = next->second;
      try {
        if (!entry) {
          clusters->pass(its_turn);
          continue;
        }
        Built& document = *entry;
        document.cluster =
            clusters->assign(its_turn, document.document,
                             std::string_view(document.id_term).substr(schema::id_prefix.size()));
        route(document.id_term).documents.push(std::move(document));
      } catch (...) {
        fail(std::current_exception());
      }
    }
    order_room.notify_all();
  }

  void write(Part& part) {
    while (auto built = part.documents.pop()) {
      try {
        {
          std::lock_guard lock(mutex);
          if (failure) continue;
        }
        const indexer::AssignedCluster& cluster = built->cluster;
        bool existed = false;
        bool committed = false;
        {
          std::lock_guard lock(part.mutex);
          const std::size_t segment = part.sealed.size();
          auto [written, first] = part.written_ids.try_emplace(built->id_term, segment);
          existed = !first || (!part.started_empty && part.db.term_exists(built->id_term));
          if (!cluster.founder_without_value.empty()) {
            if (part.segmented) {
              // The founder may be in another part: given at the merge.
              std::lock_guard founders_lock(founders_mutex);
              founders.emplace_back(cluster.founder_without_value, cluster.key);
            } else {
              give_cluster_value(part.db, cluster.founder_without_value, cluster.key);
            }
          }
          const std::size_t earlier_segment = written->second;
          written->second = segment;
          if (!first && earlier_segment != segment) {
            // The earlier copy is in a sealed segment: deleted there before
            // the merge, and this one added here.
            part.superseded.emplace_back(earlier_segment, built->id_term);
            part.db.add_document(built->document);
          } else if (existed) {
            part.db.replace_document(built->id_term, built->document);
          } else {
            part.db.add_document(built->document);
          }
          ++part.in_segment;
          if (++part.since_commit >= part_batch_size) {
            part.db.commit();
            committed = true;
            part.since_commit = 0;
            if (part.segmented && part.in_segment >= options.segment_articles) next_segment(part);
          }
        }
        std::lock_guard lock(mutex);
        ++(existed ? counts.replaced : counts.added);
        if (committed) ++counts.commits;
        if (pending > 0) --pending;
        if (pending == 0) drained.notify_all();
      } catch (const Xapian::Error& error) {
        try {
          detail::rethrow_xapian(error, "index " + part.path);
        } catch (...) {
          fail(std::current_exception());
        }
      } catch (...) {
        fail(std::current_exception());
      }
    }
  }

  // An article that started a cluster was written without the cluster
  // value (ClusterAssigner); when the first copy joins it, it gets the value
  // in the same batch as the copy, so the two collapse.
  static void give_cluster_value(Xapian::WritableDatabase& db, const std::string& id,
                                 const std::string& key) {
    const std::string term = schema::id_term(id);
    Xapian::PostingIterator posting = db.postlist_begin(term);
    if (posting == db.postlist_end(term)) return;  // deleted meanwhile
    Xapian::Document founder = db.get_document(*posting);
    if (!founder.get_value(schema::slot_cluster).empty()) return;
    founder.add_value(schema::slot_cluster, key);
    db.replace_document(*posting, founder);
  }

  // Waits until every added article is written, and returns holding `mutex`.
  std::unique_lock<std::mutex> wait_drained() {
    std::unique_lock lock(mutex);
    drained.wait(lock, [&] { return pending == 0; });
    if (failure) std::rethrow_exception(failure);
    return lock;
  }

  static Xapian::WritableDatabase open_part(const std::string& path, int flags) {
    Xapian::WritableDatabase db(path, flags, static_cast<int>(schema::database_block_size));
    detail::check_schema_version(db, path);
    if (db.get_metadata(std::string(schema::schema_metadata_key)).empty()) {
      db.set_metadata(std::string(schema::schema_metadata_key),
                      std::to_string(schema::schema_version));
    }
    return db;
  }

  void start_part(std::string part_path, bool parallel_part) {
    auto part = std::make_unique<Part>();
    part->path = part_path;
    part->base = std::move(part_path);
    part->segmented = parallel_part;
    part->db = open_part(
        part->path, parallel_part ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
    part->started_empty = part->db.get_doccount() == 0;
    parts.push_back(std::move(part));
  }

  // Seals the committed segment of a parallel part and starts the next.
  // Called by the part's writer holding part.mutex.
  void next_segment(Part& part) {
    part.db.close();
    part.sealed.push_back(part.path);
    part.path = part.base + "-" + std::to_string(part.sealed.size());
    std::error_code ignored;
    std::filesystem::remove_all(part.path, ignored);  // left by a killed run
    part.db = open_part(part.path, Xapian::DB_CREATE_OR_OVERWRITE);
    part.in_segment = 0;
    clusters->add_index_path(part.path);
  }

  // The founders the parallel build's copies joined get their cluster
  // value, in the segment that holds their latest copy. Called by
  // merge_parts() with every part committed and closed.
  void give_joined_founders_values() {
    std::lock_guard founders_lock(founders_mutex);
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> by_database;
    for (auto& [id, key] : founders) {
      std::string term = schema::id_term(id);
      Part& part = *parts[stable_hash(term) % parts.size()];
      auto written = part.written_ids.find(term);
      if (written == part.written_ids.end()) continue;
      const std::size_t segment = written->second;
      const std::string& holder = segment < part.sealed.size() ? part.sealed[segment] : part.path;
      by_database[holder].emplace_back(std::move(id), std::move(key));
    }
    founders.clear();
    for (const auto& [holder, given] : by_database) {
      Xapian::WritableDatabase db(holder, Xapian::DB_OPEN);
      for (const auto& [id, key] : given) give_cluster_value(db, id, key);
      db.commit();
    }
  }

  // The parallel build's end: commit the parts, merge them into `path`, and
  // go on writing there with one part. Called holding `mutex` with nothing
  // pending, so no document is in flight.
  void merge_parts() {
    std::vector<std::string> databases;
    for (auto& part : parts) {
      std::lock_guard lock(part->mutex);
      part->db.commit();
      // Delete the copies that later ones in newer segments replace.
      std::sort(part->superseded.begin(), part->superseded.end());
      for (std::size_t k = 0; k < part->superseded.size();) {
        const std::size_t segment = part->superseded[k].first;
        Xapian::WritableDatabase sealed(part->sealed[segment], Xapian::DB_OPEN);
        for (; k < part->superseded.size() && part->superseded[k].first == segment; ++k) {
          sealed.delete_document(part->superseded[k].second);
        }
        sealed.commit();
      }
      part->db.close();
      databases.insert(databases.end(), part->sealed.begin(), part->sealed.end());
      databases.push_back(part->path);
    }
    give_joined_founders_values();
    Xapian::Database sources;
    for (const auto& database : databases) sources.add_database(Xapian::Database(database));
    ++counts.commits;
    // Full compaction, as xapian-compact does by default: the index is
    // written once, read often.
    sources.compact(path, Xapian::Compactor::FULL, static_cast<int>(schema::database_block_size));
    sources.close();
    std::vector<std::string> merged;
    for (auto& part : parts) {
      std::lock_guard lock(part->mutex);
      part->db.close();
      part->written_ids.clear();
      part->superseded.clear();
      merged.insert(merged.end(), part->sealed.begin(), part->sealed.end());
      merged.push_back(part->path);
      part->sealed.clear();
      part->segmented = false;
      part->in_segment = 0;
    }
    // Part 0's writer thread goes on, now writing to `path`; the others idle
    // until the destructor stops them.
    {
      std::lock_guard lock(parts.front()->mutex);
      parts.front()->path = path;
      parts.front()->db = Xapian::WritableDatabase(path, Xapian::DB_OPEN);
      parts.front()->started_empty = false;
      parts.front()->since_commit = 0;
    }
    part_batch_size = options.batch_size;
    parallel = false;
    clusters = std::make_shared<NearDuplicateScope>(indexer::ClusterAssigner(path, true));
    std::error_code ignored;
    for (const auto& segment : merged) std::filesystem::remove_all(segment, ignored);
  }
};

namespace {
std::string part_path(const std::string& path, unsigned k) {
  return path + ".part-" + std::to_string(k);
}
}  // namespace

IndexWriter::IndexWriter(const std::filesystem::path& path, IndexOptions options,
                         std::shared_ptr<NearDuplicateScope> near_duplicates) {
  if (options.threads == 0) options.threads = std::max(1u, std::thread::hardware_concurrency());
  if (options.batch_size == 0) options.batch_size = std::size_t{1000} * options.threads;
  m_impl = std::make_unique<Impl>(path.string(), options);
  Impl& impl = *m_impl;
  try {
    std::error_code ec;
    // Clusters shared with other writers (shards) need the database itself.
    impl.parallel = options.parallel_build && !near_duplicates &&
                    !std::filesystem::exists(path / "iamglass", ec) &&
                    !std::filesystem::exists(path / "iamchert", ec);
    if (impl.parallel) {
      std::vector<std::string> paths;
      for (unsigned k = 0; k < options.threads; ++k) {
        paths.push_back(part_path(impl.path, k));
        std::filesystem::remove_all(paths.back(), ec);  // left by a killed run
        impl.start_part(paths.back(), true);
      }
      // The same memory bound as one writer's batch.
      impl.part_batch_size = std::max<std::size_t>(1, options.batch_size / options.threads);
      impl.clusters =
          std::make_shared<NearDuplicateScope>(indexer::ClusterAssigner(std::move(paths), false));
    } else {
      impl.start_part(impl.path, false);
      impl.clusters = near_duplicates
                          ? std::move(near_duplicates)
                          : std::make_shared<NearDuplicateScope>(indexer::ClusterAssigner(
                                impl.path, !impl.parts.front()->started_empty));
    }
  } catch (const Xapian::Error& error) {
    detail::rethrow_xapian(error, "index " + path.string());
  }
  for (unsigned k = 0; k < options.threads; ++k) {
    impl.workers.emplace_back([&impl] { impl.work(); });
  }
  for (auto& part : impl.parts) {
    part->writer = std::thread([&impl, part = part.get()] { impl.write(*part); });
  }
}

IndexWriter::~IndexWriter() {
  try {
    commit();
  } catch (...) {
  }
  m_impl->articles.close();
  for (auto& worker : m_impl->workers) worker.join();
  for (auto& part : m_impl->parts) part->documents.close();
  for (auto& part : m_impl->parts) part->writer.join();
}

void IndexWriter::add(Article article) {
  // The articles queue holds them in add() order, which deliver() counts on.
  std::lock_guard order(m_impl->add_mutex);
  std::uint64_t sequence = 0;
  std::uint64_t turn = 0;
  {
    // Under `mutex`, which merge_parts() holds while it replaces `clusters`.
    std::lock_guard lock(m_impl->mutex);
    if (m_impl->failure) std::rethrow_exception(m_impl->failure);
    ++m_impl->pending;
    sequence = m_impl->added++;
    turn = m_impl->clusters->take_turn();
  }
  m_impl->articles.push(Queued{std::move(article), sequence, turn});
}

bool IndexWriter::remove(const std::string& id) {
  auto lock = m_impl->wait_drained();
  try {
    if (m_impl->parallel) m_impl->merge_parts();
    auto& part = *m_impl->parts.front();
    std::lock_guard part_lock(part.mutex);
    std::string term = schema::id_term(id);
    if (!part.db.term_exists(term)) return false;
    part.db.delete_document(term);
    part.written_ids.erase(term);
    ++m_impl->counts.deleted;
    ++part.since_commit;
    return true;
  } catch (const Xapian::Error& error) {
    detail::rethrow_xapian(error, "index " + m_impl->path);
  }
}

void IndexWriter::commit() {
  auto lock = m_impl->wait_drained();
  try {
    if (m_impl->parallel) {
      m_impl->merge_parts();
      return;
    }
    auto& part = *m_impl->parts.front();
    std::lock_guard part_lock(part.mutex);
    part.db.commit();
    ++m_impl->counts.commits;
    part.since_commit = 0;
  } catch (const Xapian::Error& error) {
    detail::rethrow_xapian(error, "index " + m_impl->path);
  }
}

IndexCounts IndexWriter::counts() const {
  std::lock_guard lock(m_impl->mutex);
  return m_impl->counts;
}

}  // namespace dateline
