"""Shared kernel: organisations, people, roles and scoping, calendar, clocks, numbering, audit."""
