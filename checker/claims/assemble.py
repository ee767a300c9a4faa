"""Claim assembly's entry point: a document's mentions in, its claims out."""

from checker.claims.context import ClaimTools, Context
from checker.claims.extract import extract_claims

__all__ = ["ClaimTools", "Context", "extract_claims"]
