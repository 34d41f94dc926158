"""Enforcement supervision: supervisors, campaigns, case-file evaluation, notices."""
