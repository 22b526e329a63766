"""The lexicon of the default background folder: what the extractor tests extract with."""

from kg.config import Settings
from kg.extract.lexicon import load

LEXICON = load(Settings().background)
