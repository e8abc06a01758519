"""Project files that are small packed but large unpacked, or hold answers no survey has, are
refused before their texts are stored (200 × 1 MB entries in a 0.24 MB file)."""

import io
import random
import tracemalloc
import zipfile

import pytest
from django.utils import translation

from coding.models import Coding
from coding.refi.importing import import_project
from coding.refi.safety import RefiError
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
    texts = sorted(Answer.objects.filter(question__survey=survey if isinstance(survey, Survey) else Survey.objects.get())
                   .values_list("text", flat=True), key=len)
    assert texts[0] == "Kort svar." and len(texts[-1]) == 50_000
