"""Pick a font that renders Chinese in matplotlib figures, on a fresh machine.

The project depends on ``mplfonts``, a PyPI package that ships Noto Sans CJK SC,
so no system font package is needed.  :func:`use_cjk_font` registers that font
with matplotlib (without touching the user's matplotlibrc) and makes it the
default sans-serif face.  When no CJK font is found at all, it returns ``None``
and warns, and callers fall back to English labels.
"""

from __future__ import annotations

import warnings
from functools import cache
from importlib import resources
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

from cslib.core.i18n import languages
from cslib.core.notices import Notice

#: System fonts that also cover simplified Chinese, tried when the bundled one is absent.
_SYSTEM_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
)


class CJKFontWarning(Notice):
    """No font able to render Chinese was found; figures use English labels."""


def _bundled_font_file() -> Path | None:
    try:
        folder = resources.files("mplfonts") / "fonts"
    except ModuleNotFoundError:
        return None
    candidate = Path(str(folder / "NotoSansCJKsc-Regular.otf"))
    return candidate if candidate.is_file() else None


@cache
def find_cjk_font() -> str | None:
    """Return the family name of a usable CJK font, registering the bundled one.

    Returns
    -------
    str or None
        A matplotlib font family name, or ``None`` if no CJK font is available.
    """
    bundled = _bundled_font_file()
    if bundled is not None:
        font_manager.fontManager.addfont(str(bundled))
        return font_manager.FontProperties(fname=str(bundled)).get_name()
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in _SYSTEM_CJK_FAMILIES:
        if family in installed:
            return family
    return None


def use_cjk_font() -> str | None:
    """Make a CJK font the default sans-serif face for matplotlib.

    Returns
    -------
    str or None
        The family in use, or ``None`` (with a :class:`CJKFontWarning`) when no
        CJK font exists; callers should then label figures in English.
    """
    family = find_cjk_font()
    if family is None:
        warnings.warn(
            CJKFontWarning(
                "no font that can render Chinese was found (install the 'mplfonts' package); "
                "figures use English labels",
                "未找到能显示中文的字体（请安装 mplfonts 包）；图表改用英文标注",
            ),
            stacklevel=2,
        )
        return None
    sans = [family] + [f for f in mpl.rcParams["font.sans-serif"] if f != family]
    mpl.rcParams["font.sans-serif"] = sans
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["axes.unicode_minus"] = False  # CJK fonts often lack U+2212
    return family


def figure_language(lang: str) -> str:
    """The language figures can use: ``lang``, or ``"en"`` when Chinese is asked for but no
    CJK font exists (then :func:`use_cjk_font` has warned once)."""
    if "zh" not in languages(lang):
        return lang
    return lang if use_cjk_font() is not None else "en"


PRINT_DPI = 200
"""Resolution of the figures in a report (pixels per inch of the figure's printed size)."""


def use_print_resolution(dpi: int = PRINT_DPI) -> None:
    """Draw this notebook's inline figures at ``dpi`` (≥ 200 for print), shown at their size.

    The PNGs are drawn at twice the figure's ``figure.dpi`` (IPython's ``retina`` format,
    which also records the on-screen size, so the HTML page shows them as before) with
    ``figure.dpi`` raised to ``dpi / 2`` when lower; the Word version places them at ``dpi``.
    Does nothing outside IPython.
    """
    from IPython import get_ipython

    if get_ipython() is None:
        return
    import matplotlib as mpl
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    mpl.rcParams["figure.dpi"] = max(float(mpl.rcParams["figure.dpi"]), dpi / 2)
    set_matplotlib_formats("retina")
