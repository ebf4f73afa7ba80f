from .static import AppSettings

settings = AppSettings()
