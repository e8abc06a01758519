"""Fill a .po catalogue from JSON files of translations {msgid: msgstr or [singular, plural]}.

Run through scripts/i18n.sh, which extracts with --no-wrap so every msgid is one line.
The JSON files are the source of truth: every entry they name is (re)written, so a corrected
translation in JSON reaches the catalogue; fuzzy marks are dropped."""

import json
import re
import sys

ENTRY = re.compile(r"\n\n+")


def fill(po_path, mapping):
    blocks = ENTRY.split(open(po_path, encoding="utf-8").read().strip("\n"))
    filled = 0
    for i, block in enumerate(blocks):
        lines = block.split("\n")
        msgid = next((json.loads(line[6:]) for line in lines if line.startswith("msgid ")), None)
        if not msgid or msgid not in mapping:
            continue
        value = mapping[msgid]
        out = []
        for line in lines:
            if line.startswith("#,") and "fuzzy" in line:
                flags = [f.strip() for f in line[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
                if flags:
                    out.append("#, " + ", ".join(flags))
            elif line.startswith("#|"):
                continue
            elif line.startswith("msgstr["):
                index = int(line[7])
                forms = value if isinstance(value, list) else [value, value]
                out.append(f"msgstr[{index}] {json.dumps(forms[min(index, len(forms) - 1)], ensure_ascii=False)}")
            elif line.startswith("msgstr "):
                out.append(f"msgstr {json.dumps(value if isinstance(value, str) else value[0], ensure_ascii=False)}")
            else:
                out.append(line)
        blocks[i] = "\n".join(out)
        filled += 1
    open(po_path, "w", encoding="utf-8").write("\n\n".join(blocks) + "\n")
    return filled


if __name__ == "__main__":
    po = sys.argv[1]
    mapping = {}
    for source in sys.argv[2:]:
        mapping.update(json.load(open(source, encoding="utf-8")))
    print(f"{fill(po, mapping)} translations filled in {po}")
