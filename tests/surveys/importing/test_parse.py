"""The parse layer on literal bytes: encodings, delimiters, quoting, NUL, BOM, XLSX (E1–E5, E9–E12)."""

import io

import pytest

from surveys.importing.parse import ParseError, column_letter, parse

HEADER = "Svar-ID;Kommune;4. Hvilke forventninger hadde dere?\r\n"


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English source form here (test_norwegian_messages checks nb)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def test_utf8_with_bom_has_no_bom_in_the_first_header():
    table = parse(b"\xef\xbb\xbf" + "Svar-ID,Kommune\r\nR1,Bærum\r\n".encode())
    assert table.headers == ["Svar-ID", "Kommune"]
    assert table.encoding == "utf-8-sig"
    assert table.rows == [["R1", "Bærum"]]


def test_double_bom_is_stripped_too():
    table = parse("\ufeff\ufeffSvar-ID,Kommune\nR1,Å\n".encode("utf-8"))
    assert table.headers[0] == "Svar-ID"


def test_windows_1252_from_norwegian_excel_is_decoded_exactly():
    data = (HEADER + "R1;Bærum;Økt samarbeid – på tvers\r\n").encode("cp1252")
    table = parse(data)
    assert table.encoding == "cp1252"
    assert table.delimiter == ";"
    assert table.rows == [["R1", "Bærum", "Økt samarbeid – på tvers"]]


def test_strict_utf8_is_preferred():
    table = parse("a,b\nø,å\n".encode())
    assert table.encoding == "utf-8"
    assert table.rows == [["ø", "å"]]


def test_utf16_with_bom_and_tabs():
    data = "Svar-ID\tKommune\r\nR1\tTønsberg\r\n".encode("utf-16")
    assert data[:2] == b"\xff\xfe"
    table = parse(data)
    assert table.delimiter == "\t"
    assert table.rows == [["R1", "Tønsberg"]]
    assert table.encoding == "utf-16"


def test_utf16_le_without_bom_is_recognised():
    table = parse("Svar-ID\tKommune\r\nR1\tTønsberg\r\n".encode("utf-16-le"))
    assert table.rows == [["R1", "Tønsberg"]]


def test_comma_file_with_semicolons_in_text_keeps_its_columns():
    data = b'id,svar\nR1,"en; to; tre"\nR2,fire; fem\n'
    table = parse(data)
    assert table.delimiter == ","
    assert table.rows == [["R1", "en; to; tre"], ["R2", "fire; fem"]]


def test_semicolon_file_with_commas_in_text():
    table = parse(b"id;svar\nR1;en, to, tre\nR2;fire\n")
    assert table.delimiter == ";"
    assert table.rows[0] == ["R1", "en, to, tre"]


def test_single_column_is_refused_not_silently_accepted():
    with pytest.raises(ParseError, match="column separator"):
        parse(b"bare en kolonne\nverdi\n")


def test_quoted_newlines_and_doubled_quotes_are_kept_exactly():
    data = b'id,svar\r\nR1,"Linje 1\r\nLinje 2"\r\nR2,"Han sa ""sitat"" her"\r\n'
    table = parse(data)
    assert table.rows == [["R1", "Linje 1\r\nLinje 2"], ["R2", 'Han sa "sitat" her']]
    assert table.lines == [2, 3]


def test_lf_only_and_no_final_newline():
    table = parse(b"id,svar\nR1,a\nR2,b")
    assert table.rows == [["R1", "a"], ["R2", "b"]]


def test_trailing_empty_rows_and_columns_are_dropped():
    table = parse(b"id;svar;;\r\nR1;a;;\r\nR2;b;;\r\n;;;\r\n\r\n\r\n")
    assert table.headers == ["id", "svar"]
    assert table.rows == [["R1", "a"], ["R2", "b"]]
    assert table.row_count == 2


def test_nfd_text_is_normalised_to_nfc():
    table = parse("id,svar\nR1,Tromso\u0308 og Bæ\u0301rum\n".encode())
    assert table.rows[0][1] == "Tromsö og Bǽrum"


def test_formula_looking_text_is_data():
    data = b'id,svar\nR1,"=HYPERLINK(""http://x"",""y"")"\nR2,-bedre samarbeid\nR3,+47 99\nR4,@x\n'
    table = parse(data)
    assert [r[1] for r in table.rows] == ['=HYPERLINK("http://x","y")', "-bedre samarbeid", "+47 99", "@x"]


def test_quoted_formula_is_kept_verbatim():
    table = parse(b'id;svar\nR1;"=SUM(A1:A3)"\n')
    assert table.rows[0][1] == "=SUM(A1:A3)"


def test_nul_byte_is_refused_naming_the_cell():
    table = parse(b"id,svar\nR1,ok\nR2,bad\x00text\n")
    assert len(table.errors) == 1
    error = table.errors[0]
    assert (error.line, error.column, error.value) == (3, "svar", "bad␀text")
    assert "NUL" in error.message


def test_duplicate_headers_are_reported():
    table = parse(b"id,svar,svar\nR1,a,b\n")
    assert any("same heading" in e.message for e in table.errors)


def test_blank_header_gets_the_column_letter():
    table = parse(b"id,,svar\nR1,x,a\n")
    assert table.headers[1] == "Column B"
    assert column_letter(26) == "AA"


def test_pdf_and_empty_files_are_refused():
    with pytest.raises(ParseError, match="not a CSV or XLSX"):
        parse(b"%PDF-1.7\n...")
    with pytest.raises(ParseError, match="empty"):
        parse(b"   \n")


def test_undecodable_bytes_give_a_clear_error():
    with pytest.raises(ParseError, match="CSV UTF-8"):
        parse(b"id,svar\nR1,\x81\x8d\x8f\n")


def test_forced_encoding_and_delimiter():
    table = parse("a|b;c\n1|2;3\n".encode("cp1252"), encoding="cp1252", delimiter=";")
    assert table.headers == ["a|b", "c"]


def _xlsx(rows, sheets=("Svar",)):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in sheets:
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_numbers_and_text_cells_alike():
    data = _xlsx([["Svar-ID", "2. Skala", "4. Tekst"], ["R1", 5, "Økt samarbeid"], ["R2", 4.0, None],
                  [None, None, None]])
    table = parse(data)
    assert table.format == "xlsx"
    assert table.rows == [["R1", "5", "Økt samarbeid"], ["R2", "4", ""]]
    assert table.lines == [2, 3]


def test_xlsx_renamed_csv_is_read_as_xlsx_and_sheet_can_be_chosen():
    data = _xlsx([["id", "svar"], ["R1", "a"]], sheets=("Første", "Andre"))
    table = parse(data, sheet="Andre")
    assert table.sheet == "Andre"
    assert table.sheets == ["Første", "Andre"]
    with pytest.raises(ParseError, match="no sheet"):
        parse(data, sheet="Tredje")


def test_broken_xlsx_is_refused():
    with pytest.raises(ParseError, match="cannot be opened"):
        parse(b"PK\x03\x04garbage")


def test_random_tables_survive_a_csv_round_trip():
    """A seeded property test (Hypothesis is not a dependency): any cells, written by Python's
    csv module with any of the three delimiters and either line ending, parse back exactly."""
    import csv
    import random

    rng = random.Random(2021)
    alphabet = ["a", "Æ", "ø", "å", " ", ",", ";", "\t", '"', "\n", "\r\n", "=", "-", "1", "–", "é"]
    for _ in range(200):
        delimiter = rng.choice([",", ";", "\t"])
        width = rng.randint(2, 5)
        headers = [f"kolonne {i}" for i in range(width)]
        rows = [[f"R{n}"] + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(width - 1)]
                for n in range(rng.randint(1, 6))]
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=delimiter, lineterminator=rng.choice(["\n", "\r\n"])).writerows([headers, *rows])
        table = parse(buffer.getvalue().encode(rng.choice(["utf-8", "utf-8-sig", "cp1252"])))
        assert table.headers == headers
        assert table.rows == rows
