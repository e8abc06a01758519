from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Signing in: the login form, its two-factor step and the admins' two-factor settings."""

    name = "veiledning.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
