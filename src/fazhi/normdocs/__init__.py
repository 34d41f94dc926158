"""Normative documents: drafting, comment, reviews, issue, filing, validity, inspections, cleanup."""
