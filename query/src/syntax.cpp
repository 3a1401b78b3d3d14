#include "dateline/query/searcher.h"

namespace dateline {

const char* query_syntax() {
  return R"(Dateline query syntax

  refugees poland          either word; articles with both rank first
  +refugees poland         refugees must occur; poland raises the rank
  refugees -poland         refugees, but not poland
  refugees AND poland      both (also: OR, NOT; AND binds tighter than OR)
  "peace talks"            exact phrase (also “peace talks”, „…“, «…»)
  talks NEAR/5 ceasefire   within 5 words of each other, either order (default 10)
  talks ADJ/3 ceasefire    within 3 words, in this order
  negotiat*                words starting with "negotiat" (the 200 most frequent);
                           title:negotiat* in the headline; '*' only ends a word
  (kyiv OR kiev) talks     grouping

Words match their inflections (negotiation finds negotiations, negotiated);
case and diacritics never matter (cafe finds Café, zelenskyy finds Zelenskyy);
a name spelt several ways matches each spelling (kyiv finds Kiev, burma
finds Myanmar); a quoted word matches itself only.

Fields
  title:putin  title:"peace talks"     in the headline
  author:reevell                       in the byline
  source:"abc news"  person:"vladimir putin"  org:nato  place:kyiv
  misc:ukrainian  topic:cocoa  exchange:nyse  lang:de  id:ARTICLE-ID
  title:(opec quota)  place:(kuwait OR iraq)  -person:(reagan "george bush")
                           a field for each word and "phrase" in the parentheses
Filters (source, person, org, place, misc, topic, exchange, lang, id, date)
narrow the results without changing their order; two values of the same
field match either, different fields must all match.

Dates (publication day, UTC)
  date:2022                 the whole year      date:2022-03    a month
  date:2022-02-24           one day
  date:2022-02-24..2022-03-05   a range         date:..1987-03-31  up to
  date:1987-03-01..         from
  mentions:2022-02-24       articles that mention that day (also a month or year)
)";
}

}  // namespace dateline
