"""Pure numerics: arrays and frames in, frozen result dataclasses out.

No files, no language, no figures; nothing from cslib but :mod:`cslib.core.errors`
(checked by the import contract in ``pyproject.toml``).
"""
