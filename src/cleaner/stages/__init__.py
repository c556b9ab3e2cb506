"""The stages of the pipeline, one module each, each with a `find(text, context)` entry point."""
