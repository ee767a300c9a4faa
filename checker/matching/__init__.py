"""Matching: claims blocked, compared and clustered across documents; copy families."""
