# Paragraf's image: `paragraf serve` (waitress, static files by WhiteNoise) on port 8000 in the
# production profile; the same image runs `paragraf worker` and `paragraf migrate` (compose.yaml).
#   docker build -t paragraf .
# Settings come from the environment (README, "Settings"): at least SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

RUN useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin paragraf \
    && install -d -o paragraf -g paragraf /data

WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY paragraf ./paragraf
# Every dependency at the version pinned in constraints.txt; all are wheels, no compiler needed.
RUN pip install -c constraints.txt . \
    && rm -rf /app/paragraf /app/build /app/*.egg-info

ENV PARAGRAF_PROFILE=production \
    PARAGRAF_DATA=/data \
    STATIC_ROOT=/app/static
# The static files collected and compressed once, at build time (a key only for loading the settings).
RUN SECRET_KEY=collectstatic-only paragraf manage collectstatic --noinput --verbosity 0

USER paragraf
VOLUME ["/data"]
EXPOSE 8000
# Liveness: the process answers (no database). compose.yaml probes readiness (/readyz) for the web service.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["paragraf", "serve", "--host", "0.0.0.0", "--port", "8000"]
