"""The coding app's URLs, one module per screen (mirroring coding/views/)."""

from coding.urls import agreement, board, dashboard, refi, workspace

app_name = "coding"

urlpatterns = [
    *workspace.urlpatterns,
    *board.urlpatterns,
    *dashboard.urlpatterns,
    *agreement.urlpatterns,
    *refi.urlpatterns,
]
