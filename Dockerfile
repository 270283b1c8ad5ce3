# syntax=docker/dockerfile:1
# One image per function, chosen by build argument; the image holds only that function's bundle.
#   docker build --build-arg FUNCTION=task -t kind.local/todo-task:dev .
# The bundle (npm run build -> dist/<function>/main.mjs, which loads function.mjs, + its SQL migrations) is self-contained: no
# node_modules in the image. The runtime is distroless Node 24 as user nonroot (65532), no shell.

FROM node:24-bookworm-slim AS build
WORKDIR /src
# patches/ before npm ci: its postinstall applies them to node_modules (patch-package).
COPY package.json package-lock.json ./
COPY patches/ ./patches/
RUN npm ci --no-audit --no-fund
COPY . .
# Every bundle is built once; this layer is shared by the builds of all functions.
RUN npm run build && rm -f dist/*/meta.json

ARG FUNCTION
RUN test -n "${FUNCTION}" || { echo 'build with --build-arg FUNCTION=<function>' >&2; exit 1; }; \
    test -f "dist/${FUNCTION}/main.mjs" || { echo "no bundle dist/${FUNCTION}/main.mjs (no functions/${FUNCTION}/src/main.ts?)" >&2; exit 1; }

FROM gcr.io/distroless/nodejs24-debian12:nonroot
ARG FUNCTION
# HOST: a function listens on loopback unless told otherwise; in a pod it must take the kubelet's
# probes and the mesh's traffic on the pod address (NetworkPolicies decide who reaches it).
ENV NODE_ENV=production \
    SERVICE_NAME=${FUNCTION} \
    HOST=0.0.0.0
WORKDIR /app
# Owned by root and read-only to the app (uid 65532), even where the root file system is writable.
COPY --from=build /src/dist/${FUNCTION}/ ./
USER 65532:65532
EXPOSE 8080
# The image's entrypoint is node, so this runs `node main.mjs`.
CMD ["main.mjs"]
