"""The contract question of shared/docs/vocabulary.md, as the README gives it and as the
vocabulary itself words it.

Read from the README so that the query users copy from it is the query the tests run.
"""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _main_checkout(repo: Path) -> Path:
    """The repository's main checkout: ``repo`` itself, or the one a git worktree belongs to."""
    dotgit = repo / ".git"
    if dotgit.is_file():  # a worktree's .git file says "gitdir: <main>/.git/worktrees/<name>"
        return Path(dotgit.read_text().split(":", 1)[1].strip()).parents[2]
    return repo


#: the team's shared documents live beside the repository (``../shared``)
VOCABULARY_DOC = _main_checkout(REPO).parent / "shared" / "docs" / "vocabulary.md"

_README = (REPO / "README.md").read_text(encoding="utf-8")
_SECTION = _README.split("## The question it answers", 1)[1]
VOCABULARY_QUERY = re.search(r"```sparql\n(.*?)```", _SECTION, re.S).group(1)
