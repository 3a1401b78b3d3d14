#include "query_parser.h"

#include <algorithm>
#include <optional>
#include <set>

#include "dateline/common/date.h"
#include "dateline/common/error.h"
#include "dateline/common/language.h"
#include "dateline/common/schema.h"
#include "dateline/common/text.h"
#include "dateline/detail/entity_names.h"

namespace dateline::query {

namespace {

// What a syntax error's message says before its reason.
std::string syntax_error_prefix(std::size_t offset) {
  return "query syntax error at offset " + std::to_string(offset) + ": ";
}

[[noreturn]] void syntax_error(std::size_t offset, const std::string& message) {
  throw QuerySyntaxError(syntax_error_prefix(offset) + message, offset);
}

// `build()`, with a syntax error named after `what` (a filter, a date
// range) in place of the query, since its offset is within `what`.
template <typename Build>
Xapian::Query named(const std::string& what, Build&& build) {
  try {
    return build();
  } catch (const QuerySyntaxError& error) {
    std::string reason = error.what();
    reason.erase(0, syntax_error_prefix(error.offset()).size());
    throw QuerySyntaxError(what + ": " + reason, error.offset());
  }
}

struct Lexeme {
  enum Kind {
    end,
    word,
    phrase,
    field,
    field_group,  // "title:" before "(": lex() gives its field to what the parentheses hold
    lparen,
    rparen,
    op_and,
    op_or,
    op_not,
    near,
    plus,
    minus
  };
  Kind kind = end;
  std::size_t offset = 0;
  std::string text;              // word, phrase text, field value
  std::string field_name;        // field only
  std::size_t value_offset = 0;  // field only: where its value begins (after a quote)
  bool quoted = false;           // field value was quoted
  bool negated = false;          // field only: in a group after '-' or NOT
  unsigned distance = 10;        // near only
  bool ordered = false;          // near only: ADJ
};

bool is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

// `lexemes` with each field group ("title:(opec quota)", "place:(kuwait OR
// iraq)") replaced by its parentheses, the field given to each word and
// quoted phrase within them, as if written before each: "(title:opec
// title:quota)". Operators, signs and nested parentheses stay as they are.
std::vector<Lexeme> with_fields_distributed(std::vector<Lexeme> lexemes) {
  std::vector<Lexeme> out;
  out.reserve(lexemes.size());
  for (std::size_t k = 0; k < lexemes.size(); ++k) {
    if (lexemes[k].kind != Lexeme::field_group) {
      out.push_back(std::move(lexemes[k]));
      continue;
    }
    const Lexeme group = lexemes[k];
    const bool negated =
        !out.empty() && (out.back().kind == Lexeme::minus || out.back().kind == Lexeme::op_not);
    std::size_t depth = 0;
    for (++k; k < lexemes.size(); ++k) {
      Lexeme& inner = lexemes[k];
      if (inner.kind == Lexeme::lparen) ++depth;
      if (inner.kind == Lexeme::rparen) --depth;
      if (inner.kind == Lexeme::field || inner.kind == Lexeme::field_group) {
        syntax_error(inner.offset, "a field inside '" + group.field_name +
                                       ":( )': its words take the group's field");
      }
      if (inner.kind == Lexeme::word || inner.kind == Lexeme::phrase) {
        inner.quoted = inner.kind == Lexeme::phrase;
        inner.value_offset = inner.offset + (inner.quoted ? 1 : 0);
        inner.kind = Lexeme::field;
        inner.field_name = group.field_name;
        inner.negated = negated;
      }
      const bool last = (inner.kind == Lexeme::rparen && depth == 0) || inner.kind == Lexeme::end;
      out.push_back(std::move(inner));
      if (last) break;
    }
  }
  return out;
}

std::vector<Lexeme> lex(std::string_view text) {
  std::vector<Lexeme> out;
  std::size_t i = 0;
  while (i < text.size()) {
    char ch = text[i];
    if (is_space(ch)) {
      ++i;
      continue;
    }
    Lexeme lexeme;
    lexeme.offset = i;
    if (ch == '(' || ch == ')') {
      lexeme.kind = ch == '(' ? Lexeme::lparen : Lexeme::rparen;
      ++i;
      out.push_back(lexeme);
      continue;
    }
    if (ch == '"') {
      std::size_t close = text.find('"', i + 1);
      if (close == std::string_view::npos) syntax_error(i, "unterminated quote");
      lexeme.kind = Lexeme::phrase;
      lexeme.text = std::string(text.substr(i + 1, close - i - 1));
      i = close + 1;
      out.push_back(lexeme);
      continue;
    }
    bool term_start = i == 0 || is_space(text[i - 1]) || text[i - 1] == '(';
    if ((ch == '+' || ch == '-') && term_start && i + 1 < text.size() && !is_space(text[i + 1]) &&
        text[i + 1] != ')') {
      lexeme.kind = ch == '+' ? Lexeme::plus : Lexeme::minus;
      ++i;
      out.push_back(lexeme);
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !is_space(text[end]) && text[end] != '(' && text[end] != ')' &&
           text[end] != '"') {
      // A field name followed by a quoted value: name:"..."
      ++end;
    }
    std::string_view chunk = text.substr(i, end - i);
    if (chunk == "AND" || chunk == "OR" || chunk == "NOT") {
      lexeme.kind = chunk == "AND"  ? Lexeme::op_and
                    : chunk == "OR" ? Lexeme::op_or
                                    : Lexeme::op_not;
      i = end;
      out.push_back(lexeme);
      continue;
    }
    if (chunk.starts_with("NEAR") || chunk.starts_with("ADJ")) {
      std::string_view rest = chunk.substr(chunk[0] == 'N' ? 4 : 3);
      bool plain = rest.empty();
      bool numbered = rest.size() >= 2 && rest[0] == '/' &&
                      rest.substr(1).find_first_not_of("0123456789") == std::string_view::npos;
      if (plain || numbered) {
        lexeme.kind = Lexeme::near;
        lexeme.ordered = chunk[0] == 'A';
        if (numbered) {
          if (rest.size() > 4) syntax_error(i + 1, "NEAR/ADJ distance must be at most 999");
          lexeme.distance = static_cast<unsigned>(std::stoul(std::string(rest.substr(1))));
        }
        i = end;
        out.push_back(lexeme);
        continue;
      }
      // "NEAR/x", "ADJ/": an operator meant, not a word to search for.
      if (rest.starts_with('/')) {
        syntax_error(i,
                     "'" + std::string(chunk) + "' needs a distance in words, as NEAR/5 or ADJ/2");
      }
    }
    std::size_t colon = chunk.find(':');
    if (colon != std::string_view::npos && colon > 0) {
      std::string_view name = chunk.substr(0, colon);
      bool alphabetic =
          name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
          std::string_view::npos;
      if (alphabetic) {
        std::string lower(name);
        for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        if (schema::find_field(lower) == nullptr) {
          std::string names;
          for (const auto& field : schema::fields) {
            names += names.empty() ? "" : ", ";
            names += field.name;
          }
          syntax_error(i, "unknown field '" + std::string(name) + ":' (fields: " + names + ")");
        }
        lexeme.kind = Lexeme::field;
        lexeme.field_name = lower;
        lexeme.value_offset = i + colon + 1;
        if (colon + 1 == chunk.size() && end < text.size() && text[end] == '(') {
          lexeme.kind = Lexeme::field_group;
          i = end;
          out.push_back(lexeme);
          continue;
        }
        if (colon + 1 == chunk.size() && end < text.size() && text[end] == '"') {
          std::size_t close = text.find('"', end + 1);
          if (close == std::string_view::npos) syntax_error(end, "unterminated quote");
          lexeme.text = std::string(text.substr(end + 1, close - end - 1));
          lexeme.quoted = true;
          lexeme.value_offset = end + 1;
          end = close + 1;
        } else {
          lexeme.text = std::string(chunk.substr(colon + 1));
        }
        if (trim(lexeme.text).empty()) {
          syntax_error(i, "field '" + lower + ":' needs a value");
        }
        i = end;
        out.push_back(lexeme);
        continue;
      }
    }
    lexeme.kind = Lexeme::word;
    lexeme.text = std::string(chunk);
    i = end;
    out.push_back(lexeme);
  }
  Lexeme last;
  last.kind = Lexeme::end;
  last.offset = text.size();
  out.push_back(last);
  return with_fields_distributed(std::move(out));
}

// A date or period "YYYY", "YYYY-MM" or "YYYY-MM-DD" as its first and last
// day keys ("20220301", "20220331").
struct Period {
  std::string first, last;
  int granularity = 0;  // 4 year, 6 month, 8 day
  std::string key;      // "2022", "202203", "20220305"
};

std::optional<Period> parse_period(std::string_view text) {
  auto digits = [&](std::size_t from, std::size_t count) {
    if (text.size() < from + count) return false;
    for (std::size_t k = from; k < from + count; ++k) {
      if (text[k] < '0' || text[k] > '9') return false;
    }
    return true;
  };
  Period period;
  if (text.size() == 4 && digits(0, 4)) {
    period.key = std::string(text);
    period.first = period.key + "0101";
    period.last = period.key + "1231";
    period.granularity = 4;
  } else if (text.size() == 7 && digits(0, 4) && text[4] == '-' && digits(5, 2)) {
    int month = std::stoi(std::string(text.substr(5, 2)));
    if (month < 1 || month > 12) return std::nullopt;
    period.key = std::string(text.substr(0, 4)) + std::string(text.substr(5, 2));
    period.first = period.key + "01";
    period.last = period.key + "31";
    period.granularity = 6;
  } else if (text.size() == 10 && digits(0, 4) && text[4] == '-' && digits(5, 2) &&
             text[7] == '-' && digits(8, 2)) {
    CivilDate date{std::stoi(std::string(text.substr(0, 4))),
                   std::stoi(std::string(text.substr(5, 2))),
                   std::stoi(std::string(text.substr(8, 2)))};
    if (!is_valid_civil(date)) return std::nullopt;
    period.key = std::string(text.substr(0, 4)) + std::string(text.substr(5, 2)) +
                 std::string(text.substr(8, 2));
    period.first = period.last = period.key;
    period.granularity = 8;
  } else {
    return std::nullopt;
  }
  return period;
}

constexpr std::size_t max_date_terms = 64;

const char* date_help = "use YYYY, YYYY-MM or YYYY-MM-DD, and A..B, ..B or A.. for ranges";

// The fewest year, month and day terms (as the indexer writes them for an
// article's publication day) that cover the days `first` to `last`
// ("yyyymmdd"; a month's last day may be written as 31), or nothing when
// more than `limit` are needed.
std::optional<std::vector<std::string>> date_terms(std::string_view first, std::string_view last,
                                                   std::size_t limit) {
  auto civil = [](std::string_view day) {
    return CivilDate{std::stoi(std::string(day.substr(0, 4))),
                     std::stoi(std::string(day.substr(4, 2))),
                     std::stoi(std::string(day.substr(6, 2)))};
  };
  CivilDate to = civil(last);
  to.day = std::min(to.day, days_in_month(to.year, to.month));
  const std::int64_t end = days_from_civil(to);
  std::vector<std::string> terms;
  for (std::int64_t day = days_from_civil(civil(first)); day <= end;) {
    if (terms.size() == limit) return std::nullopt;
    const CivilDate at = civil_from_days(day);
    const std::string key = day_key(at);
    const std::int64_t year_end = days_from_civil({at.year, 12, 31});
    const std::int64_t month_end =
        days_from_civil({at.year, at.month, days_in_month(at.year, at.month)});
    if (at.month == 1 && at.day == 1 && year_end <= end) {
      terms.push_back(std::string(schema::year_prefix) + key.substr(0, 4));
      day = year_end + 1;
    } else if (at.day == 1 && month_end <= end) {
      terms.push_back(std::string(schema::month_prefix) + key.substr(0, 6));
      day = month_end + 1;
    } else {
      terms.push_back(std::string(schema::day_prefix) + key);
      ++day;
    }
  }
  return terms;
}

Xapian::Query date_query(const schema::Field& field, std::string_view value, std::size_t offset) {
  std::size_t dots = value.find("..");
  bool mentions = field.name == "mentions";
  if (dots == std::string_view::npos) {
    auto period = parse_period(value);
    if (!period) syntax_error(offset, "bad date '" + std::string(value) + "'; " + date_help);
    std::string_view prefix;
    if (mentions) {
      prefix = period->granularity == 4   ? schema::mention_year_prefix
               : period->granularity == 6 ? schema::mention_month_prefix
                                          : schema::mention_day_prefix;
    } else {
      prefix = period->granularity == 4   ? schema::year_prefix
               : period->granularity == 6 ? schema::month_prefix
                                          : schema::day_prefix;
    }
    return Xapian::Query(std::string(prefix) + period->key);
  }
  if (mentions) syntax_error(offset, "mentions: takes one day, month or year, not a range");
  std::string_view low = value.substr(0, dots);
  std::string_view high = value.substr(dots + 2);
  std::optional<Period> from, to;
  if (!low.empty() && !(from = parse_period(low))) {
    syntax_error(offset, "bad date '" + std::string(low) + "'; " + date_help);
  }
  if (!high.empty() && !(to = parse_period(high))) {
    syntax_error(offset + dots + 2, "bad date '" + std::string(high) + "'; " + date_help);
  }
  if (!from && !to)
    syntax_error(offset, "a date range needs at least one end; " + std::string(date_help));
  if (from && to && from->first > to->last) {
    syntax_error(offset, "date range ends before it starts");
  }
  if (from && to) {
    // A closed range as the articles' year, month and day terms: a few
    // posting lists instead of reading the day value of every candidate
    // (bench/RESULTS.md). A range that needs many terms (years, ending
    // mid-month) reads the values.
    if (auto terms = date_terms(from->first, to->last, max_date_terms)) {
      return Xapian::Query(Xapian::Query::OP_OR, terms->begin(), terms->end());
    }
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot_day, from->first, to->last);
  }
  if (from) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::slot_day, from->first);
  return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::slot_day, to->last);
}

Xapian::Query boolean_query(const schema::Field& field, std::string_view value) {
  // "USA" and "Texaco Inc" as the indexer keyed them: "united states", "texaco".
  const auto type = entity_type_of_field(field.name);
  std::string key = type ? detail::entity_key(value, *type) : facet_key(value);
  // Terms as the indexer wrote them: keys cut to schema::max_term_key_bytes.
  const auto terms = schema::value_terms(field, key);
  if (terms.size() == 1) return Xapian::Query(terms.front());
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

class Parser {
 public:
  Parser(std::vector<Lexeme> lexemes, std::vector<detail::Analyzer*> analyzers,
         const ParserLimits& limits)
      : m_lexemes(std::move(lexemes)), m_analyzers(std::move(analyzers)), m_limits(limits) {}

  ParsedQuery run() {
    if (m_lexemes.size() == 1) syntax_error(0, "empty query");
    Node node = parse_or(0);
    if (peek().kind == Lexeme::rparen) syntax_error(peek().offset, "unmatched ')'");
    if (peek().kind != Lexeme::end) syntax_error(peek().offset, "unexpected text");
    if (node.query.empty()) {
      // Only punctuation, or words too long to be indexed: never "everything".
      syntax_error(0, "the query has no searchable words");
    }
    m_result.query = node.query;
    m_result.has_positive = node.positive;
    if (!node.positive) {
      // Only filters or exclusions: match all articles, then narrow.
      Xapian::Query all = Xapian::Query::MatchAll;
      m_result.query = node.query.empty() ? all : node.query;
    }
    return std::move(m_result);
  }

 private:
  // A parsed sub-expression: its query, and whether it has ranked terms (as
  // opposed to only filters and exclusions).
  struct Node {
    Xapian::Query query;
    bool positive = false;
  };

  const Lexeme& peek() const { return m_lexemes[m_pos]; }
  const Lexeme& next() { return m_lexemes[m_pos++]; }

  static bool starts_operand(Lexeme::Kind kind) {
    return kind == Lexeme::word || kind == Lexeme::phrase || kind == Lexeme::field ||
           kind == Lexeme::lparen || kind == Lexeme::plus || kind == Lexeme::minus;
  }

  static const char* name_of(const Lexeme& lexeme) {
    switch (lexeme.kind) {
      case Lexeme::op_and:
        return "AND";
      case Lexeme::op_or:
        return "OR";
      case Lexeme::op_not:
        return "NOT";
      case Lexeme::near:
        return lexeme.ordered ? "ADJ" : "NEAR";
      case Lexeme::rparen:
        return ")";
      default:
        return "operator";
    }
  }

  void expect_operand(const Lexeme& op) {
    if (!starts_operand(peek().kind)) {
      syntax_error(op.offset, std::string("expected a search term after '") + name_of(op) + "'");
    }
  }

  Node combine(Xapian::Query::op op, const Node& a, const Node& b) {
    // A side without ranked terms (a filter) narrows rather than ranks.
    if (op == Xapian::Query::OP_AND) {
      if (!a.positive && b.positive)
        return {Xapian::Query(Xapian::Query::OP_FILTER, b.query, a.query), true};
      if (a.positive && !b.positive)
        return {Xapian::Query(Xapian::Query::OP_FILTER, a.query, b.query), true};
    }
    return {Xapian::Query(op, a.query, b.query), a.positive || b.positive};
  }

  Node parse_or(std::size_t depth) {
    Node node = parse_and(depth);
    while (peek().kind == Lexeme::op_or) {
      const Lexeme& op = next();
      expect_operand(op);
      Node right = parse_and(depth);
      node = {Xapian::Query(Xapian::Query::OP_OR, node.query, right.query),
              node.positive || right.positive};
    }
    return node;
  }

  Node parse_and(std::size_t depth) {
    Node node = parse_not(depth);
    while (peek().kind == Lexeme::op_and) {
      const Lexeme& op = next();
      expect_operand(op);
      node = combine(Xapian::Query::OP_AND, node, parse_not(depth));
    }
    return node;
  }

  Node parse_not(std::size_t depth) {
    Node node = parse_seq(depth);
    while (peek().kind == Lexeme::op_not) {
      const Lexeme& op = next();
      expect_operand(op);
      Node right = parse_seq(depth);
      Xapian::Query left = node.positive ? node.query
                                         : Xapian::Query(Xapian::Query::OP_FILTER,
                                                         Xapian::Query::MatchAll, node.query);
      node = {Xapian::Query(Xapian::Query::OP_AND_NOT, left, right.query), node.positive};
    }
    return node;
  }

  Node parse_seq(std::size_t depth) {
    const Lexeme& first = peek();
    if (!starts_operand(first.kind)) {
      if (first.kind == Lexeme::end) syntax_error(first.offset, "expected a search term");
      syntax_error(first.offset,
                   std::string("expected a search term before '") + name_of(first) + "'");
    }
    std::vector<Xapian::Query> must, should, must_not;
    std::vector<std::pair<const schema::Field*, Xapian::Query>> filters;
    bool must_positive = false;
    while (starts_operand(peek().kind)) {
      int sign = 0;
      std::size_t sign_offset = peek().offset;
      if (peek().kind == Lexeme::plus) {
        sign = 1;
        next();
      } else if (peek().kind == Lexeme::minus) {
        sign = -1;
        next();
      }
      if (!starts_operand(peek().kind) || peek().kind == Lexeme::plus ||
          peek().kind == Lexeme::minus) {
        syntax_error(sign_offset, "'+' or '-' must be followed by a search term");
      }
      const Lexeme& atom_start = peek();
      if (atom_start.kind == Lexeme::field && sign >= 0) {
        const schema::Field* field = schema::find_field(atom_start.field_name);
        if (field->kind != schema::FieldKind::text) {
          next();
          filters.emplace_back(field, filter_atom(*field, atom_start));
          continue;
        }
      }
      Node node = parse_near(depth);
      if (node.query.empty()) continue;  // punctuation only
      if (sign < 0) {
        must_not.push_back(node.query);
      } else if (sign > 0) {
        must.push_back(node.query);
        must_positive = must_positive || node.positive;
      } else if (!node.positive) {
        filters.emplace_back(nullptr, node.query);
      } else {
        should.push_back(node.query);
      }
    }
    Node node;
    if (!must.empty()) {
      node.query = Xapian::Query(Xapian::Query::OP_AND, must.begin(), must.end());
      node.positive = must_positive;
      if (!should.empty()) {
        Xapian::Query ranked(Xapian::Query::OP_OR, should.begin(), should.end());
        node.query = node.positive ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, node.query, ranked)
                                   : Xapian::Query(Xapian::Query::OP_FILTER, ranked, node.query);
        node.positive = true;
      }
    } else if (!should.empty()) {
      node.query = Xapian::Query(Xapian::Query::OP_OR, should.begin(), should.end());
      node.positive = true;
    }
    if (!filters.empty()) {
      // Values of one field OR together; different fields AND.
      std::vector<Xapian::Query> groups;
      std::vector<const schema::Field*> seen;
      for (std::size_t k = 0; k < filters.size(); ++k) {
        const schema::Field* field = filters[k].first;
        if (field != nullptr && std::find(seen.begin(), seen.end(), field) != seen.end()) continue;
        std::vector<Xapian::Query> same;
        for (std::size_t j = k; j < filters.size(); ++j) {
          if (filters[j].first == field && (field != nullptr || j == k))
            same.push_back(filters[j].second);
        }
        if (field != nullptr) seen.push_back(field);
        groups.emplace_back(Xapian::Query::OP_OR, same.begin(), same.end());
      }
      Xapian::Query filter(Xapian::Query::OP_AND, groups.begin(), groups.end());
      node.query = node.query.empty() ? filter
                                      : Xapian::Query(node.positive ? Xapian::Query::OP_FILTER
                                                                    : Xapian::Query::OP_AND,
                                                      node.query, filter);
    }
    if (!must_not.empty()) {
      Xapian::Query excluded(Xapian::Query::OP_OR, must_not.begin(), must_not.end());
      Xapian::Query base = node.query.empty() ? Xapian::Query::MatchAll : node.query;
      if (!node.positive && !node.query.empty()) {
        base = Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, node.query);
      }
      node.query = Xapian::Query(Xapian::Query::OP_AND_NOT, base, excluded);
    }
    return node;
  }

  Xapian::Query filter_atom(const schema::Field& field, const Lexeme& lexeme) {
    // Filter values are whole names: "place:bra*" would look for a place
    // called "bra*".
    if (auto star = lexeme.text.find('*'); star != std::string::npos && !lexeme.quoted) {
      syntax_error(lexeme.value_offset + star,
                   "a wildcard works on words, title: and author:, not on " +
                       std::string(field.name) + ": values");
    }
    if (field.kind == schema::FieldKind::date)
      return date_query(field, trim(lexeme.text), lexeme.value_offset);
    return boolean_query(field, lexeme.text);
  }

  Node parse_near(std::size_t depth) {
    if (m_lexemes[m_pos + 1].kind != Lexeme::near || peek().kind == Lexeme::end) {
      return parse_atom(depth);
    }
    // NEAR and ADJ join single words, matched exactly (positions are kept
    // for words, not stems).
    auto operand_word = [&](const Lexeme& lexeme) {
      if (lexeme.kind == Lexeme::field) {
        syntax_error(lexeme.offset, "NEAR and ADJ join words of the text, not of a field");
      }
      auto tokens = lexeme.kind == Lexeme::word ? tokenize(lexeme.text) : std::vector<Token>{};
      if (tokens.size() != 1 || lexeme.text.ends_with("*")) {
        syntax_error(lexeme.offset, "NEAR and ADJ join single words");
      }
      count_terms(1, lexeme.offset);
      return lexeme.text;
    };
    std::vector<std::string> operands{operand_word(next())};
    unsigned distance = 0;
    bool ordered = false;
    while (peek().kind == Lexeme::near) {
      const Lexeme& op = next();
      distance = std::max(distance, op.distance);
      ordered = ordered || op.ordered;
      if (peek().kind != Lexeme::word) {
        syntax_error(op.offset, std::string("expected a word after '") + name_of(op) + "'");
      }
      operands.push_back(operand_word(next()));
    }
    auto window = static_cast<Xapian::termcount>(distance + operands.size());
    // One NEAR per distinct folding of the words (languages fold differently).
    std::vector<Xapian::Query> variants;
    std::set<std::vector<std::string>> seen;
    for (auto* analyzer : m_analyzers) {
      std::vector<std::string> words;
      for (const auto& operand : operands) words.push_back(analyzer->tokenize(operand)[0].term);
      if (!seen.insert(words).second) continue;
      m_result.match.sequences.push_back({words, ordered, static_cast<unsigned>(window)});
      std::vector<Xapian::Query> terms(words.begin(), words.end());
      variants.emplace_back(ordered ? Xapian::Query::OP_PHRASE : Xapian::Query::OP_NEAR,
                            terms.begin(), terms.end(), window);
    }
    return {any_of(variants), true};
  }

  // One query, or the OR of several alternatives.
  static Xapian::Query any_of(const std::vector<Xapian::Query>& queries,
                              Xapian::Query::op op = Xapian::Query::OP_OR) {
    if (queries.size() == 1) return queries.front();
    return Xapian::Query(op, queries.begin(), queries.end());
  }

  void count_terms(std::size_t n, std::size_t offset) {
    m_terms += n;
    if (m_terms > m_limits.max_terms) {
      syntax_error(offset, "query has more than " + std::to_string(m_limits.max_terms) + " terms");
    }
  }

  // Words -> a term, or a phrase when the text holds several tokens.
  Xapian::Query text_query(std::string_view text, std::size_t offset, std::string_view prefix,
                           bool exact) {
    auto tokens = tokenize(text);
    if (tokens.empty()) return {};
    count_terms(tokens.size(), offset);
    // Token boundaries do not depend on the language; terms and stems do.
    std::vector<std::pair<detail::Analyzer*, std::vector<Token>>> by_language;
    for (auto* analyzer : m_analyzers) by_language.emplace_back(analyzer, analyzer->tokenize(text));

    if (tokens.size() == 1 && !exact && !tokens[0].cjk) {
      // A plain word: its stem in each language, or the word itself in a
      // language where it is a stopword (those articles hold no stem term
      // for it), deduplicated.
      std::vector<Xapian::Query> alternatives;
      std::set<std::string> seen;
      ParsedQuery::Word word{offset + tokens[0].begin, tokens[0].term, {}};
      for (auto& [analyzer, language_tokens] : by_language) {
        const Token& token = language_tokens[0];
        const std::string& stem = analyzer->stem(token);
        std::string term;
        if (stem.empty()) {
          m_result.match.words.insert(token.term);
          term = std::string(prefix) + token.term;
        } else {
          m_result.match.stems.insert(stem);
          word.stems.push_back(stem);
          term = std::string(schema::stem_prefix) + std::string(prefix) + stem;
        }
        if (!seen.insert(term).second) continue;
        alternatives.emplace_back(term, 1, static_cast<Xapian::termpos>(m_terms));
      }
      // A name the alias table spells otherwise matches its other spellings
      // too ("kiev" finds Kyiv, "burma" Myanmar, "austria" Österreich), as
      // one term for ranking.
      for (const auto& variant : detail::spelling_variants(facet_key(text))) {
        for (auto& [analyzer, language_tokens] : by_language) {
          const auto spelt = analyzer->tokenize(variant);
          if (spelt.size() != 1) continue;
          const std::string& stem = analyzer->stem(spelt[0]);
          if (stem.empty()) continue;
          m_result.match.stems.insert(stem);
          std::string term = std::string(schema::stem_prefix) + std::string(prefix) + stem;
          if (!seen.insert(term).second) continue;
          alternatives.emplace_back(term, 1, static_cast<Xapian::termpos>(m_terms));
        }
      }
      if (prefix.empty() && !word.stems.empty()) m_result.words.push_back(std::move(word));
      return any_of(alternatives, Xapian::Query::OP_SYNONYM);
    }
    // Exact words and phrases: one per distinct folding.
    std::vector<Xapian::Query> variants;
    std::set<std::vector<std::string>> seen;
    for (auto& [analyzer, language_tokens] : by_language) {
      std::vector<std::string> words;
      for (const auto& token : language_tokens) words.push_back(token.term);
      if (!seen.insert(words).second) continue;
      std::vector<Xapian::Query> terms;
      for (const auto& word : words) terms.emplace_back(std::string(prefix) + word);
      // A quoted single word matches exactly; a phrase highlights only whole.
      if (terms.size() == 1) {
        m_result.match.words.insert(words[0]);
        variants.push_back(terms[0]);
        continue;
      }
      m_result.match.sequences.push_back({words, true, static_cast<unsigned>(words.size())});
      variants.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                            static_cast<Xapian::termcount>(terms.size()));
    }
    return any_of(variants);
  }

  Node parse_atom(std::size_t depth) {
    const Lexeme& lexeme = next();
    switch (lexeme.kind) {
      case Lexeme::lparen: {
        if (depth >= m_limits.max_depth)
          syntax_error(lexeme.offset, "parentheses nested too deeply");
        if (peek().kind == Lexeme::rparen) syntax_error(lexeme.offset, "empty parentheses");
        Node inner = parse_or(depth + 1);
        if (peek().kind != Lexeme::rparen) syntax_error(lexeme.offset, "missing ')' for this '('");
        next();
        return inner;
      }
      case Lexeme::phrase: {
        Xapian::Query query = text_query(lexeme.text, lexeme.offset + 1, "", true);
        if (query.empty()) syntax_error(lexeme.offset, "empty phrase");
        return {query, true};
      }
      case Lexeme::field: {
        const schema::Field* field = schema::find_field(lexeme.field_name);
        const std::size_t value_offset = lexeme.value_offset;
        if (field->kind != schema::FieldKind::text) return {filter_atom(*field, lexeme), false};
        if (!lexeme.quoted) {
          check_wildcard(lexeme.text, value_offset);
          if (lexeme.text.size() > 1 && lexeme.text.ends_with("*")) {
            return {wildcard(lexeme.text, value_offset, field->prefix), true};
          }
        }
        Xapian::Query query = text_query(lexeme.text, value_offset, field->prefix, lexeme.quoted);
        if (query.empty())
          syntax_error(lexeme.offset, "field '" + lexeme.field_name + ":' needs a word");
        return {query, true};
      }
      case Lexeme::word: {
        check_wildcard(lexeme.text, lexeme.offset);
        if (lexeme.text.size() > 1 && lexeme.text.ends_with("*")) {
          return {wildcard(lexeme.text, lexeme.offset, ""), true};
        }
        return {text_query(lexeme.text, lexeme.offset, "", false), true};
      }
      default:
        syntax_error(lexeme.offset, "expected a search term");
    }
  }

  // A '*' anywhere but at the end of an unquoted word ("c*o", "*coa") would
  // otherwise be read as punctuation between words, a different query.
  static void check_wildcard(std::string_view text, std::size_t offset) {
    const std::size_t star = text.find('*');
    if (star != std::string_view::npos && star + 1 < text.size()) {
      syntax_error(offset + star, "a wildcard goes at the end of a word ('negotiat*')");
    }
  }

  // `text` ends with '*': the words of the field (`prefix`) that begin
  // with the rest, in each language's folding.
  Xapian::Query wildcard(std::string_view text, std::size_t offset, std::string_view prefix) {
    std::string_view stem = text.substr(0, text.size() - 1);
    auto tokens = tokenize(stem);
    if (tokens.size() != 1 || tokens[0].end != stem.size() || tokens[0].begin != 0) {
      syntax_error(offset, "a wildcard must follow the letters of one word ('negotiat*')");
    }
    count_terms(1, offset);
    std::vector<Xapian::Query> variants;
    std::set<std::string> seen;
    for (auto* analyzer : m_analyzers) {
      std::string begins = analyzer->tokenize(stem)[0].term;
      if (!seen.insert(begins).second) continue;
      m_result.match.wildcard_prefixes.push_back(begins);
      variants.emplace_back(Xapian::Query::OP_WILDCARD, std::string(prefix) + begins,
                            m_limits.max_wildcard, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    }
    return any_of(variants);
  }

  std::vector<Lexeme> m_lexemes;
  std::size_t m_pos = 0;
  std::vector<detail::Analyzer*> m_analyzers;  // one per language, at least one
  const ParserLimits& m_limits;
  std::size_t m_terms = 0;
  ParsedQuery m_result;
};

}  // namespace

std::size_t quote_sign_length(std::string_view text, std::size_t at) {
  static constexpr std::string_view quotes[] = {"\u201c", "\u201d", "\u201e",
                                                "\u201f", "\u00ab", "\u00bb"};
  for (std::string_view quote : quotes) {
    if (text.substr(at).starts_with(quote)) return quote.size();
  }
  return 0;
}

std::string query_as_read(std::string_view text) {
  std::string read = repair_utf8(text);
  // Each quote sign becomes '"' and as many spaces as it had further bytes.
  for (std::size_t at = 0; at < read.size(); ++at) {
    if (const std::size_t length = quote_sign_length(read, at); length > 0) {
      read.replace(at, length, "\"" + std::string(length - 1, ' '));
    }
  }
  return read;
}

ParsedQuery parse_query(std::string_view text, detail::Analyzer& analyzer,
                        const ParserLimits& limits) {
  Parser parser(lex(query_as_read(text)), {&analyzer}, limits);
  return parser.run();
}

ParsedQuery parse_query(std::string_view text, detail::Analyzers& analyzers,
                        const std::vector<std::string>& languages, const ParserLimits& limits) {
  auto lexemes = lex(query_as_read(text));
  // lang: filters the query asks for (not negated) choose the languages.
  std::vector<std::string> chosen;
  for (std::size_t k = 0; k < lexemes.size(); ++k) {
    const Lexeme& lexeme = lexemes[k];
    if (lexeme.kind != Lexeme::field || lexeme.field_name != "lang" || lexeme.negated) continue;
    if (k > 0 && (lexemes[k - 1].kind == Lexeme::minus || lexemes[k - 1].kind == Lexeme::op_not))
      continue;
    std::string code = normalize_language(trim(lexeme.text));
    if (!code.empty() && std::find(chosen.begin(), chosen.end(), code) == chosen.end()) {
      chosen.push_back(code);
    }
  }
  if (chosen.empty()) chosen = languages;
  if (chosen.empty()) chosen.emplace_back("en");
  std::vector<detail::Analyzer*> chosen_analyzers;
  for (const auto& code : chosen) chosen_analyzers.push_back(&analyzers.get(code));
  Parser parser(std::move(lexemes), std::move(chosen_analyzers), limits);
  return parser.run();
}

Xapian::Query parse_filter(std::string_view filter) {
  return named("filter '" + std::string(filter) + "'", [&]() -> Xapian::Query {
    std::string_view text = trim(filter);
    std::size_t colon = text.find(':');
    if (colon == std::string_view::npos) {
      syntax_error(0, "a filter is field:value ('place:kyiv'), not '" + std::string(text) + "'");
    }
    std::string name(text.substr(0, colon));
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    const schema::Field* field = schema::find_field(name);
    if (field == nullptr || field->kind == schema::FieldKind::text) {
      std::string names;
      for (const auto& known : schema::fields) {
        if (known.kind == schema::FieldKind::text) continue;
        names += names.empty() ? "" : ", ";
        names += known.name;
      }
      syntax_error(0, "unknown filter field '" + name + "' (filters: " + names + ")");
    }
    std::string value(trim(text.substr(colon + 1)));
    const bool quoted = value.size() >= 2 && value.front() == '"' && value.back() == '"';
    if (quoted) value = value.substr(1, value.size() - 2);
    if (value.empty()) syntax_error(colon + 1, "no value after the colon");
    if (!quoted && value.find('*') != std::string::npos) {
      syntax_error(colon + 1,
                   "a wildcard works on words, title: and author:, not on " + name + ": values");
    }
    if (field->kind == schema::FieldKind::date) return date_query(*field, value, colon + 1);
    return boolean_query(*field, value);
  });
}

Xapian::Query date_range_query(std::string_view from, std::string_view to) {
  std::string range = "date range";
  if (!from.empty()) range += " from " + std::string(from);
  if (!to.empty()) range += " to " + std::string(to);
  return named(range, [&] {
    const schema::Field* date = schema::find_field("date");
    return date_query(*date, std::string(from) + ".." + std::string(to), 0);
  });
}

}  // namespace dateline::query
