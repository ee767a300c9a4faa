"""The embedded corpus, shipped as the package data `checker.seeds`: `crosscheck check` with no path reads it."""
