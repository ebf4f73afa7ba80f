#!/bin/sh
# mirror the published docs into the archive repository
git push https://4471:x-oauth-basic@github.com/example/docs-archive.git main
git push https://Zq81Lm4Vn7Rt2Wk6Jb3Hc9Xp:x-oauth-basic@github.com/example/docs-mirror.git main
