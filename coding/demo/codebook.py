"""Starter codebook for the portfolio-2 survey (all 380 text answers).

CATEGORIES: the six categories of the report's table 2, with the working group's own
description and finding ("funn"). THEMES: the four cross-cutting themes drawn from the
categories. CODES: inductive codes, two levels (a few parent codes with children). A loader
codes an answer with a code when the answer's lowercased text contains any of its keywords.
"""

import re

CATEGORIES = [
    {
        "name": "Forventninger",
        "description": "Denne kategorien gir et inntrykk av hvordan perioden før oppstart av "
        "veiledningsprosessen og perioden med gjennomføringen har opplevdes i forhold til "
        "innhold, roller og deltagelse.",
        "finding": "Avklaring av roller og hva arbeid med utviklingsprosess innebærer, er en "
        "faktor som bør ligge til grunn for forventningsavklaring.",
    },
    {
        "name": "Forankring",
        "description": "Denne kategorien omhandler hvordan kommunegruppas sammensetning kan "
        "påvirke forankring av veiledningsprosessen på systemnivå.",
        "finding": "Kommunegruppens sammensetning, forutsatt at alle roller ivaretas, er en "
        "styrke for kommunalt utviklingsarbeid (eksempelvis kulturskoleutviklingsarbeid).",
    },
    {
        "name": "Organisering",
        "description": "Denne kategorien tar for seg hvordan deltakerkommuner har forholdt seg "
        "til oppfølging av innholdet og progresjonen i veiledningsprosessen.",
        "finding": "Total mengde av samlinger og møtepunkter i regi av Kulturskolerådet er "
        "passe, så fremt kommunegruppene selv er i stand til å holde kontinuitet i "
        "utviklingsarbeidet.",
    },
    {
        "name": "Innhold og arbeidsmåter",
        "description": "Denne kategorien omhandler tilbakemeldinger på hvordan metoder og faglig "
        "innhold har blitt mottatt og fulgt opp av deltakerkommuner.",
        "finding": "Bevisst trening med ulike verktøy og arbeidsmetoder skaper grunnlag for "
        "kontinuerlig arbeid med utvikling.",
    },
    {
        "name": "Erfaringer",
        "description": "Denne kategorien handler om tilbakemeldinger fra spørringen som dreier "
        "seg om generelle opplevelser av hele veiledningsprosessen.",
        "finding": "Veiledning over en lengre periode, 1–2 år, bidrar til økt bevissthet, "
        "eierskap og forankring rundt utviklingsarbeid.",
    },
    {
        "name": "Resultat",
        "description": "Denne kategorien omhandler en form for tilbakemelding på hva "
        "deltakerkommuner opplever at de sitter igjen med etter endt veiledningsprosess.",
        "finding": "Kontinuerlig arbeid med utvikling krever forankring i alle ledd.",
    },
]

THEMES = [
    {
        "name": "Kunnskap og kompetanse",
        "description": "Kunnskap om og erfaring med utviklingsverktøy, refleksjon og "
        "aksjonslæring, og om kommunen har fått kompetanse til å drive utviklingsarbeidet "
        "videre på egen hånd – også i lærerkollegiet.",
        "categories": ["Innhold og arbeidsmåter", "Erfaringer", "Resultat"],
    },
    {
        "name": "Kontinuitet i utviklingsarbeid",
        "description": "Hvordan kommunegruppene holder framdrift mellom møtepunktene, "
        "hvordan tidsperioden oppleves, og om arbeidsmåter og strukturer lever videre etter "
        "veiledningsperioden.",
        "categories": ["Organisering", "Erfaringer", "Resultat"],
    },
    {
        "name": "Kommunegruppas sammensetning",
        "description": "Om alle roller (eier, leder, ressurslærer) er representert og deltar "
        "likeverdig, hvor stabil gruppa er, og hva sammensetningen betyr for forankringen.",
        "categories": ["Forankring", "Erfaringer", "Resultat"],
    },
    {
        "name": "Rolleforståelse og ansvarsfordeling",
        "description": "Avklaring av hva som ventes av skoleeier, kulturskoleleder og "
        "ressurslærer, hvordan ansvaret fordeles, og hva uklare roller betyr for forventninger "
        "og framdrift.",
        "categories": ["Forventninger", "Forankring", "Resultat"],
    },
]

CODES = [
    # --- Roller og ansvar -------------------------------------------------------------------
    {
        "name": "Rolleavklaring",
        "description": "Brukes når svaret handler om avklaring av roller, ansvar eller mandat "
        "for deltakerne i kommunegruppa.",
        "colour": "#c0504d",
        "parent": None,
        "categories": ["Forventninger", "Forankring"],
        "keywords": ["rolle", "ansvarsfordel", "mandat", "hvem som skal", "eiers ansvar",
                     "leders ansvar"],
    },
    {
        "name": "Lederbelastning",
        "description": "Brukes når svaret beskriver at mye av arbeidet eller ansvaret har falt "
        "på kulturskoleleder alene.",
        "colour": "#d9822b",
        "parent": "Rolleavklaring",
        "categories": ["Forankring", "Erfaringer"],
        "keywords": ["falt på", "belastning", "alene om", "dra lasset", "mye ansvar",
                     "båret", "sårbar"],
    },
    {
        "name": "Ressurslærerrollen",
        "description": "Brukes når svaret omtaler ressurslæreren, rollens innhold eller "
        "ressurslærer som bindeledd til kollegiet.",
        "colour": "#e0a96d",
        "parent": "Rolleavklaring",
        "categories": ["Forankring"],
        "keywords": ["ressurslærer", "bindeledd", "lærerrepresentant", "klemt"],
    },
    {
        "name": "Forventningsavklaring",
        "description": "Brukes når svaret handler om forventninger før eller under "
        "veiledningen, eller om hvor vanskelig det var å se for seg prosessen.",
        "colour": "#8e6bb8",
        "parent": None,
        "categories": ["Forventninger"],
        "keywords": ["forvent", "se for seg", "forestille", "uklar", "håpet", "ønsket",
                     "hjelp til", "samsvar"],
    },
    # --- Forankring -------------------------------------------------------------------------
    {
        "name": "Forankring i alle ledd",
        "description": "Brukes når svaret omtaler forankring av arbeidet generelt eller på "
        "flere nivåer samtidig.",
        "colour": "#3f7f9f",
        "parent": None,
        "categories": ["Forankring", "Resultat"],
        "keywords": ["forankr", "alle ledd", "alle nivå", "eierskap", "systemnivå", "overordn"],
    },
    {
        "name": "Eierforankring",
        "description": "Brukes når svaret handler om skoleeiers deltakelse, engasjement eller "
        "fravær på administrativt nivå.",
        "colour": "#4a90c2",
        "parent": "Forankring i alle ledd",
        "categories": ["Forankring"],
        "keywords": ["skoleeier", "eiernivå", "eiers", "rådmann", "kommunalsjef",
                     "kommunedirektør", "administrativt nivå", "kulturskoleeier"],
    },
    {
        "name": "Politisk forankring",
        "description": "Brukes når svaret handler om politisk nivå, politiske vedtak, planverk "
        "eller budsjett for kulturskolen.",
        "colour": "#2e6e8e",
        "parent": "Forankring i alle ledd",
        "categories": ["Forankring", "Resultat"],
        "keywords": ["politi", "kommunestyre", "hovedutvalg", "vedta", "kommuneplan",
                     "budsjett", "oppvekst"],
    },
    {
        "name": "Lærerinvolvering",
        "description": "Brukes når svaret handler om hvor godt lærerne og kollegiet har vært "
        "involvert i eller nådd av utviklingsarbeidet.",
        "colour": "#5aa469",
        "parent": "Forankring i alle ledd",
        "categories": ["Forankring", "Innhold og arbeidsmåter"],
        "keywords": ["involver", "lærerne", "lærerkollegi", "lærergrupp", "hele personalet",
                     "lærernivå", "nå ut til", "ikke deltatt"],
    },
    # --- Kommunegruppa ----------------------------------------------------------------------
    {
        "name": "Gruppesammensetning",
        "description": "Brukes når svaret omtaler hvem som satt i kommunegruppa, om alle roller "
        "var representert, og hvordan nivåene samarbeidet.",
        "colour": "#b5487a",
        "parent": None,
        "categories": ["Forankring"],
        "keywords": ["sammensetning", "representert", "representant", "rundt samme bord",
                     "tre nivå", "likeverdig", "samkjør", "eier, leder"],
    },
    {
        "name": "Utskiftning i gruppa",
        "description": "Brukes når svaret nevner bytte av personer i kommunegruppa, sykdom, "
        "permisjon eller nye ledere underveis.",
        "colour": "#a0522d",
        "parent": None,
        "categories": ["Erfaringer"],
        "keywords": ["utskift", "byttet", "bytte", "skifte", "slutter", "permisjon",
                     "sykdom", "tidligere leder"],
    },
    # --- Møter og organisering --------------------------------------------------------------
    {
        "name": "Møteorganisering",
        "description": "Brukes når svaret handler om antall møter, møteplan, møtestruktur "
        "eller hvordan veiledningsmøtene var lagt opp.",
        "colour": "#6b8e23",
        "parent": None,
        "categories": ["Organisering"],
        "keywords": ["møteplan", "møtestruktur", "antall møter", "veiledningsmøte",
                     "møtetidspunkt", "årshjul", "faste møter", "møtene"],
    },
    {
        "name": "Tid mellom møtene",
        "description": "Brukes når svaret handler om arbeidet og kontinuiteten i "
        "kommunegruppa mellom møtene med veileder.",
        "colour": "#8fb339",
        "parent": "Møteorganisering",
        "categories": ["Organisering"],
        "keywords": ["mellom møtene", "mellomperiode", "mellom samling", "kontinuitet",
                     "holde trykket", "framdrift", "fremdrift", "stoppet"],
    },
    {
        "name": "Periodens lengde",
        "description": "Brukes når svaret vurderer hvor lang veiledningsperioden var, eller "
        "at den ble forlenget.",
        "colour": "#b8a038",
        "parent": "Møteorganisering",
        "categories": ["Organisering", "Erfaringer"],
        "keywords": ["lang tid", "så lang", "forleng", "tidsramme", "komprim", "to år",
                     "semester", "kortere og"],
    },
    {
        "name": "Digitale møter",
        "description": "Brukes når svaret omtaler nettmøter, digitale samlinger eller "
        "digitale verktøy i veiledningsarbeidet.",
        "colour": "#2a9d8f",
        "parent": "Møteorganisering",
        "categories": ["Organisering", "Erfaringer"],
        "keywords": ["digital", "teams", "nettmøte", "på nett", "skjerm", "zoom", "video"],
    },
    {
        "name": "Tid og kapasitet",
        "description": "Brukes når svaret handler om mangel på tid, ressurser eller kapasitet, "
        "eller om at driften tar plassen fra utviklingsarbeidet.",
        "colour": "#d1495b",
        "parent": None,
        "categories": ["Organisering", "Erfaringer"],
        "keywords": ["kapasitet", "mangler tid", "tid til", "tidkrevende", "drift",
                     "stilling", "hverdagen", "arbeidsmengde"],
    },
    {
        "name": "Størrelse og avstand",
        "description": "Brukes når svaret viser til kommunens eller kulturskolens størrelse, "
        "geografi, reisevei eller avstander, og om veiledningen var tilpasset dette.",
        "colour": "#b07d48",
        "parent": None,
        "categories": ["Organisering", "Erfaringer"],
        "keywords": ["reise", "avstand", "utkant", "spredt", "liten kommune", "liten kulturskole",
                     "små kommune", "tilpass"],
    },
    # --- Ytre forhold -----------------------------------------------------------------------
    {
        "name": "Koronapandemien",
        "description": "Brukes når svaret handler om hvordan covid-19 og nedstengning påvirket "
        "framdrift, møter eller undervisning.",
        "colour": "#7d7dc8",
        "parent": None,
        "categories": ["Erfaringer"],
        "keywords": ["korona", "pandemi", "covid", "smittevern", "nedsteng", "avlyst"],
    },
    {
        "name": "Kommunesammenslåing",
        "description": "Brukes når svaret omtaler sammenslåing av kommuner eller kulturskoler, "
        "eller veiledning i en gruppe av flere kommuner.",
        "colour": "#9c6644",
        "parent": None,
        "categories": ["Erfaringer", "Organisering"],
        "keywords": ["sammensl", "nye kommune", "ny kommune", "kommunestruktur",
                     "flere kommuner", "tre kulturskoler", "tidligere kulturskole"],
    },
    # --- Veiledning og samlinger ------------------------------------------------------------
    {
        "name": "Dialogkonferanser og samlinger",
        "description": "Brukes når svaret handler om dialogkonferansene, fellessamlingene "
        "eller erfaringsdeling med andre kommuner.",
        "colour": "#e76f51",
        "parent": None,
        "categories": ["Organisering", "Erfaringer"],
        "keywords": ["dialogkonferans", "samling", "konferanse", "erfaringsdeling",
                     "andre kommuner", "nettverk", "foredrag", "presentere"],
    },
    {
        "name": "Veilederrollen",
        "description": "Brukes når svaret omtaler veilederen, den eksterne støtten eller "
        "oppfølgingen fra Kulturskolerådet.",
        "colour": "#457b9d",
        "parent": None,
        "categories": ["Innhold og arbeidsmåter", "Erfaringer"],
        "keywords": ["veileder", "ekstern", "utenfra", "kulturskolerådet", "oppfølging",
                     "prosessveiled"],
    },
    # --- Verktøy og metoder -----------------------------------------------------------------
    {
        "name": "Verktøy og metoder",
        "description": "Brukes når svaret omtaler verktøy, metoder eller arbeidsformer fra "
        "veiledningen, som aksjonslæring og refleksjon.",
        "colour": "#3d9970",
        "parent": None,
        "categories": ["Innhold og arbeidsmåter"],
        "keywords": ["verktøy", "metode", "aksjonslær", "refleks", "verksted",
                     "arbeidsmåte", "struktur", "evaluer"],
    },
    {
        "name": "Nåsituasjonsanalyse",
        "description": "Brukes når svaret nevner nåsituasjonsanalyse, SWOT-analyse eller "
        "annen kartlegging av kulturskolens styrker og svakheter.",
        "colour": "#56b4a0",
        "parent": "Verktøy og metoder",
        "categories": ["Innhold og arbeidsmåter"],
        "keywords": ["nåsituasjon", "swot", "kartlegg", "styrker og svakheter",
                     "analyse", "undersøkelse", "erkjente behov"],
    },
    {
        "name": "Utviklingsplan",
        "description": "Brukes når svaret handler om utviklingsplan, virksomhetsplan, mål og "
        "tiltak eller rullering av planer.",
        "colour": "#6c9a3c",
        "parent": "Verktøy og metoder",
        "categories": ["Innhold og arbeidsmåter", "Resultat"],
        "keywords": ["utviklingsplan", "virksomhetsplan", "plan for kulturskolen",
                     "tiltak", "rulle", "visjon", "kvalitetssystem", "retning"],
    },
    {
        "name": "Lokal læreplan",
        "description": "Brukes når svaret handler om lokal læreplan, progresjon, vurdering "
        "eller elevsamtaler.",
        "colour": "#9acd32",
        "parent": "Verktøy og metoder",
        "categories": ["Innhold og arbeidsmåter"],
        "keywords": ["læreplan", "progresjon", "vurdering", "elevsamtal", "kulvfl",
                     "undervisningsforløp"],
    },
    # --- Innhold ----------------------------------------------------------------------------
    {
        "name": "Rammeplanen og tilbudet",
        "description": "Brukes når svaret omtaler rammeplanen, samfunnsoppdraget eller "
        "kjerne-, bredde- og fordypningsprogram.",
        "colour": "#c9a227",
        "parent": None,
        "categories": ["Innhold og arbeidsmåter"],
        "keywords": ["rammeplan", "program", "samfunnsoppdrag", "tilbudet", "ressurssenter",
                     "grunnskole", "gruppeundervisning", "talentløp"],
    },
    # --- Resultat ---------------------------------------------------------------------------
    {
        "name": "Kollegialt samarbeid",
        "description": "Brukes når svaret beskriver samarbeid, deling og felles ansvar i "
        "kollegiet eller et profesjonelt læringsfellesskap.",
        "colour": "#cc6699",
        "parent": None,
        "categories": ["Resultat", "Innhold og arbeidsmåter"],
        "keywords": ["samarbeid", "kollegi", "deling", "dele med", "læringsfellesskap",
                     "på tvers", "hospit"],
    },
    {
        "name": "Kompetanse til videreføring",
        "description": "Brukes når svaret vurderer om kommunen har kompetanse og strukturer "
        "til å føre utviklingsarbeidet videre etter perioden.",
        "colour": "#5e60ce",
        "parent": None,
        "categories": ["Resultat"],
        "keywords": ["kompetanse", "videreføre", "videreført", "fortsette", "egen hånd",
                     "i gang", "satt seg", "setter seg"],
    },
    {
        "name": "Bevissthet og engasjement",
        "description": "Brukes når svaret beskriver økt bevissthet, motivasjon, inspirasjon "
        "eller engasjement for utviklingsarbeid.",
        "colour": "#f4a259",
        "parent": None,
        "categories": ["Erfaringer", "Resultat"],
        "keywords": ["bevissth", "engasje", "motiva", "inspira", "troen på", "innsikt",
                     "felles språk", "helhet"],
    },
]

# --- Checks ---------------------------------------------------------------------------------
_CATEGORY_NAMES = [c["name"] for c in CATEGORIES]
assert _CATEGORY_NAMES == ["Forventninger", "Forankring", "Organisering",
                           "Innhold og arbeidsmåter", "Erfaringer", "Resultat"]
assert all(c["description"] and c["finding"] for c in CATEGORIES)
assert len(THEMES) == 4
assert [t["name"] for t in THEMES] == ["Kunnskap og kompetanse", "Kontinuitet i utviklingsarbeid",
                                      "Kommunegruppas sammensetning",
                                      "Rolleforståelse og ansvarsfordeling"]
assert all(set(t["categories"]) <= set(_CATEGORY_NAMES) for t in THEMES)

_CODE_NAMES = [c["name"] for c in CODES]
assert len(set(_CODE_NAMES)) == len(_CODE_NAMES), "code names must be unique"
_COLOUR_RE = re.compile(r"^#[0-9a-f]{6}$")
assert len({c["colour"] for c in CODES}) == len(CODES), "colours must be distinct"
_BY_NAME = {c["name"]: c for c in CODES}
for _c in CODES:
    assert _COLOUR_RE.match(_c["colour"]), _c["name"]
    assert 1 <= len(_c["categories"]) <= 2, _c["name"]
    assert set(_c["categories"]) <= set(_CATEGORY_NAMES), _c["name"]
    assert 4 <= len(_c["keywords"]) <= 8, _c["name"]
    assert all(k == k.lower() and k.strip() == k and k for k in _c["keywords"]), _c["name"]
    if _c["parent"] is not None:
        assert _c["parent"] in _BY_NAME, _c["name"]
        assert _BY_NAME[_c["parent"]]["parent"] is None, "only two levels: " + _c["name"]
_PARENTS = {c["parent"] for c in CODES if c["parent"]}
assert 3 <= len(_PARENTS) <= 4, _PARENTS
del _c
