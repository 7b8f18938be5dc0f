# The one image behind docker-compose.yml's web, worker, beat and one-shot services.

# --- build: compile psycopg2 and the translations, with tools the final image does without
FROM python:3.11-slim-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libpq-dev gettext \
    && rm -rf /var/lib/apt/lists/*
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
WORKDIR /src
# Dependencies first: this layer is rebuilt only when pyproject.toml changes.
COPY pyproject.toml README.md* ./
RUN /opt/venv/bin/pip install .
COPY . .
RUN find . -name '*.po' -path '*/LC_MESSAGES/*' \
    -exec sh -c 'msgfmt --check-format -o "${1%.po}.mo" "$1"' sh {} \;

# --- runtime
FROM python:3.11-slim-bookworm
# libpq for psycopg2; Pango, HarfBuzz and a font for WeasyPrint's PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpq5 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --user-group --home-dir /app --no-create-home reta
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --from=build /src /app
# Static files are collected once, here; the key only lets the settings load (DEBUG off).
# Uploaded files go to the media volume, the only place the application may write.
RUN SECRET_KEY=collectstatic-only-not-a-secret python manage.py collectstatic --noinput \
    && install -d -o reta -g reta /app/.local/media
USER reta
EXPOSE 8000
CMD ["gunicorn", "reta.wsgi:application", "--bind", "0.0.0.0:8000"]
