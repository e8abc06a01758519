"""Detection and validation: column roles, codes, stems, elaborations, kinds, every error message."""

import pytest

from surveys.importing.detect import detect, infer_kind, split_header
from surveys.importing.mapping import MappingError, clean, validate
from surveys.importing.parse import parse


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English source form here (test_norwegian_messages checks nb)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _columns(csv_text, **kwargs):
    mapping = detect(parse(csv_text.encode()), **kwargs)
    return {c["header"] or c["code"]: c for c in mapping["columns"]}, mapping


def test_header_code_and_text():
    assert split_header("3a. I hvilken grad … – på eiernivå") == ("3a", "I hvilken grad … – på eiernivå")
    assert split_header("12) Hva var viktigst?") == ("12", "Hva var viktigst?")
    assert split_header("Q4: Hvorfor?") == ("4", "Hvorfor?")
    assert split_header("Kommune") == ("", "Kommune")


def test_roles_from_norwegian_and_english_headers():
    cols, _m = _columns("Svar-ID;Kommune;Kommunegruppe;Fylke;County;Tidspunkt;1. Hva?\nR1;A;G;V;C;x;a\n")
    assert [c["role"] for c in cols.values()] == ["key", "municipality", "group", "attribute", "attribute",
                                                  "ignore", "question"]
    assert cols["Fylke"]["name"] == "fylke"


def test_municipality_column_recognised_by_values_and_key_by_uniqueness():
    cols, _m = _columns("Nr;Sted;Hva synes dere om veiledningen?\n1;Bærum;Bra\n2;Asker;Fint\n",
                        known_municipalities={"bærum", "asker"})
    assert cols["Sted"]["role"] == "municipality"
    assert cols["Nr"]["role"] == "key"
    assert cols["Hva synes dere om veiledningen?"]["role"] == "question"


def test_likert_from_integers_labels_and_not_applicable():
    info = infer_kind(["1 - I svært liten grad", "3", "6 - I svært stor grad", "Ikke deltatt", " ", ""])
    assert info["kind"] == "likert"
    assert info["scale_labels"] == {"1": "I svært liten grad", "6": "I svært stor grad"}
    assert info["not_applicable"] == ["Ikke deltatt"]


def test_not_applicable_labels_are_configurable():
    assert infer_kind(["1", "2", "Usikker", "Usikker"])["kind"] != "likert"
    assert infer_kind(["1", "2", "Usikker", "Usikker"], not_applicable=["Usikker"])["kind"] == "likert"


def test_shared_word_after_number_is_a_choice_not_a_scale():
    info = infer_kind(["2 semester", "3 semester", "2 semester", "3 semester"])
    assert info["kind"] == "single"
    assert info["options"] == ["2 semester", "3 semester"]


def test_multiple_choice_lists_from_a_small_set():
    values = ["Leder; Lærer", "Leder", "Lærer; Eier", "Leder; Eier; Lærer", "Eier"]
    info = infer_kind(values)
    assert info["kind"] == "multiple"
    assert info["separator"] == ";"
    assert set(info["options"]) == {"Leder", "Lærer", "Eier"}
    assert infer_kind(["Leder, Lærer", "Leder", "Lærer, Eier", "Eier", "Leder"])["separator"] == ","


def test_single_choice_from_few_short_values():
    info = infer_kind(["Færre enn 6", "6–8", "9 eller flere", "6–8", "6–8", "9 eller flere"])
    assert info["kind"] == "single"


def test_open_text_otherwise_and_blank_is_no_answer():
    assert infer_kind(["Vi fikk mye ut av det.", "Samarbeidet var godt, men tiden knapp.", "Nei."])["kind"] == "open"
    assert infer_kind(["", "  ", "\t"])["kind"] == "open"


def test_matrix_items_share_a_stem_created_when_missing():
    cols, mapping = _columns(
        "Svar-ID;3a. I hvilken grad forankret – på eiernivå;3b. I hvilken grad forankret – på ledernivå\n"
        "R1;4;5\nR2;6;3\nR3;2;5\n"
    )
    stem = cols["3"]
    assert stem["header"] is None and stem["text"] == "I hvilken grad forankret" and stem["kind"] == "likert"
    assert [c["code"] for c in mapping["columns"] if c["role"] == "question"] == ["3", "3a", "3b"]
    assert cols["3a. I hvilken grad forankret – på eiernivå"]["parent"] == "3"


def test_elaboration_columns_are_open_questions_with_a_parent():
    cols, _m = _columns(
        "Svar-ID;2. Hvor fornøyd?;Utdyp gjerne;6. Rolle;Annet, beskriv\n"
        "R1;4;Fordi;Leder;Rådgiver\nR2;5;;Leder;\nR3;5;;Lærer;\n"
    )
    assert cols["Utdyp gjerne"]["kind"] == "open" and cols["Utdyp gjerne"]["parent"] == "2"
    assert cols["Annet, beskriv"]["parent"] == "6"


def test_scale_is_shared_so_a_stray_seven_is_an_error():
    text = "Svar-ID;1. A;2. B;3. C\nR1;1;2;6\nR2;6;6;5\nR3;3;7;1\nR4;2;4;4\nR5;5;1;3\nR6;4;3;2\n" \
           "R7;2;5;3\nR8;3;2;1\nR9;4;3;2\nR10;5;4;3\nR11;6;5;4\n"
    table = parse(text.encode())
    mapping = detect(table)
    q2 = next(c for c in mapping["columns"] if c.get("code") == "2")
    assert (q2["kind"], q2["scale_min"], q2["scale_max"]) == ("likert", 1, 6)
    _records, errors = validate(table, clean(mapping))
    assert [(e.line, e.column, e.value, e.message) for e in errors] == [
        (4, "2. B", "7", "7 is outside the scale 1–6.")]


def _validate(text, edit=None):
    table = parse(text.encode())
    mapping = detect(table)
    if edit:
        edit(mapping)
    return validate(table, clean(mapping))


def _set_likert(code):
    def edit(mapping):
        for c in mapping["columns"]:
            if c.get("code") == code:
                c.update(kind="likert", scale_min=1, scale_max=6)
    return edit


def test_every_bad_cell_with_a_plain_message():
    text = "Svar-ID;2. Skala\nR1;fem\nR2;4,5\nR3;0\nR1;3\n;2\n"
    _records, errors = _validate(text, _set_likert("2"))
    assert [(e.line, e.value, e.message) for e in errors] == [
        (2, "fem", "fem is not a number on the scale 1–6."),
        (3, "4,5", "4,5 is not a whole number on the scale 1–6."),
        (4, "0", "0 is outside the scale 1–6."),
        (5, "R1", "The respondent key R1 is also on line 2."),
        (6, "", "The respondent key is missing."),
    ]


def test_missing_and_unknown_columns_are_listed():
    table = parse(b"Svar-ID;Kommune;2. Skala\nR1;A;3\n")
    mapping = clean(detect(table))
    other = parse(b"Svar-ID;Rolle;2. Skala;Ukjent\nR1;x;3;y\n")
    _records, errors = validate(other, mapping)
    messages = {(e.column, e.message.split(" but ")[0]) for e in errors}
    assert ("Kommune", "This column is in the mapping") in messages
    assert ("Rolle", "This column is in the file") in messages
    assert ("Ukjent", "This column is in the file") in messages


def test_nul_error_comes_through_validation():
    _records, errors = _validate("Svar-ID;4. Tekst\nR1;a\x00b\n")
    assert [(e.line, e.column) for e in errors] == [(2, "4. Tekst")]


def test_mapping_is_checked_when_reused():
    with pytest.raises(MappingError):
        clean({"columns": [{"header": "x", "role": "boss"}]})
    with pytest.raises(MappingError, match="used twice"):
        clean({"columns": [{"header": "a", "role": "question", "code": "1", "kind": "open"},
                           {"header": "b", "role": "question", "code": "1", "kind": "open"}]})
    with pytest.raises(MappingError, match="parent"):
        clean({"columns": [{"header": "a", "role": "question", "code": "1", "kind": "open", "parent": "9"}]})


def test_open_text_is_kept_verbatim_with_spaces():
    records, errors = _validate('Svar-ID;4. Tekst\nR1;"  =SUM(A1)  "\n')
    assert not errors
    assert records[0].answers["4"].text == "  =SUM(A1)  "


def test_norwegian_messages():
    from django.utils import translation

    with translation.override("nb"):
        _records, errors = _validate("Svar-ID;2. Skala\nR1;fem\nR2;7\nR1;3\n", _set_likert("2"))
    assert [e.message for e in errors] == [
        "fem er ikke et tall på skalaen 1–6.",
        "7 er utenfor skalaen 1–6.",
        "Svar-ID R1 står også på linje 2.",
    ]
