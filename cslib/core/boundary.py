"""Statistical preconditions reach the user as located input errors.

Functions in :mod:`cslib.stats` check their preconditions ("Cohen's kappa needs ≥ 2 units",
"Kendall's W needs 2 raters") with a plain :class:`ValueError`: they know arrays, not files.
An analysis package calls them through :func:`preconditions`, which turns such an error into an
:class:`~cslib.core.errors.InputError` naming the user's file, what the analysis needed, and
what to do — never a bare ``ValueError`` from inside a kernel.

Examples
--------
>>> from cslib.stats.agreement import cohen_kappa
>>> try:
...     with preconditions("calib.csv", "inter-rater agreement", column="call_id"):
...         cohen_kappa([1], [1])
... except InputError as e:
...     print(e.file, "|", e.problems[0].message)
calib.csv | inter-rater agreement cannot be computed from this file: both raters must rate the same ≥ 2 units
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from cslib.core.errors import InputError

__all__ = ["located_by", "preconditions"]

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def preconditions(
    source: str | Path | None, analysis: str, *, column: str | None = None, remedy: str = ""
) -> Iterator[None]:
    """Run statistics; a bare ``ValueError`` becomes an :class:`InputError` on ``source``.

    An :class:`InputError` without a file gets ``source`` as its file; one that already names
    a file passes unchanged.
    """
    try:
        yield
    except InputError as exc:
        if exc.file is None and source is not None:
            raise InputError(str(source), exc.problems, exc.sheet) from None
        raise
    except ValueError as exc:
        message = f"{analysis} cannot be computed from this file: {exc}"
        if remedy:
            message += f"; {remedy}"
        raise InputError.single(
            None if source is None else str(source), message, column=column
        ) from None


def located_by(
    argument: str, analysis: str, *, column: str | None = None, remedy: str = ""
) -> Callable[[F], F]:
    """Decorate an analysis function so that its statistics' preconditions name the file of
    ``argument`` (its ``source`` attribute): :func:`preconditions` around the whole call.

    Examples
    --------
    >>> class Data:
    ...     source = "ratings.csv"
    >>> @located_by("data", "agreement")
    ... def analyse(data):
    ...     raise ValueError("needs 2 raters")
    >>> try:
    ...     analyse(Data())
    ... except InputError as e:
    ...     print(e.file, "|", e.problems[0].message)
    ratings.csv | agreement cannot be computed from this file: needs 2 raters
    """

    def wrap(func: F) -> F:
        signature = inspect.signature(func)

        @functools.wraps(func)
        def inner(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind_partial(*args, **kwargs)
            source = getattr(bound.arguments.get(argument), "source", None)
            with preconditions(source, analysis, column=column, remedy=remedy):
                return func(*args, **kwargs)

        return inner  # type: ignore[return-value]

    return wrap
