// The README's library example: search an index and print each hit's title
// and best passage, with the matches marked.
#include <dateline/query/searcher.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: consumer INDEX QUERY\n";
    return 2;
  }
  dateline::Searcher searcher(argv[1]);
  dateline::SearchRequest request;
  request.query = argv[2];
  request.facets = {"source"};
  dateline::SearchResult result = searcher.search(request);
  for (const dateline::Hit& hit : result.hits) {
    std::cout << hit.rank << ". " << hit.title << " (" << hit.published << ")\n";
    if (!hit.passages.empty()) {
      const dateline::Passage& passage = hit.passages.front();
      std::size_t at = 0;
      for (const dateline::Highlight& h : passage.highlights) {
        std::cout << passage.text.substr(at, h.begin - at) << '['
                  << passage.text.substr(h.begin, h.end - h.begin) << ']';
        at = h.end;
      }
      std::cout << passage.text.substr(at) << '\n';
    }
  }
  std::cout << result.total << " matches\n";
}
