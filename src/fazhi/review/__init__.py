"""Review tools for draft normative documents (行政规范性文件)."""
