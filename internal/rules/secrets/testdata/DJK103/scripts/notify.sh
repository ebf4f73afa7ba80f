#!/bin/sh
curl -X POST -H 'Content-type: application/json' --data '{"text":"deployed"}' https://hooks.slack.com/services/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 # want "Slack incoming-webhook URL"
curl -X POST -d "$PAYLOAD" "$SLACK_WEBHOOK_URL" # safe: variable
