"""Personal data stays out by default (pure): a column that looks like IP addresses, e-mail
addresses, names, phone numbers or national identity numbers, or that is empty, is ignored unless
the admin keeps it. `reason(header, values)` says why ("ip", "email", "name", "phone",
"national_id", "empty") or None. Dates ("2023-06-01", "01.06.2023") are not phone numbers."""

import re
from collections import Counter

from django.utils.translation import gettext as _

from surveys.text import name_key

IP_RE = re.compile(r"^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$", re.I)
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^(\+|00)?[\d ()-]{8,16}$")
NAME_HEADERS = {"navn", "name", "fornavn", "etternavn", "first name", "last name", "full name", "fullt navn",
                "respondentnavn", "contact name", "kontaktperson", "forn", "ettern", "firstname", "lastname",
                "surname", "given name", "family name", "mellomnavn", "respondent name"}
ID_HEADERS = {"fødselsnummer", "fnr", "personnummer", "national id", "national id number", "nin", "ssn",
              "personidentifikator"}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}([t ].*)?$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}( .*)?$", re.I)
ELEVEN_DIGITS_RE = re.compile(r"^\d{11}$")
PHONE_HEADERS = {"telefon", "telefonnummer", "tlf", "mobil", "mobilnummer", "phone", "phone number", "mobile"}
EMAIL_HEADERS = {"e-post", "epost", "e-postadresse", "email", "e-mail", "email address", "e-mail address"}
IP_HEADERS = {"ip", "ip-adresse", "ip address", "ip-address"}


def reasons():
    return {
        "ip": _("Looks like IP addresses: personal data, ignored unless you keep it."),
        "email": _("Looks like e-mail addresses: personal data, ignored unless you keep it."),
        "name": _("Looks like people's names: personal data, ignored unless you keep it."),
        "phone": _("Looks like phone numbers: personal data, ignored unless you keep it."),
        "national_id": _("Looks like national identity numbers: personal data, ignored unless you keep it."),
        "empty": _("The column is empty."),
        "system": _("A column the survey tool adds (dates, times, ids): ignored."),
    }


def reason(header, values):
    key = name_key(header).strip(" :?*")
    filled = [v.strip() for v in values if v and v.strip()]
    if not filled:
        return "empty"
    for code, words in (("ip", IP_HEADERS), ("email", EMAIL_HEADERS), ("name", NAME_HEADERS),
                        ("phone", PHONE_HEADERS), ("national_id", ID_HEADERS)):
        if key in words:
            return code
    return from_values(filled)


SHORT = 64  # no e-mail address, phone number, IP address or identity number is longer


def from_values(filled):
    """Why the filled cells of any column, a question's too, are personal data, or None."""
    if not filled or sum(1 for v in filled if len(v) <= SHORT) < 0.8 * len(filled):
        return None  # mostly longer texts: answers, not contact details (and no pattern to try)
    counted = Counter(filled)  # cells repeat: each distinct value is tried once

    def mostly(pattern, test=None):
        hits = sum(n for v, n in counted.items() if pattern.match(v) and (test is None or test(v)))
        return hits >= 0.8 * len(filled)

    if mostly(ELEVEN_DIGITS_RE, national_id):
        return "national_id"
    if mostly(IP_RE) and any("." in v or ":" in v for v in counted):
        return "ip"
    if mostly(EMAIL_RE):
        return "email"
    if mostly(PHONE_RE) and all(sum(ch.isdigit() for ch in v) >= 8 for v in counted) and not mostly(DATE_RE):
        return "phone"
    return None


def national_id(value):
    """A Norwegian national identity number (fødselsnummer or D-number): 11 digits whose two
    check digits are right."""
    digits = [int(ch) for ch in value]
    if len(digits) != 11:
        return False
    for weights, at in (((3, 7, 6, 1, 8, 9, 4, 5, 2), 9), ((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), 10)):
        check = 11 - sum(w * d for w, d in zip(weights, digits, strict=False)) % 11
        if (0 if check == 11 else check) != digits[at]:
            return False
    return True
