"""References and the methods section of a report.

Each analysis package builds its methods paragraph from what a run actually did
(``cslib.<package>.methods``) and cites works from :data:`REFERENCES`; :class:`Methods` puts
the paragraphs and the list of the works cited into the report, in the report's language.
References are listed in APA 7 style, in their original language, sorted by first author.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cslib.core.i18n import Lang, Phrases, check_lang

PHRASES = Phrases(
    {
        "methods": ("方法", "Methods"),
        "references": ("参考文献", "References"),
        "adapt": (
            "以下方法说明由本次运行实际使用的数据和参数生成，可直接用于论文或报告的方法部分，并按需要修改。",
            "The paragraphs below are generated from the data and parameters this run actually "
            "used; adapt them for the methods section of a paper or report.",
        ),
    }
)

REFERENCES: dict[str, str] = {
    "aiken1985": (
        "Aiken, L. R. (1985). Three coefficients for analyzing the reliability and validity of "
        "ratings. *Educational and Psychological Measurement, 45*(1), 131–142."
    ),
    "callaway2021": (
        "Callaway, B., & Sant'Anna, P. H. C. (2021). Difference-in-differences with multiple "
        "time periods. *Journal of Econometrics, 225*(2), 200–230."
    ),
    "cohen1988": (
        "Cohen, J. (1988). *Statistical power analysis for the behavioral sciences* (2nd ed.). "
        "Lawrence Erlbaum."
    ),
    "diamond2014": (
        "Diamond, I. R., Grant, R. C., Feldman, B. M., Pencharz, P. B., Ling, S. C., Moore, A. M., "
        "& Wales, P. W. (2014). Defining consensus: A systematic review recommends methodologic "
        "criteria for reporting of Delphi studies. *Journal of Clinical Epidemiology, 67*(4), "
        "401–409."
    ),
    "efron1987": (
        "Efron, B. (1987). Better bootstrap confidence intervals. *Journal of the American "
        "Statistical Association, 82*(397), 171–185."
    ),
    "goodmanbacon2021": (
        "Goodman-Bacon, A. (2021). Difference-in-differences with variation in treatment timing. "
        "*Journal of Econometrics, 225*(2), 254–277."
    ),
    "hake1998": (
        "Hake, R. R. (1998). Interactive-engagement versus traditional methods: A six-thousand-"
        "student survey of mechanics test data for introductory physics courses. *American "
        "Journal of Physics, 66*(1), 64–74."
    ),
    "hesterberg2015": (
        "Hesterberg, T. C. (2015). What teachers should know about the bootstrap: Resampling in "
        "the undergraduate statistics curriculum. *The American Statistician, 69*(4), 371–386."
    ),
    "holm1979": (
        "Holm, S. (1979). A simple sequentially rejective multiple test procedure. "
        "*Scandinavian Journal of Statistics, 6*(2), 65–70."
    ),
    "benjamini1995": (
        "Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate: A practical "
        "and powerful approach to multiple testing. *Journal of the Royal Statistical Society: "
        "Series B, 57*(1), 289–300."
    ),
    "junger2017": (
        "Jünger, S., Payne, S. A., Brine, J., Radbruch, L., & Brearley, S. G. (2017). Guidance on "
        "Conducting and REporting DElphi Studies (CREDES) in palliative care: Recommendations "
        "based on a methodological systematic review. *Palliative Medicine, 31*(8), 684–706."
    ),
    "kendall1939": (
        "Kendall, M. G., & Babington Smith, B. (1939). The problem of m rankings. *The Annals of "
        "Mathematical Statistics, 10*(3), 275–287."
    ),
    "kendall1945": (
        "Kendall, M. G. (1945). The treatment of ties in ranking problems. *Biometrika, 33*(3), "
        "239–251."
    ),
    "kirkpatrick2006": (
        "Kirkpatrick, D. L., & Kirkpatrick, J. D. (2006). *Evaluating training programs: The four "
        "levels* (3rd ed.). Berrett-Koehler."
    ),
    "lakens2013": (
        "Lakens, D. (2013). Calculating and reporting effect sizes to facilitate cumulative "
        "science: A practical primer for t-tests and ANOVAs. *Frontiers in Psychology, 4*, 863."
    ),
    "legendre2005": (
        "Legendre, P. (2005). Species associations: The Kendall coefficient of concordance "
        "revisited. *Journal of Agricultural, Biological, and Environmental Statistics, 10*(2), "
        "226–245."
    ),
    "newcombe1998": (
        "Newcombe, R. G. (1998). Interval estimation for the difference between independent "
        "proportions: Comparison of eleven methods. *Statistics in Medicine, 17*(8), 873–890."
    ),
    "polit2007": (
        "Polit, D. F., Beck, C. T., & Owen, S. V. (2007). Is the CVI an acceptable indicator of "
        "content validity? Appraisal and recommendations. *Research in Nursing & Health, 30*(4), "
        "459–467."
    ),
    "pratt1959": (
        "Pratt, J. W. (1959). Remarks on zeros and ties in the Wilcoxon signed rank procedures. "
        "*Journal of the American Statistical Association, 54*(287), 655–667."
    ),
    "saaty1980": "Saaty, T. L. (1980). *The analytic hierarchy process*. McGraw-Hill.",
    "wilson1927": (
        "Wilson, E. B. (1927). Probable inference, the law of succession, and statistical "
        "inference. *Journal of the American Statistical Association, 22*(158), 209–212."
    ),
    "kuder1937": (
        "Kuder, G. F., & Richardson, M. W. (1937). The theory of the estimation of test "
        "reliability. *Psychometrika, 2*(3), 151–160."
    ),
    "shrout1979": (
        "Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: Uses in assessing rater "
        "reliability. *Psychological Bulletin, 86*(2), 420–428."
    ),
    "brennan2001": "Brennan, R. L. (2001). *Generalizability theory*. Springer.",
    "mcgraw1996": (
        "McGraw, K. O., & Wong, S. P. (1996). Forming inferences about some intraclass "
        "correlation coefficients. *Psychological Methods, 1*(1), 30–46."
    ),
    "koo2016": (
        "Koo, T. K., & Li, M. Y. (2016). A guideline of selecting and reporting intraclass "
        "correlation coefficients for reliability research. *Journal of Chiropractic Medicine, "
        "15*(2), 155–163."
    ),
    "gwet2008": (
        "Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the presence "
        "of high agreement. *British Journal of Mathematical and Statistical Psychology, 61*(1), "
        "29–48."
    ),
    "gwet2014": (
        "Gwet, K. L. (2014). *Handbook of inter-rater reliability* (4th ed.). Advanced Analytics."
    ),
    "cronbach1951": (
        "Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests. "
        "*Psychometrika, 16*(3), 297–334."
    ),
    "feldt1965": (
        "Feldt, L. S. (1965). The approximate sampling distribution of Kuder-Richardson "
        "reliability coefficient twenty. *Psychometrika, 30*(3), 357–370."
    ),
    "harker1987": (
        "Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic hierarchy "
        "process. *Mathematical Modelling, 9*(11), 837–848."
    ),
    "alonso2006": (
        "Alonso, J. A., & Lamata, M. T. (2006). Consistency in the analytic hierarchy process: "
        "A new approach. *International Journal of Uncertainty, Fuzziness and Knowledge-Based "
        "Systems, 14*(4), 445–459."
    ),
    "hawkins1987": (
        "Hawkins, D. M. (1987). Self-starting CUSUM charts for location and scale. *Journal of "
        "the Royal Statistical Society: Series D (The Statistician), 36*(4), 299–316."
    ),
    "lucas1990": (
        "Lucas, J. M., & Saccucci, M. S. (1990). Exponentially weighted moving average control "
        "schemes: Properties and enhancements. *Technometrics, 32*(1), 1–12."
    ),
}
"""Every work a methods paragraph may cite, by key, in APA 7 style."""


@dataclass(frozen=True)
class Methods:
    """A report's methods section: paragraphs in one language and the works they cite.

    Examples
    --------
    >>> m = Methods(("Ratings were analysed (Holm, 1979).",), ("holm1979",), "en")
    >>> print(m.markdown())
    The paragraphs below are generated from the data and parameters this run actually used; adapt them for the methods section of a paper or report.
    <BLANKLINE>
    Ratings were analysed (Holm, 1979).
    <BLANKLINE>
    **References**
    <BLANKLINE>
    1. Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian Journal of Statistics, 6*(2), 65–70.
    """

    paragraphs: tuple[str, ...]
    cited: tuple[str, ...]
    lang: Lang = "zh"

    def __post_init__(self) -> None:
        check_lang(self.lang)
        unknown = [k for k in self.cited if k not in REFERENCES]
        if unknown:
            raise KeyError(f"no reference for {', '.join(unknown)}")

    @property
    def references(self) -> list[str]:
        """The works cited, once each, sorted by their APA entry (first author, year)."""
        return sorted({REFERENCES[k] for k in self.cited})

    def text(self) -> str:
        """The paragraphs as plain text, separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    def html(self) -> str:
        """The section as HTML: the reference list is ``<ol class="cslib-references">`` (its
        entries are in their original language, which the report hygiene check allows)."""
        import html as html_lib
        import re

        def inline(text: str) -> str:
            escaped = html_lib.escape(text, quote=False)
            return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", escaped)

        parts = [
            f'<p class="cslib-methods-intro"><em>{inline(PHRASES("adapt", self.lang))}</em></p>'
        ]
        parts += [f"<p>{inline(p)}</p>" for p in self.paragraphs]
        parts.append(f"<p><strong>{html_lib.escape(PHRASES('references', self.lang))}</strong></p>")
        items = "".join(f"<li>{inline(ref)}</li>" for ref in self.references)
        parts.append(f'<ol class="cslib-references">{items}</ol>')
        return '<div class="cslib-methods">' + "".join(parts) + "</div>"

    def _repr_html_(self) -> str:
        return self.html()

    def markdown(self) -> str:
        """An introduction, the paragraphs and the numbered reference list, as markdown."""
        parts = [PHRASES("adapt", self.lang), *self.paragraphs]
        parts.append(f"**{PHRASES('references', self.lang)}**")
        parts.append("\n".join(f"{k}. {ref}" for k, ref in enumerate(self.references, 1)))
        return "\n\n".join(parts)


def cite_all(*groups: Iterable[str]) -> tuple[str, ...]:
    """The keys of several groups, in first-seen order, once each."""
    return tuple(dict.fromkeys(k for g in groups for k in g))
