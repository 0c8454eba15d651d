"""The browser workspace in a real browser: Playwright driving Debian's Chromium.

One walk through the app, as a trainer would: open the page, create a study, download the
Excel templates and fill them with the sample data, upload them (one broken workbook
first: its located error is shown at once), change a parameter, make a field wrong (marked
at the field, Run refused), run report 01 on a ratings file with a bad score (the located
error table, in Chinese), then fix it and run reports 01 and 05 together with a progress bar
each (a second click is refused while they run), open a report in the page and download
its Excel workbook.  No request may leave 127.0.0.1 (the page works offline).

Chromium is Debian's (``apt-get install chromium``; ``.ci/run`` installs it); Playwright's
own browser downloads are not used.  Without Chromium or Playwright the test is skipped and
says why.  ``CSLIB_APP_SCREENSHOTS=DIR`` saves a PNG of every step (``make screenshots``).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml
from app_server import AppServer
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data_samples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytest.importorskip("panel", reason="the app needs the 'app' extra (pip install -e '.[app]')")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed (the test extra has it)"
)
pytestmark = [
    pytest.mark.slow,  # a server, a browser and notebook kernels
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Chromium is not installed: apt-get install chromium (.ci/run does this as root)",
    ),
    pytest.mark.xdist_group("app-browser"),
]

NB01, NB05 = "01_delphi_weights", "05_qa_monitoring"
STUDY = "试点研究"


def _fill(template: bytes, rows: list[list[object]]) -> bytes:
    """The template with its example rows replaced by ``rows`` (header row kept)."""
    wb = load_workbook(io.BytesIO(template))
    ws = wb.worksheets[0]
    ws.delete_rows(2, ws.max_row)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _header(template: bytes) -> list[str]:
    ws = load_workbook(io.BytesIO(template)).worksheets[0]
    return [str(c.value) for c in ws[1] if c.value is not None]


def _sample_rows(template: bytes, csv: Path) -> list[list[object]]:
    frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
    return frame[_header(template)].values.tolist()


def _framework_rows(template: bytes) -> list[list[object]]:
    data = yaml.safe_load((SAMPLES / "framework_complaint_handling.yaml").read_text("utf-8"))
    columns = _header(template)
    return [[ind.get(c) for c in columns] for ind in data["indicators"]]


class Steps:
    """Screenshots of each step when CSLIB_APP_SCREENSHOTS names a folder."""

    def __init__(self, page) -> None:
        self.page = page
        folder = os.environ.get("CSLIB_APP_SCREENSHOTS")
        self.folder = Path(folder) if folder else None
        self.n = 0
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)

    def shot(self, name: str) -> None:
        self.n += 1
        if self.folder is not None:
            self.page.screenshot(path=str(self.folder / f"{self.n:02d}_{name}.png"), full_page=True)


def _download(page, selector: str, target: Path) -> Path:
    with page.expect_download(timeout=30_000) as info:
        page.locator(selector).first.click()
    info.value.save_as(target)
    return target


def _text(page, selector: str) -> str:
    """The text shown in an HTML pane (its messages and tables, inside the shadow DOM)."""
    return "\n".join(
        page.locator(
            f"{selector} .msg, {selector} table, {selector} ol, {selector} .fielderr"
        ).all_inner_texts()
    )


def _upload(page, stem: str, name: str, path: Path) -> None:
    page.locator(f".upload-{stem}-{name} input[type=file]").set_input_files(str(path))


def test_trainer_walkthrough(tmp_path):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    files = tmp_path / "files"
    files.mkdir()
    app = AppServer(workspace)
    external: list[str] = []
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            context = browser.new_context(
                accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="zh-CN"
            )
            page = context.new_page()
            page.set_default_timeout(60_000)

            def offline(route) -> None:  # the page must need nothing from another host
                if route.request.url.startswith(f"http://127.0.0.1:{app.port}/"):
                    route.continue_()
                else:
                    external.append(route.request.url)
                    route.abort()

            page.route("**/*", offline)
            steps = Steps(page)
            started = time.perf_counter()
            page.goto(app.url)
            page.get_by_text("cslib 培训分析工作台").wait_for()
            first_page = time.perf_counter() - started
            print(
                f"server listening {app.ready_seconds:.2f} s after the command started; "
                f"first page shown {first_page:.2f} s after navigation"
            )
            steps.shot("start")

            # ---- create a study
            page.locator(".new-study-name input").fill(STUDY)
            page.locator(".create-study button").click()
            page.get_by_text("已新建研究").wait_for()
            assert (workspace / STUDY / "study.yaml").is_file()
            steps.shot("study_created")

            # ---- templates: download, fill with the sample data
            fw_tpl = _download(
                page, ".template-link[download='framework.xlsx']", files / "framework.xlsx"
            ).read_bytes()
            rt_tpl = _download(
                page, ".template-link[download='delphi_ratings_long.xlsx']", files / "ratings.xlsx"
            ).read_bytes()
            (files / "指标体系.xlsx").write_bytes(_fill(fw_tpl, _framework_rows(fw_tpl)))
            ratings = _sample_rows(rt_tpl, SAMPLES / "delphi_ratings.csv")
            bad = [list(r) for r in ratings]
            bad[6][3] = "9"  # spreadsheet row 8: a score off the 1–5 scale
            (files / "专家评分.xlsx").write_bytes(_fill(rt_tpl, bad))
            (files / "专家评分_改正.xlsx").write_bytes(_fill(rt_tpl, ratings))

            # a workbook that is not one: the located error at once, nothing declared
            (files / "坏文件.xlsx").write_bytes(b"not a workbook")
            _upload(page, NB01, "ratings_path", files / "坏文件.xlsx")
            page.locator(f".note-{NB01}-ratings_path table.problems").wait_for()
            assert "坏文件.xlsx" in _text(page, f".note-{NB01}-ratings_path")
            assert "Traceback" not in page.content()
            steps.shot("upload_error")

            _upload(page, NB01, "framework_path", files / "指标体系.xlsx")
            page.locator(f".note-{NB01}-framework_path").get_by_text("已保存为").wait_for()
            _upload(page, NB01, "ratings_path", files / "专家评分.xlsx")
            page.locator(f".note-{NB01}-ratings_path").get_by_text("已保存为").wait_for()
            declared = yaml.safe_load((workspace / STUDY / "study.yaml").read_text("utf-8"))
            assert declared["framework_path"] == "数据/指标体系.xlsx"
            assert declared[NB01]["ratings_path"] == "数据/专家评分.xlsx"
            steps.shot("uploaded")

            # ---- a field error, marked at the field; Run refused
            n_boot = page.locator(f".field-{NB01}-n_boot input")
            n_boot.fill("-5")
            n_boot.press("Enter")
            page.locator(f".error-{NB01}-n_boot").get_by_text("应为").wait_for()
            assert "invalid" in page.locator(f".field-{NB01}-n_boot").first.get_attribute("class")
            page.locator(".run-choice input[type=checkbox]").nth(0).check()
            page.locator(".run-button button").click()
            page.locator(".run-message").get_by_text("个参数有误").wait_for()
            steps.shot("field_error")
            assert "2 个参数有误" in _text(page, ".run-message")  # n_boot, and n_invited unset
            assert "必填" in _text(page, f".error-{NB01}-n_invited")
            # ---- change parameters: 200 resamples; the study's 26 questionnaires sent
            n_boot.fill("200")
            n_boot.press("Enter")
            n_invited = page.locator(f".field-{NB01}-n_invited input")
            n_invited.fill("26")
            n_invited.press("Enter")
            for name in ("n_boot", "n_invited"):  # the marks go as soon as the values are right
                sync_api.expect(page.locator(f".field-{NB01}-{name}").first).not_to_have_class(
                    re.compile(r"\binvalid\b")
                )

            # ---- run 01 on the bad ratings: the located error table in Chinese
            page.locator(".run-button button").click()
            page.locator(".run-message table.problems").wait_for(timeout=240_000)
            message = _text(page, ".run-message")
            assert "输入有误" in message and "专家评分.xlsx" in message and "8" in message, message
            assert "Traceback" not in message
            assert (
                yaml.safe_load((workspace / STUDY / "study.yaml").read_text("utf-8"))[NB01][
                    "n_boot"
                ]
                == 200
            )
            steps.shot("input_file_error")

            # ---- the corrected file, and report 05's inputs
            _upload(page, NB01, "ratings_path", files / "专家评分_改正.xlsx")
            page.locator(f".note-{NB01}-ratings_path").get_by_text("专家评分_改正.xlsx").wait_for()
            page.locator(".notebook-tabs").get_by_text("05 ").first.click()
            rec_tpl = _download(
                page, ".template-link[download='qa_records.xlsx']", files / "r.xlsx"
            ).read_bytes()
            ros_tpl = _download(
                page, ".template-link[download='roster.xlsx']", files / "a.xlsx"
            ).read_bytes()
            (files / "质检记录.xlsx").write_bytes(
                _fill(rec_tpl, _sample_rows(rec_tpl, SAMPLES / "monitoring" / "qa_records.csv"))
            )
            (files / "坐席名册.xlsx").write_bytes(
                _fill(ros_tpl, _sample_rows(ros_tpl, SAMPLES / "monitoring" / "agents.csv"))
            )
            _upload(page, NB05, "records_path", files / "质检记录.xlsx")
            page.locator(f".note-{NB05}-records_path").get_by_text("已保存为").wait_for()
            _upload(page, NB05, "roster_path", files / "坐席名册.xlsx")
            page.locator(f".note-{NB05}-roster_path").get_by_text("已保存为").wait_for()
            steps.shot("inputs_05")

            # ---- run 01 and 05; a second click is refused while they run
            page.locator(".run-choice input[type=checkbox]").nth(4).check()
            page.locator(".run-button button").click()
            page.locator(f"progress.progress-{NB05}").wait_for()
            page.locator(".run-button button").click()
            page.locator(".run-message").get_by_text("已有一次运行").wait_for()
            steps.shot("running")
            page.locator(".run-message").get_by_text("运行结束").wait_for(timeout=600_000)
            message = _text(page, ".run-message")
            assert "2/2" in message, message
            for stem in (NB01, NB05):  # a bar per report, full at the end
                assert page.locator(f"progress.progress-{stem}").get_attribute("value") == "100"
            # the round loop offers report 01's questionnaires for the next round
            page.locator(".rounds-card a[download$='_questionnaires.zip']").wait_for()
            steps.shot("run_done")

            # ---- open a report in the page; download its workbook
            page.locator(f".open-{NB01} button").click()
            frame = page.frame_locator("iframe.report")
            frame.get_by_text("德尔菲").first.wait_for()
            steps.shot("report_open")
            book = _download(page, f".link-xlsx-{NB01}", files / "tables.xlsx")
            sheets = load_workbook(book).sheetnames
            assert len(sheets) >= 2, sheets
            # ---- the Delphi round loop: the experts' returns, every problem, then collect
            from test_collect import fill

            sent = next((workspace / STUDY / "报告").glob("delphi_round*_questionnaires"))
            experts = sorted(sent.glob("delphi_round*_expert_*.xlsx"))
            returned = tmp_path / "returned"
            returned.mkdir()
            for q in experts:
                fill(q, returned / q.name)
            wrong = load_workbook(returned / experts[0].name)
            wrong.worksheets[0]["J7"] = 9  # off the 1–5 scale
            wrong.save(returned / experts[0].name)
            page.locator(".returns-upload input[type=file]").set_input_files(
                [str(returned / q.name) for q in experts]
            )
            page.locator(".collect-result").get_by_text(f"已保存 {len(experts)} 个文件").wait_for()
            page.locator(".collect-button button").click()
            page.locator(".collect-result table.collect-problems").wait_for()
            problems = _text(page, ".collect-result")
            assert "J7" in problems and experts[0].name in problems, problems
            steps.shot("collect_problems")
            fill(experts[0], returned / experts[0].name)  # corrected, uploaded again
            page.locator(".returns-upload input[type=file]").set_input_files(
                str(returned / experts[0].name)
            )
            page.locator(".collect-result").get_by_text("已保存 1 个文件").wait_for()
            page.locator(".collect-button button").click()
            page.locator(".collect-result").get_by_text("已回收").wait_for()
            page.locator(".next-round button").wait_for()
            study = yaml.safe_load((workspace / STUDY / "study.yaml").read_text("utf-8"))
            assert study[NB01]["n_invited"] == len(experts)
            assert "_collected/" in study[NB01]["ratings_path"]
            steps.shot("collected")

            page.locator(".lang-switch").get_by_text("English").click()
            page.get_by_text("training-analysis workspace").wait_for()
            steps.shot("english")
            browser.close()
    finally:
        app.stop()
    assert external == [], f"requests left the machine: {external[:5]}"
    reports = workspace / STUDY / "报告"
    assert (reports / f"{NB01}.html").is_file() and (reports / f"{NB05}.html").is_file()
