#!/bin/sh
curl -H "Authorization: token ghp_nxgwgziLIi4If58KdTSBl8xS6xU2uk46UA7Y" https://api.github.com/repos/shop/shop/releases # want "GitHub personal access token"
curl -H "Authorization: token $GITHUB_TOKEN" https://api.github.com/user # safe: variable
