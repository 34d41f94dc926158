"""Administrative litigation and head-of-agency appearance."""
