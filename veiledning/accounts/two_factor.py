"""The second factor: a TOTP app (django-otp's TOTPDevice) and ten recovery codes.

An admin turns it on for their own account: `start` makes an unconfirmed device whose secret
the screen shows as a QR code and as text; `confirm` turns it on when a code from the app
matches, and returns the recovery codes, shown once. From then on `verify` checks the code
that signing in asks for after the password (django-axes throttles the failures like wrong
passwords). `turn_off` removes the device and the codes.
"""

import base64
import logging
import secrets

import segno
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from veiledning.accounts.models import RecoveryCode

security_log = logging.getLogger("veiledning.security")
RECOVERY_CODES = 10
ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"  # 12 characters: 60 random bits


def device_for(user, *, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-id").first()


def is_on(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def start(user):
    """A new unconfirmed device for `user` (any earlier unconfirmed one is dropped)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="veiledning", confirmed=False)


def secret_text(device):
    """The secret as an app asks for it when typed: base32 in groups of four."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device):
    """The otpauth:// address as a QR code: an SVG in a data: URI for an <img> (the CSP allows
    data: images; no inline script or style)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def _totp(device, code):
    """One TOTP check with the device row locked (a code is accepted once: django-otp keeps
    the last time step used)."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        return locked.verify_token(code)


def confirm(device, code, *, by):
    """Turn the second factor on if `code` is the app's; returns the new recovery codes or None."""
    if not _is_totp(code) or not _totp(device, code):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=by).exclude(pk=device.pk).delete()
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        codes = new_recovery_codes(by)
    security_log.info("two-factor turned on user=%s", by.pk)
    return codes


def end_other_sessions(user, *, keep):
    """Sign `user` out everywhere but in the session `keep`: once the second factor is on, no
    session that signed in without it stays. Sessions live in the database without an index
    by user, so each live one is read (a working group has a few dozen)."""
    from django.contrib.sessions.models import Session

    ended = [s.pk for s in Session.objects.filter(expire_date__gt=timezone.now()).exclude(session_key=keep).iterator()
             if s.get_decoded().get("_auth_user_id") == str(user.pk)]
    Session.objects.filter(pk__in=ended).delete()


def new_recovery_codes(user):
    """Ten fresh recovery codes for `user` (the old ones stop working), in plain text once."""
    codes = ["".join(secrets.choice(ALPHABET) for _ in range(12)) for _ in range(RECOVERY_CODES)]
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(user=user, lookup=code[:4], digest=make_password(code)) for code in codes)
    return [f"{code[:4]}-{code[4:8]}-{code[8:]}" for code in codes]


def _is_totp(code):
    return len(code) == 6 and code.isdigit()


def _recovery(user, code):
    code = "".join(code.lower().split()).replace("-", "")
    if len(code) != 12 or any(c not in ALPHABET for c in code):
        return False
    with transaction.atomic():
        for candidate in RecoveryCode.objects.select_for_update().filter(user=user, lookup=code[:4],
                                                                          used_at__isnull=True):
            if check_password(code, candidate.digest):
                candidate.used_at = timezone.now()
                candidate.save(update_fields=["used_at"])
                security_log.info("recovery code used user=%s", user.pk)
                return True
    return False


def verify(user, code):
    """The confirmed device if `code` is the app's current code or an unused recovery code."""
    device = device_for(user)
    if device is None:
        return None
    code = (code or "").strip().replace(" ", "")
    ok = _totp(device, code) if _is_totp(code) else _recovery(user, code)
    return device if ok else None


def recovery_codes_left(user):
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def turn_off(user):
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
    security_log.info("two-factor turned off user=%s", user.pk)
