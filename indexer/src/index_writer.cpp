#include "dateline/indexer/index_writer.h"

#include <xapian.h>

#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
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
struct Built {
  std::string id_term;
  Xapian::Document document;
};
}  // namespace

// The writer threads of all shards assign clusters through one assigner.
class NearDuplicateScope {
 public:
  explicit NearDuplicateScope(indexer::ClusterAssigner assigner)
      : m_assigner(std::move(assigner)) {}

  void assign(Xapian::Document& document, std::string_view id) {
    std::lock_guard lock(m_mutex);
    m_assigner.assign(document, id);
  }

 private:
  std::mutex m_mutex;
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
        Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN).close();
      }
      paths.push_back(path.string());
      had_articles = had_articles || Xapian::Database(path.string()).get_doccount() > 0;
    }
  } catch (const Xapian::Error& error) {
    detail::rethrow_xapian(error, "index " + databases.front().string());
  }
  return std::make_shared<NearDuplicateScope>(
      indexer::ClusterAssigner(std::move(paths), had_articles));
}

// Pipeline: add() -> articles queue -> N analysis workers -> documents queue
// -> one writer thread (the only one touching the WritableDatabase between
// commit() calls) -> replace_document, committing every batch_size documents.
struct IndexWriter::Impl {
  std::string path;
  IndexOptions options;
  Xapian::WritableDatabase db;
  indexer::BoundedQueue<Article> articles;
  indexer::BoundedQueue<Built> documents;
  std::vector<std::thread> workers;
  std::thread writer;
  std::shared_ptr<NearDuplicateScope> clusters;  // writer thread only
  // Ids written by this writer, so a new article is added without the cost of
  // replace_document's lookup; `started_empty` skips asking the database.
  std::unordered_set<std::string> written_ids;  // writer thread only
  bool started_empty = false;

  std::mutex mutex;                 // guards the fields below
  std::condition_variable drained;  // signalled as `pending` falls
  std::size_t pending = 0;          // added but not yet written
  std::size_t since_commit = 0;
  IndexCounts counts;
  std::exception_ptr failure;

  Impl(std::string p, IndexOptions o)
      : path(std::move(p)), options(o), articles(1024), documents(1024) {}

  void fail(std::exception_ptr error) {
    std::lock_guard lock(mutex);
    if (!failure) failure = error;
    pending = 0;
    drained.notify_all();
  }

  void work() {
    detail::Analyzers analyzers;  // one per language met, for this thread
    while (auto article = articles.pop()) {
      try {
        if (options.detect_language && normalize_language(article->language).empty()) {
          article->language = indexer::detect_language(*article);
        }
        Built built{indexer::id_term(article->id), indexer::build_document(*article, analyzers)};
        documents.push(std::move(built));
      } catch (...) {
        fail(std::current_exception());
      }
    }
  }

  void write() {
    while (auto built = documents.pop()) {
      try {
        clusters->assign(built->document,
                         std::string_view(built->id_term).substr(schema::id_prefix.size()));
        std::lock_guard lock(mutex);
        if (failure) continue;
        bool existed = !written_ids.insert(built->id_term).second ||
                       (!started_empty && db.term_exists(built->id_term));
        if (existed) {
          db.replace_document(built->id_term, built->document);
        } else {
          db.add_document(built->document);
        }
        ++(existed ? counts.replaced : counts.added);
        if (++since_commit >= options.batch_size) {
          db.commit();
          ++counts.commits;
          since_commit = 0;
        }
        if (pending > 0) --pending;
        if (pending == 0) drained.notify_all();
      } catch (const Xapian::Error& error) {
        try {
          detail::rethrow_xapian(error, "index " + path);
        } catch (...) {
          fail(std::current_exception());
        }
      } catch (...) {
        fail(std::current_exception());
      }
    }
  }

  void wait_drained() {
    std::unique_lock lock(mutex);
    drained.wait(lock, [&] { return pending == 0; });
    if (failure) std::rethrow_exception(failure);
  }
};

IndexWriter::IndexWriter(const std::filesystem::path& path, IndexOptions options,
                         std::shared_ptr<NearDuplicateScope> near_duplicates) {
  if (options.threads == 0) options.threads = std::max(1u, std::thread::hardware_concurrency());
  if (options.batch_size == 0) options.batch_size = 1;
  m_impl = std::make_unique<Impl>(path.string(), options);
  try {
    m_impl->db = Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN);
    detail::check_schema_version(m_impl->db, path.string());
    if (m_impl->db.get_metadata(std::string(schema::schema_metadata_key)).empty()) {
      m_impl->db.set_metadata(std::string(schema::schema_metadata_key),
                              std::to_string(schema::schema_version));
    }
    m_impl->started_empty = m_impl->db.get_doccount() == 0;
    m_impl->clusters = near_duplicates
                           ? std::move(near_duplicates)
                           : std::make_shared<NearDuplicateScope>(
                                 indexer::ClusterAssigner(path.string(), !m_impl->started_empty));
  } catch (const Xapian::Error& error) {
    detail::rethrow_xapian(error, "index " + path.string());
  }
  for (unsigned k = 0; k < options.threads; ++k) {
    m_impl->workers.emplace_back([impl = m_impl.get()] { impl->work(); });
  }
  m_impl->writer = std::thread([impl = m_impl.get()] { impl->write(); });
}

IndexWriter::~IndexWriter() {
  try {
    commit();
  } catch (...) {
  }
  m_impl->articles.close();
  for (auto& worker : m_impl->workers) worker.join();
  m_impl->documents.close();
  m_impl->writer.join();
}

void IndexWriter::add(Article article) {
  {
    std::lock_guard lock(m_impl->mutex);
    if (m_impl->failure) std::rethrow_exception(m_impl->failure);
    ++m_impl->pending;
  }
  m_impl->articles.push(std::move(article));
}

bool IndexWriter::remove(const std::string& id) {
  m_impl->wait_drained();
  std::lock_guard lock(m_impl->mutex);
  try {
    std::string term = indexer::id_term(id);
    if (!m_impl->db.term_exists(term)) return false;
    m_impl->db.delete_document(term);
    m_impl->written_ids.erase(term);
    ++m_impl->counts.deleted;
    ++m_impl->since_commit;
    return true;
  } catch (const Xapian::Error& error) {
    detail::rethrow_xapian(error, "index " + m_impl->path);
  }
}

void IndexWriter::commit() {
  m_impl->wait_drained();
  std::lock_guard lock(m_impl->mutex);
  try {
    m_impl->db.commit();
    ++m_impl->counts.commits;
    m_impl->since_commit = 0;
  } catch (const Xapian::Error& error) {
    detail::rethrow_xapian(error, "index " + m_impl->path);
  }
}

IndexCounts IndexWriter::counts() const {
  std::lock_guard lock(m_impl->mutex);
  return m_impl->counts;
}

}  // namespace dateline
