# System packages the tests need: PostgreSQL server (in the image already), Chromium, gettext.
export DEBIAN_FRONTEND=noninteractive
need=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
# cairo for CairoSVG (the Word report's chart pictures)
ldconfig -p | grep -q "libcairo.so.2 " || need+=(libcairo2)
# pango (with HarfBuzz) and a font for WeasyPrint (the report's PDF); poppler's pdftotext and
# pdfinfo let the tests read the PDFs back
ldconfig -p | grep -q "libpango-1.0.so.0 " || need+=(libpango-1.0-0)
ldconfig -p | grep -q "libpangoft2-1.0.so.0 " || need+=(libpangoft2-1.0-0)
ldconfig -p | grep -q "libharfbuzz-subset.so.0 " || need+=(libharfbuzz-subset0)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# nginx: tests/test_slow_clients.py runs deploy/nginx.conf in front of gunicorn
[ -x /usr/sbin/nginx ] || need+=(nginx-light)
# where the docker client exists without its compose plugin, Debian's docker-compose checks the file
if command -v docker >/dev/null 2>&1 && ! docker compose version >/dev/null 2>&1; then
  command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
fi
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
# axe-core for the accessibility checks in the browser tests (test-only, from npm).
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm install --no-audit --no-fund --no-package-lock --silent >/dev/null
fi
