# E5 Sandbox server. The data folder (templates, seats, archives, marks) is a volume: back it up.
#   docker build -t e5-sandbox .
#   docker run -p 8000:8000 -v e5-data:/data e5-sandbox
# Then, once: docker exec -it <container> e5 admin create admin
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 E5_DATA=/data
WORKDIR /app
COPY pyproject.toml README.md ./
COPY sandbox ./sandbox
COPY grading ./grading
COPY contexts ./contexts
COPY subjects ./subjects
RUN pip install --no-cache-dir .
VOLUME ["/data"]
EXPOSE 8000
# Same commands as the test suite runs: bring a volume made by a previous image to this release (idempotent,
# dated backup in /data/sauvegardes first), install the context (idempotent), then serve.
CMD ["sh", "-c", "e5 upgrade && e5 context list | grep -q lin-et-nature || e5 context install contexts/lin-et-nature; exec e5 serve --host 0.0.0.0 --port 8000"]
