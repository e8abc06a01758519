"""The coding app's URLs: each feature package brings its own."""

from coding.agreement import urls as agreement
from coding.board import urls as board
from coding.codebook import urls as codebook
from coding.dashboards import urls as dashboards
from coding.exports import urls as exports
from coding.links import urls as links
from coding.privacy import urls as privacy
from coding.refi import urls as refi
from coding.refi_import import urls as refi_import
from coding.review import urls as review
from coding.rounds import urls as rounds
from coding.shortcuts import urls as shortcuts
from coding.suggestions import urls as suggestions
from coding.surveyadmin import urls as surveyadmin
from coding.workspace import urls as workspace

app_name = "coding"

urlpatterns = [
    *workspace.urlpatterns,
    *codebook.urlpatterns,
    *board.urlpatterns,
    *links.urlpatterns,
    *dashboards.urlpatterns,
    *exports.urlpatterns,
    *agreement.urlpatterns,
    *refi.urlpatterns,
    *refi_import.urlpatterns,
    *suggestions.urlpatterns,
    *surveyadmin.urlpatterns,
    *rounds.urlpatterns,
    *review.urlpatterns,
    *privacy.urlpatterns,
    *shortcuts.urlpatterns,
]
