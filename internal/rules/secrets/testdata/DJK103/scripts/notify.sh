#!/bin/sh
curl -X POST -H 'Content-type: application/json' --data '{"text":"deployed"}' https://hooks.slack.com/services/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 # want "Slack incoming-webhook URL"
curl -X POST -d "$PAYLOAD" "$SLACK_WEBHOOK_URL" # safe: variable
