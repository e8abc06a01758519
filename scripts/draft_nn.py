"""Draft Nynorsk translations for strings that have Bokmål but no Nynorsk yet.

    python scripts/draft_nn.py            # every locale/translations/<topic>.json
    python scripts/draft_nn.py board.json # one topic

For each Bokmål file locale/translations/<topic>.json, entries missing from
locale/translations/nn/<topic>.json are drafted from the Bokmål text with Apertium's
Bokmål→Nynorsk translator (Debian package apertium-nno-nob, a developer tool: nothing at run
time or in CI needs it) and then go through FIXES below. Existing Nynorsk entries are never
touched. A draft is a draft: read the diff before committing it."""

import html
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "locale" / "translations"
TARGET = SOURCE / "nn"
PROTECT = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}|<[^>]+>|&\w+;|\[[^\]]*\]")
# Apertium's habits that read wrong in this app (regex, replacement), applied in order.
FIXES = [
    (r"\bskal slett\b", "skal slettast"),
    (r"\bkan ikkje slett\b", "kan ikkje slettast"),
    (r"\bMe\b", "Vi"), (r"\bme\b", "vi"),
    (r"\bFlote\b", "Flytt"), (r"\bflote\b", "flytt"),
    (r"^Lager$", "Lagre"), (r"^Arkiv$", "Arkiver"),
    (r"\blaget kvarandres\b", "kvarandre sine lag"),
    (r"\bkoderne\b", "kodarane"), (r"\bKoderne\b", "Kodarane"), (r"\bKodernes\b", "Kodarane sine"),
    (r"\bkoderes\b", "kodarar sine"), (r"\bkodere\b", "kodarar"),
    (r"\ber merket\b", "er merkte"), (r"\bLaget (?=%\(date\)s)", "Laga "),
    (r"\btabellen i rapporten 2\b", "tabell 2 i rapporten"),
    (r"^rettleiing$", "veiledning"),
    (r"^Slettedato sat$", "Slettedato sett"), (r"^Angrar$", "Angre"), (r"^Pseudonymisar", "Pseudonymiser"),
    (r"vart utelatne\.", "vart utelaten."), (r"^Ingen fil er importerte", "Ingen fil er importert"),
    (r"er sette\.$", "er sett."), (r"^Finnes frå før", "Finst frå før"), (r"^Kodere utan", "Kodarar utan"),
    (r"\bfritekstvarene\b", "fritekstsvara"), (r"står i svaret frå undersøkinga", "står i svara i undersøkinga"),
    (r"\bpseudonymiseringen\b", "pseudonymiseringa"), (r"\bblir her vist\b", "blir viste her"),
    (r"\(markar eit\b", "(marker eit"), (r"\bein zip-bombe\b", "ei zip-bombe"),
    (r"\bein annan kodars\b", "ein annan kodar sin"), (r"^Blir sletta innan$", "Slettast innan"),
    (r"^blir sletta innan$", "slettast innan"),
]


def translate(texts):
    """Bokmål texts → Nynorsk, placeholders and tags kept exactly. One Apertium run over an
    HTML document (one <div> a text, each placeholder an empty tag that Apertium leaves be)."""
    kept, parts = [], []
    for n, text in enumerate(texts):
        found = PROTECT.findall(text)
        kept.append(found)
        pieces = PROTECT.split(text)
        body = html.escape(pieces[0], quote=False)
        for i, rest in enumerate(pieces[1:]):
            body += f'<i id="p{i}"></i>' + html.escape(rest, quote=False)
        parts.append(f'<div id="s{n}">{body}</div>')
    out = subprocess.run(["apertium", "-u", "-f", "html", "nob-nno_e"], input="\n".join(parts),
                         capture_output=True, text=True, check=True).stdout
    found_divs = dict(re.findall(r'<div id="s(\d+)">(.*?)</div>', out, flags=re.S))
    result = []
    for n, original in enumerate(texts):
        line = re.sub(r"(<i id=\"p\d+\"></i>)|&\w+;|&#\d+;", lambda m: m.group(1) or html.unescape(m.group()),
                      found_divs[str(n)])
        for i, token in enumerate(kept[n]):
            line = line.replace(f'<i id="p{i}"></i>', token, 1)
        line = re.sub(r"\s+", " ", line).strip()
        for pattern, replacement in FIXES:
            line = re.sub(pattern, replacement, line)
        if original[:1].isupper() and line[:1].islower():
            line = line[0].upper() + line[1:]
        result.append(line)
    return result


def draft(topic):
    bokmal = json.loads((SOURCE / topic).read_text(encoding="utf-8"))
    target = TARGET / topic
    nynorsk = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    todo = [k for k in bokmal if k not in nynorsk]
    flat = []
    for key in todo:
        value = bokmal[key]
        flat.extend(value if isinstance(value, list) else [value])
    done = iter(translate(flat))
    for key in todo:
        value = bokmal[key]
        nynorsk[key] = [next(done) for _ in value] if isinstance(value, list) else next(done)
    TARGET.mkdir(exist_ok=True)
    target.write_text(json.dumps(nynorsk, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{topic}: {len(todo)} drafted, {len(nynorsk)} in all")


if __name__ == "__main__":
    for topic in sys.argv[1:] or sorted(p.name for p in SOURCE.glob("*.json")):
        draft(topic)
