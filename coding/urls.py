"""The coding app's URLs: each feature package brings its own."""

from coding.agreement import urls as agreement
from coding.board import urls as board
from coding.codebook import urls as codebook
from coding.dashboards import urls as dashboards
from coding.exports import urls as exports
from coding.privacy import urls as privacy
from coding.refi import urls as refi
from coding.workspace import urls as workspace

app_name = "coding"

urlpatterns = [
    *workspace.urlpatterns,
    *codebook.urlpatterns,
    *board.urlpatterns,
    *dashboards.urlpatterns,
    *exports.urlpatterns,
    *agreement.urlpatterns,
    *refi.urlpatterns,
    *privacy.urlpatterns,
]
