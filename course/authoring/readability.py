"""How easy a lesson's prose is to read: sentence lengths and Flesch Reading Ease.

The prose is the text of the markdown cells, as a reader meets it:
code blocks, inline code, URLs, HTML tags and markdown signs are taken out;
a list item, a table cell and a `<summary>` each count as one sentence,
even without a full stop. Headings are names, not sentences: they are left out. Syllables are counted with Pyphen's
en_US dictionary (shipped with Pyphen: nothing is downloaded), the way
textstat 0.7.4 counts them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import pyphen

FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
URL = re.compile(r"<?(?:https?://|www\.)\S+>?")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
BLOCK_START = re.compile(r"^\s*([-*+]\s|\d+[.)]\s|>\s?)")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class Sentence:
    cell: int  # 1-based cell number, as a trainer counts cells
    text: str
    words: int
    syllables: int


@dataclass
class Readability:
    """The figures of one lesson's prose."""

    sentences: list[Sentence] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)

    @property
    def average_sentence(self) -> float:
        return self.words / len(self.sentences) if self.sentences else 0.0

    @property
    def longest(self) -> Sentence | None:
        return max(self.sentences, key=lambda s: s.words, default=None)

    @property
    def flesch(self) -> float:
        """Flesch Reading Ease: 206.835 - 1.015 words/sentence - 84.6 syllables/word."""
        if not self.words:
            return 100.0
        syllables = sum(s.syllables for s in self.sentences)
        return 206.835 - 1.015 * self.average_sentence - 84.6 * syllables / self.words


@cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    """Pyphen's hyphenation points plus one; a number or a short word is one syllable."""
    if not word.isalpha():
        return 1
    return len(_dictionary().positions(word.lower())) + 1


def plain_text(markdown: str) -> str:
    """The words of a markdown cell as a reader meets them, without code, URLs or markup."""
    text = FENCE.sub("\n", markdown)
    text = INLINE_CODE.sub(" ", text)
    text = IMAGE.sub(r"\1", text)
    text = LINK.sub(r"\1", text)
    text = URL.sub(" ", text)
    text = re.sub(r"<summary>(.*?)</summary>", r"\n\1\n", text, flags=re.DOTALL)
    text = TAG.sub(" ", text)
    return text.replace("**", "").replace("__", "")


def blocks(markdown: str) -> list[str]:
    """List items, table cells and paragraphs (not headings): each one ends a sentence."""
    found, paragraph = [], []
    for line in plain_text(markdown).splitlines():
        if not line.strip() or TABLE_RULE.match(line) or HEADING.match(line):
            found.append(" ".join(paragraph))
            paragraph = []
        elif "|" in line:
            found.append(" ".join(paragraph))
            paragraph = []
            found.extend(line.strip().strip("|").split("|"))
        elif BLOCK_START.match(line):
            found.append(" ".join(paragraph))
            paragraph = [BLOCK_START.sub("", line)]
        else:
            paragraph.append(line)
    found.append(" ".join(paragraph))
    return [block.strip() for block in found if block.strip()]


def sentences(markdown: str, *, cell: int = 0) -> list[Sentence]:
    result = []
    for block in blocks(markdown):
        for piece in SENTENCE_END.split(block):
            words = WORD.findall(piece.replace("*", " "))
            if words:
                result.append(Sentence(cell, " ".join(piece.split()), len(words), sum(map(syllables, words))))
    return result


def readability(cells: list) -> Readability:
    """The figures of the markdown cells of one notebook."""
    figures = Readability()
    for number, cell in enumerate(cells, start=1):
        if cell.cell_type == "markdown":
            figures.sentences.extend(sentences(cell.source, cell=number))
    return figures
