from django.urls import path

from veiledning.accounts import views

urlpatterns = [
    path("login/", views.login, name="login"),
    path("login/code/", views.login_code, name="login_code"),
    path("account/two-factor/", views.settings_page, name="two_factor"),
    path("account/two-factor/start/", views.start, name="two_factor_start"),
    path("account/two-factor/setup/", views.setup, name="two_factor_setup"),
    path("account/two-factor/off/", views.turn_off, name="two_factor_off"),
    path("account/two-factor/recovery-codes/", views.recovery_codes, name="two_factor_recovery_codes"),
]
