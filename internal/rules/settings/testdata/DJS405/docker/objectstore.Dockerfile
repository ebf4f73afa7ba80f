FROM quay.io/minio/minio:RELEASE.2025-01-20T14-49-07Z
ENV MINIO_ROOT_USER=bluebell-root
ENV MINIO_ROOT_PASSWORD=bluebell-store-77
CMD ["server", "/data"]
