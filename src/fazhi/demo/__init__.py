"""The seeded Haining demo dataset (and scaled-up datasets for benchmarks)."""
