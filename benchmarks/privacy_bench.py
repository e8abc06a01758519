"""How fast personal data is found: the detector over synthetic answers the size of the 100×
dataset (38,000 answers), without a database. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/privacy_bench.py [--answers 38000]
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coding.privacy import detect  # noqa: E402

PLAIN = ["Samarbeidet med veilederne var godt, og vi fikk mye ut av samlingene i Bodø.",
         "Det var lite tid til å følge opp mellom samlingene, men Kompetanseløftet hjalp.",
         "Skolen har brukt veiledningen i arbeidet med inkludering og tilpasset opplæring."]
PERSONAL = ["Rektor Per Hansen tok ansvar, og Kari Nordmann fulgte opp på 912 34 567.",
            "Skriv til ola.nordmann@example.org, fnr 15076510013 lå ved en feil i skjemaet."]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=38_000)
    args = parser.parse_args()
    rng = random.Random(17)
    texts = [" ".join(rng.choice(PERSONAL if rng.random() < 0.1 else PLAIN) for _ in range(3))
             for _ in range(args.answers)]
    detect.gazetteer()
    start = time.perf_counter()
    found = sum(len(detect.find(t, places={"Bodø"})) for t in texts)
    seconds = time.perf_counter() - start
    chars = sum(map(len, texts))
    print(f"{args.answers} answers, {chars / 1e6:.1f} M characters: {found} findings in {seconds:.2f} s "
          f"({args.answers / seconds:,.0f} answers/s)")


if __name__ == "__main__":
    main()
