"""Administrative reconsideration under the 2023 law."""
