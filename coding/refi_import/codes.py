"""Codes and sets from a REFI-QDA file planned against a survey, then saved (codebook and project
imports share this): names matched to existing codes ignoring case, ATLAS.ti "Parent::Child"
names turned into hierarchy, colours checked, parents created before their children."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from coding.models import Category, CategoryCode, Code

DEFAULT_COLOUR = "#4c72b0"
HEX = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def colour(value):
    value = (value or "").strip()
    if not HEX.match(value):
        return DEFAULT_COLOUR
    return value if len(value) == 7 else "#" + "".join(c * 2 for c in value[1:])


def unique_name(name, taken, limit):
    name = (name or "").strip()[:limit] or _("Unnamed")
    candidate, n = name, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = name[: limit - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


@dataclass
class CodePlan:
    """What a codebook import would do: per code, its final name, parent and whether it is new."""

    rows: list  # dicts: guid, name, description, colour, parent (guid), codable, existing (Code or None)
    sets: list  # dicts: name, description, codes (guids), existing (Category or None)

    @property
    def new_codes(self):
        return [r for r in self.rows if r["existing"] is None]

    @property
    def matched_codes(self):
        return [r for r in self.rows if r["existing"] is not None]


def plan_codes(survey, parsed, *, all_sets=True):
    existing = {c.name.lower(): c for c in Code.objects.filter(survey=survey)} if survey.pk else {}
    names = {c.name.strip().lower(): c.guid for c in parsed.codes}
    rows, taken, seen = [], set(existing), {}
    for code in parsed.codes:
        name, parent = code.name.strip(), code.parent
        if not parent and "::" in name:
            head, leaf = name.rsplit("::", 1)
            if head.strip().lower() in names and leaf.strip() and leaf.strip().lower() not in names:
                name, parent = leaf.strip(), names[head.strip().lower()]
        if code.guid in seen:
            continue
        match = existing.get(name[:120].lower())
        final = match.name if match else unique_name(name, taken, 120)
        row = {
            "guid": code.guid,
            "name": final,
            "description": code.description,
            "colour": colour(code.colour),
            "parent": parent,
            "codable": code.codable,
            "existing": match,
        }
        seen[code.guid] = row
        rows.append(row)
    for row in rows:
        parent = seen.get(row["parent"])
        row["parent_name"] = parent["name"] if parent else ""
    categories = {c.name.lower(): c for c in Category.objects.filter(survey=survey)} if survey.pk else {}
    sets = []
    taken_sets = set(categories)
    for item in parsed.sets:
        if not all_sets and item.sources and not item.codes:
            continue
        match = categories.get(item.name[:160].lower())
        sets.append(
            {
                "guid": item.guid,
                "name": match.name if match else unique_name(item.name, taken_sets, 160),
                "description": item.description,
                "codes": [g for g in item.codes if g in seen],
                "notes": item.notes,
                "existing": match,
            }
        )
    return CodePlan(rows=rows, sets=sets)


def save_plan(survey, plan, by):
    """Create the new codes (parents first) and categories; returns ({guid: Code}, {guid: Category})."""
    by_guid = {r["guid"]: r for r in plan.rows}
    codes = {r["guid"]: r["existing"] for r in plan.rows if r["existing"] is not None}
    pending = [r for r in plan.rows if r["existing"] is None]
    while pending:
        ready = [r for r in pending if not r["parent"] or r["parent"] in codes or r["parent"] not in by_guid]
        if not ready:  # a parent cycle in the file: break it by making the rest top-level
            ready = pending[:1]
            ready[0]["parent"] = ""
        created = Code.objects.bulk_create(
            [  # one insert per level of the hierarchy
                Code(
                    survey=survey,
                    name=row["name"],
                    description=row["description"],
                    colour=row["colour"],
                    codable=row.get("codable", True),
                    parent=codes.get(row["parent"]),
                    created_by=by if by and by.is_authenticated else None,
                )
                for row in ready
            ]
        )
        codes.update({row["guid"]: code for row, code in zip(ready, created, strict=True)})
        pending = [r for r in pending if r not in ready]
    categories = {}
    order = (Category.objects.filter(survey=survey).order_by("-order").values_list("order", flat=True).first() or 0) + 1
    placements = 0
    for item in plan.sets:
        category = item["existing"]
        if category is None:
            category = Category.objects.create(
                survey=survey, name=item["name"], description=item["description"], order=order
            )
            order += 1
        categories[item["guid"]] = category
        present = set(category.placements.values_list("code_id", flat=True)) if item["existing"] else set()
        wanted = []
        for position, guid in enumerate(item["codes"]):
            code = codes[guid]
            if code.id not in present:
                wanted.append(
                    CategoryCode(
                        category=category,
                        code=code,
                        position=position,
                        added_by=by if by and by.is_authenticated else None,
                    )
                )
                present.add(code.id)
        CategoryCode.objects.bulk_create(wanted)
        placements += len(wanted)
    return codes, categories, placements
