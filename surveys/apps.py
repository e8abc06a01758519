from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Surveys"

    def ready(self):
        from veiledning.roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="surveys.ensure_roles")
