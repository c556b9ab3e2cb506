"""What the spelling stage's user pairs (S101) need, loaded without pycorrector's correctors.

The fast profile runs S101 only: pycorrector's `ConfusionCorrector` over the user's pairs, kept
off the protected spans (pycorrector's person and place names among them). Importing its kenlm
`Corrector` as well (spelling_engine.py), for the look-alike rules of the full profile, brings
pypinyin, numpy and pycorrector's word segmenter along: about 0.6 s in every worker process, for
nothing there. The name lists are read here as pycorrector's `Detector.load_word_freq_dict`
reads them (tests/test_spelling.py holds the two readers to the same words).

>>> "person_name.txt" in {path.name for path in NAME_LISTS} and all(path.is_file() for path in NAME_LISTS)
True
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

from ..errors import ModelError
from ..pipeline import Context
from .spelling_candidates import parse_confusion_pairs
from .spelling_names import byline_names, credit_words, handles, name_patterns
from .spelling_protect import Protection, read_word_column
from .spelling_signatures import signature_names


def pycorrector_folder() -> Path:
    """The folder of the installed pycorrector package, found without importing it."""
    spec = importlib.util.find_spec("pycorrector")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("pycorrector is not installed; install the project with its dependencies")
    return Path(next(iter(spec.submodule_search_locations)))


# pycorrector's lists of person and place names (`detector.person_name_path`, `detector.place_name_path`)
NAME_LISTS = tuple(pycorrector_folder() / "data" / name for name in ("person_name.txt", "place_name.txt"))


def import_pycorrector_parts(*modules: str) -> None:
    """Import these submodules of pycorrector without its package `__init__`.

    That `__init__` imports every engine pycorrector has, torch and transformers among them: about
    nine seconds of start-up the kenlm parts never use. The package stands in as a bare namespace
    just while the submodules load; a later `import pycorrector` runs the real `__init__`, which
    reuses them (only the submodules' attributes on the package are then missing).

    >>> import_pycorrector_parts("confusion_corrector")
    >>> sys.modules["pycorrector.confusion_corrector"].ConfusionCorrector.__name__
    'ConfusionCorrector'
    """
    wanted = [f"pycorrector.{module}" for module in modules]
    if all(name in sys.modules for name in wanted):
        return
    if "pycorrector" in sys.modules:  # the real package: its submodules import as usual
        for name in wanted:
            importlib.import_module(name)
        return
    namespace = types.ModuleType("pycorrector")
    namespace.__path__ = [str(pycorrector_folder())]
    sys.modules["pycorrector"] = namespace
    try:
        for name in wanted:
            importlib.import_module(name)
    finally:
        del sys.modules["pycorrector"]


def quiet_pycorrector() -> None:
    """pycorrector logs every engine it loads at DEBUG level; a cleaning run has no use for that."""
    from loguru import logger

    logger.disable("pycorrector")


def build_confusion(context: Context) -> Any:
    """pycorrector's ConfusionCorrector over the user's pairs (rules/confusions.tsv), None without any."""
    pairs = parse_confusion_pairs(context.rules.read_lines("confusions.tsv"))
    if not pairs:
        return None
    import_pycorrector_parts("confusion_corrector")
    quiet_pycorrector()
    from pycorrector.confusion_corrector import ConfusionCorrector

    return ConfusionCorrector(pairs)


def listed_names(path: Path) -> list[str]:
    """The words of one of pycorrector's `word freq` lists, in order, each once (a line starting
    with # is a comment); `Detector.load_word_freq_dict` keeps the same words, as a dict's keys.

    >>> names = listed_names(NAME_LISTS[0])
    >>> len(names) > 1000, len(set(names)) == len(names)
    (True, True)
    """
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return list(dict.fromkeys(read_word_column(line for line in lines if not line.startswith("#"))))


def build_protection(context: Context) -> Protection:
    """Person and place names (pycorrector's lists) and the user's lexicon (rules/protected.tsv)."""
    rules = context.rules
    names = [name for path in NAME_LISTS for name in listed_names(path)]
    return Protection.build(
        [*names, *read_word_column(rules.read_lines("protected.tsv"))],
        max_quote=int(rules.option("S102", "max_quote_length", 30)),
        min_repeats=int(rules.option("S102", "min_repeats", 2)),
        names=(*name_patterns(rules), byline_names(rules), handles(rules), signature_names(rules)),
        credits=credit_words(rules),
    )
