GITHUB_APP_TOKEN = "ghs_EFCvEolG0kNwQCiC33uvSQoaVXtvuqQakSVP"  # want "GitHub OAuth or app token"
OAUTH = "gho_hHDJsWCeD9nZxbrKn2b2WRQC400sAz6T56RB"  # want "GitHub OAuth or app token"
FORMAT_DOC = "ghp_1234567890abcdefghijklmnopqrstuvwxyz"  # safe: sequential placeholder
NOT_A_TOKEN = "graphql_ghp_settings"  # safe: the prefix inside a word
