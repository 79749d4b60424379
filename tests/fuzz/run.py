"""Coverage-guided fuzzing of one reader with atheris (libFuzzer): `make fuzz` runs every target.

    python tests/fuzz/run.py TARGET SECONDS

The project's own documents seed the run (the text seeds, the bundled Akoma Ntoso files, the shipped
queries). A crashing input is written to tests/fuzz/crashes/TARGET/ (commit it: tests/test_fuzz.py
replays every one). The last line says how many inputs were run."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["pipeline"]):
    from tests.fuzz.targets import CRASHES, TARGETS

SEEDS = {
    "text": [*sorted((ROOT / "corpus").glob("*.txt"))],
    "layouts": [*sorted((ROOT / "corpus").glob("*.txt"))],
    "akn": [*sorted((ROOT / "corpus" / "akn").glob("*.xml"))],
    "manifest": [ROOT / "corpus" / "manifest.toml"],
    "query": [*sorted((ROOT / "queries").glob("*.rq"))],
}


def main() -> None:
    target, seconds = sys.argv[1], int(sys.argv[2])
    function = TARGETS[target]
    crashes = CRASHES / target
    crashes.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as corpus:
        for seed in SEEDS[target]:
            shutil.copy(seed, corpus)
        args = [
            sys.argv[0],
            corpus,
            f"-max_total_time={seconds}",
            f"-artifact_prefix={crashes}/",
            "-timeout=5",
            "-rss_limit_mb=4096",
            "-max_len=200000",
            "-print_final_stats=1",
        ]
        atheris.Setup(args, function)
        atheris.Fuzz()


if __name__ == "__main__":
    main()
