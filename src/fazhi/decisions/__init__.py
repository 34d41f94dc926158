"""Major administrative decisions: catalog, five procedures, three checks, post-evaluation."""
