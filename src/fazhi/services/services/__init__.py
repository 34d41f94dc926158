"""Every write of the services app, one module per mechanism (see ``docs/services.md``)."""
