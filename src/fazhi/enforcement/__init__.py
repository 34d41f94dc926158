"""Administrative enforcement: item catalog, delegation, cases, exemption list, discretion."""
