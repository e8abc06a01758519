"""Fill empty msgstr entries of a .po file from a JSON dict {msgid: msgstr}.

Usage: python scripts/fill_po.py locale/nb/LC_MESSAGES/django.po translations.json
Used when adding a batch of translations; entries that already have a translation are kept.
Only single-line msgids are handled; longer ones are edited in the .po directly."""

import json
import re
import sys


def unquote(s):
    return json.loads(s)


def fill(po_path, mapping):
    text = open(po_path, encoding="utf-8").read()
    pattern = re.compile(r'((?:#,[^\n]*\n)?)msgid ("(?:[^"\\]|\\.)*")\nmsgstr ""\n(?!")')
    filled = 0

    def replace(match):
        nonlocal filled
        flags, msgid = match.group(1), unquote(match.group(2))
        if msgid in mapping and mapping[msgid]:
            filled += 1
            flags = flags.replace(", fuzzy", "") if flags else flags
            if flags.strip() == "#,":
                flags = ""
            return f'{flags}msgid {match.group(2)}\nmsgstr {json.dumps(mapping[msgid], ensure_ascii=False)}\n'
        return match.group(0)

    text = pattern.sub(replace, text)
    open(po_path, "w", encoding="utf-8").write(text)
    return filled


if __name__ == "__main__":
    po, source = sys.argv[1], sys.argv[2]
    print(fill(po, json.load(open(source, encoding="utf-8"))), "filled")
