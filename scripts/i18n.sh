#!/usr/bin/env bash
# Extract every translatable string, fill the Bokmål catalogue from locale/translations/*.json
# and the Nynorsk one from locale/translations/nn/*.json (one file per topic, same names), and
# compile. New Bokmål strings get a Nynorsk draft with scripts/draft_nn.py.
# Safe to run at any time; the result depends only on the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG=1
.venv/bin/python manage.py makemessages -l nb -l nn -l en --no-wrap --no-location --ignore=.venv --ignore=.ci --ignore=node_modules --ignore=benchmarks -v0
.venv/bin/python manage.py makemessages -d djangojs -l nb -l nn -l en --no-wrap --no-location --ignore=.venv --ignore=.ci --ignore=node_modules --ignore=staticfiles -v0 || true
.venv/bin/python scripts/fill_po.py locale/nb/LC_MESSAGES/django.po locale/translations/*.json
.venv/bin/python scripts/fill_po.py locale/nn/LC_MESSAGES/django.po locale/translations/nn/*.json
.venv/bin/python manage.py compilemessages -v0 --ignore=.venv
