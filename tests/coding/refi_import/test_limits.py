"""Project files that are small packed but large unpacked, or hold answers no survey has, are
refused before their texts are stored (200 × 1 MB entries in a 0.24 MB file)."""

import io
import random
import tracemalloc
import zipfile

import pytest
from django.utils import translation

from coding.models import Coding
from coding.refi import RefiError
from coding.refi_import.importing import import_project
from surveys.models import Answer, Survey

MB = 1024 * 1024
PROJECT = (
    '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources>{sources}</Sources></Project>'
)
SOURCE = '<TextSource guid="22222222-2222-2222-2222-{n:012d}" name="s{n}" plainTextPath="internal://{n}.txt"/>'


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _qdpx(texts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", PROJECT.format(sources="".join(SOURCE.format(n=n) for n in range(len(texts)))))
        for n, text in enumerate(texts):
            archive.writestr(f"Sources/{n}.txt", text)
    return buffer.getvalue()


def _refused(data, admin):
    tracemalloc.start()
    try:
        with pytest.raises(RefiError) as raised:
            import_project(data, by=admin)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    print(f"peak {peak / MB:.1f} MiB for {len(data) / MB:.2f} MiB: {raised.value.message}")
    assert not Survey.objects.exists() and not Answer.objects.exists() and not Coding.objects.exists()
    return raised.value, peak


def test_many_entries_under_1_mib_count_towards_the_ratio(admin):
    data = _qdpx([b"a" * (MB - 1)] * 200)
    assert len(data) < 0.5 * MB
    error, peak = _refused(data, admin)
    assert error.code == "zip_bomb" and "suspiciously much" in error.message
    assert peak < 5 * MB


def test_a_text_longer_than_one_answer_is_refused(admin):
    rng = random.Random(19)
    long_text = " ".join(rng.choice(["samarbeid", "kommune", "tillit", "rådgiver", "økonomi"]) for _ in range(9_000))
    assert len(long_text) > 50_000
    data = _qdpx(["Kort svar.", long_text])
    error, peak = _refused(data, admin)
    assert error.code == "text_too_long" and "longer than 50000 characters" in error.message
    assert peak < 20 * MB


def test_texts_within_the_limits_are_imported(admin):
    survey = import_project(_qdpx(["Kort svar.", "x" * 50_000]), by=admin)
    survey = survey if isinstance(survey, Survey) else Survey.objects.get()
    texts = sorted(Answer.objects.filter(question__survey=survey).values_list("text", flat=True), key=len)
    assert texts[0] == "Kort svar." and len(texts[-1]) == 50_000


# ----------------------------------------------------------------- the project file, read as a stream
CODEBOOK = ('<CodeBook><Codes><Code guid="11111111-1111-1111-1111-111111111111" name="k" isCodable="true"/>'
            '</Codes></CodeBook>')


def _project(body, texts=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", PROJECT.replace("<Sources>{sources}</Sources>", body))
        for name, text in texts:
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_project_file_of_too_many_elements_stops_while_it_is_read(admin, settings):
    settings.REFI_MAX_ELEMENTS = 20_000
    sources = "".join(f'<PictureSource guid="33333333-3333-3333-3333-{n:012d}" name="b{n}"/>' for n in range(200_000))
    error, peak = _refused(_project(CODEBOOK + f"<Sources>{sources}</Sources>"), admin)
    assert error.code == "too_many_elements" and "20000 elements" in error.message
    assert peak < 10 * MB


def test_one_item_of_too_many_elements_is_refused(admin, settings):
    settings.REFI_MAX_ITEM_ELEMENTS = 5_000
    codes = "".join(f'<Code guid="11111111-1111-1111-1111-{n:012d}" name="k{n}"/>' for n in range(50_000))
    error, peak = _refused(_project(f"<CodeBook><Codes>{codes}</Codes></CodeBook>"), admin)
    assert error.code == "too_many_elements" and "5000 elements" in error.message
    assert peak < 10 * MB


def test_codes_nested_deeper_than_any_code_tree_are_refused(admin):
    opening = "".join(f'<Code guid="11111111-1111-1111-1111-{n:012d}" name="k{n}">' for n in range(150))
    nested = opening + "</Code>" * 150
    error, _peak = _refused(_project(f"<CodeBook><Codes>{nested}</Codes></CodeBook>"), admin)
    assert error.code == "too_deep"


def test_texts_that_unpack_past_their_limit_are_refused_before_any_is_read(admin, settings, monkeypatch):
    settings.REFI_MAX_TEXT_BYTES = 100_000
    data = _project(CODEBOOK, [(f"Sources/{n}.txt", "Et svar om samarbeid. " * 1_000) for n in range(5)])
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("an entry was read"))
    error, _peak = _refused(data, admin)
    assert error.code == "zip_bomb" and "texts in the archive" in error.message


def test_items_are_dropped_once_read_so_memory_follows_what_is_kept(admin):
    """Ten megabytes of sources the import only counts (pictures with selections): read as a
    whole tree they would take some 80 MB; read as a stream, one at a time."""
    picture = ('<PictureSource guid="33333333-3333-3333-3333-{n:012d}" name="bilde {n}">'
               + '<PictureSelection guid="44444444-4444-4444-4444-{n:012d}" firstX="1" firstY="1" secondX="2" '
               'secondY="2"><Coding guid="55555555-5555-5555-5555-{n:012d}"><CodeRef '
               'targetGUID="11111111-1111-1111-1111-111111111111"/></Coding></PictureSelection>' * 4
               + "</PictureSource>")
    body = CODEBOOK + "<Sources>" + "".join(picture.format(n=n) for n in range(11_000)) + "</Sources>"
    assert len(body) > 10 * MB
    data = _project(body)
    del body
    from coding.refi_import.reading import read_project

    tracemalloc.start()
    try:
        parsed = read_project(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert parsed.skipped == {"other_sources": 11_000, "other_codings": 44_000}
    assert peak < 10 * MB, f"peak {peak / MB:.0f} MiB"
