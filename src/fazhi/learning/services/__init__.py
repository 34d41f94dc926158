"""Every write of learning, exams, 述法, 以案释法 and publicity, one module per area:
``training`` (requirements, sessions, attendance), ``exams`` (bank, sittings, papers),
``reports`` (述法 and 以案释法), ``publicity`` (programmes, episodes, responsibility list)."""
