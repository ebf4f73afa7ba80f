import sentry_sdk  # safe: errors go to Sentry

sentry_sdk.init(dsn="https://key@o0.ingest.sentry.io/0")
