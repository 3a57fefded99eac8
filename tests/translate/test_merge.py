"""Merging a lesson's new template into a translation: what stays, what becomes fuzzy, what is new."""
import polib

from course.translate.catalog import FUZZY, merge


def catalogue(*units: tuple[str, str, str]) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    for context, english, translation in units:
        po.append(polib.POEntry(msgctxt=context, msgid=english, msgstr=translation))
    return po


def test_a_paragraph_added_above_keeps_the_translations_below_it():
    """A new paragraph in a cell shifts the positions after it: those units keep their translation, not fuzzy."""
    before = catalogue(("c1:text:0", "Make a card.", "Haz una ficha."), ("c1:text:1", "Use an f-string.", "Usa una f-string."))
    template = catalogue(("c1:text:0", "Make a card.", ""), ("c1:text:1", "Name: Ioana", ""),
                         ("c1:text:2", "Use an f-string.", ""))
    merged = {entry.msgctxt: entry for entry in merge(before, template) if not entry.obsolete}
    assert merged["c1:text:0"].msgstr == "Haz una ficha." and FUZZY not in merged["c1:text:0"].flags
    assert merged["c1:text:2"].msgstr == "Usa una f-string." and FUZZY not in merged["c1:text:2"].flags
    assert FUZZY in merged["c1:text:1"].flags  # the new text sits where another one was: a translator looks


def test_changed_english_is_fuzzy_and_a_gone_unit_obsolete():
    """Negative control: a changed sentence is fuzzy with its old English kept; a unit no longer there is obsolete."""
    before = catalogue(("c1:text:0", "Make a card.", "Haz una ficha."), ("c2:text:0", "Bye.", "Adiós."))
    template = catalogue(("c1:text:0", "Make a small card.", ""))
    merged = merge(before, template)
    entry = next(e for e in merged if e.msgctxt == "c1:text:0")
    assert FUZZY in entry.flags and entry.previous_msgid == "Make a card." and entry.msgstr == "Haz una ficha."
    assert [e.msgctxt for e in merged if e.obsolete] == ["c2:text:0"]
