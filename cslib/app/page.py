"""The page: Panel widgets wired to the app's modules (no analysis logic here).

:class:`Workspace` is one browser session's page: the study box (open or create), one tab
per report with its inputs (template link, upload, pick) and its parameter form, the run
box with a progress bar per report and the located error table, the reports (opened in
the page, with their HTML, Word and Excel files) and the Delphi round loop.  Every value
shown comes from :mod:`cslib.app.forms`, :mod:`cslib.app.studies`, :mod:`cslib.app.runs`
and :mod:`cslib.app.rounds`; every word from :data:`cslib.app.phrases.PHRASES`.  All text
from files or users is escaped before it is put into HTML.

Inside JupyterLab, ``Workspace(Path("studies")).view()`` in a cell (after ``pn.extension()``)
shows the same page with the same forms, uploads, runs and round loop; its file links
(templates, reports, workbooks) are served by ``cslib app``'s file handler only, so there
they need the app running beside it.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import panel as pn

from cslib.app.forms import (
    FieldSpec,
    changed_values,
    field_errors,
    form_fields,
    parse_field,
    value_text,
)
from cslib.app.phrases import PHRASES
from cslib.app.problems import COLUMNS, ProblemRow, error_rows, problem_rows
from cslib.app.studies import InputSlot, UploadRefused
from cslib.core.errors import InputError
from cslib.core.i18n import check_lang, choose
from cslib.core.study import Study, StudyError

__all__ = ["Workspace", "STYLE"]

STYLE = """
:host { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC",
        system-ui, sans-serif; }
h1 { font-size: 1.6em; margin: 0.2em 0; color: #1f3b57; }
h2 { font-size: 1.2em; margin: 0.6em 0 0.3em; color: #1f3b57; }
.sub { color: #555; margin: 0; }
.msg { padding: 0.5em 0.8em; border-radius: 4px; margin: 0.3em 0; }
.msg.info { background: #eef5ee; border-left: 4px solid #2e7d32; }
.msg.error { background: #fdecea; border-left: 4px solid #c62828; }
.msg.warn { background: #fff8e1; border-left: 4px solid #f9a825; }
.help { color: #666; font-size: 0.85em; margin: -0.2em 0 0.2em 0.2em; }
.fielderr { color: #c62828; font-size: 0.9em; font-weight: 600; margin: 0 0 0.3em 0.2em; }
table.problems { border-collapse: collapse; margin: 0.3em 0; font-size: 0.9em; }
table.problems th, table.problems td { border: 1px solid #ccc; padding: 0.25em 0.5em;
        text-align: left; vertical-align: top; }
table.problems th { background: #f3f3f3; }
.slot { border-bottom: 1px solid #e5e5e5; padding: 0.3em 0; }
.slot .need { color: #888; font-size: 0.85em; }
.slot .req { color: #b71c1c; }
a.btn { display: inline-block; padding: 0.15em 0.6em; border: 1px solid #1f6fb2;
        border-radius: 3px; text-decoration: none; color: #1f6fb2; margin-right: 0.4em; }
iframe.report { width: 100%; height: 860px; border: 1px solid #ccc; }
.nbname { font-weight: 600; }
"""

FIELD_STYLE = """
:host(.invalid) input, :host(.invalid) select {
  border: 2px solid #c62828 !important; background: #fff6f6 !important; }
"""


def _html(text: str = "", **kwargs: Any) -> pn.pane.HTML:
    return pn.pane.HTML(text, stylesheets=[STYLE], sizing_mode="stretch_width", **kwargs)


def _message(text: str, kind: str = "info") -> str:
    return f'<div class="msg {kind}">{escape(text)}</div>'


class Workspace:
    """One session's page over the studies of ``workspace``."""

    def __init__(self, workspace: Path, *, lang: str = "zh", token: str | None = None) -> None:
        self.workspace = Path(workspace).resolve()
        self.lang = lang
        self.token = token
        self.study: Study | None = None
        self.name = ""
        self.root = pn.Column(sizing_mode="stretch_width", css_classes=["cslib-app"])
        self.message = _html()
        self.forms: dict[str, dict[str, tuple[FieldSpec, Any, pn.pane.HTML]]] = {}
        self.current: dict[tuple[str | None, str], list[pn.pane.HTML]] = {}
        self.poller: Any = None
        self.render()

    # ------------------------------------------------------------------ helpers
    def t(self, key: str, **fmt: object) -> str:
        return PHRASES(key, self.lang, **fmt)

    def view(self) -> pn.Column:
        return self.root

    def url(self, path: Path) -> str:
        from cslib.app.server import file_url

        assert self.study is not None
        relative = path.resolve().relative_to(self.study.root).as_posix()
        return file_url("~" if self.name == "." else self.name, relative)

    def table(self, rows: list[ProblemRow]) -> str:
        keep = [c for c in COLUMNS if any(getattr(r, c) for r in rows)]
        head = "".join(f"<th>{escape(self.t('col_' + c))}</th>" for c in keep)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(getattr(r, c))}</td>" for c in keep) + "</tr>"
            for r in rows
        )
        return f'<table class="problems"><tr>{head}</tr>{body}</table>'

    # ------------------------------------------------------------------ layout
    def render(self) -> None:
        switch = pn.widgets.RadioButtonGroup(
            options={"中文": "zh", "English": "en"},
            value=self.lang,
            css_classes=["lang-switch"],
            width=160,
        )
        switch.param.watch(self._switch_language, "value")
        header = pn.Row(
            _html(
                f"<h1>{escape(self.t('title'))}</h1><p class='sub'>{escape(self.t('subtitle'))}</p>"
            ),
            switch,
            sizing_mode="stretch_width",
        )
        parts: list[Any] = [header, self.study_box(), self.message]
        if self.study is not None:
            parts += self.study_parts()
        self.root[:] = parts

    def _switch_language(self, event: Any) -> None:
        self.lang = event.new
        self.message.object = ""
        self.render()

    def study_box(self) -> pn.Card:
        from cslib.app.studies import list_studies

        existing = list_studies(self.workspace)
        select = pn.widgets.Select(
            name=self.t("open_study"),
            options=existing,
            value=self.name if self.name in existing else (existing[0] if existing else None),
            css_classes=["study-select"],
            disabled=not existing,
            width=260,
        )
        open_button = pn.widgets.Button(
            name=self.t("open"),
            button_type="primary",
            css_classes=["open-study"],
            width=100,
            disabled=not existing,
            align="end",
        )
        name_input = pn.widgets.TextInput(
            name=self.t("new_study"),
            placeholder=self.t("new_study_hint"),
            css_classes=["new-study-name"],
            width=260,
        )
        create_button = pn.widgets.Button(
            name=self.t("create"),
            button_type="success",
            css_classes=["create-study"],
            width=120,
            align="end",
        )
        open_button.on_click(lambda e: self.open(select.value))
        create_button.on_click(lambda e: self.create(name_input.value or ""))
        where = _html(f"<p class='sub'>{escape(self.t('workspace', path=self.workspace))}</p>")
        note = [] if existing else [_html(f"<p class='sub'>{escape(self.t('no_studies'))}</p>")]
        return pn.Card(
            pn.Row(select, open_button, pn.Spacer(width=40), name_input, create_button),
            *note,
            where,
            title=self.t("study")
            + (choose("：", ": ", self.lang) + self.name if self.study is not None else ""),
            collapsible=False,
            sizing_mode="stretch_width",
        )

    def open(self, name: str | None) -> None:
        from cslib.app.studies import open_study

        if not name:
            return
        try:
            self.study = open_study(self.workspace, name)
        except StudyError as exc:
            self.message.object = _message(str(exc), "error") + self.table(error_rows(exc))
            return
        self.name = name
        self.render()
        self.message.object = _message(self.t("opened", name=name))

    def create(self, name: str) -> None:
        from cslib.app.studies import create_study

        try:
            study, n = create_study(self.workspace, name.strip(), choose("zh", "en", self.lang))
        except UploadRefused as exc:
            self.message.object = _message(self.t(exc.key, **exc.fields), "error")
            return
        self.study, self.name = study, study.root.name
        self.render()
        self.message.object = _message(self.t("created", name=self.name, n=n))

    # ------------------------------------------------------------------ the study
    def notebooks(self) -> list[str]:
        from cslib.core.params import declared_notebooks
        from cslib.reporting.runner import discover

        present = {nb.stem for nb in discover()}
        return [s for s in declared_notebooks() if s in present]

    def title(self, stem: str) -> str:
        from cslib.reporting.html import REPORTS

        zh, en = REPORTS.get(stem, ((stem, stem),))[0]
        return f"{stem[:2]} {choose(zh, en, self.lang)}"

    def study_parts(self) -> list[Any]:
        assert self.study is not None
        self.forms, self.current = {}, {}
        try:
            report_lang = check_lang(self.study.lang)
        except InputError:  # a wrong study language is reported when the study is run
            report_lang = "zh"
        lang_select = pn.widgets.Select(
            name=self.t("report_lang"),
            options={"中文": "zh", "English": "en", "中文+English": "zh+en"},
            value=report_lang,
            css_classes=["report-lang"],
            width=200,
        )
        lang_select.param.watch(self._report_language, "value")
        info = _html(f"<p class='sub'>{escape(self.t('study_folder', path=self.study.root))}</p>")
        tabs = pn.Tabs(
            *[(self.title(stem), self.notebook_tab(stem)) for stem in self.notebooks()],
            dynamic=True,  # only the open tab is drawn: a short page, a fast first view
            sizing_mode="stretch_width",
            css_classes=["notebook-tabs"],
        )
        self.tabs = tabs
        self.run_box = self.make_run_box()
        self.reports_box = pn.Column(sizing_mode="stretch_width")
        self.rounds_box = pn.Column(sizing_mode="stretch_width")
        self.refresh_reports()
        self.refresh_rounds()
        return [
            pn.Row(lang_select, info, sizing_mode="stretch_width"),
            tabs,
            self.run_box,
            pn.Card(
                self.reports_box,
                title=self.t("reports"),
                sizing_mode="stretch_width",
                css_classes=["reports-card"],
            ),
            pn.Card(
                self.rounds_box,
                title=self.t("rounds"),
                sizing_mode="stretch_width",
                css_classes=["rounds-card"],
            ),
        ]

    def _report_language(self, event: Any) -> None:
        from cslib.core.study import load_study, set_parameters

        assert self.study is not None
        set_parameters(self.study.root, {"lang": event.new})
        self.study = load_study(self.study.root)

    def notebook_tab(self, stem: str) -> pn.Column:
        from cslib.app.studies import input_slots

        assert self.study is not None
        slots = [self.input_row(slot) for slot in input_slots(self.study, stem)]
        return pn.Column(
            pn.Card(*slots, title=self.t("inputs"), sizing_mode="stretch_width"),
            self.form(stem),
            sizing_mode="stretch_width",
        )

    # ------------------------------------------------------------------ inputs
    def _current_text(self, slot: InputSlot, value: Any) -> str:
        if value in ("", None, []):
            return escape(self.t("none_yet"))
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        return escape(self.t("current", name=shown))

    def input_row(self, slot: InputSlot) -> pn.Column:
        from cslib.app.studies import ACCEPTED, study_files

        assert self.study is not None
        need = self.t("required") if slot.kind == "required" else self.t("optional")
        css = "req" if slot.kind == "required" else "need"
        shared = (
            " · " + escape(self.t("shared_note", numbers=", ".join(s[:2] for s in slot.shared_by)))
            if slot.shared_by
            else ""
        )
        if slot.template is not None:
            link = (
                f'<a class="btn template-link" href="{escape(self.url(slot.template))}" '
                f'download="{escape(slot.template.name)}">{escape(self.t("template"))}: '
                f"{escape(slot.template.name)}</a>"
            )
        else:
            link = f'<span class="need">{escape(self.t("no_template"))}</span>'
        head = _html(
            f"<div class='slot'><span class='nbname'>{escape(choose(slot.zh, slot.en, self.lang))}"
            f"</span> <code>{escape(slot.name)}</code> <span class='{css}'>({escape(need)})</span>"
            f"{shared}<br>{link}</div>"
        )
        current = _html(self._current_text(slot, slot.value))
        self.current.setdefault((slot.notebook, slot.name), []).append(current)
        key = f"{slot.stem}-{slot.name}"
        upload = pn.widgets.FileInput(
            accept=",".join(ACCEPTED),
            multiple=slot.kind == "list",
            css_classes=[f"upload-{key}"],
            width=300,
        )
        files = study_files(self.study)
        pick = pn.widgets.Select(
            name=self.t("pick"),
            options=["", *files],
            value="",
            css_classes=[f"pick-{key}"],
            width=300,
        )
        use = pn.widgets.Button(name=self.t("use"), css_classes=[f"use-{key}"], align="end")
        note = _html(css_classes=[f"note-{key}"])
        upload.param.watch(lambda e: self.uploaded(slot, upload, note), "value")
        use.on_click(lambda e: self.picked(slot, pick.value, note))
        buttons: list[Any] = [pick, use]
        if slot.kind != "required":
            clear = pn.widgets.Button(
                name=self.t("clear"), css_classes=[f"clear-{key}"], align="end"
            )
            clear.on_click(lambda e: self.cleared(slot, note))
            buttons.append(clear)
        return pn.Column(
            head,
            current,
            pn.Row(pn.Column(_html(f"<b>{escape(self.t('upload'))}</b>"), upload), *buttons),
            note,
            sizing_mode="stretch_width",
        )

    def _declared(
        self, slot: InputSlot, value: str | list[str], note: pn.pane.HTML, text: str
    ) -> None:
        from cslib.app.studies import declare

        assert self.study is not None
        try:
            self.study = declare(self.study, slot, value)
        except UploadRefused as exc:
            note.object = _message(self.t(exc.key, **exc.fields), "error")
            return
        except (ValueError, StudyError) as exc:
            note.object = _message(str(exc), "error")
            return
        for pane in self.current.get((slot.notebook, slot.name), []):
            pane.object = self._current_text(slot, value)
        note.object = text

    def uploaded(self, slot: InputSlot, upload: Any, note: pn.pane.HTML) -> None:
        from cslib.app.studies import check_readable, save_upload

        assert self.study is not None
        if not upload.value:
            return
        contents = upload.value if isinstance(upload.value, list) else [upload.value]
        names = upload.filename if isinstance(upload.filename, list) else [upload.filename]
        saved = []
        for name, data in zip(names, contents, strict=True):
            try:
                path = save_upload(self.study, str(name), bytes(data))
            except UploadRefused as exc:
                note.object = _message(self.t(exc.key, **exc.fields), "error")
                return
            try:
                rows = check_readable(path)
            except InputError as exc:
                note.object = _message(self.t("unreadable"), "error") + self.table(error_rows(exc))
                return
            saved.append((path.relative_to(self.study.root).as_posix(), rows))
        relative = [s[0] for s in saved]
        if slot.kind == "list":
            before = slot.value if isinstance(slot.value, list) else []
            value: str | list[str] = [*before, *[r for r in relative if r not in before]]
        else:
            value = relative[0]
        text = "".join(
            _message(
                self.t("uploaded", name=name) + (" " + self.t("file_ok", rows=rows) if rows else "")
            )
            for name, rows in saved
        )
        self._declared(slot, value, note, text)

    def picked(self, slot: InputSlot, value: str, note: pn.pane.HTML) -> None:
        if not value:
            return
        chosen: str | list[str] = [value] if slot.kind == "list" else value
        self._declared(slot, chosen, note, _message(self.t("uploaded", name=value)))

    def cleared(self, slot: InputSlot, note: pn.pane.HTML) -> None:
        value: str | list[str] = [] if slot.kind == "list" else ""
        self._declared(slot, value, note, _message(self.t("cleared", param=slot.name)))

    # ------------------------------------------------------------------ forms
    def form(self, stem: str) -> pn.Card:
        assert self.study is not None
        declared = self.study.declared(stem)
        fields: dict[str, tuple[FieldSpec, Any, pn.pane.HTML]] = {}
        main: list[Any] = []
        more: list[Any] = []
        for spec in form_fields(stem):
            value = declared.get(spec.name, spec.default)
            css = [f"field-{stem}-{spec.name}"]
            widget: Any
            if spec.kind == "choice":
                options = list(spec.choices)
                widget = pn.widgets.Select(
                    name=spec.label(self.lang),
                    options=options,
                    value=value if value in options else spec.default,
                    css_classes=css,
                    stylesheets=[FIELD_STYLE],
                    width=360,
                )
            elif spec.kind == "bool":
                widget = pn.widgets.Checkbox(
                    name=spec.label(self.lang), value=bool(value), css_classes=css
                )
            else:
                widget = pn.widgets.TextInput(
                    name=spec.label(self.lang),
                    value=value_text(value),
                    css_classes=css,
                    stylesheets=[FIELD_STYLE],
                    width=360,
                )
            error = _html(css_classes=[f"error-{stem}-{spec.name}"])
            helptext = _html(f"<div class='help'>{escape(spec.help(self.lang))}</div>")
            widget.param.watch(lambda e, stem=stem: self.check_form(stem), "value")
            fields[spec.name] = (spec, widget, error)
            (main if spec.main else more).append(
                pn.Column(widget, helptext, error, sizing_mode="stretch_width")
            )
        self.forms[stem] = fields
        parts: list[Any] = [pn.GridBox(*main, ncols=2, sizing_mode="stretch_width")]
        if more:
            parts.append(
                pn.Card(
                    pn.GridBox(*more, ncols=2, sizing_mode="stretch_width"),
                    title=self.t("more_parameters"),
                    collapsed=True,
                    sizing_mode="stretch_width",
                    css_classes=[f"more-{stem}"],
                )
            )
        return pn.Card(*parts, title=self.t("parameters"), sizing_mode="stretch_width")

    def form_values(self, stem: str) -> dict[str, Any]:
        return {name: parse_field(spec, w.value) for name, (spec, w, _) in self.forms[stem].items()}

    def check_form(self, stem: str) -> dict[str, str]:
        """Mark every wrong field of ``stem``'s form; the errors."""
        from cslib.core.study import input_parameters

        assert self.study is not None
        given = self.study.parameters_for(stem)
        base = {k: v for k, v in given.items() if k in input_parameters(stem) and v not in ("", [])}
        errors = field_errors(stem, self.form_values(stem), base, self.lang)
        for name, (_, widget, pane) in self.forms[stem].items():
            classes = [c for c in widget.css_classes if c != "invalid"]
            if name in errors:
                widget.css_classes = [*classes, "invalid"]
                pane.object = f"<div class='fielderr'>{escape(errors[name])}</div>"
            else:
                widget.css_classes = classes
                pane.object = ""
        return errors

    # ------------------------------------------------------------------ run
    def make_run_box(self) -> pn.Card:
        options = {self.title(s): s for s in self.notebooks()}
        self.choose_box = pn.widgets.CheckBoxGroup(
            name=self.t("run_choose"),
            options=options,
            value=[],
            inline=True,
            css_classes=["run-choice"],
        )
        button = pn.widgets.Button(
            name=self.t("run"), button_type="primary", css_classes=["run-button"], width=200
        )
        self.replace_box = pn.widgets.Checkbox(
            name=self.t("replace"), value=False, css_classes=["replace-box"]
        )
        button.on_click(lambda e: self.run(list(self.choose_box.value)))
        self.progress = pn.Column(sizing_mode="stretch_width", css_classes=["progress-area"])
        self.run_message = _html(css_classes=["run-message"])
        return pn.Card(
            _html(f"<b>{escape(self.t('run_choose'))}</b>"),
            self.choose_box,
            self.replace_box,
            button,
            self.progress,
            self.run_message,
            title=self.t("run_section"),
            sizing_mode="stretch_width",
            css_classes=["run-card"],
        )

    def run(self, stems: list[str]) -> None:
        from cslib.app.runs import RunBusy, current_run, start_run
        from cslib.app.studies import outside_inputs
        from cslib.core.study import load_study, set_parameters

        assert self.study is not None
        if not stems:
            self.run_message.object = _message(self.t("nothing_chosen"), "warn")
            return
        previous = current_run(self.study.root)
        if previous is not None and previous.running():
            self.run_message.object = _message(self.t("busy"), "warn")
            return
        errors = {stem: self.check_form(stem) for stem in stems}
        n_bad = sum(len(e) for e in errors.values())
        if n_bad:
            first = next(s for s in stems if errors[s])
            self.tabs.active = self.notebooks().index(first)
            self.run_message.object = _message(self.t("field_errors", n=n_bad), "error")
            return
        outside = outside_inputs(self.study, stems)
        if outside:
            rows = [
                ProblemRow(file=path, column=name, problem=self.t("outside", name=path))
                for name, path in outside
            ]
            self.run_message.object = _message(self.t("errors_heading"), "error") + self.table(rows)
            return
        for stem in stems:
            changed = changed_values(stem, self.form_values(stem), self.study.declared(stem))
            if changed:
                set_parameters(self.study.root, changed, notebook=stem)
        self.study = load_study(self.study.root)
        try:
            run = start_run(self.study.root, stems, replace=self.replace_box.value)
        except RunBusy:
            self.run_message.object = _message(self.t("busy"), "warn")
            return
        self.bars = {}
        lines: list[Any] = []
        for stem in stems:
            bar = pn.indicators.Progress(
                value=0, max=100, width=320, css_classes=[f"progress-{stem}"]
            )
            label = _html(css_classes=[f"state-{stem}"])
            label.object = escape(self.t("waiting"))
            self.bars[stem] = (bar, label)
            lines.append(
                pn.Row(
                    _html(f"<span class='nbname'>{escape(self.title(stem))}</span>", width=320),
                    bar,
                    label,
                )
            )
        self.progress[:] = lines
        self.run_message.object = _message(self.t("running"))
        self.active_run = run
        if self.poller is not None:
            self.poller.stop()
        self.poller = pn.state.add_periodic_callback(self.poll, period=500)

    def poll(self) -> None:
        status = self.active_run.status()
        for nb in status.notebooks:
            bar, label = self.bars[nb.stem]
            bar.value = int(round(100 * nb.fraction))
            if nb.state == "done":
                label.object = escape(self.t("nb_done", s=nb.seconds))
            elif nb.state == "failed":
                label.object = f"<span class='fielderr'>{escape(self.t('nb_failed'))}</span>"
            elif nb.state == "running":
                label.object = escape(self.t("cells", done=nb.done, total=nb.total))
        if status.state == "running":
            return
        if self.poller is not None:
            self.poller.stop()
            self.poller = None
        self.finished(status)

    def finished(self, status: Any) -> None:
        parts = []
        if status.state == "busy":
            parts.append(_message(self.t("busy"), "warn"))
        n = len(status.notebooks)
        failed = [nb for nb in status.notebooks if nb.state == "failed"]
        if status.ok == n and status.returncode == 0:
            parts.append(_message(self.t("run_done", ok=status.ok, n=n)))
        else:
            parts.append(
                _message(self.t("run_done", ok=status.ok, n=n), "warn" if status.ok else "error")
            )
            for nb in failed:
                heading = self.t("errors_heading") if nb.input_error else self.t("run_failed")
                parts.append(
                    _message(self.title(nb.stem) + choose("：", ": ", self.lang) + heading, "error")
                )
                parts.append(self.table(problem_rows(nb.error)))
            if not failed and status.messages.strip():
                parts.append(_message(self.t("run_failed"), "error"))
                parts.append(self.table(problem_rows(status.messages)))
        self.run_message.object = "".join(parts)
        self.refresh_reports()
        self.refresh_rounds()

    # ------------------------------------------------------------------ reports
    def refresh_reports(self) -> None:
        from cslib.reporting.exports import export_names
        from cslib.run_setup import study_output_dir

        assert self.study is not None
        out = study_output_dir(self.study)
        rows: list[Any] = []
        self.frame = _html(css_classes=["report-frame"])
        for stem in self.notebooks():
            page = out / f"{stem}.html"
            if not page.is_file():
                continue
            links = [
                f'<a class="btn link-html-{stem}" href="{escape(self.url(page))}" target="_blank">{escape(self.t("html"))}</a>'
            ]
            for fmt, name in export_names(stem, ("docx", "xlsx")).items():
                if (out / name).is_file():
                    links.append(
                        f'<a class="btn link-{fmt}-{stem}" href="{escape(self.url(out / name))}" '
                        f'download="{escape(name)}">{escape(self.t(fmt))}</a>'
                    )
            button = pn.widgets.Button(
                name=self.t("open_report"), css_classes=[f"open-{stem}"], width=140
            )
            button.on_click(self._opener(page))
            rows.append(
                pn.Row(
                    _html(
                        f"<span class='nbname'>{escape(self.title(stem))}</span> " + " ".join(links)
                    ),
                    button,
                    sizing_mode="stretch_width",
                )
            )
        if (out / "index.html").is_file():
            rows.append(
                _html(
                    f'<a class="btn" href="{escape(self.url(out / "index.html"))}" target="_blank">{escape(self.t("index"))}</a>'
                )
            )
        if not rows:
            rows = [_html(f"<p class='sub'>{escape(self.t('no_reports'))}</p>")]
        self.reports_box[:] = [*rows, self.frame]

    def _opener(self, page: Path) -> Any:
        def open_report(event: Any) -> None:
            self.show_report(page)

        return open_report

    def show_report(self, page: Path) -> None:
        self.frame.object = f'<iframe class="report" src="{escape(self.url(page))}" title="{escape(page.name)}"></iframe>'

    # ------------------------------------------------------------------ rounds
    def refresh_rounds(self) -> None:
        from cslib.app.rounds import returns_folder, sent_rounds

        assert self.study is not None
        study = self.study
        sent = sent_rounds(study)
        parts: list[Any] = [_html(f"<p class='sub'>{escape(self.t('rounds_help'))}</p>")]
        if not sent:
            self.rounds_box[:] = parts
            return
        latest = sent[-1]
        zip_link = (
            f' <a class="btn" href="{escape(self.url(latest.zip))}" download="{escape(latest.zip.name)}">{escape(latest.zip.name)}</a>'
            if latest.zip is not None
            else ""
        )
        parts.append(
            _html(f"<b>{escape(self.t('sent_folder', path=latest.folder.name))}</b>{zip_link}")
        )
        upload = pn.widgets.FileInput(
            accept=".xlsx", multiple=True, css_classes=["returns-upload"], width=320
        )
        listing = _html(css_classes=["returns-list"])
        result = _html(css_classes=["collect-result"])
        collect = pn.widgets.Button(
            name=self.t("collect"), button_type="primary", css_classes=["collect-button"]
        )
        next_round = pn.widgets.Button(
            name=self.t("next_round"), css_classes=["next-round"], visible=False
        )

        def show_list() -> None:
            folder = returns_folder(study, latest.round)
            files = sorted(p.name for p in folder.glob("*.xlsx")) if folder.is_dir() else []
            listing.object = escape(
                self.t("returns_list", files=", ".join(files)) if files else self.t("returns_none")
            )

        def uploaded(event: Any) -> None:
            from cslib.app.rounds import save_returns

            if not upload.value:
                return
            names = upload.filename if isinstance(upload.filename, list) else [upload.filename]
            datas = upload.value if isinstance(upload.value, list) else [upload.value]
            try:
                saved = save_returns(
                    study,
                    latest.round,
                    [(str(n), bytes(d)) for n, d in zip(names, datas, strict=True)],
                )
            except UploadRefused as exc:
                result.object = _message(self.t(exc.key, **exc.fields), "error")
                return
            result.object = _message(
                self.t("returns_saved", n=len(saved), folder=saved[0].parent.name)
            )
            show_list()

        def collect_now(event: Any) -> None:
            from cslib.app.rounds import collect_round
            from cslib.core.study import load_study
            from cslib.delphi.collect import CollectError, OutputConflict

            assert self.study is not None
            try:
                done = collect_round(self.study, latest, choose("zh", "en", self.lang))
            except CollectError as exc:
                frame = exc.table(choose("zh", "en", self.lang))
                head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
                body = "".join(
                    "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
                    for row in frame.itertuples(index=False)
                )
                advice = "".join(
                    f"<li>{escape(a)}</li>" for a in exc.advice(choose("zh", "en", self.lang))
                )
                n_files = len({p.file for p in exc.rows})
                result.object = (
                    _message(self.t("collect_problems", n=len(exc.rows), n_files=n_files), "error")
                    + f'<table class="problems collect-problems"><tr>{head}</tr>{body}</table><ol>{advice}</ol>'
                )
                return
            except OutputConflict as exc:
                result.object = "".join(_message(p.message, "error") for p in exc.problems)
                return
            self.study = load_study(self.study.root)
            result.object = _message(
                self.t("collected", round=done.round, sent=done.sent, returned=done.returned)
            )
            next_round.visible = True

        upload.param.watch(uploaded, "value")
        collect.on_click(collect_now)
        next_round.on_click(lambda e: self.run(["01_delphi_weights"]))
        show_list()
        parts += [
            pn.Row(
                pn.Column(_html(f"<b>{escape(self.t('returns_upload'))}</b>"), upload),
                collect,
                next_round,
            ),
            listing,
            result,
        ]
        self.rounds_box[:] = parts
