# E5 Sandbox server. The data folder (templates, seats, archives, marks) is a volume: back it up.
#   docker build -t e5-sandbox .
#   docker run -p 8000:8000 -v e5-data:/data e5-sandbox
# Then, once: docker exec -it <container> e5 admin create admin
# A whole académie (PostgreSQL, two application servers, nginx): compose.yaml and the README.
# Every command below is one the test suite runs too (tests/deploy/test_deploy_files.py says which).
FROM python:3.11-slim-bookworm
# TZ: the console shows and records the machine's time (timers, signatures, activity): a container is in
# UTC unless told, so exam times would show an hour or two off. Another zone: docker run -e TZ=America/Cayenne
# (or E5_TZ in compose's .env); tzdata (below) has every zone.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    E5_DATA=/data E5_WORKERS=2 TZ=Europe/Paris
# The PDF grids and results draw French text with DejaVu Sans (grading/exports/pdf.py loads
# /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf and DejaVuSans-Bold.ttf from Debian's fonts-dejavu-core).
# postgresql-client (15, as compose.yaml's server): e5 upgrade keeps a pg_dump of each database it changes.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core postgresql-client tzdata \
    && rm -rf /var/lib/apt/lists/*
# The server never runs as root: its own user owns the data folder.
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/e5 e5 \
    && mkdir /data /opt/e5-prepared && chown e5:e5 /data /opt/e5-prepared
WORKDIR /app
# Locked versions, every download checked against its hash; then the project alone (its build backend,
# setuptools, is in the lock too: nothing unchecked is fetched).
COPY requirements/runtime.txt requirements/runtime.txt
RUN pip install --require-hashes -r requirements/runtime.txt
COPY pyproject.toml README.md ./
COPY sandbox ./sandbox
COPY grading ./grading
COPY contexts ./contexts
COPY subjects ./subjects
COPY deploy/docker ./deploy/docker
RUN pip install --no-deps --no-build-isolation . && rm -rf build *.egg-info
USER e5
# The reference context and every shipped subject, prepared for the context's reference date when the
# image is built, in a folder of their own (/data stays empty: a PostgreSQL set-up refuses SQLite files).
# A new SQLite volume starts from a copy of it (deploy/docker/prepare-data.sh).
RUN E5_DATA=/opt/e5-prepared sh deploy/docker/prepare-data.sh
VOLUME ["/data"]
EXPOSE 8000
# Cheap: answers without a login once the grading database does (no page rendered).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/sante', timeout=4)"]
# The data folder brought to this release (e5 upgrade: idempotent, dated backup in /data/sauvegardes
# first) and given what it lacks, then E5_WORKERS server processes. Behind nginx set E5_TRUSTED_PROXY to
# its address (compose.yaml does), so that each PC's own address is seen.
CMD ["sh", "-c", "sh deploy/docker/prepare-data.sh && exec e5 serve --host 0.0.0.0 --port 8000 --workers \"$E5_WORKERS\""]
