#pragma once
// Internal: an Article becomes a Xapian document, following schema.h.

#include <xapian.h>

#include "dateline/common/article.h"
#include "dateline/detail/analyzer.h"

namespace dateline::indexer {

/// Build the document for `article` (whose id is set), analysed in its
/// language (normalize_language(article.language); English when it has
/// none). Thread-safe as long as each thread passes its own Analyzers.
Xapian::Document build_document(const Article& article, detail::Analyzers& analyzers);

}  // namespace dateline::indexer
