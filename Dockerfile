# Production image for the `web` and `worker` services of docker-compose.yml.
FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# cairo: the Word report's chart pictures (CairoSVG); pango, HarfBuzz and a font: the report's PDF (WeasyPrint)
RUN apt-get update && apt-get install -y --no-install-recommends gettext libcairo2 libpango-1.0-0 libpangoft2-1.0-0 \
    libharfbuzz-subset0 fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
# Static files are collected into the image and served by WhiteNoise with hashed names.
RUN DEBUG=1 STATICFILES_STORAGE=whitenoise.storage.CompressedManifestStaticFilesStorage \
    python manage.py collectstatic --noinput -v0 && python manage.py compilemessages -v0
RUN useradd --system --uid 10001 veiledning
USER veiledning
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn veiledning.wsgi --preload -b 0.0.0.0:8000 -w ${WEB_WORKERS:-3} --access-logfile - --access-logformat '%(h)s %(m)s %(U)s %(s)s %(L)s'"]
