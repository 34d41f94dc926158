"""Tamper-evident evidence log: Merkle tree hashing, proofs and their verification."""
