"""Call-level QA/KPI records → agent-week panels (cslib.effectiveness.calls).

The DuckDB/Ibis aggregation is checked against an independent pandas groupby of the same
records (exact equality: the test values are chosen so every sum is exact in floating point),
and against ``read_weekly`` of the weekly file the result describes.
"""

from __future__ import annotations

import shutil
import subprocess
import warnings

import numpy as np
import pandas as pd
import pytest

from cslib.core.errors import InputError
from cslib.effectiveness.calls import weekly_from_calls
from cslib.effectiveness.io import read_weekly

TZ = "Asia/Shanghai"


def make_calls(seed: int = 3, n: int = 3000) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    agents = [f"A{k:03d}" for k in range(12)]
    team_of = {a: f"T{k % 3}" for k, a in enumerate(agents)}
    start = pd.Timestamp("2025-01-01")

    def times(m: int) -> pd.Series:
        seconds = rng.integers(0, 70 * 86400, m)
        # a share of calls exactly at or around midnight between Sunday and Monday
        boundary = rng.random(m) < 0.1
        edge = pd.Timestamp("2025-01-12 23:59:59") + pd.to_timedelta(
            rng.integers(0, 3, m) * 7 * 86400 + rng.integers(0, 2, m), unit="s"
        )
        base = start + pd.to_timedelta(seconds, unit="s")
        return pd.Series(np.where(boundary, edge, base)).dt.strftime("%Y-%m-%d %H:%M:%S")

    qa_agents = rng.choice(agents[:-1], n)  # the last agent has no QA calls at all
    qa = pd.DataFrame(
        {
            "call_id": [f"Q{k}" for k in range(n)],
            "agent_id": qa_agents,
            "team": [team_of[a] for a in qa_agents],
            "call_time": times(n),
            "qa_score": rng.integers(0, 201, n) / 2,  # 0, 0.5, …, 100: exact sums
            "qa_pass": rng.choice(["1", "0", "yes", "否", ""], n),
        }
    )
    k_agents = rng.choice(agents, n)
    kpi = pd.DataFrame(
        {
            "agent_id": k_agents,
            "team": [team_of[a] for a in k_agents],
            "call_time": times(n),
            "handle_s": rng.integers(30, 900, n).astype(float),
            "csat": rng.choice(["1", "0", "", ""], n),
            "repeat_contact": rng.choice(["0", "0", "0", "1"], n),
            "sale": rng.choice(["", "", "1", "0"], n),
        }
    )
    # a week with calls but not one CSAT answer for one agent
    kpi.loc[(kpi["agent_id"] == "A000") & kpi["call_time"].str.startswith("2025-01-2"), "csat"] = ""

    # an agent with no call at all in one week (Monday 2025-02-03 to Sunday 2025-02-09)
    def gap(calls: pd.DataFrame) -> pd.DataFrame:
        away = (calls["agent_id"] == "A003") & calls["call_time"].between(
            "2025-02-03", "2025-02-09 99"
        )
        return calls[~away].reset_index(drop=True)

    return gap(qa), gap(kpi)


def _flag(s: pd.Series) -> pd.Series:
    m = {"1": 1.0, "yes": 1.0, "0": 0.0, "否": 0.0, "": np.nan}
    return s.map(m).astype(float)


def _week(times: pd.Series, weekday: int = 0) -> pd.Series:
    local = pd.to_datetime(times, utc=False, format="ISO8601")
    if local.dt.tz is not None:
        local = local.dt.tz_convert(TZ).dt.tz_localize(None)
    day = local.dt.normalize()
    return (day - pd.to_timedelta((day.dt.day_of_week - weekday) % 7, unit="D")).astype(
        "datetime64[ns]"
    )


def reference(qa: pd.DataFrame, kpi: pd.DataFrame, weekday: int = 0):
    """The same panels by pandas groupby (what the docstring of weekly_from_calls states)."""
    q = qa.assign(week=_week(qa["call_time"], weekday), p=_flag(qa["qa_pass"]))
    gq = q.groupby(["agent_id", "week"], sort=True)
    qa_w = gq.agg(team=("team", "min"), qa_score=("qa_score", "mean")).reset_index()
    passes = gq.agg(team=("team", "min"), qa_pass_rate=("p", "mean")).reset_index()
    passes["qa_pass_rate"] *= 100.0
    k = kpi.assign(
        week=_week(kpi["call_time"], weekday),
        rep=_flag(kpi["repeat_contact"]),
        cs=_flag(kpi["csat"]),
        sa=_flag(kpi["sale"]),
    )
    gk = k.groupby(["agent_id", "week"], sort=True)
    kpi_w = gk.agg(
        team=("team", "min"),
        repeat_tickets=("rep", "sum"),
        aht_s=("handle_s", "mean"),
        csat=("cs", "mean"),
        sales_conversion=("sa", "mean"),
    ).reset_index()
    kpi_w["csat"] *= 100.0
    kpi_w["sales_conversion"] *= 100.0
    both = kpi_w.merge(passes.drop(columns="team"), on=["agent_id", "week"], how="outer")
    team = dict(zip(qa["agent_id"], qa["team"], strict=False)) | dict(
        zip(kpi["agent_id"], kpi["team"], strict=False)
    )
    both["team"] = both["agent_id"].map(team)
    cols = ["agent_id", "team", "week", "qa_pass_rate", "repeat_tickets", "aht_s", "csat"]
    both = both[[*cols, "sales_conversion"]].sort_values(["agent_id", "week"])
    qa_w = qa_w[["agent_id", "team", "week", "qa_score"]]
    return qa_w.reset_index(drop=True), both.reset_index(drop=True)


@pytest.fixture(scope="module")
def calls(tmp_path_factory):
    folder = tmp_path_factory.mktemp("calls")
    qa, kpi = make_calls()
    qa.to_csv(folder / "qa.csv", index=False)
    kpi.to_csv(folder / "kpi.csv", index=False)
    return folder, qa, kpi


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Equal values (exactly) and columns; dtypes are checked against read_weekly elsewhere."""
    pd.testing.assert_frame_equal(got, want, check_exact=True, check_dtype=False)
    assert [str(t) for t in got.dtypes[3:]] == ["float64"] * (got.shape[1] - 3)


def test_csv_matches_pandas_groupby_exactly(calls):
    folder, qa, kpi = calls
    got_qa, got_kpi = weekly_from_calls(folder / "qa.csv", folder / "kpi.csv")
    want_qa, want_kpi = reference(qa, kpi)
    _same(got_qa, want_qa)
    _same(got_kpi, want_kpi)
    # the agent without QA calls is in the KPI panel only; a week without CSAT answers is NaN
    assert "A011" not in set(got_qa["agent_id"]) and "A011" in set(got_kpi["agent_id"])
    assert got_kpi["csat"].isna().any()
    # an agent with no call in a week has no row that week (as in the weekly files) ...
    weeks = got_kpi.groupby("agent_id")["week"].apply(set)
    gap = pd.Timestamp("2025-02-03")
    assert gap not in weeks["A003"]
    # ... while every other agent has a row in every week of the data
    assert all(gap in weeks[a] for a in weeks.index if a != "A003")
    assert (weeks.drop("A003").map(len) == got_kpi["week"].nunique()).all()


def test_aggregation_shows_the_user_no_library_warnings(calls):
    """Ibis warns about its own deprecated calls (DuckDB's fetch_arrow_table, pandas'
    future.infer_string); a trainer's notebook must not show them."""
    folder, _, _ = calls
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        weekly_from_calls(folder / "qa.csv", folder / "kpi.csv")


def test_week_boundary_and_sunday_weeks(tmp_path):
    qa = pd.DataFrame(
        {
            "agent_id": ["A", "A", "A", "A"],
            "team": ["T"] * 4,
            "call_time": [
                "2025-01-12 23:59:59",  # Sunday → week of Mon 6 Jan
                "2025-01-13 00:00:00",  # Monday → week of Mon 13 Jan
                "2025-01-12T16:30:00Z",  # 00:30 on Monday 13 Jan in Beijing
                "2025-01-13 00:10:00+09:00",  # 23:10 on Sunday 12 Jan in Beijing
            ],
            "qa_score": [10, 20, 40, 80],
        }
    )
    qa.to_csv(tmp_path / "qa.csv", index=False)
    got, kpi = weekly_from_calls(tmp_path / "qa.csv")
    assert kpi is None
    assert got["week"].dt.strftime("%Y-%m-%d").tolist() == ["2025-01-06", "2025-01-13"]
    assert got["qa_score"].tolist() == [45.0, 30.0]
    # the same records in UTC: the offsets no longer move the first two calls
    got_utc, _ = weekly_from_calls(tmp_path / "qa.csv", tz="UTC")
    assert got_utc["qa_score"].tolist() == [(10 + 40 + 80) / 3, 20.0]
    # weeks starting on Sunday: Sunday 12 Jan opens a week
    got_sun, _ = weekly_from_calls(tmp_path / "qa.csv", week_start="sunday")
    assert got_sun["week"].dt.strftime("%Y-%m-%d").tolist() == ["2025-01-12"]
    assert got_sun["qa_score"].tolist() == [37.5]


def test_random_sunday_weeks_match_pandas(calls):
    folder, qa, kpi = calls
    got_qa, got_kpi = weekly_from_calls(folder / "qa.csv", folder / "kpi.csv", week_start="Sunday")
    want_qa, want_kpi = reference(qa, kpi, weekday=6)
    _same(got_qa, want_qa)
    _same(got_kpi, want_kpi)


def test_parquet_with_typed_columns_and_xlsx(calls, tmp_path):
    folder, qa, kpi = calls
    typed = kpi.assign(
        call_time=pd.to_datetime(kpi["call_time"]).dt.tz_localize(TZ),  # timestamptz
        repeat_contact=kpi["repeat_contact"].astype(int),  # numeric flag
        csat=_flag(kpi["csat"]),
    )
    typed.to_parquet(tmp_path / "kpi.parquet")
    qa.assign(qa_pass=_flag(qa["qa_pass"]).map({1.0: True, 0.0: False})).to_parquet(
        tmp_path / "qa.parquet"
    )
    got_qa, got_kpi = weekly_from_calls(tmp_path / "qa.parquet", tmp_path / "kpi.parquet")
    want_qa, want_kpi = reference(qa, kpi)
    _same(got_qa, want_qa)
    _same(got_kpi, want_kpi)
    small = qa.head(200)
    small.to_excel(tmp_path / "qa.xlsx", index=False)
    got_x, got_xk = weekly_from_calls(tmp_path / "qa.xlsx")
    want_x, want_xk = reference(small, kpi.head(0))
    _same(got_x, want_x)
    _same(got_xk, want_xk[["agent_id", "team", "week", "qa_pass_rate"]])


def test_round_trip_through_read_weekly(calls, tmp_path):
    folder, _, _ = calls
    got_qa, got_kpi = weekly_from_calls(folder / "qa.csv", folder / "kpi.csv")
    for frame, name in ((got_qa, "qa_weekly.csv"), (got_kpi, "kpi_weekly.csv")):
        frame.assign(week=frame["week"].dt.strftime("%Y-%m-%d")).to_csv(
            tmp_path / name, index=False, float_format="%.17g"
        )
        back = read_weekly(tmp_path / name).reset_index(drop=True)
        back.attrs = {}
        mine = frame.copy()
        mine.attrs = {}
        # read_weekly parses decimals with pandas.to_numeric, which may be 1 ulp off the
        # correctly rounded value; columns, dtypes, rows and values agree to that
        pd.testing.assert_frame_equal(mine, back, check_exact=False, rtol=1e-15, atol=0)


def _write(tmp_path, frame: pd.DataFrame, name: str = "calls.csv"):
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path


def test_bad_cells_are_located(tmp_path):
    frame = pd.DataFrame(
        {
            "agent_id": ["A1", "", "A1", "A2", "A2"],
            "team": ["T", "T", "T", "T", "T"],
            "call_time": ["2025-01-06 09:00", "2025-01-06 10:00", "06/01/2025", "2025-01-07", "x"],
            "qa_score": ["80", "70", "60", "120", "abc"],
            "qa_pass": ["1", "0", "maybe", "1", "0"],
        }
    )
    with pytest.raises(InputError) as err:
        weekly_from_calls(_write(tmp_path, frame))
    found = {(p.row, p.column) for p in err.value.problems}
    assert found == {
        (3, "agent_id"),
        (4, "call_time"),
        (4, "qa_pass"),
        (5, "qa_score"),
        (6, "call_time"),
        (6, "qa_score"),
    }
    first = err.value.problems[0]
    assert str(first.describe()).startswith("row 3, column 'agent_id'")
    assert str(tmp_path / "calls.csv") in str(err.value)
    p = next(p for p in err.value.problems if (p.row, p.column) == (5, "qa_score"))
    assert p.found == "120" and "0 to 100" in p.message


def test_negative_handle_time_and_bad_flags_in_parquet(tmp_path):
    frame = pd.DataFrame(
        {
            "agent_id": ["A1", "A1", "A1"],
            "team": ["T", "T", "T"],
            "call_time": pd.to_datetime(
                ["2025-01-06 09:00", "2025-01-06 10:00", "2025-01-07"], format="ISO8601"
            ),
            "handle_s": [120.0, -5.0, 60.0],
            "sale": [1, 2, 0],
        }
    )
    frame.to_parquet(tmp_path / "k.parquet")
    with pytest.raises(InputError) as err:
        weekly_from_calls(kpi_calls=tmp_path / "k.parquet")
    assert [(p.row, p.column) for p in err.value.problems] == [(3, "handle_s"), (3, "sale")]


def test_duplicate_call_and_two_teams_in_a_week(tmp_path):
    base = {
        "agent_id": ["A1", "A1", "A1"],
        "team": ["T1", "T1", "T1"],
        "call_time": ["2025-01-06 09:00", "2025-01-06 10:00", "2025-01-08 10:00"],
        "qa_score": ["80", "70", "60"],
    }
    dup = pd.DataFrame({**base, "call_id": ["c1", "c2", "c1"]})
    with pytest.raises(InputError) as err:
        weekly_from_calls(_write(tmp_path, dup))
    assert (err.value.first.row, err.value.first.column) == (4, "call_id")
    assert "also row 2" in err.value.first.message
    teams = pd.DataFrame({**base, "team": ["T1", "T1", "T2"]})
    with pytest.raises(InputError, match="agent A1 has calls under two or more teams"):
        weekly_from_calls(_write(tmp_path, teams))


def test_missing_columns_and_parameters(tmp_path):
    frame = pd.DataFrame({"agent_id": ["A"], "call_time": ["2025-01-06"], "qa_score": ["1"]})
    with pytest.raises(InputError) as err:
        weekly_from_calls(_write(tmp_path, frame))
    assert (err.value.first.row, err.value.first.column) == (1, "team")
    frame = pd.DataFrame({"agent_id": ["A"], "team": ["T"], "call_time": ["2025-01-06"]})
    with pytest.raises(InputError, match="no QA metric columns"):
        weekly_from_calls(_write(tmp_path, frame))
    with pytest.raises(InputError, match="week_start"):
        weekly_from_calls(_write(tmp_path, frame), week_start="someday")
    with pytest.raises(InputError, match="unknown time zone"):
        weekly_from_calls(_write(tmp_path, frame), tz="Mars/Olympus")
    with pytest.raises(InputError, match="file not found"):
        weekly_from_calls(tmp_path / "nope.parquet")


def _spark_ready() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return shutil.which("java") is not None and (
        subprocess.run(["java", "-version"], capture_output=True).returncode == 0
    )


@pytest.mark.skipif(not _spark_ready(), reason="needs pyspark and a Java runtime (make test-spark)")
def test_spark_backend_gives_the_same_panels(calls, tmp_path):
    import ibis
    from pyspark.sql import SparkSession

    folder, qa, kpi = calls
    spark = (
        SparkSession.builder.master("local[1]")
        .config("spark.sql.session.timeZone", TZ)
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        con = ibis.pyspark.connect(spark)
        qa_t = con.read_csv(str(folder / "qa.csv"), header=True, inferSchema=False)
        kpi_t = con.read_csv(str(folder / "kpi.csv"), header=True, inferSchema=False)
        got_qa, got_kpi = weekly_from_calls(qa_t, kpi_t, backend=con, tz=TZ)
        want_qa, want_kpi = reference(qa, kpi)
        for got, want in ((got_qa, want_qa), (got_kpi, want_kpi)):
            got.attrs = {}
            # Spark sums in its own order: equal to the pandas values within rounding
            pd.testing.assert_frame_equal(
                got, want, check_exact=False, rtol=1e-12, check_dtype=False
            )
    finally:
        spark.stop()


def test_cli_aggregate_writes_weekly_files(calls, tmp_path, capsys):
    from cslib.cli import main

    folder, _, _ = calls
    code = main(
        [
            "aggregate",
            "--qa",
            str(folder / "qa.csv"),
            "--kpi",
            str(folder / "kpi.csv"),
            "--output-dir",
            str(tmp_path),
        ]
    )
    assert code == 0
    got_qa, got_kpi = weekly_from_calls(folder / "qa.csv", folder / "kpi.csv")
    back = read_weekly(tmp_path / "kpi_weekly.csv").reset_index(drop=True)
    back.attrs, got_kpi.attrs = {}, {}
    pd.testing.assert_frame_equal(got_kpi, back, check_exact=False, rtol=1e-15, atol=0)
    assert "qa_weekly.csv" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("agent_id,team,call_time,qa_score\nA,T,2025-01-06,101\n", encoding="utf-8")
    assert main(["aggregate", "--qa", str(bad), "--output-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "row 2, column 'qa_score'" in err and "0 to 100" in err
    assert main(["aggregate"]) == 2


def test_gbk_csv_with_bom_free_chinese_ids_and_padding(tmp_path):
    text = (
        "agent_id,team,call_time,qa_score\n"
        " 张三 ,一组,2025-01-06 09:00,80\n"
        "张三,一组 ,2025-01-07 09:00,90\n"
        "李四,二组,2025-01-13 09:00,70\n"
    )
    (tmp_path / "qa.csv").write_bytes(text.encode("gb18030"))
    qa, _ = weekly_from_calls(tmp_path / "qa.csv")
    assert qa["agent_id"].tolist() == ["张三", "李四"]  # cells are stripped, as read_table does
    assert qa["team"].tolist() == ["一组", "二组"]
    assert qa["qa_score"].tolist() == [85.0, 70.0]
    (tmp_path / "bom.csv").write_bytes(text.encode("utf-8-sig"))
    again, _ = weekly_from_calls(tmp_path / "bom.csv")
    qa.attrs, again.attrs = {}, {}
    pd.testing.assert_frame_equal(qa, again, check_exact=True)
