"""Click commands beyond `clean` and `rules`, each in its own module, loaded lazily by `cli.LAZY_COMMANDS`."""
