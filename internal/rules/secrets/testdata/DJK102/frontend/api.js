const token = "ghp_8WMCIkPgAGYNxcTebhjnMomiaKrBlOFAAO2O"; // want "GitHub personal access token"
const ghpages = "ghp_pages_deploy"; // safe: too short
