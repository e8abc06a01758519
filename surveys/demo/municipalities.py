"""Demo municipalities for portfolio 2 of the guidance programme (January 2019 – December 2020).

Pure data, no Django imports. 56 participating municipalities as they were in 2019 (pre-2020
numbers and counties), 45 after the mergers of 1 January 2020; 23 took part alone and 33 in
12 municipality groups. Survey response units: 23 alone + 8 jointly answering groups + the
12 members of the 4 groups whose members answered separately = 43.
"""

U100 = "under 100"
S100 = "100–299"
S300 = "300–599"
S600 = "600–999"
O1000 = "over 1000"

SIZES = [U100, S100, S300, S600, O1000]


def _m(name, number, county, merged_into, size):
    return {"name": name, "number": number, "county": county, "merged_into": merged_into, "size": size}


MUNICIPALITIES = [
    # --- Grouped: about to merge -------------------------------------------------------
    # Indre Østfold (3014)
    _m("Askim", "0124", "Østfold", "Indre Østfold", S300),
    _m("Eidsberg", "0125", "Østfold", "Indre Østfold", S300),
    _m("Hobøl", "0138", "Østfold", "Indre Østfold", S100),
    _m("Spydeberg", "0123", "Østfold", "Indre Østfold", S100),
    _m("Trøgstad", "0122", "Østfold", "Indre Østfold", S100),
    # Lillestrøm (3030)
    _m("Skedsmo", "0231", "Akershus", "Lillestrøm", O1000),
    _m("Fet", "0227", "Akershus", "Lillestrøm", S300),
    _m("Sørum", "0226", "Akershus", "Lillestrøm", S300),
    # Nordre Follo (3020)
    _m("Ski", "0213", "Akershus", "Nordre Follo", S600),
    _m("Oppegård", "0217", "Akershus", "Nordre Follo", S600),
    # Tønsberg (3803)
    _m("Tønsberg", "0704", "Vestfold", "Tønsberg", O1000),
    _m("Re", "0716", "Vestfold", "Tønsberg", S100),
    # Stad (4649)
    _m("Eid", "1443", "Sogn og Fjordane", "Stad", S100),
    _m("Selje", "1441", "Sogn og Fjordane", "Stad", U100),
    # Kinn (4602)
    _m("Flora", "1401", "Sogn og Fjordane", "Kinn", S300),
    _m("Vågsøy", "1439", "Sogn og Fjordane", "Kinn", S100),
    # Molde (1506)
    _m("Molde", "1502", "Møre og Romsdal", "Molde", S600),
    _m("Nesset", "1543", "Møre og Romsdal", "Molde", U100),
    # --- Grouped: regional cooperation, no merger -----------------------------------------
    # Hallingdal
    _m("Gol", "0617", "Buskerud", None, S100),
    _m("Ål", "0619", "Buskerud", None, S100),
    _m("Hol", "0620", "Buskerud", None, S100),
    # Valdres
    _m("Nord-Aurdal", "0542", "Oppland", None, S100),
    _m("Vestre Slidre", "0543", "Oppland", None, U100),
    _m("Øystre Slidre", "0544", "Oppland", None, U100),
    # Nord-Østerdal
    _m("Tynset", "0437", "Hedmark", None, S100),
    _m("Tolga", "0436", "Hedmark", None, U100),
    _m("Alvdal", "0438", "Hedmark", None, U100),
    # Vesterålen
    _m("Sortland", "1870", "Nordland", None, S300),
    _m("Hadsel", "1866", "Nordland", None, S300),
    _m("Øksnes", "1868", "Nordland", None, S100),
    # Midt-Troms
    _m("Målselv", "1924", "Troms", None, S300),
    _m("Bardu", "1922", "Troms", None, S100),
    _m("Sørreisa", "1925", "Troms", None, S100),
    # --- Alone ----------------------------------------------------------------------------
    _m("Larvik", "0712", "Vestfold", None, S600),
    _m("Ringerike", "0605", "Buskerud", None, S600),
    _m("Ringsaker", "0412", "Hedmark", None, S600),
    _m("Bø", "0821", "Telemark", "Midt-Telemark", S300),
    _m("Notodden", "0807", "Telemark", None, S300),
    _m("Arendal", "0906", "Aust-Agder", None, O1000),
    _m("Grimstad", "0904", "Aust-Agder", None, S600),
    _m("Vennesla", "1014", "Vest-Agder", None, S300),
    _m("Søgne", "1018", "Vest-Agder", "Kristiansand", S300),
    _m("Sandnes", "1102", "Rogaland", "Sandnes", O1000),
    _m("Karmøy", "1149", "Rogaland", None, O1000),
    _m("Hå", "1119", "Rogaland", None, S300),
    _m("Os", "1243", "Hordaland", "Bjørnafjorden", S300),
    _m("Stord", "1221", "Hordaland", None, S300),
    _m("Askøy", "1247", "Hordaland", None, S600),
    _m("Ålesund", "1504", "Møre og Romsdal", "Ålesund", O1000),
    _m("Kristiansund", "1505", "Møre og Romsdal", None, S300),
    _m("Steinkjer", "5004", "Trøndelag", "Steinkjer", S600),
    _m("Melhus", "5028", "Trøndelag", None, S600),
    _m("Levanger", "5037", "Trøndelag", None, S600),
    _m("Bodø", "1804", "Nordland", None, O1000),
    _m("Alta", "2012", "Finnmark", None, S600),
    _m("Sør-Varanger", "2030", "Finnmark", None, S300),
]

# The municipalities that the merged_into values name, with their 2020 numbers and counties.
NEW_MUNICIPALITIES = [
    {"name": "Indre Østfold", "number": "3014", "county": "Viken"},
    {"name": "Lillestrøm", "number": "3030", "county": "Viken"},
    {"name": "Nordre Follo", "number": "3020", "county": "Viken"},
    {"name": "Tønsberg", "number": "3803", "county": "Vestfold og Telemark"},
    {"name": "Midt-Telemark", "number": "3817", "county": "Vestfold og Telemark"},
    {"name": "Kristiansand", "number": "4204", "county": "Agder"},
    {"name": "Sandnes", "number": "1108", "county": "Rogaland"},
    {"name": "Bjørnafjorden", "number": "4624", "county": "Vestland"},
    {"name": "Stad", "number": "4649", "county": "Vestland"},
    {"name": "Kinn", "number": "4602", "county": "Vestland"},
    {"name": "Molde", "number": "1506", "county": "Møre og Romsdal"},
    {"name": "Ålesund", "number": "1507", "county": "Møre og Romsdal"},
    {"name": "Steinkjer", "number": "5006", "county": "Trøndelag"},
]

JOINTLY = "jointly"
SEPARATELY = "separately"

GROUPS = [
    {"name": "Kommunegruppe Indre Østfold",
     "members": ["Askim", "Eidsberg", "Hobøl", "Spydeberg", "Trøgstad"], "answered": JOINTLY},
    {"name": "Kommunegruppe Lillestrøm",
     "members": ["Skedsmo", "Fet", "Sørum"], "answered": SEPARATELY},
    {"name": "Kommunegruppe Nordre Follo", "members": ["Ski", "Oppegård"], "answered": JOINTLY},
    {"name": "Kommunegruppe Tønsberg", "members": ["Tønsberg", "Re"], "answered": JOINTLY},
    {"name": "Kommunegruppe Stad", "members": ["Eid", "Selje"], "answered": JOINTLY},
    {"name": "Kommunegruppe Kinn", "members": ["Flora", "Vågsøy"], "answered": JOINTLY},
    {"name": "Kommunegruppe Molde", "members": ["Molde", "Nesset"], "answered": JOINTLY},
    {"name": "Kommunegruppe Hallingdal", "members": ["Gol", "Ål", "Hol"], "answered": SEPARATELY},
    {"name": "Kommunegruppe Valdres",
     "members": ["Nord-Aurdal", "Vestre Slidre", "Øystre Slidre"], "answered": JOINTLY},
    {"name": "Kommunegruppe Nord-Østerdal",
     "members": ["Tynset", "Tolga", "Alvdal"], "answered": JOINTLY},
    {"name": "Kommunegruppe Vesterålen",
     "members": ["Sortland", "Hadsel", "Øksnes"], "answered": SEPARATELY},
    {"name": "Kommunegruppe Midt-Troms",
     "members": ["Målselv", "Bardu", "Sørreisa"], "answered": SEPARATELY},
]


# --- Checks: fail loudly on import if the data drift from the report's figures ------------
_names = [m["name"] for m in MUNICIPALITIES]
assert len(MUNICIPALITIES) == 56, len(MUNICIPALITIES)
assert len(set(_names)) == 56, "municipality names must be unique"
assert len({m["number"] for m in MUNICIPALITIES}) == 56, "numbers must be unique"
assert all(len(m["number"]) == 4 and m["number"].isdigit() for m in MUNICIPALITIES)
assert all(m["size"] in SIZES for m in MUNICIPALITIES)
assert {m["size"] for m in MUNICIPALITIES} == set(SIZES)
assert {m["county"] for m in MUNICIPALITIES} == {
    "Østfold", "Akershus", "Hedmark", "Oppland", "Buskerud", "Vestfold", "Telemark",
    "Aust-Agder", "Vest-Agder", "Rogaland", "Hordaland", "Sogn og Fjordane", "Møre og Romsdal",
    "Trøndelag", "Nordland", "Troms", "Finnmark",
}, "every county but Oslo"

_merged = {m["merged_into"] for m in MUNICIPALITIES if m["merged_into"]}
_after = sum(1 for m in MUNICIPALITIES if m["merged_into"] is None) + len(_merged)
assert _after == 45, _after
assert _merged == {n["name"] for n in NEW_MUNICIPALITIES}
assert len(NEW_MUNICIPALITIES) == len({n["number"] for n in NEW_MUNICIPALITIES})

assert len(GROUPS) == 12
_grouped = [name for g in GROUPS for name in g["members"]]
assert len(_grouped) == 33 and len(set(_grouped)) == 33, "33 grouped, each in at most one group"
assert set(_grouped) <= set(_names)
_alone = [n for n in _names if n not in set(_grouped)]
assert len(_alone) == 23, len(_alone)
_joint = [g for g in GROUPS if g["answered"] == JOINTLY]
_separate = [g for g in GROUPS if g["answered"] == SEPARATELY]
assert len(_joint) == 8 and len(_separate) == 4
assert sum(len(g["members"]) for g in _joint) == 21
assert sum(len(g["members"]) for g in _separate) == 12
_units = len(_alone) + len(_joint) + sum(len(g["members"]) for g in _separate)
assert _units == 43, _units
