"""The claim index: every document's matchable claims filed by block, so the gate loads
only the blocks a new article's claims fall in (see `store` for the file's layout)."""
