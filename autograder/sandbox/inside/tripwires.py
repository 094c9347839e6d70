"""Run-time tripwires on forbidden routines, inside the sandbox (defense in depth).

The static rules (`autograder.static_rules`) are the main line; this catches what they cannot see
(`pickle` tricks, names built at run time). Every forbidden callable is replaced, in every loaded
module that holds it (`numpy.dot` is also `numpy._core.multiarray.dot`), by a wrapper that records
a hit when it is called while a graded function runs (`armed`: from the student's code, from a
library it called, or because the graded name itself was bound to the routine, `dot = np.dot`) and
then calls the original, so library internals and honest code behave exactly as before; calls
while the notebook loads (a student's own checks against numpy) do not count. Modules imported
later (torch, scipy) are patched by an import hook as soon as they load. torch.Tensor's methods
and attributes (`t.dot()`, `t.T`) are wrapped too. ndarray's own methods and attributes (`a.dot()`,
`a.T`) and `@` on arrays are C slots and cannot be wrapped: the static rules cover those.

Student code runs in this same process, so it could undo all this; it gains nothing by doing so,
because the grader also checks statically and compares results outside the sandbox.
"""
from __future__ import annotations

import sys
import types
from typing import Any, Callable

class Tripwires:
    """Watches every routine, method and attribute that some graded function of the assignment may
    not use; the grader keeps only the hits the called function's own rules forbid."""

    def __init__(self, forbidden: list[str], methods: list[str]):
        self.forbidden = sorted(forbidden)  # dotted names; a module name forbids all it holds
        self.methods = set(methods)  # method and attribute names to wrap on torch.Tensor
        self.roots = {name.split(".")[0] for name in self.forbidden}
        self.originals: dict[int, tuple[Any, str]] = {}  # id(original) -> (original, dotted name)
        self.wrappers: dict[int, Callable] = {}
        self.hits: list[str] = []
        self.armed = False  # only calls made while a graded function runs count
        self._patching = False

    # --- installing ---------------------------------------------------------------------------
    def install(self) -> None:
        self.refresh()
        sys.meta_path.insert(0, _PatchOnImport(self))

    def refresh(self) -> None:
        """Resolve the forbidden names among loaded modules and patch every module that holds one."""
        if self._patching:
            return
        self._patching = True
        try:
            for dotted in self.forbidden:
                self._resolve(dotted)
            for name, module in list(sys.modules.items()):
                if isinstance(module, types.ModuleType) and name.split(".")[0] in self.roots:
                    self._patch_module(module)
            self._patch_tensor_methods()
        finally:
            self._patching = False

    def _resolve(self, dotted: str) -> None:
        parts = dotted.split(".")
        for split in range(len(parts), 0, -1):  # the longest loaded module prefix
            module = sys.modules.get(".".join(parts[:split]))
            if module is None:
                continue
            target: Any = module
            try:  # only what is loaded: a module's __getattr__ would import lazily
                for attribute in parts[split:]:
                    if isinstance(target, types.ModuleType):
                        target = vars(target)[attribute]
                    else:
                        target = getattr(target, attribute)
            except Exception:  # noqa: BLE001 - not loaded yet, or absent from this version
                return
            if isinstance(target, types.ModuleType):
                for key, value in list(vars(target).items()):
                    if not key.startswith("__"):
                        self._remember(value, f"{target.__name__}.{key}")
            else:
                self._remember(target, dotted)
            return

    def _remember(self, value: Any, dotted: str) -> None:
        # Classes (np.matrix) stay: numpy's own isinstance checks need the real class.
        if not callable(value) or isinstance(value, (type, types.ModuleType)) or id(value) in self.wrappers:
            return
        known = self.originals.get(id(value))
        # One routine under two names (numpy.permute_dims is numpy.transpose): hits use its own name.
        if known is None or (dotted.endswith("." + str(getattr(value, "__name__", "")))
                             and not known[1].endswith("." + str(getattr(value, "__name__", "")))):
            self.originals[id(value)] = (value, dotted)

    def _wrapper_for(self, original: Any, dotted: str) -> Callable:
        wrapper = self.wrappers.get(id(original))
        if wrapper is None:
            wrapper = _make_wrapper(self, original, dotted)
            self.wrappers[id(original)] = wrapper
            self.wrappers[id(wrapper)] = wrapper  # a wrapper is never wrapped again
        return wrapper

    def _patch_module(self, module: types.ModuleType) -> None:
        try:
            items = list(vars(module).items())
        except TypeError:
            return
        for key, value in items:
            entry = self.originals.get(id(value))
            if entry is not None and entry[0] is value:
                try:
                    setattr(module, key, self._wrapper_for(value, entry[1]))
                except (AttributeError, TypeError):
                    pass

    def _patch_tensor_methods(self) -> None:
        """torch.Tensor's methods (t.dot()) and attributes (t.T, t.mT): a Python class, so both can be
        replaced, an attribute by a property that records the hit and reads the original."""
        torch = sys.modules.get("torch")
        tensor = getattr(torch, "Tensor", None) if torch is not None else None
        if tensor is None or getattr(tensor, "_autograder_patched", False):
            return
        for name in self.methods:
            raw = next((vars(klass)[name] for klass in tensor.__mro__ if name in vars(klass)), None)
            if raw is None:
                continue
            if callable(raw):
                replacement = self._wrapper_for(getattr(tensor, name), f"Tensor.{name}")
            elif hasattr(raw, "__get__"):
                replacement = _property_wrapper(self, raw, f"Tensor.{name}")
            else:
                continue
            try:
                setattr(tensor, name, replacement)
            except (AttributeError, TypeError):
                pass
        tensor._autograder_patched = True

    # --- reading ------------------------------------------------------------------------------
    def take_hits(self) -> list[str]:
        hits, self.hits = sorted(set(self.hits)), []
        return hits


def _make_wrapper(wires: Tripwires, original: Any, dotted: str) -> Callable:
    def tripwire(*args, **kwargs):
        if wires.armed:  # only the graded call runs while armed: whatever called this, it counts
            wires.hits.append(dotted)
        return original(*args, **kwargs)

    tripwire.__name__ = getattr(original, "__name__", "tripwire")
    tripwire.__qualname__ = getattr(original, "__qualname__", tripwire.__name__)
    tripwire.__doc__ = getattr(original, "__doc__", None)
    tripwire.__module__ = getattr(original, "__module__", None)  # pickles by reference, as the original
    return tripwire


def _property_wrapper(wires: Tripwires, descriptor: Any, dotted: str) -> property:
    def read(instance):
        if wires.armed:
            wires.hits.append(dotted)
        return descriptor.__get__(instance, type(instance))

    return property(read, doc=getattr(descriptor, "__doc__", None))


class _PatchOnImport:
    """A meta-path finder that lets the real finders load a module, then patches it."""

    def __init__(self, wires: Tripwires):
        self.wires = wires

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] not in self.wires.roots:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _PatchingLoader(spec.loader, self.wires)
                return spec
        return None


class _PatchingLoader:
    def __init__(self, loader, wires: Tripwires):
        self.loader = loader
        self.wires = wires

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        root = sys.modules.get(module.__name__.split(".")[0])
        if root is module or not getattr(getattr(root, "__spec__", None), "_initializing", False):
            self.wires.refresh()  # a package's submodules are patched once, when it is complete

    def __getattr__(self, name):
        return getattr(self.loader, name)
