"""Law base: texts of laws and regulations, and checks of citations to them."""
