"""The part of the guard that runs inside the learner's kernel; its source is sent there as it is.

Before the learner's first cell it takes a snapshot of everything a test cell relies on.
Before every test cell, the grader calls the restore function that the snapshot left (as an
IPython user expression, which is evaluated without the input or AST transformers), so the
test cell runs as written, with the checks as they were shipped:

- built-in functions, and names in the namespace that shadow them (``type``, ``len``...);
- IPython's input transformers (cleanup, line, token, post), AST transformers, the cell
  compiler, the display hook and display publisher, the exception hooks and custom exception
  handlers, methods replaced on the shell or its classes, and callbacks the answer registered
  for the events around a cell;
- the kit's own modules (``course``, ``course.learner.checks``...) and the import system:
  each module back in ``sys.modules``, its names bound as shipped, its functions' code and
  defaults as shipped;
- trace and profile functions, interval timers that would interrupt a test cell, garbage-collector
  callbacks; and no audit hook can be added after the snapshot (one could run code just as
  a test cell starts).

The restore function sits under a name chosen at random by each grader run. This module is
never imported by the grader: ``course.grading.guard`` sends its text, then one call.
"""


def _codensocial_install(key, shadowed, package):  # noqa: C901 - one closure, by design
    import builtins
    import gc
    import signal
    import sys
    import threading
    import types

    ip = get_ipython()  # noqa: F821 - provided by IPython in the kernel
    try:
        __import__(package + ".learner.checks")  # what the test cells import, as shipped
    except Exception:  # noqa: BLE001 - a kernel without the kit still gets the rest of the guard
        pass

    def module_state(module):
        names = dict(vars(module))
        code = {}
        for value in names.values():
            for function in _functions(value, module.__name__):
                code[function] = (function.__code__, function.__defaults__, function.__kwdefaults__)
        classes = {value: dict(vars(value)) for value in names.values()
                   if isinstance(value, type) and getattr(value, "__module__", None) == module.__name__}
        return module, names, code, classes

    def _functions(value, module_name):
        if isinstance(value, types.FunctionType) and value.__module__ == module_name:
            yield value
        elif isinstance(value, type) and getattr(value, "__module__", None) == module_name:
            for member in vars(value).values():
                member = getattr(member, "__func__", member)
                if isinstance(member, types.FunctionType):
                    yield member

    watched = [name for name in sys.modules if name == package or name.startswith(package + ".")]
    watched += ["_frozen_importlib", "_frozen_importlib_external", "importlib"]
    modules = {name: module_state(sys.modules[name]) for name in watched if name in sys.modules}
    shell_classes = [cls for cls in type(ip).__mro__ if cls is not object]
    manager = ip.input_transformer_manager
    shell_classes += [type(manager), type(ip.compile), type(ip.displayhook), type(ip.display_pub),
                      type(ip.display_trap), type(ip.events)]
    classes = {cls: dict(vars(cls)) for cls in shell_classes}
    instance = dict(vars(ip))
    attributes = {name: getattr(ip, name) for name in (
        "input_transformer_manager", "compile", "displayhook", "display_pub", "display_trap", "events",
        "InteractiveTB", "SyntaxTB", "CustomTB", "custom_exceptions", "input_transformers_post", "ast_transformers")
        if hasattr(ip, name)}
    lists = [(manager.cleanup_transforms, list(manager.cleanup_transforms)),
             (manager.line_transforms, list(manager.line_transforms)),
             (manager.token_transformers, list(manager.token_transformers)),
             (ip.input_transformers_post, list(ip.input_transformers_post)),
             (ip.ast_transformers, list(ip.ast_transformers)),
             (gc.callbacks, list(gc.callbacks))]
    callbacks = ip.events.callbacks
    events = {name: list(found) for name, found in callbacks.items()}
    hooks = {name: getattr(sys, name) for name in ("displayhook", "excepthook", "stdout", "stderr", "stdin",
                                                   "modules")}
    trap_hook = ip.display_trap.hook
    saved_builtins = dict(vars(builtins))
    namespace = ip.user_ns
    thread_hook = threading.excepthook
    timers = [getattr(signal, name) for name in ("ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF")
              if hasattr(signal, name)]

    data = (str, int, float, complex, bool, bytes, type(None))

    def put_back_dict(target, saved, assign=None):
        """Names bound to code (functions, classes, modules, objects) as saved; plain data may change."""
        current = vars(target) if assign is not None else target
        for name in [name for name in current if name not in saved and not isinstance(current[name], data)]:
            try:
                delattr(target, name) if assign is not None else current.pop(name, None)
            except (AttributeError, TypeError):
                pass
        for name, value in saved.items():
            now = current.get(name, put_back_dict)
            if now is not value and not (isinstance(now, data) and isinstance(value, data)):
                try:
                    setattr(target, name, value) if assign is not None else current.__setitem__(name, value)
                except (AttributeError, TypeError):
                    pass

    def restore():
        put_back_dict(vars(builtins), saved_builtins)
        for name in shadowed:
            if name in namespace and namespace[name] is not saved_builtins.get(name):
                del namespace[name]
        for name, value in hooks.items():
            if getattr(sys, name) is not value:
                setattr(sys, name, value)
        sys.settrace(None)
        sys.setprofile(None)
        threading.settrace(None)
        threading.setprofile(None)
        threading.excepthook = thread_hook
        for timer in timers:
            signal.setitimer(timer, 0)
        for cls, saved in classes.items():
            put_back_dict(cls, saved, assign=True)
        for name, value in list(vars(ip).items()):
            if instance.get(name, put_back_dict) is not value and callable(value) and callable(
                    getattr(type(ip), name, None)):
                del vars(ip)[name]
        for name, value in attributes.items():
            if getattr(ip, name, None) is not value:
                setattr(ip, name, value)
        ip.display_trap.hook = trap_hook
        for target, saved in lists:
            if target != saved:
                target[:] = saved
        for name, found in callbacks.items():
            found[:] = [cb for cb in found if cb in events.get(name, ()) or (
                name.startswith("post_") and getattr(cb, "__module__", "__main__") != "__main__")]
        for name, (module, names, code, saved_classes) in modules.items():
            if sys.modules.get(name) is not module:
                sys.modules[name] = module
            put_back_dict(vars(module), names)
            for function, (body, defaults, keywords) in code.items():
                if function.__code__ is not body:
                    function.__code__ = body
                function.__defaults__, function.__kwdefaults__ = defaults, keywords
            for cls, saved in saved_classes.items():
                put_back_dict(cls, saved, assign=True)
        return 0

    def no_more_audit_hooks(event, _args):
        if event == "sys.addaudithook":
            raise RuntimeError("no audit hooks in a graded notebook")

    sys.addaudithook(no_more_audit_hooks)
    setattr(sys, key, restore)
