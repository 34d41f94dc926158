"""People's mediation and arbitration referral."""
