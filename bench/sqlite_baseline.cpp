// sqlite-baseline: SQLite FTS5 for comparison with Dateline. Not tuned: an
// FTS5 table (title, body) with the porter tokenizer over unicode61, ranked
// by bm25() with its default parameters. A query's words are ORed (FTS5 ANDs
// juxtaposed words, which no bag-of-words query survives); each word is a
// quoted FTS5 string, so nothing in it is read as FTS5 syntax. The documents
// come from Dateline's readers, so every system indexes the same articles.
// For bench/compare an UNINDEXED column holds the publication day
// "YYYY-MM-DD", for date ranges.
//
// Command line: see baseline_main() in eval_support.h.

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "dateline/common/error.h"
#include "eval_support.h"

namespace {

using Connection = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Connection open_database(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int status = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Connection db(raw, sqlite3_close);
  if (status != SQLITE_OK) {
    throw dateline::Error("cannot open " + path + ": " +
                          (raw != nullptr ? sqlite3_errmsg(raw) : "out of memory"));
  }
  return db;
}

void execute(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    throw dateline::Error(std::string("SQL failed (") + sql + "): " + text);
  }
}

Statement prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) {
    throw dateline::Error(std::string("SQL failed (") + sql + "): " + sqlite3_errmsg(db));
  }
  return Statement(raw, sqlite3_finalize);
}

void bind_text(sqlite3_stmt* statement, int column, const std::string& text) {
  sqlite3_bind_text(statement, column, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
}

void index_articles(const std::string& db_path, const std::vector<dateline::Article>& articles) {
  std::filesystem::remove(db_path);
  Connection db = open_database(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  execute(db.get(),
          "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, day UNINDEXED, title, body, "
          "tokenize = 'porter unicode61')");
  execute(db.get(), "BEGIN");
  Statement insert =
      prepare(db.get(), "INSERT INTO docs(id, day, title, body) VALUES (?, ?, ?, ?)");
  for (const auto& article : articles) {
    bind_text(insert.get(), 1, article.id);
    bind_text(insert.get(), 2, article.published ? article.published->day_string() : "");
    bind_text(insert.get(), 3, article.title);
    bind_text(insert.get(), 4, dateline::bench::body_text(article));
    if (sqlite3_step(insert.get()) != SQLITE_DONE) {
      throw dateline::Error(std::string("insert failed: ") + sqlite3_errmsg(db.get()));
    }
    sqlite3_reset(insert.get());
  }
  execute(db.get(), "COMMIT");
}

// Whitespace-separated words as quoted FTS5 strings joined by OR.
std::string fts5_string(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string fts5_query(const std::string& text) {
  std::string query;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i == start) break;
    if (!query.empty()) query += " OR ";
    query += '"';
    for (std::size_t k = start; k < i; ++k) {
      if (text[k] == '"') query += '"';
      query += text[k];
    }
    query += '"';
  }
  return query;
}

void search_topics(const std::string& db_path, const std::vector<dateline::bench::Topic>& topics,
                   dateline::bench::RunWriter& run, std::size_t depth) {
  Connection db = open_database(db_path, SQLITE_OPEN_READONLY);
  Statement select = prepare(db.get(),
                             "SELECT id, bm25(docs) FROM docs WHERE docs MATCH ? "
                             "ORDER BY bm25(docs) LIMIT ?");
  for (const auto& topic : topics) {
    std::string query = fts5_query(topic.text);
    if (query.empty()) continue;
    bind_text(select.get(), 1, query);
    sqlite3_bind_int64(select.get(), 2, static_cast<sqlite3_int64>(depth));
    std::size_t rank = 0;
    int status;
    while ((status = sqlite3_step(select.get())) == SQLITE_ROW) {
      std::string id(reinterpret_cast<const char*>(sqlite3_column_text(select.get(), 0)));
      // bm25() is lower for better matches; a run file wants higher.
      run.add(topic.id, id, ++rank, -sqlite3_column_double(select.get(), 1));
    }
    if (status != SQLITE_DONE) {
      throw dateline::Error("topic " + topic.id + ": " + sqlite3_errmsg(db.get()));
    }
    sqlite3_reset(select.get());
  }
}

// A bench/compare query in FTS5's language: "a", "a" OR "b", "a b" (a
// phrase); a date range is a WHERE condition on the day column.
dateline::bench::QueryRunner open_queries(const std::string& db_path, bool snippets) {
  struct State {
    Connection db;
    Statement plain{nullptr, sqlite3_finalize};
    Statement dated{nullptr, sqlite3_finalize};
  };
  auto state = std::make_shared<State>(State{open_database(db_path, SQLITE_OPEN_READONLY)});
  std::string columns = snippets ? "id, snippet(docs, 3, '[', ']', '...', 20)" : "id";
  std::string select = "SELECT " + columns + " FROM docs WHERE docs MATCH ?";
  std::string order = " ORDER BY bm25(docs) LIMIT 10";
  state->plain = prepare(state->db.get(), (select + order).c_str());
  state->dated = prepare(state->db.get(), (select + " AND day BETWEEN ? AND ?" + order).c_str());
  return [state, snippets](const dateline::bench::BenchQuery& query) {
    std::string text;
    if (query.kind == "phrase") {
      for (const auto& word : query.words) text += (text.empty() ? "" : " ") + word;
      text = fts5_string(text);
    } else {
      for (const auto& word : query.words) {
        text += (text.empty() ? "" : " OR ") + fts5_string(word);
      }
    }
    sqlite3_stmt* statement = query.kind == "date" ? state->dated.get() : state->plain.get();
    bind_text(statement, 1, text);
    if (query.kind == "date") {
      bind_text(statement, 2, query.from);
      bind_text(statement, 3, query.to);
    }
    std::vector<std::string> ids;
    int status;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
      ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
      if (snippets && sqlite3_column_bytes(statement, 1) == 0) ids.back() += ' ';
    }
    if (status != SQLITE_DONE) throw dateline::Error(sqlite3_errmsg(state->db.get()));
    sqlite3_reset(statement);
    return ids;
  };
}

}  // namespace

int main(int argc, char** argv) {
  return dateline::bench::baseline_main(argc, argv, "sqlite-baseline",
                                        "SQLite FTS5 for comparison with Dateline",
                                        {index_articles, search_topics, open_queries});
}
