"""Personal data stays out by default (pure): a column that looks like IP addresses, e-mail
addresses, names or phone numbers, or that is empty, is ignored unless the admin keeps it.
`reason(header, values)` says why ("ip", "email", "name", "phone", "empty") or None."""

import re

from django.utils.translation import gettext as _

from surveys.text import name_key

IP_RE = re.compile(r"^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$", re.I)
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^(\+|00)?[\d ()-]{8,16}$")
NAME_HEADERS = {"navn", "name", "fornavn", "etternavn", "first name", "last name", "full name", "fullt navn",
                "respondentnavn", "contact name", "kontaktperson"}
PHONE_HEADERS = {"telefon", "telefonnummer", "tlf", "mobil", "mobilnummer", "phone", "phone number", "mobile"}
EMAIL_HEADERS = {"e-post", "epost", "e-postadresse", "email", "e-mail", "email address", "e-mail address"}
IP_HEADERS = {"ip", "ip-adresse", "ip address", "ip-address"}


def reasons():
    return {
        "ip": _("Looks like IP addresses: personal data, ignored unless you keep it."),
        "email": _("Looks like e-mail addresses: personal data, ignored unless you keep it."),
        "name": _("Looks like people's names: personal data, ignored unless you keep it."),
        "phone": _("Looks like phone numbers: personal data, ignored unless you keep it."),
        "empty": _("The column is empty."),
        "system": _("A column the survey tool adds (dates, times, ids): ignored."),
    }


def _mostly(values, pattern):
    return values and sum(1 for v in values if pattern.match(v)) >= 0.8 * len(values)


def reason(header, values):
    key = name_key(header).strip(" :?*")
    filled = [v.strip() for v in values if v and v.strip()]
    if not filled:
        return "empty"
    for code, words in (("ip", IP_HEADERS), ("email", EMAIL_HEADERS), ("name", NAME_HEADERS),
                        ("phone", PHONE_HEADERS)):
        if key in words:
            return code
    if _mostly(filled, IP_RE) and any("." in v or ":" in v for v in filled):
        return "ip"
    if _mostly(filled, EMAIL_RE):
        return "email"
    if _mostly(filled, PHONE_RE) and all(sum(ch.isdigit() for ch in v) >= 8 for v in filled):
        return "phone"
    return None
