"""Write samples/sudan-sitrep-2024-05-14.pdf, the demo's PDF situation report: two
columns, a running header and footer, written for sitroom's demo (not a real agency's
report). Needs fpdf2 (a dev dependency): .venv/bin/python samples/make_sitrep_pdf.py"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from pdfs import two_column_report  # noqa: E402

LEFT = [
    [
        "Fighting between the Sudanese Armed Forces and the Rapid Support Forces continued in"
        " El Fasher, North Darfur, on 13 May, according to local partners.",
        "Shelling hit the Abu Shouk camp on 13 May, killing at least seven civilians,"
        " community leaders said.",
    ],
    [
        "The RSF said on 12 May that its fighters had taken the town of Mellit, north of"
        " El Fasher; the army did not comment.",
    ],
]
RIGHT = [
    [
        "More than 40,000 people have fled toward Tawila since April, partners reported.",
        "Water trucking resumed in two camps after a pause of five days.",
    ],
    ["The road between El Fasher and Mellit remains closed to humanitarian convoys."],
]

if __name__ == "__main__":
    target = Path(__file__).resolve().parent / "sudan-sitrep-2024-05-14.pdf"
    two_column_report(target, LEFT, RIGHT, issued="14 May 2024")
    print(target)
