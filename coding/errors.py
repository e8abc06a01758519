"""The refusals of coding and codebook writes (each a `veiledning.refusals.Refusal`)."""

from django.utils.translation import gettext as _

from veiledning.refusals import Refusal


class CodingError(Refusal):
    """A coding or codebook write refused, with a message for the person."""

    status = 409


class CodeGone(CodingError):
    status = 410


class NotFound(CodingError):
    status = 404


class InvalidInput(CodingError):
    status = 400


class StaleEdit(CodingError):
    status = 409


class CodeInUse(CodingError):
    status = 409


class CodeExists(CodingError):
    status = 409

    def __init__(self, message, existing):
        super().__init__(message)
        self.existing = existing


def code_gone():
    return CodeGone(_("This code no longer exists: it was merged into another code or deleted. "
                      "Reload to see the current codebook."))


def answer_gone():
    return NotFound(_("This answer no longer exists: the survey was imported again or deleted. "
                      "Reload the page."))


def not_codable(name):
    return InvalidInput(_("The code “%(name)s” only groups other codes and cannot be applied to an answer. "
                          "Choose one of the codes under it.") % {"name": name})
