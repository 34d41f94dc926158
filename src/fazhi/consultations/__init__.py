"""Public consultation: the shared component for comment on drafts (documents and decisions)."""
