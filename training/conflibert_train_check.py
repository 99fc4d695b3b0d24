"""The pipeline's five-way class on conflibert **training** sentences, under given thresholds.

    .venv/bin/python training/conflibert_train_check.py [--coder-settings FILE] [--sample 500]

A dev-side check of how the hybrid coder's thresholds (``data/coder.toml``, fitted to VOA dev
stories) trade against conflibert's short sentences, without touching the held-out quarter
(``dyad.evaluate.splits``). The event model trained on these sentences, so the accuracy is
in-sample for it and only the *difference* between two settings files means something. The
sample is fixed: the first ``--sample`` sentences by a hash of their text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dyad.evaluate.cli import DEFAULT_DATA_DIR
from dyad.evaluate.coder import pipeline_coder
from dyad.evaluate.gold import load_conflibert
from dyad.evaluate.quad_score import score_quad
from dyad.evaluate.splits import is_held_out, stable_hash
from dyad.events.learned import coder_settings_path, load_hybrid_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--coder-settings", type=Path, default=coder_settings_path(),
                        help="a coder.toml (default: the shipped one)")
    parser.add_argument("--sample", type=int, default=500)
    args = parser.parse_args()
    training = [s for s in load_conflibert(args.data_dir) if not is_held_out(s.text)]
    sample = sorted(training, key=lambda s: stable_hash("sample", s.text))[:args.sample]
    coder = pipeline_coder(None, hybrid=load_hybrid_settings(args.coder_settings))
    for report in score_quad(sample, coder):
        print(f"{report.scheme}: accuracy {report.accuracy:.3f} ({len(sample)} training "
              f"sentences, {args.coder_settings})")


if __name__ == "__main__":
    main()
