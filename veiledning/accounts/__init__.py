"""Signing in: the login with its optional second factor (a TOTP app, with recovery codes)."""
