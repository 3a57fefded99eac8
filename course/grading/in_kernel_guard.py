"""The part of the guard that runs inside the learner's kernel; its source is sent there as it is.

Before the learner's first cell it takes a snapshot of everything a test cell relies on.
Before every test cell, the grader calls the restore function that the snapshot left (as an
IPython user expression, which is evaluated without the input or AST transformers), so the
test cell runs as written, with the checks as they were shipped:

- built-in functions, and names in the namespace that shadow them (``type``, ``len``...);
- the system hooks: display and exception hooks, standard streams, ``sys.modules``, trace
  and profile functions, interval timers that would interrupt a test cell, garbage-collector
  callbacks; and no audit hook can be added after the snapshot (one could run code just as
  a test cell starts);
- IPython: its input transformers (cleanup, line, token, post), AST transformers, the cell
  compiler, display hook and publisher, custom exception handlers, methods replaced on the
  shell or on its classes, callbacks the answer registered for the events around a cell;
- the kit's own modules (``course``, ``course.learner.checks``...) and the import system:
  each module back in ``sys.modules``, its names bound as shipped (plain data may change:
  the lesson's language), its functions' code and defaults as shipped.

Every name the restore function uses is its own (a closure), taken at the snapshot: the
learner's namespace and a patched built-in cannot change what it calls. It sits under a name
chosen at random by each grader run. The grader never imports this module:
``course.grading.guard`` sends its text, then one call, then deletes these names.
"""


def _codensocial_tools():
    """The built-ins the restore steps call, as they are now (before any learner code)."""
    import operator

    return (vars, isinstance, getattr, setattr, delattr, callable, list, type, dict,
            (str, int, float, complex, bool, bytes, type(None)), AttributeError, TypeError, id,
            (all, map, len, operator.is_, operator.attrgetter))


def _codensocial_put_back(tools):
    """A function that puts the names of a dict (or of a class, with *assign*) back as saved."""
    vars_, isinstance_, _getattr, setattr_, delattr_, _callable, list_, _type, _dict, data, e1, e2, _id, fast = tools
    all_, map_, len_, is_, _attrgetter = fast
    missing = object()

    def unchanged(current, saved):
        """Nothing added, removed or rebound (by identity, in C: a few microseconds per module)."""
        return len_(current) == len_(saved) and all_(map_(is_, saved.values(), map_(current.get, saved.keys())))

    def put_back(target, saved, assign=False):
        current = vars_(target) if assign else target
        if unchanged(current, saved):
            return
        for name in list_(current):
            if name not in saved and not isinstance_(current[name], data):
                try:
                    delattr_(target, name) if assign else current.pop(name, None)
                except (e1, e2):
                    pass
        for name, value in saved.items():
            now = current.get(name, missing)
            if now is not value and not (isinstance_(now, data) and isinstance_(value, data)):
                try:
                    setattr_(target, name, value) if assign else current.__setitem__(name, value)
                except (e1, e2):
                    pass
    return put_back


def _codensocial_builtins_step(ip, shadowed, tools, put_back):
    import builtins

    vars_, *_rest = tools
    saved, namespace = dict(vars_(builtins)), ip.user_ns

    def step():
        put_back(vars_(builtins), saved)
        for name in shadowed:
            if name in namespace and namespace[name] is not saved.get(name):
                del namespace[name]
    return step


def _codensocial_hooks_step(tools):
    import gc
    import signal
    import sys
    import threading

    _vars, _isinstance, getattr_, setattr_, *_rest = tools
    hooks = {name: getattr_(sys, name) for name in ("displayhook", "excepthook", "stdout", "stderr", "stdin",
                                                    "modules")}
    thread_hook, callbacks, saved_callbacks = threading.excepthook, gc.callbacks, list(gc.callbacks)
    timers = [getattr_(signal, name) for name in ("ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF")
              if hasattr(signal, name)]
    settrace, setprofile, setitimer = sys.settrace, sys.setprofile, signal.setitimer
    thread_trace, thread_profile = threading.settrace, threading.setprofile

    def step():
        for name, value in hooks.items():
            if getattr_(sys, name) is not value:
                setattr_(sys, name, value)
        settrace(None)
        setprofile(None)
        thread_trace(None)
        thread_profile(None)
        threading.excepthook = thread_hook
        for timer in timers:
            setitimer(timer, 0)
        callbacks[:] = saved_callbacks
    return step


def _codensocial_shell_step(ip, tools, put_back):
    vars_, _isinstance, getattr_, setattr_, _delattr, callable_, list_, type_, dict_, *_rest = tools
    id_ = tools[12]
    manager = ip.input_transformer_manager
    classes = [cls for cls in type_(ip).__mro__ if cls is not object]
    classes += [type_(manager), type_(ip.compile), type_(ip.displayhook), type_(ip.display_pub),
                type_(ip.display_trap), type_(ip.events)]
    saved_classes = {cls: dict_(vars_(cls)) for cls in classes}
    instance = dict_(vars_(ip))
    attributes = {name: getattr_(ip, name) for name in (
        "input_transformer_manager", "compile", "displayhook", "display_pub", "display_trap", "events",
        "InteractiveTB", "SyntaxTB", "CustomTB", "custom_exceptions", "input_transformers_post", "ast_transformers")
        if hasattr(ip, name)}
    lists = [(found, list_(found)) for found in (manager.cleanup_transforms, manager.line_transforms,
                                                 manager.token_transformers, ip.input_transformers_post,
                                                 ip.ast_transformers)]
    callbacks, trap_hook = ip.events.callbacks, ip.display_trap.hook
    events = {name: list_(found) for name, found in callbacks.items()}
    known = {id(cb) for found in events.values() for cb in found}  # by identity: an answer's == may lie
    missing = object()

    def step():
        for cls, saved in saved_classes.items():
            put_back(cls, saved, assign=True)
        for name, value in list_(vars_(ip).items()):
            if instance.get(name, missing) is not value and callable_(value) and callable_(
                    getattr_(type_(ip), name, None)):
                del vars_(ip)[name]
        for name, value in attributes.items():
            if getattr_(ip, name, None) is not value:
                setattr_(ip, name, value)
        ip.display_trap.hook = trap_hook
        for found, saved in lists:
            found[:] = saved
        for name, found in callbacks.items():  # after a cell, only callbacks from outside the answers stay
            found[:] = [cb for cb in found if id_(cb) in known or (
                name.startswith("post_") and getattr_(cb, "__module__", "__main__") != "__main__")]
    return step


def _codensocial_modules_step(package, tools, put_back):
    import sys
    import types

    vars_, isinstance_, getattr_, _setattr, _delattr, _callable, _list, type_, dict_, *_rest = tools
    try:
        __import__(package + ".learner.checks")  # what the test cells import, as shipped
    except Exception:  # noqa: BLE001 - a kernel without the kit still gets the rest of the guard
        pass
    names = [name for name in sys.modules if name == package or name.startswith(package + ".")]
    names += ["_frozen_importlib", "_frozen_importlib_external", "importlib"]
    modules, code, classes = {}, {}, {}
    for name in names:
        module = sys.modules.get(name)
        if module is None:
            continue
        modules[name] = (module, dict_(vars_(module)))
        for value in vars_(module).values():
            if isinstance_(value, type_) and getattr_(value, "__module__", None) == name:
                classes[value] = dict_(vars_(value))
                members = [getattr_(member, "__func__", member) for member in vars_(value).values()]
            else:
                members = [value]
            for function in members:
                if isinstance_(function, types.FunctionType) and function.__module__ == name:
                    code[function] = (function.__code__, function.__defaults__, function.__kwdefaults__)

    all_, map_, _len, is_, attrgetter = tools[-1]
    functions = list(code)
    saved_parts = [(attrgetter(part), [saved[index] for saved in code.values()])
                   for index, part in enumerate(("__code__", "__defaults__", "__kwdefaults__"))]

    def step():
        for name, (module, saved) in modules.items():
            if sys.modules.get(name) is not module:
                sys.modules[name] = module
            put_back(vars_(module), saved)
        if not all_([all_(map_(is_, map_(part_of, functions), saved)) for part_of, saved in saved_parts]):
            for function, (body, defaults, keywords) in code.items():
                function.__code__, function.__defaults__, function.__kwdefaults__ = body, defaults, keywords
        for cls, saved in classes.items():
            put_back(cls, saved, assign=True)
    return step


def _codensocial_install(key, shadowed, package):
    """Take the snapshot; leave the restore function under ``sys.<key>``; allow no audit hook from now on."""
    import sys

    tools = _codensocial_tools()
    put_back = _codensocial_put_back(tools)
    ip = get_ipython()  # noqa: F821 - provided by IPython in the kernel
    steps = (_codensocial_builtins_step(ip, shadowed, tools, put_back), _codensocial_hooks_step(tools),
             _codensocial_shell_step(ip, tools, put_back), _codensocial_modules_step(package, tools, put_back))

    def restore():
        for step in steps:
            step()
        return 0

    def no_more_audit_hooks(event, _args):
        if event == "sys.addaudithook":
            raise RuntimeError("no audit hooks in a graded notebook")

    sys.addaudithook(no_more_audit_hooks)
    setattr(sys, key, restore)
