from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language

from veiledning import views

urlpatterns = [
    path("", include("veiledning.accounts.urls")),  # login, its code step, two-factor settings
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(http_method_names=["get", "post"]), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/setlang/", login_not_required(require_http_methods(["GET", "POST"])(set_language)), name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    path("tilgjengelighet/", views.accessibility, name="accessibility"),
    path("", include("surveys.urls")),
    path("", include("coding.urls")),
]

handler403 = "veiledning.views.permission_denied"
