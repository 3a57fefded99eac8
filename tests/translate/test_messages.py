"""`course translate update` for the kit's own catalogues."""
import polib

from course.translate.messages import Message, merge_messages


def test_merge_keeps_translations_adds_new_and_retires_only_what_was_translated():
    """Are translations kept in place, new messages added empty, and gone ones obsolete only if translated?"""
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Kept", msgstr="Guardado"))
    po.append(polib.POEntry(msgid="Gone", msgstr="Ido"))
    po.append(polib.POEntry(msgid="Gone, never translated", msgstr=""))
    messages = {"New {count}": Message("New {count}", "New {count}s"), "Kept": Message("Kept")}
    merged = merge_messages(po, messages, language="ro")
    live = [(e.msgid, e.msgstr, dict(e.msgstr_plural)) for e in merged if not e.obsolete]
    assert live == [("Kept", "Guardado", {}), ("New {count}", "", {0: "", 1: "", 2: ""})]  # Romanian: 3 forms
    assert [e.msgid for e in merged if e.obsolete] == ["Gone"]
    assert merged.metadata["Plural-Forms"].startswith("nplurals=3;")
