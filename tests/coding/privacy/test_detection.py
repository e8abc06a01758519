"""Finding personal data: the patterns, the mod-11 checks, and recall and precision on a survey
whose answers hold names, e-mail addresses, phones and fødselsnumre among decoys."""

import io
import json
import re

import pytest
from django.core.management import call_command

from coding.privacy import detect
from surveys.models import Municipality
from tests.conftest import make_answer, make_question, make_respondent

# [[value|kind]] marks the personal data; everything else is a decoy or ordinary text.
# 15076510013, 01019010046, 29028010042 and the D-number 45108513733 pass both mod-11 checks;
# 15076510014 fails them, 974760673 is an organisation number.
CORPUS = [
    "Rektor [[Per Hansen|name]] tok ansvar for planen, og Bodø kommune fulgte opp.",
    "Ressurslærer [[Ingrid Solberg|name]] ledet arbeidet sammen med PPT i Bodø.",
    "Veileder [[Kari Nordmann|name]] (tlf [[912 34 567|phone]]) var til stor hjelp.",
    "Kontakt [[anne.berg@bodo.kommune.no|email]] eller ring [[+47 22 33 44 55|phone]].",
    "Elevens fødselsnummer [[15076510013|national_id]] sto i skjemaet ved en feil.",
    "Nummeret 15076510014 er ikke et fødselsnummer, og org.nr. 974 760 673 er kommunens.",
    "[[Marit|name]] og [[Lars Johansen|name]] fra Tromsø deltok på samlingene i Oslo.",
    "Samarbeidet med Statsforvalteren i Nordland og Udir var godt. Kompetanseløftet hjalp.",
    "Per elev brukte vi tre timer. Dag to var bedre enn dag én.",
    "Vi snakket med [[Jonas Pedersen|name]] på [[98765432|phone]] og med [[Tone Moe|name]].",
    "Skriv til [[ola.nordmann@example.org|email]] om veiledningen i Bergen og Trondheim.",
    "Assisterende rektor [[Gøril Skjæveland|name]] hadde D-nummer [[45108513733|national_id]].",
    "Liv og lære i skolen: vi fikk mye ut av dette. Sol og vår gjorde det lett.",
    "Barnehagestyrer [[Hilde|name]] sa at [[Hansen|name]] skulle følge opp innen fredag.",
    "Kommunalsjef [[Morten Eriksen|name]], [[40 50 60 70|phone]], svarte raskt.",
    "Fødselsnumrene [[01019010046|national_id]] og [[290280 10042|national_id]] ble slettet.",
    "Møtene ble holdt i Teams og på rådhuset i Bodø, med alle rektorene i Nordland.",
    "Takk til [[Bjørn Olsen|name]] og [[Silje|name]] for god innsats. Bodø er en god kommune.",
    "Tiltaket kostet 1 250 000 kroner i 2024, og 12 skoler deltok fra 01.08.2024.",
    "Spør [[Trond|name]] på [[trond@skole.no|email]] eller [[0047 45 67 89 01|phone]].",
]
MARK = re.compile(r"\[\[(.+?)\|(\w+)\]\]")


def unmark(marked):
    """(plain text, {(start, end, kind)}) of one marked answer."""
    text, truth, pos = "", set(), 0
    for m in MARK.finditer(marked):
        text += marked[pos:m.start()]
        truth.add((len(text), len(text) + len(m.group(1)), m.group(2)))
        text += m.group(1)
        pos = m.end()
    return text + marked[pos:], truth


@pytest.fixture
def council(survey):
    bodo = Municipality.objects.create(name="Bodø", number="1804")
    q = make_question(survey, "9", text="Hva fungerte godt?")
    truth = set()
    for i, marked in enumerate(CORPUS):
        text, spans = unmark(marked)
        answer = make_answer(q, make_respondent(survey, f"R{i}", municipality=bodo), text=text)
        truth |= {(answer.id, *span) for span in spans}
    return survey, truth


def run_command(*args):
    out = io.StringIO()
    call_command("personal_data", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_command_finds_at_least_90_percent_with_80_percent_precision(council):
    survey, truth = council
    data = run_command(survey.slug)
    assert set(data) == {"findings"}
    found = {(f["answer"], f["start"], f["end"], f["kind"]) for f in data["findings"]}
    hits = found & truth
    recall, precision = len(hits) / len(truth), len(hits) / len(found)
    assert recall >= 0.9, f"recall {recall:.2f}; missed {sorted(truth - found)}"
    assert precision >= 0.8, f"precision {precision:.2f}; wrong {sorted(found - truth)}"
    print(f"recall {recall:.2f}, precision {precision:.2f} ({len(truth)} items)")


def test_command_rows_have_the_given_shape_and_values(council):
    survey, _truth = council
    finding = run_command(survey.slug)["findings"][0]
    assert set(finding) == {"answer", "kind", "start", "end", "value"}
    assert finding["kind"] == "name" and finding["value"] == "Per Hansen"


def test_decoys_are_not_findings(council):
    survey, _truth = council
    values = {f["value"] for f in run_command(survey.slug)["findings"]}
    for decoy in ["Bodø", "15076510014", "974 760 673", "Statsforvalteren", "Nordland", "Udir", "Per", "Dag",
                  "Liv", "Sol", "Tromsø", "Teams", "1 250 000", "2024"]:
        assert decoy not in values


def test_org_numbers_only_when_asked(council):
    survey, _truth = council
    assert "org_number" not in {f["kind"] for f in run_command(survey.slug)["findings"]}
    asked = run_command(survey.slug, "--org-numbers")["findings"]
    assert [f["value"] for f in asked if f["kind"] == "org_number"] == ["974 760 673"]


@pytest.mark.parametrize("number, valid", [
    ("15076510013", True), ("15076510014", False), ("45108513733", True),  # D-number
    ("01019010046", True), ("32019010046", False), ("1507651001", False), ("00000000000", False),
])
def test_national_id_needs_a_date_and_both_control_digits(number, valid):
    assert detect.is_national_id(number) is valid


@pytest.mark.parametrize("text, expected", [
    ("ring 91234567 nå", "91234567"), ("ring 912 34 567", "912 34 567"), ("ring 12 34 56 78", None),
    ("tlf. 22 33 44 55", "22 33 44 55"), ("tlf 4567 8901", "4567 8901"), ("+4791234567", "+4791234567"),
    ("org 974 760 673", None), ("123456789", None), ("kr 45 000", None),
])
def test_phone_numbers_in_norwegian_groupings(text, expected):
    phones = [h.value for h in detect.find(text) if h.kind == detect.PHONE]
    assert phones == ([expected] if expected else [])


def test_places_passed_in_are_not_names():
    assert detect.find("Vi besøkte Hansen i Bodø", places={"Bodø"})[0].value == "Hansen"
    assert [h.value for h in detect.find("Ski og Frogn samarbeidet", places={"Ski", "Frogn"})] == []
