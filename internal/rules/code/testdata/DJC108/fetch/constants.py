FORGE_API_URL = "https://api.forge.example.com/"
FORGE_HOST = "api.forge.example.com"
