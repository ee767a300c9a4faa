"""Mentions: sentences, quantities, periods, publication dates, entities and citation cues."""
