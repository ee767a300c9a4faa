"""crosscheck: fact-consistency checking for Chinese-language news."""

__version__ = "0.1.0"
