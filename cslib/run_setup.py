"""What a ``cslib run`` reads, decided before any kernel starts.

Three kinds of run:

* **a study** (``--study DIR``, or the current folder holds ``study.yaml``): every input
  comes from the study's declarations (:mod:`cslib.core.study`), then ``--params`` and
  ``-p`` values on top; reports go to ``DIR/报告`` (``DIR/reports`` for an English
  study) unless ``--output-dir`` says otherwise.  An existing ``报告`` or ``reports``
  folder of the study is used whatever the language.
* **the user's own files** without a study: ``-p`` or ``--params`` names at least one
  file outside ``data_samples/``.
* **the demo**: nothing but sample files; parameters default to the sample data.

In the first two, inputs that were not given are absent or missing
(:func:`cslib.core.inputs.plan_inputs`); all missing inputs of all notebooks are
reported together in the run's language (:class:`RunSetupError`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cslib.core.errors import InputError
from cslib.core.i18n import check_lang
from cslib.core.inputs import InputPlan, MissingInputs, gives_user_file, plan_inputs
from cslib.core.study import Study, StudyError, find_study, input_parameters, load_study

__all__ = [
    "RunSetup",
    "RunSetupError",
    "setup_run",
    "study_output_dir",
    "study_weights",
]


class RunSetupError(Exception):
    """The run cannot start; ``str()`` is the whole message for the user."""


@dataclass(frozen=True)
class RunSetup:
    """The parameters of every notebook of a run, its language and output folder."""

    parameters: dict[Path, dict[str, Any]]
    lang: str = "zh"
    output_dir: Path | None = None
    study: Study | None = None
    demo: bool = True
    plans: dict[Path, InputPlan] = field(default_factory=dict)


def study_output_dir(study: Study) -> Path:
    """``报告`` or ``reports`` in the study folder (an existing one first, else by language)."""
    for name in ("报告", "reports"):
        if (study.root / name).is_dir():
            return study.root / name
    from cslib.core.i18n import choose

    return study.root / choose("报告", "reports", study.lang)


def _cwd_paths(stem: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """``-p`` file values relative to the current folder, where such a file exists."""
    kinds = input_parameters(stem)
    out = dict(values)
    cwd = Path.cwd()

    def fix(v: Any) -> Any:
        if isinstance(v, str) and v and not Path(v).expanduser().is_absolute():
            candidate = cwd / v
            if candidate.is_file():
                return str(candidate.resolve())
        return v

    for name, value in values.items():
        if name in kinds:
            out[name] = [fix(v) for v in value] if isinstance(value, list) else fix(value)
    return out


def setup_run(
    notebooks: list[Path],
    parameters: Mapping[Path, Mapping[str, Any]],
    cli: Mapping[str, Any],
    *,
    study: Path | None = None,
    output_dir: Path | None = None,
) -> RunSetup:
    """Decide the inputs of every notebook (see the module docstring).

    ``parameters`` are the values from ``--params`` and ``-p`` per notebook, ``cli`` the
    ``-p`` values alone (their file paths may be relative to the current folder).

    Raises
    ------
    RunSetupError
        ``study.yaml`` cannot be read, or required inputs are missing.
    """
    folder = study if study is not None else find_study()
    loaded: Study | None = None
    if folder is not None:
        try:
            loaded = load_study(folder)
        except StudyError as exc:
            raise RunSetupError(_study_error(exc)) from None
    given: dict[Path, dict[str, Any]] = {}
    for nb in notebooks:
        base = loaded.parameters_for(nb.stem) if loaded is not None else {}
        given[nb] = {**base, **_cwd_paths(nb.stem, parameters.get(nb, {}))}
        if loaded is not None:  # -p paths in a study are relative to where the user is
            given[nb].update(_cwd_paths(nb.stem, {k: v for k, v in cli.items() if k in given[nb]}))
    lang = str(
        cli.get("lang")
        or next((p.get("lang") for p in given.values() if p.get("lang")), None)
        or (loaded.lang if loaded is not None else "zh")
    )
    try:  # a bad language is reported by the parameter check, in its own message
        lang = check_lang(lang)
    except InputError:
        lang = "zh"
    demo = loaded is None and not any(gives_user_file(nb.stem, given[nb]) for nb in notebooks)
    if loaded is not None:
        for nb in notebooks:
            given[nb].update(study_weights(nb.stem, given[nb], loaded))
            given[nb].update(_survey_exports(nb.stem, given[nb], loaded, lang))
    plans = {nb: plan_inputs(nb.stem, given[nb], demo=demo) for nb in notebooks}
    if any(p.missing for p in plans.values()):
        # a value that was given but is wrong (a file name with a typo) is said first: it is
        # often why the user's own files seem "missing"
        from cslib.core.params import validate_parameters
        from cslib.reporting.failures import error_prefix

        messages = []
        for nb in notebooks:
            try:
                validate_parameters(nb.stem, given[nb])
            except InputError as exc:
                messages.append(error_prefix(lang) + str(exc))
        missing = MissingInputs(plans.values(), lang, loaded.root if loaded is not None else None)
        raise RunSetupError("\n".join([*messages, str(missing)]))
    out = output_dir
    if out is None and loaded is not None:
        out = study_output_dir(loaded)
    return RunSetup(
        {nb: p.parameters for nb, p in plans.items()},
        lang,
        out.resolve() if out is not None else None,
        loaded,
        demo,
        plans,
    )


def _survey_exports(stem: str, given: Mapping[str, Any], study: Study, lang: str) -> dict[str, Any]:
    """Inputs the study names as online-survey exports, imported now (before any kernel).

    See :mod:`cslib.surveys.study_inputs`; a problem of the export stops the run with the
    import's located message in the run's language.
    """
    from cslib.core.errors import use_chinese
    from cslib.core.run_context import set_message_language
    from cslib.surveys.study_inputs import import_declared, is_survey_spec

    out: dict[str, Any] = {}
    for name, value in given.items():
        if not is_survey_spec(value):
            continue
        before = set_message_language(lang)  # the import's errors in the run's language
        try:
            made = import_declared(
                stem,
                name,
                value,
                data_folder=study.data_folder(),
                framework_path=given.get("framework_path"),
                courses_path=given.get("courses_path"),
                lang=lang,
            )
        except InputError as exc:
            from cslib.reporting.failures import error_prefix

            raise RunSetupError(error_prefix(lang) + str(exc)) from None
        finally:
            use_chinese(before)
        for key, path in made.items():
            if key == name or given.get(key) in ("", None):  # a declared returns file is kept
                out[key] = path
    return out


# notebook 01's weight method → notebook 04's weight source from the same ratings
_DELPHI_SOURCE = {"ahp_mean_diff": "delphi_ahp_mean_diff", "mean": "delphi_mean"}


def study_weights(stem: str, given: Mapping[str, Any], study: Study) -> dict[str, Any]:
    """Notebook 04's weights from the study's own Delphi round when it declares none.

    A study that gives notebook 04 no ``weight_source`` and no weight file of its own but
    gives notebook 01 its ratings: 04 uses those ratings (``delphi_ratings_path``) with
    01's weight method (``weight_source``), so the needs analysis weighs gaps by the
    study's own weights, never the sample's published table.  01's ``rank_sum`` has no
    counterpart in 04: then nothing is filled in and ``weight_source`` must be declared
    (:func:`cslib.core.inputs.primary_weights`).  Returns the values to add.
    """
    if stem != "04_training_needs" or "weight_source" in given:
        return {}
    if any(given.get(k) not in ("", None) for k in ("delphi_ratings_path", "ahp_survey_path")):
        return {}
    if given.get("published_weights_path") not in ("", None):
        return {}
    delphi = study.parameters_for("01_delphi_weights")
    ratings = delphi.get("ratings_path")
    source = _DELPHI_SOURCE.get(str(delphi.get("weight_method", "ahp_mean_diff")))
    if ratings in ("", None) or source is None:
        return {}
    return {"delphi_ratings_path": ratings, "weight_source": source}


def _study_error(exc: InputError) -> str:
    from cslib.reporting.failures import error_prefix

    return error_prefix(getattr(exc, "lang", "zh")) + str(exc)
