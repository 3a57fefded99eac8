"""Two guards against answers that try to cheat the tests that run after them.

Learner code and the tests share one Python process, so no in-process guard is
complete: an answer can rewrite anything the tests use. The kit therefore does
two cheap things and is honest about the rest.

1. *Restore* (inside the kernel, best effort): before every test cell the engine
   silently puts back the built-in functions (``type``, ``isinstance``, ``len``,
   ``print``...) as they were before the learner's first cell ran.
2. *Flag* (outside the kernel, cannot be tampered with): answers whose source
   reaches into Python's machinery (builtins, IPython, sys.modules, exec,
   ctypes, signals, processes, sockets...) are marked for a trainer to look at:
   their scores stand, but nbgrader's "needs manual grade" flag is set and the
   summary names the learner.
"""
from __future__ import annotations

import re

# Runs once, silently, before any learner cell. The snapshot lives in a closure.
SNAPSHOT = """\
def __codensocial_guard(_saved=dict(__import__('builtins').__dict__), _module=__import__('builtins')):
    _dict = _module.__dict__
    for _name, _value in _saved.items():
        if _dict.get(_name) is not _value:
            _dict[_name] = _value
__import__('sys').__codensocial_guard__ = __codensocial_guard
del __codensocial_guard
"""
# Runs silently before every test cell.
RESTORE = "__import__('sys').__codensocial_guard__()"

# What a beginner's answer has no reason to touch. Matched on the answer's source text.
SUSPICIOUS = {
    r"\bbuiltins\b|__builtins__": "builtins",
    r"\bget_ipython\b|\bIPython\b|\bipykernel\b": "IPython",
    r"\bsys\s*\.\s*(modules|settrace|setprofile|exit|stdout|stderr|displayhook|excepthook)\b": "sys",
    r"\b(exec|eval|compile|__import__|globals|setattr|delattr)\s*\(": "dynamic code",
    r"__(class|code|globals|dict|subclasses|eq|ne|hash|bases|mro|closure|getattribute)__": "object internals",
    r"\b(ctypes|gc|inspect|importlib|signal|socket|subprocess|multiprocessing|threading|resource)\b": "system module",
    r"\bos\s*\.\s*(_exit|fork|kill|system|exec\w*|spawn\w*|remove|unlink|rmdir|chmod|setsid)\b": "os",
    r"\b(open|Path)\s*\(": "files",
    r"\bcourse\b\s*\.|from\s+course\b|import\s+course\b": "the course package",
}


def suspicious(source: str) -> list[str]:
    """The kinds of machinery an answer reaches into, by name; empty for ordinary answers."""
    return sorted({label for pattern, label in SUSPICIOUS.items() if re.search(pattern, source)})
