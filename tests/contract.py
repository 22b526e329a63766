"""The contract question of shared/docs/vocabulary.md, as the README gives it.

Read from the README so that the query users copy from it is the query the tests run.
"""

import re
from pathlib import Path

_README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
_SECTION = _README.split("## The question it answers", 1)[1]
VOCABULARY_QUERY = re.search(r"```sparql\n(.*?)```", _SECTION, re.S).group(1)
