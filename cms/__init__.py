from cms import converters  # noqa: F401  (the <id:…> URL converter, needed by models)
