"""Plain record classes: equality, hash, repr, copying and :func:`replace` from their fields.

The core's value classes were dataclasses. Python 3.11 generates the source of a dataclass's
methods and compiles it (``exec``) at every start: creating the 23 on the start-up path cost
≈ 74 M instructions (0.4–0.6 ms each) and importing ``dataclasses`` ≈ 10 M more (it imports
``inspect``), see docs/benchmarks.md "Start-up". These bases cost nothing to create: each
record declares its fields as annotations, in the order of its own typed ``__init__``'s
parameters, and stores them in ``__slots__`` (which must name the same fields; ruff keeps it
sorted).

Behaviour is the dataclasses': ``==`` between instances of the same class compares the fields
in order, ``repr()`` is ``Name(field=value, ...)``, a mutable record is unhashable, a frozen
one hashes its fields and refuses assignment with :class:`FrozenError`; ``copy`` and
``pickle`` work on both.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, ClassVar, TypeVar

# A frozen record's __init__ sets its fields through object's own __setattr__, past the class's
# refusing one (as a frozen dataclass does). Called through this name rather than as
# ``object.__setattr__(...)`` it costs some 12 % less per object (callgrind).
set_field = object.__setattr__


class FrozenError(AttributeError):
    """An assignment to, or deletion of, a field of a frozen record."""


class Record:
    """A mutable record: ``==`` and ``repr()`` over its fields; unhashable.

    A subclass's fields are its annotations, in order; ``_compared`` may name fewer: those
    that ``==``, ``hash()`` and ``repr()`` use (a dataclass's ``field(compare=False,
    repr=False)``).
    """

    __slots__: ClassVar[tuple[str, ...]] = ()
    _fields: ClassVar[tuple[str, ...]]  # every field, in the order of __init__'s parameters
    _compared: ClassVar[tuple[str, ...]]
    _key: ClassVar[attrgetter[tuple[object, ...]]]  # the compared fields' values of an instance

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Its own annotations only (cls.__annotations__ may be a base's); not through
        # inspect.get_annotations: importing inspect is part of what this module saves.
        fields = tuple(cls.__dict__.get("__annotations__", ()))  # noqa: RUF063
        if not fields:  # a base without fields of its own (FrozenRecord)
            return
        if sorted(fields) != sorted(cls.__dict__.get("__slots__", ())):
            raise TypeError(f"{cls.__qualname__}: __slots__ must name its annotated fields")
        cls._fields = fields
        cls._compared = cls.__dict__.get("_compared", fields)
        # (Given one name, attrgetter returns the bare value: equality and hash work alike.)
        cls._key = attrgetter(*cls._compared)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key(self) == self._key(other)
        return NotImplemented

    # Defining __eq__ leaves __hash__ None: a mutable record is unhashable, as a dataclass is.

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._compared)
        return f"{self.__class__.__qualname__}({fields})"

    def __reduce__(self) -> tuple[type[Record], tuple[Any, ...]]:
        # copy and pickle rebuild through __init__: the default would set a frozen one's slots
        # with setattr, which it refuses.
        return self.__class__, tuple(getattr(self, name) for name in self._fields)


class FrozenRecord(Record):
    """An immutable record: hashable over its compared fields; assignment raises."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._key(self))

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenError(f"{self.__class__.__qualname__} is frozen: cannot assign to {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"{self.__class__.__qualname__} is frozen: cannot delete {name!r}")


R = TypeVar("R", bound=Record)


def replace(record: R, /, **changes: Any) -> R:
    """A new record of the same class with some fields changed, like ``dataclasses.replace``
    (fields left out of comparison are carried over too; an unknown name is a TypeError)."""
    cls = record.__class__
    fields: dict[str, Any] = {name: getattr(record, name) for name in cls._fields}
    fields.update(changes)
    return cls(**fields)
