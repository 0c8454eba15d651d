"""Generate the Delphi sample panel in ``data_samples/`` (fixed seed, byte-identical reruns).

The panel mirrors the published complaint-handling study (docs/background.md §1): 26 experts
from four sectors, two rounds, importance of the 3 first-level and 11 second-level
indicators on a 5-point Likert scale.  Scores are drawn from a latent model

    score = clip(round(mu_i + b_e + sigma_r * e), 1, 5)

with indicator means ``mu_i`` chosen so that mean-difference AHP weights come out
near the published ones, expert leniency ``b_e`` and a noise level ``sigma_r`` that
shrinks in round 2 (experts converge after feedback).  Self-motivation (B4) is
contested in round 1 (low mean, wide spread) so the screening rule flags it.

``delphi_relevance.csv`` adds the same panel's content-validity ratings (relevance 1–4 and
Lawshe's essential / useful / not necessary), drawn from a second seeded generator so the
importance files above stay byte-identical.

Run:  python data_samples/generate_delphi_samples.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261123
HERE = Path(__file__).resolve().parent
N_EXPERTS = 26

# latent indicator means per round (tuned once so the realised weights resemble the study)
LATENT_MEANS = {
    1: {
        "A": 4.57,
        "B": 4.29,
        "C": 4.00,
        "A1": 4.23,
        "A2": 4.05,
        "A3": 4.46,
        "A4": 4.34,
        "B1": 4.86,
        "B2": 4.46,
        "B3": 3.77,
        "B4": 3.05,
        "C1": 4.17,
        "C2": 4.51,
        "C3": 4.29,
    },
    2: {
        "A": 4.98,
        "B": 4.69,
        "C": 4.40,
        "A1": 4.40,
        "A2": 4.27,
        "A3": 4.69,
        "A4": 4.59,
        "B1": 5.24,
        "B2": 4.92,
        "B3": 4.14,
        "B4": 3.69,
        "C1": 4.43,
        "C2": 4.82,
        "C3": 4.50,
    },
}
NOISE_SD = {1: 0.70, 2: 0.42}
EXTRA_SPREAD_ROUND1 = {"B4": 0.55}  # self-motivation divides the panel in round 1

SECTORS = [
    ("移动通信", "mobile telecom"),
    ("航空票务", "airline ticketing"),
    ("公共交通票务", "public-transport ticketing"),
    ("家电零售", "appliance retail"),
]
TITLES = [
    "投诉专员 complaint specialist",
    "高级投诉专员 senior complaint specialist",
    "投诉组长 complaint team leader",
    "客服主管 service supervisor",
]
# judgment-basis coefficients (practical experience, theory, peers, intuition) and familiarity
CA_LEVELS = np.array([0.7, 0.8, 0.9, 1.0])
CS_LEVELS = np.array([0.6, 0.8, 1.0])


def make_experts(rng: np.random.Generator) -> pd.DataFrame:
    sector = rng.integers(0, len(SECTORS), N_EXPERTS)
    years = rng.integers(3, 16, N_EXPERTS)
    title = np.minimum(years // 4, len(TITLES) - 1)
    ca = rng.choice(CA_LEVELS, N_EXPERTS, p=[0.1, 0.3, 0.4, 0.2])
    cs = rng.choice(CS_LEVELS, N_EXPERTS, p=[0.15, 0.5, 0.35])
    return pd.DataFrame(
        {
            "expert_id": [f"E{i:02d}" for i in range(1, N_EXPERTS + 1)],
            "sector_zh": [SECTORS[s][0] for s in sector],
            "sector_en": [SECTORS[s][1] for s in sector],
            "years": years,
            "title": [TITLES[t] for t in title],
            "ca": ca,
            "cs": cs,
        }
    )


def make_ratings(rng: np.random.Generator, experts: pd.DataFrame) -> pd.DataFrame:
    ids = list(LATENT_MEANS[1])
    leniency = rng.normal(0.0, 0.25, N_EXPERTS)
    rows = []
    for rnd in (1, 2):
        mu = np.array([LATENT_MEANS[rnd][i] for i in ids])
        sd = np.array(
            [NOISE_SD[rnd] + (EXTRA_SPREAD_ROUND1.get(i, 0) if rnd == 1 else 0) for i in ids]
        )
        latent = (
            mu[None, :]
            + leniency[:, None]
            + sd[None, :] * rng.standard_normal((N_EXPERTS, len(ids)))
        )
        scores = np.clip(np.rint(latent), 1, 5).astype(int)
        for e, expert in enumerate(experts["expert_id"]):
            for k, ind in enumerate(ids):
                rows.append((rnd, expert, ind, scores[e, k]))
    return pd.DataFrame(rows, columns=["round", "expert_id", "indicator_id", "score"])


def write_wide_workbook(ratings: pd.DataFrame, path: Path) -> None:
    """The same ratings as trainers type them: one sheet per round, Chinese names as headers."""
    import yaml

    doc = yaml.safe_load((HERE / "framework_complaint_handling.yaml").read_text(encoding="utf-8"))
    names = {i["id"]: i["name_zh"] for i in doc["indicators"]}
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        for rnd, part in ratings.groupby("round", sort=True):
            wide = part.pivot(index="expert_id", columns="indicator_id", values="score")
            wide = wide[list(LATENT_MEANS[1])].rename(columns=names).reset_index()
            wide = wide.rename(columns={"expert_id": "专家编号 expert_id"})
            wide.to_excel(xl, sheet_name=f"第{rnd}轮 round {rnd}", index=False)
    _fix_zip_timestamps(path)


def _fix_zip_timestamps(path: Path) -> None:
    """Rewrite the XLSX zip with fixed timestamps and core properties so reruns are byte-identical."""
    import re
    import zipfile

    entries = []
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>",
                    lambda m: (
                        m.group(0).split(b">")[0]
                        + b">2026-01-01T00:00:00Z</dcterms:"
                        + m.group(1)
                        + b">"
                    ),
                    data,
                )
            entries.append((info.filename, data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def make_relevance(rng: np.random.Generator, experts: pd.DataFrame) -> pd.DataFrame:
    """Relevance 1–4 from the round-2 latent importance mapped onto four points.

    Lawshe's category follows relevance (4 essential, 3 useful, 1–2 not necessary).
    """
    ids = list(LATENT_MEANS[2])
    mu = 1 + (np.array([LATENT_MEANS[2][i] for i in ids]) - 1) * 3 / 4
    latent = mu[None, :] + 0.55 * rng.standard_normal((N_EXPERTS, len(ids)))
    rel = np.clip(np.rint(latent), 1, 4).astype(int)
    category = np.select([rel == 4, rel == 3], ["essential", "useful"], "not necessary")
    rows = [
        (expert, ind, rel[e, k], category[e, k])
        for e, expert in enumerate(experts["expert_id"])
        for k, ind in enumerate(ids)
    ]
    return pd.DataFrame(rows, columns=["expert_id", "indicator_id", "relevance", "lawshe"])


def main() -> None:
    rng = np.random.default_rng(SEED)
    experts = make_experts(rng)
    ratings = make_ratings(rng, experts)
    experts.to_csv(HERE / "delphi_experts.csv", index=False, lineterminator="\n")
    ratings.to_csv(HERE / "delphi_ratings.csv", index=False, lineterminator="\n")
    write_wide_workbook(ratings, HERE / "delphi_ratings_wide.xlsx")
    relevance = make_relevance(np.random.default_rng(SEED + 1), experts)
    relevance.to_csv(HERE / "delphi_relevance.csv", index=False, lineterminator="\n")


if __name__ == "__main__":
    main()
