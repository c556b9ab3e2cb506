"""Built-in rule files and word lists, shipped inside the package as `cleaner.rule_files`."""
