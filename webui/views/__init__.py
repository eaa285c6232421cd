"""One blueprint per area: search, articles (and their sources), browse pages."""
