from django.apps import AppConfig


class CodingConfig(AppConfig):
    name = "coding"
    verbose_name = "Coding"

    def ready(self):
        from coding import hooks
        from surveys.signals import answers_in_use, answers_used_since, import_saved
        from veiledning.downloads import downloaded

        answers_in_use.connect(hooks.answers_with_codings, dispatch_uid="coding.answers_with_codings")
        downloaded.connect(hooks.record_download, dispatch_uid="coding.record_download")
        answers_used_since.connect(hooks.answers_coded_since, dispatch_uid="coding.answers_coded_since")
        import_saved.connect(hooks.link_new_round, dispatch_uid="coding.link_new_round")
        import_saved.connect(hooks.remember_list_facts, dispatch_uid="coding.remember_list_facts")
