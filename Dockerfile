# djsec in a container: one static binary on a minimal base.
#
#   docker build -t djsec .
#   docker run --rm -v "$PWD:/src:ro" djsec scan /src
#   docker run --rm djsec probe https://shop.example.com
#
# The binary is built with CGO_ENABLED=0, so it needs no C library; the
# distroless "static" base adds only CA certificates (for probe and
# db update), time zone data and a non-root user.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/djsec ./cmd/djsec

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/djsec /usr/local/bin/djsec
COPY LICENSE /usr/share/doc/djsec/LICENSE
WORKDIR /src
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/djsec"]
CMD ["scan", "/src"]
