"""The `annotate` command: archives annotated with the service's core, no HTTP (service.cli.main)."""
