// dateline-index: add, delete and rebuild articles in a Dateline index.
//
// Exit status: 0 success; 1 error (nothing or not everything was done);
// 2 usage error; 3 finished, but some input was skipped (see the summary or
// --report).

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include "dateline/common/article_json.h"
#include "dateline/common/error.h"
#include "dateline/indexer/index_location.h"
#include "dateline/indexer/index_stats.h"
#include "dateline/indexer/index_writer.h"
#include "dateline/indexer/reader.h"
#include "dateline/indexer/sharded_index.h"
#include "ner/conll.h"
#include "ner/entities.h"
#include "ner/tagger.h"

#include <cerrno>
#include <cstring>
#include <functional>
#include <optional>

#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr int exit_ok = 0;
constexpr int exit_error = 1;
constexpr int exit_usage = 2;
constexpr int exit_skipped = 3;

struct AddOptions {
  std::string index;
  std::vector<std::string> paths;
  std::string format = "auto";
  unsigned threads = 0;
  std::size_t batch = 0;  ///< 0: the library's default, 1,000 per thread
  bool no_detect_language = false;
  bool strict = false;
  bool quiet = false;
  bool progress = true;  ///< on a terminal; `read` writes its articles there
  std::string report;
  unsigned shards = 0;  ///< 0: as the index is (not sharded when new)
  /// The corpus config of each path that has one (dateline-corpus.json),
  /// loaded and checked by load_corpus_configs() before any work.
  std::map<std::string, dateline::CorpusConfig> corpus_configs;
};

// Loads the corpus config of each directory in `options.paths`: a wrong one
// throws (exit 1) before an index or a new generation is touched.
void load_corpus_configs(AddOptions& options) {
  for (const auto& path : options.paths) {
    if (path == "-") continue;
    if (auto config = dateline::load_corpus_config(path)) {
      options.corpus_configs.emplace(path, std::move(*config));
    }
  }
}

// Feeds articles to the writer and keeps the tally of what was skipped.
class Run : public dateline::ArticleSink {
 public:
  Run(std::function<void(dateline::Article&&)> add, const AddOptions& options,
      std::uint64_t total_bytes)
      : m_add(std::move(add)),
        m_options(options),
        m_total_bytes(total_bytes),
        m_progress(isatty(STDERR_FILENO) != 0 && !options.quiet && options.progress),
        m_start(std::chrono::steady_clock::now()) {
    if (!options.report.empty()) {
      m_report = std::make_unique<std::ofstream>(options.report, std::ios::trunc);
      if (!*m_report) throw dateline::Error("cannot write report file " + options.report);
      std::error_code ec;
      m_report_path = std::filesystem::weakly_canonical(options.report, ec);
    }
  }

  ~Run() override {
    if (m_progress && m_shown) std::fputs("\r\x1b[K", stderr);
  }

  void article(dateline::Article&& article) override {
    ++m_read;
    m_bytes += article.text_size();
    m_add(std::move(article));
    if (m_progress && m_read % 256 == 0) show_progress();
  }

  void input_done(const std::string&, std::size_t bytes) override { m_done_bytes += bytes; }

  // A --report file inside a folder being indexed is the run's own output.
  bool reads(const std::filesystem::path& file) override {
    if (m_report_path.empty() || file.filename() != m_report_path.filename()) return true;
    std::error_code ec;
    return std::filesystem::weakly_canonical(file, ec) != m_report_path;
  }

  void skip(dateline::Skip&& skip) override {
    ++m_read;
    ++m_skipped[skip.reason];
    report("skipped", skip);
    if (m_options.strict) {
      throw dateline::Error(skip.origin + ": " + skip.detail + " (--strict)");
    }
  }

  void warning(dateline::Skip&& warning) override {
    ++m_warnings[warning.reason];
    report("warning", warning);
  }

  // Routine (a WordPress export's drafts and media files), so counted in
  // the summary and listed in the --report file, not printed one by one.
  void passed_over(dateline::Skip&& record) override {
    ++m_read;
    ++m_passed[record.reason];
    write_report("passed-over", record);
  }

  void repaired(const std::string& origin, std::size_t bytes) override {
    ++m_repaired_articles;
    m_repaired_bytes += bytes;
    (void)origin;
  }

  void print_summary(const dateline::IndexCounts& counts, double seconds) {
    if (m_progress && m_shown) std::fputs("\r\x1b[K", stderr);
    m_shown = false;
    std::fprintf(stderr,
                 "dateline-index: read %zu, added %zu, replaced %zu, %sskipped %zu in %.1f s "
                 "(%.0f articles/s, %.1f MB/s)\n",
                 m_read, counts.added, counts.replaced, passed_over_count().c_str(),
                 total(m_skipped), seconds,
                 seconds > 0 ? static_cast<double>(counts.added + counts.replaced) / seconds : 0.0,
                 seconds > 0 ? static_cast<double>(m_bytes) / 1e6 / seconds : 0.0);
    print_details();
  }

  // `dateline-index read`: what was read, without an index's counts.
  void print_read_summary(double seconds) {
    const std::size_t articles = m_read - total(m_skipped) - total(m_passed);
    std::fprintf(stderr,
                 "dateline-index: read %zu, %sskipped %zu in %.1f s (%.0f articles/s, %.1f MB/s)\n",
                 m_read, passed_over_count().c_str(), total(m_skipped), seconds,
                 seconds > 0 ? static_cast<double>(articles) / seconds : 0.0,
                 seconds > 0 ? static_cast<double>(m_bytes) / 1e6 / seconds : 0.0);
    print_details();
  }

  void print_details() {
    for (const auto& [reason, count] : m_passed) {
      std::fprintf(stderr, "dateline-index:   passed over %zu: %s%s\n", count, reason.c_str(),
                   m_report ? "" : " (--report FILE lists them)");
    }
    for (const auto& [reason, count] : m_skipped) {
      std::fprintf(stderr, "dateline-index:   skipped %zu: %s\n", count, reason.c_str());
    }
    for (const auto& [reason, count] : m_warnings) {
      std::fprintf(stderr, "dateline-index:   indexed with warning %zu: %s\n", count,
                   reason.c_str());
    }
    if (m_repaired_articles > 0) {
      std::fprintf(stderr, "dateline-index:   repaired invalid UTF-8 in %zu articles (%zu bytes)\n",
                   m_repaired_articles, m_repaired_bytes);
    }
  }

  bool any_skipped() const { return !m_skipped.empty(); }

  // On a terminal, once everything is read: the articles still queued are
  // indexed and the index written (a rebuild merges its parts), which on a
  // large corpus takes a while after the last time-left estimate.
  void finishing() {
    if (!m_progress) return;
    std::fprintf(stderr,
                 "\r\x1b[K%zu articles read; indexing the last of them and writing the index",
                 m_read);
    m_shown = true;
  }

 private:
  static std::size_t total(const std::map<std::string, std::size_t>& counts) {
    std::size_t sum = 0;
    for (const auto& [reason, count] : counts) sum += count;
    return sum;
  }

  // "passed over 12, " in the summary line, when any were.
  std::string passed_over_count() const {
    const std::size_t passed = total(m_passed);
    return passed == 0 ? std::string() : "passed over " + std::to_string(passed) + ", ";
  }

  // One status line on a terminal: articles, rate, throughput and, once a
  // file is done, the time left estimated from the bytes still to read.
  void show_progress() {
    auto now = std::chrono::steady_clock::now();
    if (now - m_last_progress < std::chrono::milliseconds(250)) return;
    m_last_progress = now;
    double seconds = std::chrono::duration<double>(now - m_start).count();
    std::string eta;
    if (m_total_bytes > 0 && m_done_bytes > 0 && m_done_bytes < m_total_bytes) {
      double left = seconds * static_cast<double>(m_total_bytes - m_done_bytes) /
                    static_cast<double>(m_done_bytes);
      eta = ", about " + std::to_string(static_cast<long>(left + 0.5)) + " s left";
    }
    std::fprintf(stderr, "\r\x1b[K%zu articles, %.0f articles/s, %.1f MB/s%s", m_read,
                 static_cast<double>(m_read) / seconds,
                 static_cast<double>(m_bytes) / 1e6 / seconds, eta.c_str());
    m_shown = true;
  }

  void report(std::string_view kind, const dateline::Skip& skip) {
    if (!m_options.quiet) {
      if (m_progress && m_shown) std::fputs("\r\x1b[K", stderr);
      std::fprintf(stderr, "dateline-index: %s %s: %s\n", std::string(kind).c_str(),
                   skip.origin.c_str(), skip.detail.c_str());
    }
    write_report(kind, skip);
  }

  void write_report(std::string_view kind, const dateline::Skip& skip) {
    if (m_report) {
      nlohmann::json line{{"kind", kind},
                          {"origin", skip.origin},
                          {"reason", skip.reason},
                          {"detail", skip.detail}};
      *m_report << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
  }

  std::function<void(dateline::Article&&)> m_add;
  const AddOptions& m_options;
  std::unique_ptr<std::ofstream> m_report;
  std::filesystem::path m_report_path;  // canonical; empty without --report
  std::size_t m_read = 0;
  std::size_t m_bytes = 0;
  std::map<std::string, std::size_t> m_skipped;
  std::map<std::string, std::size_t> m_warnings;
  std::map<std::string, std::size_t> m_passed;
  std::size_t m_repaired_articles = 0;
  std::size_t m_repaired_bytes = 0;
  std::uint64_t m_total_bytes;
  std::uint64_t m_done_bytes = 0;
  bool m_progress;
  bool m_shown = false;
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_last_progress{};
};

// Bytes on disk under `paths`, for the progress estimate.
std::uint64_t total_size(const std::vector<std::string>& paths) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& path : paths) {
    if (std::filesystem::is_directory(path, ec)) {
      for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) total += it->file_size(ec);
      }
    } else {
      total += std::filesystem::file_size(path, ec);
    }
  }
  return total;
}

dateline::InputFormat parse_format(const std::string& name) {
  auto format = dateline::format_from_name(name);
  if (!format) {
    std::string known;
    for (std::string_view each : dateline::format_names()) {
      known += (known.empty() ? "" : ", ") + std::string(each);
    }
    throw CLI::ValidationError("--format",
                               "unknown format '" + name + "' (formats: " + known + ")");
  }
  return *format;
}

// Read `options.paths` into `writer` (an IndexWriter or a ShardedWriter).
// Returns the exit status.
template <typename Writer>
int read_into(Writer& writer, const AddOptions& options,
              std::chrono::steady_clock::time_point start) {
  auto format = parse_format(options.format);
  Run run([&writer](dateline::Article&& article) { writer.add(std::move(article)); }, options,
          isatty(STDERR_FILENO) ? total_size(options.paths) : 0);
  for (const auto& path : options.paths) {
    // A directory with a dateline-corpus.json is read by its folders' rules.
    const auto config = options.corpus_configs.find(path);
    dateline::read_path(path, format, dateline::ReaderLimits{}, run,
                        config != options.corpus_configs.end() ? &config->second : nullptr);
  }
  run.finishing();
  writer.commit();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.print_summary(writer.counts(), seconds);
  return run.any_skipped() ? exit_skipped : exit_ok;
}

dateline::IndexOptions index_options(const AddOptions& options) {
  dateline::IndexOptions index;
  index.threads = options.threads;
  index.batch_size = options.batch;
  index.detect_language = !options.no_detect_language;
  return index;
}

// Index `paths` into the database at `database`; with `parallel`, a new
// database is built one temporary database per thread and merged (see
// IndexOptions::parallel_build). Returns the exit status.
int index_paths(const std::filesystem::path& database, const AddOptions& options,
                bool parallel = false) {
  auto start = std::chrono::steady_clock::now();
  auto index = index_options(options);
  index.parallel_build = parallel;
  dateline::IndexWriter writer(database, index);
  return read_into(writer, options, start);
}

// Index `paths` into shard databases `databases`, or only into shard
// `only_shard` of them. Returns the exit status.
int index_shards(const std::vector<std::filesystem::path>& databases, const AddOptions& options,
                 std::optional<unsigned> only_shard = std::nullopt) {
  auto start = std::chrono::steady_clock::now();
  dateline::ShardedWriter writer(databases, index_options(options), only_shard);
  int status = read_into(writer, options, start);
  if (only_shard) {
    std::fprintf(stderr, "dateline-index:   passed over %zu articles of other shards\n",
                 writer.passed_over());
  }
  return status;
}

// `dateline-index read`: the articles of `options.paths` as Dateline reads
// them, on standard output, nothing indexed: JSON Lines in the document
// data's form (which `add` reads back), or with `text`, each article's
// headline, dek and paragraphs as plain text, articles parted by a form
// feed (for `dateline-search --like-file -`). Returns the exit status.
int read_articles(const AddOptions& options, bool text) {
  auto start = std::chrono::steady_clock::now();
  auto format = parse_format(options.format);
  bool first = true;
  Run run(
      [&](dateline::Article&& article) {
        if (!text) {
          std::fputs(dateline::article_to_json(article).c_str(), stdout);
          std::fputc('\n', stdout);
          return;
        }
        if (!first) std::fputs("\f\n", stdout);
        first = false;
        std::string out;
        for (const std::string* part : {&article.title, &article.dek}) {
          if (!part->empty()) out += *part + "\n\n";
        }
        for (const auto& paragraph : article.paragraphs) out += paragraph + "\n\n";
        std::fputs(out.c_str(), stdout);
      },
      options, 0);
  for (const auto& path : options.paths) {
    const auto config = options.corpus_configs.find(path);
    dateline::read_path(path, format, dateline::ReaderLimits{}, run,
                        config != options.corpus_configs.end() ? &config->second : nullptr);
  }
  std::fflush(stdout);
  run.print_read_summary(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return run.any_skipped() ? exit_skipped : exit_ok;
}

// `dateline-index add`: into the shards when the index is (or is to be)
// sharded, else into its live generation.
int add_articles(const std::filesystem::path& index, const AddOptions& options) {
  if (options.shards > 0 || dateline::shard_count(index) > 0) {
    return index_shards(dateline::writable_shard_paths(index, options.shards), options);
  }
  // Incremental, batch by batch: each commit is visible to searchers and
  // survives a kill. (A whole new index built in parallel is `rebuild`.)
  return index_paths(dateline::writable_database_path(index), options);
}

// `dateline-index rebuild`: new generations beside the live ones, then one
// atomic switch. With `only_shard`, only that shard is rebuilt (from the
// articles of the corpus that belong to it).
int rebuild_index(const std::filesystem::path& index, AddOptions options,
                  std::optional<unsigned> only_shard) {
  std::error_code ec;
  std::filesystem::create_directories(index, ec);
  if (ec) throw dateline::Error("cannot create index " + index.string() + ": " + ec.message());
  unsigned existing = dateline::shard_count(index);
  if (only_shard) {
    if (existing == 0) throw dateline::Error("index " + index.string() + " is not sharded");
    if (options.shards != 0 && options.shards != existing) {
      throw dateline::Error("--shard rebuilds one of the index's " + std::to_string(existing) +
                            " shards; leave out --shards");
    }
    std::vector<std::filesystem::path> databases;
    for (unsigned k = 0; k < existing; ++k) {
      databases.push_back(k == *only_shard
                              ? dateline::next_generation_path(dateline::shard_path(index, k))
                              : dateline::writable_shard_paths(index, 0)[k]);
    }
    int status = index_shards(databases, options, only_shard);
    dateline::switch_shard_generation(index, *only_shard, databases[*only_shard]);
    std::fprintf(stderr, "dateline-index: shard %u of %s now serves %s\n", *only_shard,
                 index.string().c_str(), databases[*only_shard].filename().string().c_str());
    return status;
  }
  unsigned shards = options.shards != 0 ? options.shards : existing;
  if (shards > 0) {
    auto generations = dateline::next_shard_generations(index, shards);
    int status = index_shards(generations, options);
    dateline::switch_shard_generations(index, generations);
    std::fprintf(stderr, "dateline-index: %s now serves %u shards\n", index.string().c_str(),
                 shards);
    return status;
  }
  std::filesystem::path generation = dateline::next_generation_path(index);
  int status = index_paths(generation, options, true);
  dateline::switch_generation(index, generation);
  std::fprintf(stderr, "dateline-index: %s now serves %s\n", index.string().c_str(),
               generation.filename().string().c_str());
  return status;
}

// `dateline-index serve`: become xapian-tcpsrv for the index (or one shard
// of it), on a loopback address unless told otherwise. Returns only on error.
int serve(const std::filesystem::path& index, std::optional<unsigned> shard,
          const std::string& address, unsigned port) {
  std::filesystem::path database = index;
  if (shard) {
    if (*shard >= dateline::shard_count(index)) {
      throw dateline::Error("index " + index.string() + " has no shard " + std::to_string(*shard));
    }
    database = dateline::shard_path(index, *shard);
  }
  if (!std::filesystem::exists(database)) {
    throw dateline::Error("no index at " + database.string());
  }
  std::string port_text = std::to_string(port);
  std::string database_text = database.string();
  std::vector<const char*> arguments{"xapian-tcpsrv", "--interface", address.c_str(), "--port",
                                     port_text.c_str()};
  arguments.push_back(database_text.c_str());
  arguments.push_back(nullptr);
  std::fprintf(stderr, "dateline-index: serving %s on %s:%u\n", database_text.c_str(),
               address.c_str(), port);
  std::fflush(stderr);
  ::execvp("xapian-tcpsrv", const_cast<char* const*>(arguments.data()));
  throw dateline::Error(std::string("cannot run xapian-tcpsrv (install xapian-tools): ") +
                        std::strerror(errno));
}

struct TrainNerOptions {
  std::string train;
  std::string dev;
  std::string out;
  unsigned epochs = 15;
  std::uint64_t seed = 1;
  unsigned table_bits = 21;
  float prune = 0.0f;
  std::string iso_codes = "/usr/share/iso-codes/json";
  std::string zoneinfo = "/usr/share/zoneinfo";
  std::string reuters;
};

dateline::ner::ConllFile read_conll_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw dateline::Error("cannot read " + path);
  return dateline::ner::read_conll(in);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int train_ner(const TrainNerOptions& options) {
  using namespace dateline::ner;
  auto train = labelled_documents(read_conll_file(options.train));
  auto dev = labelled_documents(read_conll_file(options.dev));
  Gazetteer gazetteer;
  std::size_t phrases = gazetteer.add_hand_lists();
  if (!options.iso_codes.empty()) phrases += gazetteer.add_iso_codes(options.iso_codes);
  if (!options.zoneinfo.empty()) phrases += gazetteer.add_tzdata(options.zoneinfo);
  if (!options.reuters.empty()) {
    std::filesystem::path directory = options.reuters;
    phrases += gazetteer.add_reuters_list(directory / "all-people-strings.lc.txt", List::person);
    phrases +=
        gazetteer.add_reuters_list(directory / "all-orgs-strings.lc.txt", List::organisation);
    phrases += gazetteer.add_reuters_list(directory / "all-places-strings.lc.txt", List::location);
  }
  std::fprintf(stderr, "train-ner: %zu training and %zu dev documents, %zu gazetteer phrases\n",
               train.size(), dev.size(), phrases);
  TrainOptions train_options;
  train_options.epochs = options.epochs;
  train_options.seed = options.seed;
  train_options.table_bits = options.table_bits;
  train_options.prune_below = options.prune;
  double training_seconds = 0;
  train_options.progress = [&training_seconds](const EpochReport& report) {
    training_seconds += report.seconds;
    std::printf("epoch %2u  dev F1 %6.2f  %5.1f s\n", report.epoch, report.dev_f1, report.seconds);
    std::fflush(stdout);
  };
  auto start = std::chrono::steady_clock::now();
  auto result = train_model(train, dev, std::move(gazetteer), train_options);
  {
    std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
    if (!out) throw dateline::Error("cannot write " + options.out);
    result.model.save(out);
    if (!out.flush()) throw dateline::Error("cannot write " + options.out);
  }
  auto score = evaluate(result.model, dev);
  std::printf(
      "best epoch %u (dev F1 %.2f unquantised, %.2f as saved); training %.1f s, "
      "total %.1f s; %zu weight rows, %ju bytes\n",
      result.best_epoch, result.best_dev_f1, score.overall.f1(), training_seconds,
      seconds_since(start), result.model.rows(),
      static_cast<std::uintmax_t>(std::filesystem::file_size(options.out)));
  return exit_ok;
}

struct NerOptions {
  std::string conll;
  std::string model;
  std::string output;
  bool score = false;
};

int run_ner(const NerOptions& options) {
  using namespace dateline::ner;
  auto load_start = std::chrono::steady_clock::now();
  Model loaded;
  const Model* model = nullptr;
  if (!options.model.empty()) {
    loaded = Model::load(options.model);
    model = &loaded;
  } else {
    model = default_model();
    if (model == nullptr) throw dateline::Error("no entity model found (train one with train-ner)");
  }
  double load_seconds = seconds_since(load_start);
  auto file = read_conll_file(options.conll);
  auto documents = labelled_documents(file);
  std::vector<std::vector<std::vector<std::string>>> tags;
  PhraseScore score;
  std::size_t tokens = 0;
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();
  std::vector<std::vector<std::vector<int>>> labels;
  for (const auto& document : file.documents) {
    Sentences sentences;
    for (const auto& sentence : document.sentences) sentences.push_back(sentence.words);
    labels.push_back(model->tag(sentences));
  }
  double tag_seconds = seconds_since(start);
  double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  for (std::size_t d = 0; d < file.documents.size(); ++d) {
    tags.emplace_back();
    for (std::size_t s = 0; s < labels[d].size(); ++s) {
      const auto& sentence = file.documents[d].sentences[s];
      tokens += sentence.words.size();
      tags.back().push_back(iob2_tags(labels[d][s]));
      auto gold = spans_from_tags(sentence.tags);
      auto predicted = spans_from_labels(labels[d][s]);
      auto gold_tags = iob2_tags(labels_from_spans(gold, sentence.words.size()));
      for (std::size_t i = 0; i < gold_tags.size(); ++i) {
        ++score.tokens;
        if (gold_tags[i] == tags.back().back()[i]) ++score.correct_tokens;
      }
      score.add(gold, predicted);
    }
  }
  if (options.score) {
    std::cout << format_score(score);
    // CPU time as well as wall time: on a busy machine the first is the
    // per-core figure.
    std::printf(
        "tagged %zu tokens in %.3f s wall, %.3f s CPU (%.0f tokens/s per core, one "
        "thread); model loaded in %.0f ms\n",
        tokens, tag_seconds, cpu_seconds,
        cpu_seconds > 0 ? static_cast<double>(tokens) / cpu_seconds : 0.0, load_seconds * 1000);
    return exit_ok;
  }
  if (options.output.empty() || options.output == "-") {
    write_conll(std::cout, file, tags);
  } else {
    std::ofstream out(options.output, std::ios::trunc);
    if (!out) throw dateline::Error("cannot write " + options.output);
    write_conll(out, file, tags);
  }
  return exit_ok;
}

std::string index_or_default(const std::string& index) {
  if (!index.empty()) return index;
  return dateline::default_index_path(std::getenv("DATELINE_INDEX")).string();
}

}  // namespace

int main(int argc, char** argv) {
  // An index is never world-writable, whatever the caller's umask (Xapian
  // and the stub file are created with 0666 & ~umask).
  ::umask(::umask(0) | S_IWOTH);
  CLI::App app{"dateline-index: build and update a Dateline news archive index"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "dateline-index 0.1.0");
  const std::string index_help = "index directory (default: $DATELINE_INDEX, else .dateline/index)";

  AddOptions add;
  auto* add_cmd = app.add_subcommand("add", "add or replace articles from files and directories");
  add_cmd->add_option("--index", add.index, index_help);
  add_cmd->add_option("paths", add.paths, "files or directories to read (- for standard input)")
      ->required();
  add_cmd->add_option(
      "--format", add.format,
      "input format: auto, jsonl, json, csv, text, html, mhtml, feed, nitf, newsml, "
      "office (.docx, .odt), doc, pdf, rtf, alto, reuters, rcv1, trec, rfc822, mbox, "
      "warc (and ARC), time");
  add_cmd->add_option("--threads", add.threads, "analysis threads (default: one per core)");
  add_cmd->add_option("--batch", add.batch, "articles per commit (default: 1,000 per thread)");
  add_cmd->add_flag("--no-detect-language", add.no_detect_language,
                    "index articles that name no language as English instead of detecting it");
  add_cmd->add_flag("--strict", add.strict, "stop at the first skipped record");
  add_cmd->add_flag("--quiet,-q", add.quiet, "do not print each skipped record");
  add_cmd->add_option("--report", add.report, "write every skip and warning as JSON Lines to FILE");
  add_cmd
      ->add_option("--shards", add.shards,
                   "split a new index into N shards by article id (default: as the index is)")
      ->check(CLI::Range(1u, 1024u));

  AddOptions read;
  read.progress = false;
  bool read_text = false;
  auto* read_cmd = app.add_subcommand(
      "read", "print the articles of files as Dateline reads them, indexing nothing");
  read_cmd->add_option("paths", read.paths, "files or directories to read (- for standard input)")
      ->required();
  read_cmd->add_option("--format", read.format, "input format, as for add (default: auto)");
  read_cmd->add_flag("--text", read_text,
                     "plain text (headline, dek, paragraphs) instead of JSON Lines");
  read_cmd->add_flag("--strict", read.strict, "stop at the first skipped record");
  read_cmd->add_flag("--quiet,-q", read.quiet, "do not print each skipped record");
  read_cmd->add_option("--report", read.report,
                       "write every skip and warning as JSON Lines to FILE");

  AddOptions rebuild;
  std::string corpus;
  auto* rebuild_cmd =
      app.add_subcommand("rebuild", "build a new index from a corpus and switch to it atomically");
  rebuild_cmd->add_option("--index", rebuild.index, index_help);
  rebuild_cmd->add_option("--corpus", corpus, "corpus directory")->required();
  rebuild_cmd->add_option("--format", rebuild.format, "input format (default: detect per file)");
  rebuild_cmd->add_option("--threads", rebuild.threads, "analysis threads");
  rebuild_cmd->add_option("--batch", rebuild.batch,
                          "articles per commit (default: 1,000 per thread)");
  rebuild_cmd->add_flag("--no-detect-language", rebuild.no_detect_language,
                        "index articles that name no language as English instead of detecting it");
  rebuild_cmd->add_flag("--strict", rebuild.strict, "stop at the first skipped record");
  rebuild_cmd->add_flag("--quiet,-q", rebuild.quiet, "do not print each skipped record");
  rebuild_cmd->add_option("--report", rebuild.report, "write every skip as JSON Lines to FILE");
  rebuild_cmd
      ->add_option("--shards", rebuild.shards,
                   "rebuild as N shards (default: as many as the index has)")
      ->check(CLI::Range(1u, 1024u));
  std::optional<unsigned> rebuild_shard;
  rebuild_cmd->add_option("--shard", rebuild_shard,
                          "rebuild only shard K, from the corpus articles that belong to it");

  std::string serve_index;
  std::optional<unsigned> serve_shard;
  std::string serve_address = "127.0.0.1";
  unsigned serve_port = 0;
  auto* serve_cmd = app.add_subcommand(
      "serve", "serve the index, or one shard of it, to remote searchers with xapian-tcpsrv");
  serve_cmd->add_option("--index", serve_index, index_help);
  serve_cmd->add_option("--shard", serve_shard, "serve only shard K of a sharded index");
  serve_cmd->add_option("--address", serve_address,
                        "address to listen on (default 127.0.0.1: this machine only)");
  serve_cmd->add_option("--port", serve_port, "TCP port")
      ->required()
      ->check(CLI::Range(1u, 65535u));

  std::string delete_index;
  std::vector<std::string> ids;
  auto* delete_cmd = app.add_subcommand("delete", "delete articles by id");
  delete_cmd->add_option("--index", delete_index, index_help);
  delete_cmd->add_option("ids", ids, "article ids")->required();

  std::string stats_index;
  std::string stats_format = "text";
  auto* stats_cmd = app.add_subcommand("stats", "print what the index holds");
  stats_cmd->add_option("--index", stats_index, index_help);
  stats_cmd->add_option("--format", stats_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  TrainNerOptions train_ner_options;
  auto* train_ner_cmd =
      app.add_subcommand("train-ner", "train the entity tagger on CoNLL-2003 style data");
  train_ner_cmd->add_option("--train", train_ner_options.train, "training data (CoNLL)")
      ->required();
  train_ner_cmd->add_option("--dev", train_ner_options.dev, "development data: picks the epoch")
      ->required();
  train_ner_cmd->add_option("--out", train_ner_options.out, "model file to write")->required();
  train_ner_cmd->add_option("--epochs", train_ner_options.epochs, "training epochs (default 15)");
  train_ner_cmd->add_option("--seed", train_ner_options.seed, "shuffling seed (default 1)");
  train_ner_cmd->add_option("--table-bits", train_ner_options.table_bits,
                            "log2 of the feature table rows (default 21)");
  train_ner_cmd->add_option("--prune", train_ner_options.prune,
                            "drop weights smaller than this from the saved model (default 0)");
  train_ner_cmd->add_option("--iso-codes", train_ner_options.iso_codes,
                            "iso-codes JSON directory (\"\" for none)");
  train_ner_cmd->add_option("--zoneinfo", train_ner_options.zoneinfo,
                            "tzdata directory for city names (\"\" for none)");
  train_ner_cmd->add_option("--reuters", train_ner_options.reuters,
                            "Reuters-21578 directory with all-*-strings.lc.txt lists");

  NerOptions ner_options;
  auto* ner_cmd = app.add_subcommand(
      "ner", "tag a CoNLL file: write it back with a predicted IOB2 column, or score it");
  ner_cmd->add_option("--conll", ner_options.conll, "CoNLL file (IOB1 or IOB2 tags)")->required();
  ner_cmd->add_option("--model", ner_options.model, "model file (default: the installed model)");
  ner_cmd->add_option("--output,-o", ner_options.output,
                      "write the tagged file here (default stdout)");
  ner_cmd->add_flag("--score", ner_options.score,
                    "print conlleval-style phrase P/R/F1 against the file's last column instead");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int status = app.exit(error);
    return status == 0 ? exit_ok : exit_usage;
  }

  try {
    if (*add_cmd) {
      load_corpus_configs(add);
      return add_articles(index_or_default(add.index), add);
    }
    if (*read_cmd) {
      load_corpus_configs(read);
      return read_articles(read, read_text);
    }
    if (*rebuild_cmd) {
      std::filesystem::path index = index_or_default(rebuild.index);
      if (!std::filesystem::is_directory(corpus)) {
        throw dateline::Error("corpus " + corpus + " is not a directory");
      }
      rebuild.paths = {corpus};
      load_corpus_configs(rebuild);
      return rebuild_index(index, rebuild, rebuild_shard);
    }
    if (*serve_cmd) {
      return serve(index_or_default(serve_index), serve_shard, serve_address, serve_port);
    }
    if (*delete_cmd) {
      std::filesystem::path index = index_or_default(delete_index);
      // Deleting from an index that is not there must not create one.
      if (!std::filesystem::exists(index / "XAPIANDB") &&
          !std::filesystem::exists(index / "iamglass") && dateline::shard_count(index) == 0) {
        throw dateline::IndexNotFoundError("no index at " + index.string() +
                                           " (build one with 'dateline-index add' or "
                                           "'dateline-index rebuild')");
      }
      AddOptions one_thread;
      one_thread.threads = 1;
      one_thread.batch = 1000;
      std::unique_ptr<dateline::IndexWriter> single;
      std::unique_ptr<dateline::ShardedWriter> sharded;
      if (dateline::shard_count(index) > 0) {
        sharded = std::make_unique<dateline::ShardedWriter>(
            dateline::writable_shard_paths(index, 0), index_options(one_thread));
      } else {
        single = std::make_unique<dateline::IndexWriter>(dateline::writable_database_path(index),
                                                         index_options(one_thread));
      }
      auto remove = [&](const std::string& id) {
        return sharded ? sharded->remove(id) : single->remove(id);
      };
      int status = exit_ok;
      for (const auto& id : ids) {
        if (!remove(id)) {
          std::fprintf(stderr, "dateline-index: no article with id %s\n", id.c_str());
          status = exit_skipped;
        }
      }
      if (sharded) sharded->commit();
      if (single) single->commit();
      std::fprintf(stderr, "dateline-index: deleted %zu\n",
                   sharded ? sharded->counts().deleted : single->counts().deleted);
      return status;
    }
    if (*train_ner_cmd) return train_ner(train_ner_options);
    if (*ner_cmd) return run_ner(ner_options);
    if (*stats_cmd) {
      auto stats = dateline::read_index_stats(index_or_default(stats_index));
      if (stats_format == "json") {
        nlohmann::json out{{"version", 1},
                           {"articles", stats.articles},
                           {"undated", stats.undated},
                           {"by_source", stats.by_source},
                           {"source_names", stats.source_names},
                           {"by_year", stats.by_year},
                           {"by_format", stats.by_format},
                           {"by_language", stats.by_language},
                           {"entities", stats.entities},
                           {"stories_with_copies", stats.stories_with_copies},
                           {"copies", stats.copies},
                           {"size_bytes", stats.size_bytes},
                           {"shards", stats.shards},
                           {"schema_version", stats.schema_version}};
        std::cout << out.dump(2) << '\n';
      } else {
        std::cout << "articles: " << stats.articles << " (" << stats.undated << " undated)\n"
                  << "size: " << stats.size_bytes / 1024 << " KiB\n"
                  << (stats.shards > 0 ? "shards: " + std::to_string(stats.shards) + "\n" : "")
                  << "schema version: " << stats.schema_version << '\n'
                  << "near-duplicate copies: " << stats.copies
                  << (stats.copies == 1 ? " article, of " : " articles, of ")
                  << stats.stories_with_copies
                  << (stats.stories_with_copies == 1 ? " story\n" : " stories\n")
                  << "entities: " << stats.entities["person"] << " people, "
                  << stats.entities["org"] << " organisations, " << stats.entities["place"]
                  << " places, " << stats.entities["misc"] << " misc\n";
        auto print = [](const char* title, const std::map<std::string, std::uint64_t>& counts) {
          std::cout << title << ":" << (counts.empty() ? " none" : "") << '\n';
          for (const auto& [key, count] : counts) std::cout << "  " << key << ": " << count << '\n';
        };
        // Sources by the name articles give them, not by their folded key.
        std::map<std::string, std::uint64_t> by_source_name;
        for (const auto& [key, count] : stats.by_source) {
          by_source_name[stats.source_names.at(key)] += count;
        }
        print("by source", by_source_name);
        print("by year", stats.by_year);
        print("by format", stats.by_format);
        print("by language", stats.by_language);
      }
      return exit_ok;
    }
  } catch (const CLI::ValidationError& error) {
    std::fprintf(stderr, "dateline-index: %s\n", error.what());
    return exit_usage;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "dateline-index: %s\n", error.what());
    return exit_error;
  }
  return exit_ok;
}
