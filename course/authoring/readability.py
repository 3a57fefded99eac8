"""How easy a lesson's prose is to read: sentence lengths and a reading-ease score per language.

The prose is the text of the markdown cells, as a reader meets it:
code blocks, inline code, URLs, HTML tags and markdown signs are taken out;
a list item, a table cell and a `<summary>` each count as one sentence,
even without a full stop. Headings are names, not sentences: they are left out.

The score of each language (docs/translation.md says where each formula comes from):

- en: Flesch Reading Ease, 206.835 - 1.015 words/sentence - 84.6 syllables/word;
- es: Fernández-Huerta, 206.84 - 60 syllables/word - 1.02 words/sentence;
- it: Gulpease, 89 + (300 sentences - 10 letters) / words (letters, not syllables);
- fr: Kandel-Moles, 207 - 1.015 words/sentence - 73.6 syllables/word;
- ro, bg: no score; the sentence length rule only.

Syllables come from Pyphen's dictionaries (shipped with Pyphen: nothing is downloaded): English
with en_US the way textstat 0.7.4 counts them; the other languages with every hyphenation point
allowed (a syllable of one letter counts too), plus one.
"""
from __future__ import annotations

import re
from collections.abc import Callable
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
    letters: int = 0


@dataclass(frozen=True)
class Score:
    """A reading-ease formula: its name, the least score a lesson should reach, and the formula."""

    name: str
    least: float
    formula: Callable[["Readability"], float]


@dataclass
class Readability:
    """The figures of one lesson's prose, in one language."""

    sentences: list[Sentence] = field(default_factory=list)
    language: str = "en"

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
        return 206.835 - 1.015 * self.average_sentence - 84.6 * self.syllables_per_word

    @property
    def syllables_per_word(self) -> float:
        return sum(s.syllables for s in self.sentences) / self.words if self.words else 0.0

    @property
    def fernandez_huerta(self) -> float:
        """Spanish: 206.84 - 60 syllables/word - 1.02 words/sentence."""
        if not self.words:
            return 100.0
        return 206.84 - 60 * self.syllables_per_word - 1.02 * self.average_sentence

    @property
    def gulpease(self) -> float:
        """Italian: 89 + (300 sentences - 10 letters) / words."""
        if not self.words:
            return 100.0
        return 89 + (300 * len(self.sentences) - 10 * sum(s.letters for s in self.sentences)) / self.words

    @property
    def kandel_moles(self) -> float:
        """French: 207 - 1.015 words/sentence - 73.6 syllables/word."""
        if not self.words:
            return 100.0
        return 207 - 1.015 * self.average_sentence - 73.6 * self.syllables_per_word

    @property
    def score(self) -> Score | None:
        """The reading-ease formula of this language, or None (Romanian and Bulgarian have none here)."""
        return SCORES.get(self.language)


SCORES = {
    "en": Score("Flesch", 60, lambda figures: figures.flesch),
    "es": Score("Fernández-Huerta", 60, lambda figures: figures.fernandez_huerta),
    "it": Score("Gulpease", 60, lambda figures: figures.gulpease),
    "fr": Score("Kandel-Moles", 60, lambda figures: figures.kandel_moles),
}
PYPHEN_LANGUAGES = {"en": "en_US", "es": "es", "it": "it_IT", "fr": "fr", "ro": "ro_RO", "bg": "bg_BG"}


@cache
def _dictionary(language: str = "en") -> pyphen.Pyphen:
    if language == "en":
        return pyphen.Pyphen(lang="en_US")
    # Hyphenation keeps two letters at each end of a line; a syllable count needs every point.
    return pyphen.Pyphen(lang=PYPHEN_LANGUAGES.get(language, language), left=1, right=1)


def syllables(word: str, language: str = "en") -> int:
    """Pyphen's hyphenation points plus one; a number or a short word is one syllable."""
    if not word.isalpha():
        return 1
    return len(_dictionary(language).positions(word.lower())) + 1


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


def sentences(markdown: str, *, cell: int = 0, language: str = "en") -> list[Sentence]:
    result = []
    for block in blocks(markdown):
        for piece in SENTENCE_END.split(block):
            words = WORD.findall(piece.replace("*", " "))
            if words:
                result.append(Sentence(cell, " ".join(piece.split()), len(words),
                                       sum(syllables(word, language) for word in words),
                                       sum(1 for word in words for letter in word if letter.isalpha())))
    return result


def readability(cells: list, *, language: str = "en") -> Readability:
    """The figures of the markdown cells of one notebook, in *language*."""
    figures = Readability(language=language)
    for number, cell in enumerate(cells, start=1):
        if cell.cell_type == "markdown":
            figures.sentences.extend(sentences(cell.source, cell=number, language=language))
    return figures
