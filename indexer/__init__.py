"""The index: the only package that imports Whoosh. Nothing Whoosh leaks out of it."""
